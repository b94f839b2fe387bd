"""Publishing a round's outcome: each decision next to the vote, with a rationale when it departs."""

import logging

from .. import events
from ..accounts.models import User
from ..accounts.permissions import STAFF, require_role
from ..extensions import db
from ..ideas.models import StatusChange
from ..platform.db import utcnow
from ..platform.errors import Conflict, NotFound, ValidationFailed
from ..platform.markdown import render_markdown
from .models import DECISIONS, Outcome, OutcomeDecision, Round
from .permissions import get_visible_round
from .transitions import transition

log = logging.getLogger(__name__)

IDEA_STATUS_AFTER = {"adopt": "planned", "decline": "declined", "defer": "under_review"}


def vote_recommends_adoption(round_: Round) -> set[int]:
    """Candidates the vote recommends: funded (budget) or the combined winners (other methods)."""
    result = round_.result or {}
    if round_.method == "budget":
        return set(result.get("funded") or [])
    return set((result.get("combined") or {}).get("winners") or [])


def clean_decisions(round_: Round, raw) -> list[dict]:
    """One checked decision per candidate; a departure from the vote needs a rationale."""
    if not isinstance(raw, list) or not raw:
        raise ValidationFailed("`decisions` lists one decision per candidate.", fields={"decisions": ["Required."]})
    candidates = {c.id: c for c in round_.candidates}
    recommended = vote_recommends_adoption(round_)
    seen, clean = set(), []
    for item in raw:
        if not isinstance(item, dict):
            raise ValidationFailed("Each decision is an object.", fields={"decisions": ["Objects."]})
        cid, decision, rationale = item.get("candidate_id"), item.get("decision"), item.get("rationale") or ""
        if cid not in candidates:
            raise NotFound(f"No such candidate in this round: {cid!r}.", fields={"decisions": ["Unknown."]})
        if cid in seen:
            raise ValidationFailed(f"Candidate {cid} is decided twice.", fields={"decisions": ["Repeated."]})
        if decision not in DECISIONS:
            raise ValidationFailed(
                "A decision is adopt, defer or decline.", fields={"decisions": ["Unknown decision."]}
            )
        if not isinstance(rationale, str) or len(rationale) > 5000:
            raise ValidationFailed("A rationale is text.", fields={"decisions": ["Text."]})
        followed = (decision == "adopt") == (cid in recommended)
        if not followed and not rationale.strip():
            title = candidates[cid].idea.title
            raise ValidationFailed(
                f"“{title}”: this decision departs from the vote, so it needs a rationale.",
                code="rationale_required",
                fields={"decisions": ["Rationale required."]},
            )
        seen.add(cid)
        clean.append(
            {"candidate_id": cid, "decision": decision, "rationale": rationale.strip(), "followed_vote": followed}
        )
    missing = set(candidates) - seen
    if missing:
        raise Conflict(
            f"Decide every candidate; missing: {sorted(missing)}.",
            code="candidates_missing",
            fields={"decisions": ["Missing candidates."]},
        )
    return clean


def publish_outcome(actor: User, round_id, summary, decisions) -> Outcome:
    """Publish the pm's decisions; idea statuses follow (adopt → planned, decline → declined,
    defer → under review) and the round becomes `decided`."""
    require_role(actor, *STAFF, action="publish_outcome")
    round_ = get_visible_round(actor, round_id, for_update=True)
    if round_.status != "closed":
        raise Conflict(
            "Outcomes are published for closed rounds, once."
            if round_.status == "decided"
            else "Close the round before publishing its outcome.",
            code="invalid_transition",
        )
    if not isinstance(summary, str) or not summary.strip() or len(summary) > 20_000:
        raise ValidationFailed("Write a summary of the outcome.", fields={"summary": ["Required."]})
    clean = clean_decisions(round_, decisions)
    outcome = Outcome(
        round_id=round_.id, summary=summary.strip(), summary_html=render_markdown(summary), published_by_id=actor.id
    )
    outcome.decisions = [OutcomeDecision(**item) for item in clean]
    db.session.add(outcome)
    candidates = {c.id: c for c in round_.candidates}
    for item in clean:
        idea = candidates[item["candidate_id"]].idea
        new_status = IDEA_STATUS_AFTER[item["decision"]]
        if idea.status != new_status:
            db.session.add(
                StatusChange(
                    idea_id=idea.id,
                    actor_id=actor.id,
                    old_status=idea.status,
                    new_status=new_status,
                    note=f"Decided in round “{round_.title}”: {item['decision']}. {item['rationale']}".strip(),
                )
            )
            idea.status = new_status
    transition(round_, "closed", "decided", decided_at=utcnow())
    events.outcome_published.send(round_, actor=actor, outcome=outcome)
    log.info("user %s published the outcome of round %s", actor.id, round_.id)
    return outcome
