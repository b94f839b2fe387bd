"""Round services: create, candidates and impact data, lifecycle transitions (pms only)."""

import logging
from datetime import datetime

from sqlalchemy import select

from .. import events
from ..accounts.actors import Actor, is_system
from ..accounts.models import User
from ..accounts.permissions import STAFF, require_role
from ..extensions import db
from ..ideas.permissions import audience_of, get_visible_idea
from ..ideas.services import clean_title
from ..platform.db import utcnow
from ..platform.errors import Conflict, NotFound, ValidationFailed
from ..platform.locking import lock_row
from ..platform.markdown import render_markdown
from .impact import check_ranges, clean_impact
from .models import (
    ELIGIBILITY,
    METHODS,
    RESULTS_VISIBILITY,
    Candidate,
    ImpactRevision,
    Round,
    RoundInvitee,
)
from .permissions import get_visible_round
from .readiness import NEEDED_FIGURES, clears_needed_figure, require_ready
from .transitions import transition

log = logging.getLogger(__name__)


def _weights(raw) -> tuple[float, float]:
    raw = {"customer": 0.5, "employee": 0.5} if raw is None else raw
    if not isinstance(raw, dict) or set(raw) != {"customer", "employee"}:
        raise ValidationFailed("Weights name exactly `customer` and `employee`.", fields={"weights": ["Both keys."]})
    values = []
    for key in ("customer", "employee"):
        value = raw[key]
        if value < 0 or value != value:
            raise ValidationFailed("Weights are non-negative numbers.", fields={"weights": ["Non-negative."]})
        values.append(float(value))
    if abs(sum(values) - 1.0) > 1e-9:
        raise ValidationFailed("Weights must add up to 1.", fields={"weights": ["Sum to 1."]})
    return values[0], values[1]


def _when(raw, name: str) -> datetime | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, datetime):
        value = raw
    else:
        try:
            value = datetime.fromisoformat(str(raw).replace("Z", "+00:00"))
        except ValueError as exc:
            raise ValidationFailed(f"`{name}` must be an ISO 8601 time.", fields={name: ["ISO 8601."]}) from exc
    if value.tzinfo is None:
        raise ValidationFailed(f"`{name}` needs a time zone (e.g. Z).", fields={name: ["Add a time zone."]})
    return value


def _quorum(raw, name: str) -> int | None:
    if raw in (None, ""):
        return None
    if raw < 0:
        raise ValidationFailed("A quorum is a whole number of ballots.", fields={name: ["Whole number."]})
    return raw


def create_round(
    actor: User,
    *,
    title,
    description="",
    method,
    budget=None,
    weights=None,
    results_visibility="after_close",
    eligibility="everyone",
    voting_opens_at=None,
    closes_at=None,
    quorum=None,
    invitees=None,
) -> Round:
    """A new round in `draft` (pms)."""
    require_role(actor, *STAFF, action="create_round")
    title = clean_title(title)  # the same rule as ideas
    if not isinstance(description, str) or len(description) > 20_000:
        raise ValidationFailed(
            "The description is text (at most 20,000 characters).", fields={"description": ["Text."]}
        )
    if method not in METHODS:
        raise ValidationFailed(f"Method is one of {', '.join(METHODS)}.", fields={"method": ["Unknown method."]})
    if method == "budget":
        if budget is None or not 0 < budget < 1e13:
            raise ValidationFailed("Budget rounds need a positive budget.", fields={"budget": ["Positive number."]})
    elif budget is not None:
        raise ValidationFailed("Only budget rounds have a budget.", fields={"budget": ["Only for budget rounds."]})
    if results_visibility not in RESULTS_VISIBILITY:
        raise ValidationFailed("Results are shown `after_close` or `live`.", fields={"results_visibility": ["?"]})
    if eligibility not in ELIGIBILITY:
        raise ValidationFailed(f"Eligibility is one of {', '.join(ELIGIBILITY)}.", fields={"eligibility": ["?"]})
    customer_weight, employee_weight = _weights(weights)
    opens, closes = _when(voting_opens_at, "voting_opens_at"), _when(closes_at, "closes_at")
    if opens and closes and closes <= opens:
        raise ValidationFailed("The round must close after it opens.", fields={"closes_at": ["After opening."]})
    quorum = quorum or {}
    if not isinstance(quorum, dict):
        raise ValidationFailed("`quorum` is an object per constituency.", fields={"quorum": ["An object."]})
    round_ = Round(
        title=title,
        description=description.strip(),
        description_html=render_markdown(description),
        method=method,
        budget=float(budget) if budget is not None else None,
        weight_customer=customer_weight,
        weight_employee=employee_weight,
        results_visibility=results_visibility,
        eligibility=eligibility,
        quorum_customer=_quorum(quorum.get("customer"), "quorum"),
        quorum_employee=_quorum(quorum.get("employee"), "quorum"),
        voting_opens_at=opens,
        closes_at=closes,
        created_by_id=actor.id,
    )
    db.session.add(round_)
    db.session.flush()
    if eligibility == "invited":
        set_invitees(actor, round_, invitees or [])
    events.round_created.send(round_, actor=actor)
    log.info("user %s created round %s (%s)", actor.id, round_.id, method)
    return round_


