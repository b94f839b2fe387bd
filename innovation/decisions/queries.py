"""Read models for round pages and the API."""

from sqlalchemy import func, select

from ..accounts.actors import Viewer
from ..extensions import db
from ..platform.pagination import Page, paginate
from .models import Ballot, ImpactRevision, Outcome, Round
from .permissions import visible_rounds_clause

STATUS_ORDER = ("voting", "deliberation", "draft", "closed", "decided")


def rounds_page(viewer: Viewer, *, status: str = "", page: int = 1, per_page: int = 20) -> Page[Round]:
    conditions = [visible_rounds_clause(viewer)]
    if status:
        conditions.append(Round.status == status)
    total = db.session.scalar(select(func.count()).select_from(Round).where(*conditions))
    return paginate(
        select(Round).where(*conditions).order_by(Round.created_at.desc(), Round.id.desc()), page, per_page, total=total
    )


def impact_history(candidate_ids: list[int]) -> dict[int, list[ImpactRevision]]:
    history: dict[int, list[ImpactRevision]] = {cid: [] for cid in candidate_ids}
    if candidate_ids:
        for revision in db.session.scalars(
            select(ImpactRevision)
            .where(ImpactRevision.candidate_id.in_(candidate_ids))
            .order_by(ImpactRevision.version)
        ):
            history[revision.candidate_id].append(revision)
    return history


def ballot_count(round_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(Ballot).where(Ballot.round_id == round_id))


def outcome_of(round_id: int) -> Outcome | None:
    return db.session.scalar(select(Outcome).where(Outcome.round_id == round_id))


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
    gaps = [
        {
            "candidate_id": cid,
            "customer_rank": customer[cid],
            "employee_rank": employee.get(cid),
            "gap": abs(customer[cid] - employee.get(cid, customer[cid])),
        }
        for cid in customer
    ]
    return sorted((g for g in gaps if g["gap"] > 0), key=lambda g: (-g["gap"], g["candidate_id"]))[:limit]
