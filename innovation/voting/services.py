"""Support and rating services; counters on the idea row move with every vote.

Each change first takes the idea row's write lock with a no-op UPDATE (a row lock on
PostgreSQL, the database write lock on SQLite), then reads what it needs and adjusts the
counters by the exact delta of this one vote. Concurrent votes on one idea queue up behind
the lock, so the stored counts always equal the rows; `refresh_counters` recounts from
scratch (merges, repairs).
"""

import logging
from collections.abc import Sequence

from sqlalchemy import case, delete, func, literal, null, select, union_all, update

from .. import events
from ..accounts.models import User
from ..extensions import db
from ..ideas.models import Idea
from ..ideas.permissions import can_see_idea, is_signed_in
from ..ideas.statuses import status_of
from ..platform.db import utcnow
from ..platform.errors import Conflict, NotAuthenticated, NotFound, ValidationFailed
from ..platform.upsert import insert_or_ignore, upsert
from . import ranking
from .models import Rating, Support

log = logging.getLogger(__name__)


def _require_voter(actor: User) -> None:
    if not is_signed_in(actor):
        raise NotAuthenticated("Sign in to support or rate ideas.")


def _votable_idea(actor: User, idea_id: int) -> Idea:
    """Lock and read the idea in one round trip (a no-op UPDATE … RETURNING), then check it."""
    statement = (
        update(Idea)
        .where(Idea.id == idea_id)
        .values(support_total=Idea.support_total)
        .returning(Idea)
        .execution_options(populate_existing=True, synchronize_session=False)
    )
    idea = db.session.scalars(statement).first()
    if idea is None or not can_see_idea(actor, idea):
        raise NotFound("No such idea.")
    if not takes_support(idea):
        if idea.status != "merged" and idea.listed:
            raise Conflict(f"Ideas that are “{status_of(idea).label}” take no supports or ratings.", code="idea_closed")
        raise Conflict("This idea no longer takes votes.", code="idea_closed")
    return idea


def takes_support(idea: Idea) -> bool:
    """Whether an idea takes supports and ratings: not merged away, not hidden from lists, and
    its status takes them (an admin's choice per status). Pages show the button only where
    this holds; the services refuse the rest (409)."""
    return idea.status != "merged" and idea.listed and status_of(idea).takes_support


def _support_of(actor: User, idea_id: int) -> bool:
    return (
        db.session.scalar(select(Support.id).where(Support.idea_id == idea_id, Support.user_id == actor.id)) is not None
    )


def _rating_of(actor: User, idea_id: int) -> int | None:
    return db.session.scalar(select(Rating.value).where(Rating.idea_id == idea_id, Rating.user_id == actor.id))


def _engagement(supported: bool, rating: int | None) -> tuple[int, int]:
    """(favourable, engaged) of one person: support, or a rating of 4+, counts once."""
    return int(supported or (rating is not None and rating >= 4)), int(supported or rating is not None)


def _apply(
    idea: Idea,
    constituency: str,
    *,
    before: tuple[int, int],
    after: tuple[int, int],
    support: int = 0,
    rating_count: int = 0,
    rating_sum: int = 0,
) -> None:
    """Move the idea's counters by one person's change and restore the derived scores."""
    for name, delta in (
        ("support", support),
        ("rating_count", rating_count),
        ("rating_sum", rating_sum),
        ("favour", after[0] - before[0]),
        ("engaged", after[1] - before[1]),
    ):
        column = f"{name}_{constituency}"
        setattr(idea, column, getattr(idea, column) + delta)
    counts = {
        f"{name}_{side}": getattr(idea, f"{name}_{side}")
        for side in ("customer", "employee")
        for name in ("support", "rating_count", "rating_sum", "favour", "engaged")
    }
    for column, value in derived_scores(counts, idea.created_at).items():
        setattr(idea, column, value)
    db.session.flush()