def set_invitees(actor: User, round_: Round, user_ids) -> None:
    require_role(actor, *STAFF, action="set_invitees")
    found = set(db.session.scalars(select(User.id).where(User.id.in_(user_ids))))
    missing = set(user_ids) - found
    if missing:
        raise NotFound(f"No such users: {sorted(missing)}.", fields={"invitees": ["Unknown user."]})
    db.session.query(RoundInvitee).filter_by(round_id=round_.id).delete()
    db.session.add_all(RoundInvitee(round_id=round_.id, user_id=uid) for uid in sorted(found))
    db.session.flush()


def _editable_round(actor: User, round_id) -> Round:
    require_role(actor, *STAFF, action="edit_round")
    round_ = get_visible_round(actor, round_id, for_update=True)
    if round_.status in ("closed", "decided"):
        raise Conflict("This round is closed; its candidates and numbers are final.", code="round_closed")
    return round_


def add_candidate(actor: User, round_id, idea_id, impact=None) -> Candidate:
    """Put an idea into a round with its impact data; the idea's status becomes `in_round`."""
    round_ = _editable_round(actor, round_id)
    if round_.status == "voting":
        raise Conflict("Candidates cannot be added once voting has started.", code="round_voting")
    idea = get_visible_idea(actor, idea_id)
    if idea.status in ("merged", "declined", "shipped"):
        raise Conflict(f"A {idea.status} idea cannot be a candidate.")
    if audience_of(idea) == "internal" and round_.eligibility != "employees":
        raise Conflict("Internal ideas can only be candidates in rounds for employees.", code="internal_idea")
    if db.session.scalar(select(Candidate.id).where(Candidate.round_id == round_.id, Candidate.idea_id == idea.id)):
        raise Conflict("This idea is already a candidate in this round.", code="duplicate_candidate")
    values = clean_impact(impact)
    check_ranges(values)
    candidate = Candidate(round_id=round_.id, idea_id=idea.id, previous_idea_status=idea.status, **values)
    db.session.add(candidate)
    idea.status = "in_round"
    db.session.flush()
    db.session.add(
        ImpactRevision(
            candidate_id=candidate.id,
            version=1,
            changed_by_id=actor.id,
            changes={k: [None, v] for k, v in values.items()},
        )
    )
    db.session.flush()
    log.info("user %s added idea %s to round %s", actor.id, idea.id, round_.id)
    return candidate


def update_impact(actor: User, round_id, candidate_id, impact) -> Candidate:
    """Change impact data; the old values stay in the visible history, voters are told."""
    round_ = _editable_round(actor, round_id)
    candidate = db.session.get(Candidate, candidate_id) if isinstance(candidate_id, int) else None
    if candidate is None or candidate.round_id != round_.id:
        raise NotFound("No such candidate in this round.")
    changes_in = impact.get("impact", impact) if isinstance(impact, dict) else impact
    values = clean_impact(changes_in, partial=True)
    cleared = clears_needed_figure(round_, values)
    if cleared:
        raise Conflict(
            f"Voting has started: {NEEDED_FIGURES[cleared]} can be corrected but not made unknown.",
            code="figure_needed",
            fields={cleared: ["Needed while voting."]},
        )
    merged = {**candidate.impact, **values}
    check_ranges(merged)
    changes = {k: [getattr(candidate, k), v] for k, v in values.items() if getattr(candidate, k) != v}
    if not changes:
        return candidate
    for key, (_old, new) in changes.items():
        setattr(candidate, key, new)
    candidate.impact_version += 1
    db.session.add(
        ImpactRevision(
            candidate_id=candidate.id, version=candidate.impact_version, changed_by_id=actor.id, changes=changes
        )
    )
    db.session.flush()
    events.impact_changed.send(candidate, actor=actor, round=round_, changes=changes)
    log.info("user %s changed impact of candidate %s (v%s)", actor.id, candidate.id, candidate.impact_version)
    return candidate


def start_deliberation(actor: User, round_id) -> Round:
    round_ = _editable_round(actor, round_id)
    if round_.status != "draft":
        raise Conflict("Only a draft round can move to deliberation.", code="invalid_transition")
    transition(round_, "draft", "deliberation", deliberation_started_at=utcnow())
    events.round_deliberation_started.send(round_, actor=actor)
    return round_


def open_round(actor: Actor, round_id: int) -> Round:
    """Start voting (pms, or SYSTEM: the scheduler at `voting_opens_at`)."""
    require_role(actor, *STAFF, action="open_round")
    round_ = lock_row(Round, round_id) if is_system(actor) else _editable_round(actor, round_id)
    if round_ is None:
        raise NotFound("No such round.")
    if round_.status not in ("draft", "deliberation"):
        raise Conflict(f"A {round_.status} round cannot be opened.", code="invalid_transition")
    require_ready(round_)
    transition(round_, round_.status, "voting", opened_at=utcnow())
    events.round_opened.send(round_, actor=actor)
    log.info("round %s opened for voting", round_.id)
    return round_


def refuse_hiding_candidates(idea, **_) -> None:
    """(On `idea_narrowing`.) An idea that customers can vote on, or have voted on, stays
    public: making it internal would hide the round, its ballots and its outcome from the
    people who took part."""
    title = db.session.scalar(
        select(Round.title)
        .join(Candidate, Candidate.round_id == Round.id)
        .where(Candidate.idea_id == idea.id, Round.eligibility != "employees")
        .order_by(Round.id)
        .limit(1)
    )
    if title is not None:
        raise Conflict(
            f"This idea is a candidate in the round “{title}”, which customers take part in; it stays public.",
            code="candidate_in_round",
        )
