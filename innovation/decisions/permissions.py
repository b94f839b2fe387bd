"""Who sees a round and who may vote in it."""

from sqlalchemy import and_, exists, false, select, true

from ..accounts.models import employee_side_clause
from ..accounts.permissions import STAFF, has_role
from ..extensions import db
from ..ideas.models import Idea
from ..ideas.permissions import internal_ideas_clause, is_signed_in, sees_internal
from ..platform.errors import NotFound
from ..platform.locking import MAX_ID, lock_row
from .models import Candidate, Round, RoundInvitee


def _has_internal_candidate():
    return exists(
        select(Candidate.id)
        .join(Idea, Idea.id == Candidate.idea_id)
        .where(Candidate.round_id == Round.id, internal_ideas_clause())
    )


def round_audience(round_: Round) -> str:
    """A round is as open as its most restricted candidate: "internal" as soon as one candidate
    idea is internal (then only the employee side sees it), else "public"."""
    internal = db.session.scalar(
        select(Candidate.id)
        .join(Idea, Idea.id == Candidate.idea_id)
        .where(Candidate.round_id == round_.id, internal_ideas_clause())
        .limit(1)
    )
    return "public" if internal is None else "internal"


def round_audience_clause(round_: Round, user_model=None):
    """SQL condition on users: who may see `round_` at all (who may hear about it)."""
    return employee_side_clause(user_model) if round_audience(round_) == "internal" else true()


def can_manage_rounds(user) -> bool:
    """Product managers (and admins) create, open, close and decide rounds."""
    return has_role(user, *STAFF)


def visible_rounds_clause(user):
    """Drafts are for pms; rounds about internal ideas are for employees; the rest is public."""
    if has_role(user, *STAFF):
        return true()
    clause = Round.status != "draft"
    if not sees_internal(user):
        clause = and_(clause, ~_has_internal_candidate())
    return clause


def can_see_round(user, round_: Round) -> bool:
    return db.session.scalar(select(Round.id).where(Round.id == round_.id, visible_rounds_clause(user))) is not None


def get_visible_round(user, round_id, *, for_update: bool = False) -> Round:
    """The round if `user` may see it, else 404."""
    if for_update:
        round_ = lock_row(Round, round_id)
    else:
        round_ = db.session.get(Round, round_id) if 0 < round_id <= MAX_ID else None
    if round_ is None or not can_see_round(user, round_):
        raise NotFound("No such round.")
    return round_


def eligible_clause(round_: Round, user_model):
    """SQL condition on users: who may vote in `round_` (also used to notify them)."""
    if round_.eligibility == "customers":
        return user_model.role == "customer"
    if round_.eligibility == "employees":
        return employee_side_clause(user_model)
    if round_.eligibility == "invited":
        return user_model.id.in_(select(RoundInvitee.user_id).where(RoundInvitee.round_id == round_.id))
    return true() if round_.eligibility == "everyone" else false()


def is_eligible(user, round_: Round) -> bool:
    if not is_signed_in(user):
        return False
    if round_.eligibility == "customers":
        return user.role == "customer"
    if round_.eligibility == "employees":
        return user.is_employee_side
    if round_.eligibility == "invited":
        return (
            db.session.scalar(
                select(RoundInvitee.id).where(RoundInvitee.round_id == round_.id, RoundInvitee.user_id == user.id)
            )
            is not None
        )
    return True


def results_visible(round_: Round) -> bool:
    """Results (and any count) appear only after close, unless the round publishes them live."""
    if round_.status in ("closed", "decided"):
        return True
    return round_.results_visibility == "live" and round_.status == "voting"
