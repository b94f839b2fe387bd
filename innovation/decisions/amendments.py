"""Amending a published outcome: the pm changes decisions, rationales or the summary with a note
saying what changed and why. The earlier outcome stays visible in the amendment history, idea
statuses follow the new decisions, and everyone told about the outcome is told again."""

import logging

from .. import events
from ..accounts.models import User
from ..accounts.permissions import STAFF, require_role
from ..extensions import db
from ..ideas.models import StatusChange
from ..platform.errors import Conflict, ValidationFailed
from ..platform.input import text_problem
from ..platform.markdown import render_markdown
from .models import Outcome, OutcomeAmendment, Round
from .outcomes import IDEA_STATUS_AFTER, clean_decisions
from .permissions import get_visible_round
from .queries import outcome_of

log = logging.getLogger(__name__)

NOTE_MAX = 5000


def outcome_state(outcome: Outcome) -> dict:
    """What an amendment records before and after: the summary and every decision."""
    return {
        "summary": outcome.summary,
        "decisions": [
            {"candidate_id": d.candidate_id, "decision": d.decision, "rationale": d.rationale}
            for d in outcome.decisions
        ],
    }


def _note(note) -> str:
    if not isinstance(note, str) or not note.strip():
        raise ValidationFailed("Say what changed and why.", code="note_required", fields={"note": ["Required."]})
    problem = text_problem(note, multiline=True)
    if problem or len(note) > NOTE_MAX:
        raise ValidationFailed(
            f"The note {problem or f'is longer than {NOTE_MAX:,} characters'}.", fields={"note": ["Text."]}
        )
    return note.strip()


def amend_outcome(actor: User, round_id, note, decisions, summary=None) -> OutcomeAmendment:
    """Change a decided round's outcome (pms); `summary` None keeps it. 409 unless decided,
    422 when nothing changes or a departure from the vote lacks a rationale."""
    require_role(actor, *STAFF, action="amend_outcome")
    round_ = get_visible_round(actor, round_id, for_update=True)
    outcome = outcome_of(round_.id) if round_.status == "decided" else None
    if outcome is None:
        raise Conflict("Only a published outcome can be amended.", code="invalid_transition")
    note = _note(note)
    if summary is not None and (not isinstance(summary, str) or not summary.strip() or len(summary) > 20_000):
        raise ValidationFailed("Write a summary of the outcome.", fields={"summary": ["Required."]})
    clean = {item["candidate_id"]: item for item in clean_decisions(round_, decisions)}
    before = outcome_state(outcome)
    previous = {d.candidate_id: d.decision for d in outcome.decisions}
    if summary is not None and summary.strip() != outcome.summary:
        outcome.summary, outcome.summary_html = summary.strip(), render_markdown(summary)
    for row in outcome.decisions:
        item = clean[row.candidate_id]
        row.decision, row.rationale, row.followed_vote = item["decision"], item["rationale"], item["followed_vote"]
    after = outcome_state(outcome)
    if after == before:
        raise ValidationFailed("Nothing changed: change a decision, a rationale or the summary.", code="no_change")
    _follow_statuses(actor, round_, outcome, previous, note)
    amendment = OutcomeAmendment(outcome_id=outcome.id, amended_by_id=actor.id, note=note, before=before, after=after)
    db.session.add(amendment)
    db.session.flush()
    events.outcome_amended.send(round_, actor=actor, outcome=outcome, amendment=amendment)
    log.info("user %s amended the outcome of round %s", actor.id, round_.id)
    return amendment


def _follow_statuses(actor: User, round_: Round, outcome: Outcome, previous: dict[int, str], note: str) -> None:
    """Ideas whose decision changed take the status the new decision gives — unless the idea
    has moved on since (it no longer has the status the old decision gave it)."""
    candidates = {c.id: c for c in round_.candidates}
    for row in outcome.decisions:
        old, new = previous.get(row.candidate_id), row.decision
        idea = candidates[row.candidate_id].idea
        if old == new or idea.status != IDEA_STATUS_AFTER.get(old or ""):
            continue
        status = IDEA_STATUS_AFTER[new]
        db.session.add(
            StatusChange(
                idea_id=idea.id,
                actor_id=actor.id,
                old_status=idea.status,
                new_status=status,
                note=f"Decision amended in round “{round_.title}”: {old} → {new}. {note}".strip(),
            )
        )
        idea.status = status
