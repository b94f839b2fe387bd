"""Rounds, candidates, ballots and outcomes (moved here from decisions/queries.py: only the API
shows them as JSON; the pages read the models)."""

from typing import cast

from ...decisions.ballots import changed_since_ballot
from ...decisions.impact import derived
from ...decisions.outcomes import vote_recommends_adoption
from ...decisions.permissions import results_visible
from ...decisions.queries import ballot_count, impact_history, turnout
from ...platform.db import iso
from ..schemas.amendments import OutcomeAmendment
from ..schemas.rounds import BallotReceipt, Candidate, Derived, Outcome, Round, RoundTurnout


def candidate_json(candidate, history: list) -> Candidate:
    """`history`: the candidate's `ImpactRevision`s, oldest first (`decisions.queries.impact_history`)."""
    return {
        "id": candidate.id,
        "idea": {"id": candidate.idea.id, "title": candidate.idea.title},
        "impact": candidate.impact,
        "impact_version": candidate.impact_version,
        # `decisions.impact.derived` (a feature, which cannot name the API's types) gives exactly these keys.
        "derived": cast(Derived, derived(candidate.impact)),
        "impact_history": [
            {
                "version": r.version,
                "changed_at": iso(r.changed_at),
                "changed_by": r.changed_by.name if r.changed_by else None,
                "changes": r.changes,
            }
            for r in history
        ],
    }


def one_candidate_json(candidate) -> Candidate:
    return candidate_json(candidate, impact_history([candidate.id])[candidate.id])


def round_json(round_) -> Round:
    """The round as the API shows it: while results are hidden, no count but the turnout."""
    history = impact_history([c.id for c in round_.candidates])
    data: Round = {
        "id": round_.id,
        "title": round_.title,
        "description": round_.description,
        "description_html": round_.description_html,
        "method": round_.method,
        "budget": round_.budget,
        "weights": round_.weights,
        "results_visibility": round_.results_visibility,
        "eligibility": round_.eligibility,
        "status": round_.status,
        "quorum": {"customer": round_.quorum_customer, "employee": round_.quorum_employee},
        "voting_opens_at": iso(round_.voting_opens_at),
        "closes_at": iso(round_.closes_at),
        "opened_at": iso(round_.opened_at),
        "closed_at": iso(round_.closed_at),
        "decided_at": iso(round_.decided_at),
        "created_at": iso(round_.created_at),
        "export_sha256": round_.export_sha256,
        "candidates": [candidate_json(c, history[c.id]) for c in round_.candidates],
        "turnout": cast(RoundTurnout, turnout(round_.id)),  # exactly these three keys
    }
    if results_visible(round_):
        data["ballot_count"] = ballot_count(round_.id)
    return data


def ballot_json(ballot, round_) -> BallotReceipt:
    changed = changed_since_ballot(ballot, round_.candidates)
    return {
        "receipt": ballot.receipt,
        "round_id": round_.id,
        "ballot": ballot.content,
        "reason": ballot.reason,
        "cast_at": iso(ballot.cast_at),
        "impact_changed_since": [c.id for c in changed],
    }


def outcome_json(round_, outcome) -> Outcome:
    recommended = vote_recommends_adoption(round_)
    titles = {c.id: c.idea.title for c in round_.candidates}
    return {
        "round_id": round_.id,
        "summary": outcome.summary,
        "summary_html": outcome.summary_html,
        "published_at": iso(outcome.published_at),
        "published_by": outcome.published_by.name if outcome.published_by else None,
        "decisions": [
            {
                "candidate_id": d.candidate_id,
                "title": titles.get(d.candidate_id),
                "decision": d.decision,
                "rationale": d.rationale,
                "followed_vote": d.followed_vote,
                "vote_recommended": "adopt" if d.candidate_id in recommended else "not_adopt",
            }
            for d in outcome.decisions
        ],
        "amendments": [amendment_json(a) for a in outcome.amendments],
    }


def amendment_json(amendment) -> OutcomeAmendment:
    return {
        "id": amendment.id,
        "amended_at": iso(amendment.amended_at),
        "amended_by": amendment.amended_by.name if amendment.amended_by else None,
        "note": amendment.note,
        "before": amendment.before,
        "after": amendment.after,
    }