def _rating_subquery(actor: User, idea_id: int):
    """The voter's rating, read by the INSERT/DELETE itself (after the idea's lock, in one round trip)."""
    return select(Rating.value).where(Rating.idea_id == idea_id, Rating.user_id == actor.id).scalar_subquery()


def cast_support(actor: User, idea_id: int, *, quiet: bool = False) -> Idea:
    """Support an idea; a second call changes nothing (unique key, insert-or-ignore).
    `quiet`: no `support_cast` event (the author's own support, cast when they submit it)."""
    _require_voter(actor)
    idea = _votable_idea(actor, idea_id)
    inserted = insert_or_ignore(
        Support,
        {"idea_id": idea.id, "user_id": actor.id, "constituency": actor.constituency, "created_at": utcnow()},
        ["idea_id", "user_id"],
        also_return=_rating_subquery(actor, idea.id),
    )
    if inserted:
        rating = inserted[1]
        _apply(idea, actor.constituency, support=1, before=_engagement(False, rating), after=_engagement(True, rating))
        if not quiet:
            events.support_cast.send(idea, actor=actor)
        log.info("user %s supports idea %s", actor.id, idea.id)
    return idea


def retract_support(actor: User, idea_id: int) -> Idea:
    _require_voter(actor)
    idea = _votable_idea(actor, idea_id)
    removed = db.session.execute(
        delete(Support)
        .where(Support.idea_id == idea.id, Support.user_id == actor.id)
        .returning(Support.id, _rating_subquery(actor, idea.id))
    ).first()
    if removed:
        rating = removed[1]
        _apply(idea, actor.constituency, support=-1, before=_engagement(True, rating), after=_engagement(False, rating))
        log.info("user %s retracted support for idea %s", actor.id, idea.id)
    return idea


def parse_rating(value) -> int:
    try:
        number = int(value)
    except ValueError as exc:
        raise ValidationFailed("A rating is a whole number from 1 to 5.", fields={"value": ["1 to 5."]}) from exc
    if not 1 <= number <= 5:
        raise ValidationFailed("A rating is a whole number from 1 to 5.", fields={"value": ["1 to 5."]})
    return number


def rate_idea(actor: User, idea_id: int, value) -> Idea:
    """Rate an idea 1–5; rating again replaces the earlier value."""
    _require_voter(actor)
    number = parse_rating(value)
    idea = _votable_idea(actor, idea_id)
    old = _rating_of(actor, idea.id)
    supported = _support_of(actor, idea.id)
    now = utcnow()
    upsert(
        Rating,
        {
            "idea_id": idea.id,
            "user_id": actor.id,
            "constituency": actor.constituency,
            "value": number,
            "created_at": now,
            "updated_at": now,
        },
        ["idea_id", "user_id"],
        {"value": number, "updated_at": now},
    )
    _apply(
        idea,
        actor.constituency,
        rating_count=0 if old is not None else 1,
        rating_sum=number - (old or 0),
        before=_engagement(supported, old),
        after=_engagement(supported, number),
    )
    events.idea_rated.send(idea, actor=actor, value=number)
    log.info("user %s rated idea %s", actor.id, idea.id)
    return idea


def remove_rating(actor: User, idea_id: int) -> Idea:
    _require_voter(actor)
    idea = _votable_idea(actor, idea_id)
    old = _rating_of(actor, idea.id)
    if old is not None:
        supported = _support_of(actor, idea.id)
        db.session.execute(delete(Rating).where(Rating.idea_id == idea.id, Rating.user_id == actor.id))
        _apply(
            idea,
            actor.constituency,
            rating_count=-1,
            rating_sum=-old,
            before=_engagement(supported, old),
            after=_engagement(supported, None),
        )
    return idea


