"""Building and running a round quickly (pms): many ideas in one go, the rounds that still
take candidates, the ideas a pm finds by title for the picker, and reminding non-voters."""

import logging
from datetime import datetime, timedelta

from sqlalchemy import select

from .. import events
from ..accounts.actors import Viewer
from ..accounts.models import User
from ..accounts.permissions import STAFF, has_role, require_role
from ..extensions import db
from ..platform.db import utcnow
from ..platform.errors import Conflict, NotFound, ValidationFailed
from ..platform.templating import local_time
from ..search.services import search_content
from .models import Candidate, Round, RoundInvitee
from .permissions import get_visible_round
from .services import add_candidate, create_round

log = logging.getLogger(__name__)

MAX_BULK = 100  # a round of more candidates than this is no ballot a person can read
TAKING_CANDIDATES = ("draft", "deliberation")
PICKER_RESULTS = 10


def add_candidates(actor: User, round_id, idea_ids) -> list[Candidate]:
    """Put several ideas into a round at once, each with its figures not known yet. All or
    nothing: the first refusal (a hidden idea, one already in the round, a closed round) is
    raised, and the request's rollback drops the ones added before it."""
    if not isinstance(idea_ids, list) or not idea_ids:
        raise ValidationFailed("Choose at least one idea.", fields={"idea_ids": ["At least one idea."]})
    if len(idea_ids) > MAX_BULK:
        raise ValidationFailed(f"At most {MAX_BULK} ideas at once.", fields={"idea_ids": [f"At most {MAX_BULK}."]})
    if len(set(idea_ids)) != len(idea_ids):
        raise ValidationFailed("An idea appears twice in the list.", fields={"idea_ids": ["Each idea once."]})
    added = [add_candidate(actor, round_id, idea_id) for idea_id in idea_ids]
    log.info("user %s added %s ideas to round %s at once", actor.id, len(added), round_id)
    return added


def rounds_taking_candidates(viewer: Viewer, limit: int = 50) -> list[Round]:
    """Draft and deliberating rounds, newest first: where "Add to round" can put an idea (pms
    only; [] for anyone else, so templates can ask without checking the role first)."""
    if not has_role(viewer, *STAFF):
        return []
    return list(
        db.session.scalars(
            select(Round)
            .where(Round.status.in_(TAKING_CANDIDATES))
            .order_by(Round.created_at.desc(), Round.id.desc())
            .limit(limit)
        )
    )


def find_candidates(viewer: Viewer, round_: Round, q: str) -> list[dict]:
    """Visible ideas matching `q` by the site's search, each marked when it is already in
    `round_`; the picker's answer (any idea, not only the popular ones)."""
    if not (q or "").strip():
        return []
    result = search_content(viewer, q[:200], kind="ideas", per_page=PICKER_RESULTS)
    taken = {c.idea_id for c in round_.candidates}
    return [{**item, "in_round": item["id"] in taken} for item in result.items]


REMIND_EVERY = timedelta(hours=24)


def remind_again_at(round_: Round) -> datetime | None:
    """When the next reminder is allowed, while the last one is less than a day old; else None."""
    if round_.reminded_at is None or utcnow() - round_.reminded_at >= REMIND_EVERY:
        return None
    return round_.reminded_at + REMIND_EVERY


def remind_non_voters(actor: User, round_id) -> Round:
    """Remind the eligible people who have not voted (the closing-soon reminder's message and
    recipients), at most once a day per round: 409 `reminded_recently` otherwise."""
    require_role(actor, *STAFF, action="remind_voters")
    round_ = get_visible_round(actor, round_id, for_update=True)
    if round_.status != "voting":
        raise Conflict("Only a round open for voting has people to remind.", code="invalid_transition")
    again = remind_again_at(round_)
    if again is not None:
        raise Conflict(
            "Those who have not voted were reminded less than a day ago; "
            f"you can remind them again from {local_time(again)}.",
            code="reminded_recently",
        )
    round_.reminded_at = utcnow()
    db.session.flush()
    events.round_reminder_requested.send(round_, actor=actor)
    log.info("user %s reminded the non-voters of round %s", actor.id, round_.id)
    return round_


COPY_PREFIX = "Copy of "


def duplicate_round(actor: User, round_id) -> tuple[Round, list[str]]:
    """A new draft with the same settings and candidates (their impact data copied, its
    history starting afresh). The schedule is left empty: the old times have likely passed.
    Ideas that can no longer be candidates (shipped, declined, merged, hidden) are left out;
    their titles are returned so the pm is told."""
    require_role(actor, *STAFF, action="duplicate_round")
    source = get_visible_round(actor, round_id)
    invitees = list(db.session.scalars(select(RoundInvitee.user_id).where(RoundInvitee.round_id == source.id)))
    copy = create_round(
        actor,
        title=(COPY_PREFIX + source.title)[:140],
        description=source.description,
        method=source.method,
        budget=source.budget,
        weights=source.weights,
        results_visibility=source.results_visibility,
        eligibility=source.eligibility,
        quorum={"customer": source.quorum_customer, "employee": source.quorum_employee},
        invitees=invitees,
    )
    left_out = []
    for candidate in source.candidates:
        try:
            add_candidate(actor, copy.id, candidate.idea_id, candidate.impact)
        except (Conflict, NotFound):  # refused before anything was written for this idea
            left_out.append(candidate.idea.title)
    log.info("user %s duplicated round %s as %s", actor.id, source.id, copy.id)
    return copy, left_out
