"""Read models for round pages and the API."""
from sqlalchemy import func, select

from ..accounts.actors import Viewer
from ..extensions import db
from ..platform.db import iso
from ..platform.pagination import Page, paginate
from .impact import derived
from .models import Ballot, Candidate, ImpactRevision, Outcome, Round
from .outcomes import vote_recommends_adoption
from .permissions import results_visible, visible_rounds_clause

STATUS_ORDER = ("voting", "deliberation", "draft", "closed", "decided")


def rounds_page(viewer: Viewer, *, status: str = "", page: int = 1, per_page: int = 20) -> Page[Round]:
    conditions = [visible_rounds_clause(viewer)]
    if status:
        conditions.append(Round.status == status)
    total = db.session.scalar(select(func.count()).select_from(Round).where(*conditions))
    return paginate(select(Round).where(*conditions).order_by(Round.created_at.desc(), Round.id.desc()),
                    page, per_page, total=total)


def impact_history(candidate_ids: list[int]) -> dict[int, list[ImpactRevision]]:
    history: dict[int, list[ImpactRevision]] = {cid: [] for cid in candidate_ids}
    if candidate_ids:
        for revision in db.session.scalars(select(ImpactRevision).where(ImpactRevision.candidate_id.in_(candidate_ids))
                                           .order_by(ImpactRevision.version)):
            history[revision.candidate_id].append(revision)
    return history


def candidate_json(candidate: Candidate, history: list[ImpactRevision]) -> dict:
    return {
        "id": candidate.id,
        "idea": {"id": candidate.idea.id, "title": candidate.idea.title},
        "impact": candidate.impact,
        "impact_version": candidate.impact_version,
        "derived": derived(candidate.impact),
        "impact_history": [{"version": r.version, "changed_at": iso(r.changed_at),
                            "changed_by": r.changed_by.name if r.changed_by else None,
                            "changes": r.changes} for r in history],
    }


def ballot_count(round_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(Ballot).where(Ballot.round_id == round_id))


def round_json(round_: Round) -> dict:
    """The round as the API shows it: no count of any kind while results are hidden."""
    history = impact_history([c.id for c in round_.candidates])
    data = {
        "id": round_.id, "title": round_.title, "description": round_.description,
        "description_html": round_.description_html, "method": round_.method, "budget": round_.budget,
        "weights": round_.weights, "results_visibility": round_.results_visibility,
        "eligibility": round_.eligibility, "status": round_.status,
        "quorum": {"customer": round_.quorum_customer, "employee": round_.quorum_employee},
        "voting_opens_at": iso(round_.voting_opens_at), "closes_at": iso(round_.closes_at),
        "opened_at": iso(round_.opened_at), "closed_at": iso(round_.closed_at), "decided_at": iso(round_.decided_at),
        "created_at": iso(round_.created_at), "export_sha256": round_.export_sha256,
        "candidates": [candidate_json(c, history[c.id]) for c in round_.candidates],
    }
    if results_visible(round_):
        data["ballot_count"] = ballot_count(round_.id)
    return data


def outcome_of(round_id: int) -> Outcome | None:
    return db.session.scalar(select(Outcome).where(Outcome.round_id == round_id))


def outcome_json(round_: Round, outcome: Outcome) -> dict:
    recommended = vote_recommends_adoption(round_)
    titles = {c.id: c.idea.title for c in round_.candidates}
    return {
        "round_id": round_.id, "summary": outcome.summary, "summary_html": outcome.summary_html,
        "published_at": iso(outcome.published_at),
        "published_by": outcome.published_by.name if outcome.published_by else None,
        "decisions": [{"candidate_id": d.candidate_id, "title": titles.get(d.candidate_id), "decision": d.decision,
                       "rationale": d.rationale, "followed_vote": d.followed_vote,
                       "vote_recommended": "adopt" if d.candidate_id in recommended else "not_adopt"}
                      for d in outcome.decisions],
    }


def disagreements(result: dict, limit: int = 5) -> list[dict]:
    """Candidates whose ranks differ most between customers and employees."""
    def positions(ranking):
        places = {}
        for place, tier in enumerate(ranking, start=1):
            for cid in tier:
                places[cid] = place
        return places

    parts = result.get("by_constituency") or {}
    if not all(result.get("turnout", {}).get(c) for c in ("customer", "employee")):
        return []
    customer, employee = positions(parts["customer"]["ranking"]), positions(parts["employee"]["ranking"])
    gaps = [{"candidate_id": cid, "customer_rank": customer[cid], "employee_rank": employee.get(cid),
             "gap": abs(customer[cid] - employee.get(cid, customer[cid]))} for cid in customer]
    return sorted((g for g in gaps if g["gap"] > 0), key=lambda g: (-g["gap"], g["candidate_id"]))[:limit]
