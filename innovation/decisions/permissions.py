"""Who sees a round and who may vote in it."""
from sqlalchemy import and_, exists, false, select, true

from ..accounts.permissions import STAFF, has_role
from ..extensions import db
from ..ideas.models import Idea
from ..ideas.permissions import is_signed_in, sees_internal
from ..platform.errors import NotFound
from .models import Candidate, Round, RoundInvitee


def _has_internal_candidate():
    return exists(select(Candidate.id).join(Idea, Idea.id == Candidate.idea_id)
                  .where(Candidate.round_id == Round.id, Idea.visibility == "internal"))


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
    if round_id <= 0:
        raise NotFound("No such round.")
    round_ = db.session.get(Round, round_id, with_for_update=for_update)
    if round_ is None or not can_see_round(user, round_):
        raise NotFound("No such round.")
    return round_


def eligible_clause(round_: Round, user_model):
    """SQL condition on users: who may vote in `round_` (also used to notify them)."""
    from ..accounts.models import EMPLOYEE_SIDE

    if round_.eligibility == "customers":
        return user_model.role == "customer"
    if round_.eligibility == "employees":
        return user_model.role.in_(EMPLOYEE_SIDE)
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
        return db.session.scalar(select(RoundInvitee.id).where(
            RoundInvitee.round_id == round_.id, RoundInvitee.user_id == user.id)) is not None
    return True


def results_visible(round_: Round) -> bool:
    """Results (and any count) appear only after close, unless the round publishes them live."""
    if round_.status in ("closed", "decided"):
        return True
    return round_.results_visibility == "live" and round_.status == "voting"