def _engagement_by_constituency(idea_id: int) -> dict[str, tuple[int, int]]:
    """(favourable, engaged) people per constituency: support, or rate 4+, counts once."""
    votes = union_all(
        select(Support.user_id, Support.constituency, literal(1).label("favourable")).where(Support.idea_id == idea_id),
        select(Rating.user_id, Rating.constituency, case((Rating.value >= 4, 1), else_=0).label("favourable")).where(
            Rating.idea_id == idea_id
        ),
    ).subquery()
    per_person = (
        select(votes.c.constituency, func.max(votes.c.favourable).label("favourable"))
        .group_by(votes.c.user_id, votes.c.constituency)
        .subquery()
    )
    rows = db.session.execute(
        select(per_person.c.constituency, func.sum(per_person.c.favourable), func.count()).group_by(
            per_person.c.constituency
        )
    ).all()
    return {constituency: (int(favourable or 0), int(engaged)) for constituency, favourable, engaged in rows}


def refresh_counters(idea: Idea) -> None:
    """Recount supports, ratings and rankings of one idea from its vote rows."""
    supports = dict(
        db.session.execute(
            select(Support.constituency, func.count()).where(Support.idea_id == idea.id).group_by(Support.constituency)
        )
        .tuples()
        .all()
    )
    ratings = {
        row[0]: (int(row[1]), int(row[2] or 0))
        for row in db.session.execute(
            select(Rating.constituency, func.count(), func.sum(Rating.value))
            .where(Rating.idea_id == idea.id)
            .group_by(Rating.constituency)
        ).all()
    }
    engagement = _engagement_by_constituency(idea.id)
    values = {
        "support_customer": supports.get("customer", 0),
        "support_employee": supports.get("employee", 0),
        "rating_count_customer": ratings.get("customer", (0, 0))[0],
        "rating_sum_customer": ratings.get("customer", (0, 0))[1],
        "rating_count_employee": ratings.get("employee", (0, 0))[0],
        "rating_sum_employee": ratings.get("employee", (0, 0))[1],
        "favour_customer": engagement.get("customer", (0, 0))[0],
        "engaged_customer": engagement.get("customer", (0, 0))[1],
        "favour_employee": engagement.get("employee", (0, 0))[0],
        "engaged_employee": engagement.get("employee", (0, 0))[1],
    }
    values.update(derived_scores(values, idea.created_at))
    db.session.execute(update(Idea).where(Idea.id == idea.id).values(**values))
    db.session.refresh(idea)


def derived_scores(counts: dict, created_at) -> dict:
    """The stored ranking columns for a set of counts (also used by bulk seeding)."""
    total = counts["support_customer"] + counts["support_employee"]
    rating_sum = counts["rating_sum_customer"] + counts["rating_sum_employee"]
    rating_count = counts["rating_count_customer"] + counts["rating_count_employee"]
    return {
        "support_total": total,
        "hot_score": ranking.hot_score(total, created_at),
        "bayes_score": ranking.bayesian_average(rating_sum, rating_count),
        "common_ground_score": ranking.common_ground(
            counts["favour_customer"], counts["engaged_customer"], counts["favour_employee"], counts["engaged_employee"]
        ),
    }


def my_votes(user, idea_ids: list[int]) -> tuple[set[int], dict[int, int]]:
    """Which of these ideas `user` supports, and their ratings (one query for both)."""
    if not is_signed_in(user) or not idea_ids:
        return set(), {}
    # A UNION's column types are not carried through to its result: (idea id, rating value or None).
    rows: Sequence[tuple[int, int | None]] = (
        db.session.execute(
            union_all(
                select(Support.idea_id, null().label("value")).where(
                    Support.user_id == user.id, Support.idea_id.in_(idea_ids)
                ),
                select(Rating.idea_id, Rating.value).where(Rating.user_id == user.id, Rating.idea_id.in_(idea_ids)),
            )
        )
        .tuples()
        .all()
    )
    return {idea_id for idea_id, value in rows if value is None}, {
        idea_id: value for idea_id, value in rows if value is not None
    }
