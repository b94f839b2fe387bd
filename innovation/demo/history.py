"""The demo's history replayed in time order through the real services, each step dated.

Every step is a service call (submit, support, comment, change a status, open a round, vote …)
made at a moment of timeline.py. The rows a step creates get that moment as their time, and the
notifications it causes are fanned out at once by the real job, so that who hears about an event
is decided as it would have been then: a person who supports an idea next month is not told of
today's status change. Afterwards each person has read what reached them before their last
visit; what came later is unread, as it would be for someone coming back to the site.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import click
import redis
from sqlalchemy import bindparam, func, select, update

from ..accounts.models import AuditEvent, User
from ..decisions.models import Ballot, Candidate, ImpactRevision, Outcome, Round
from ..extensions import db
from ..ideas.models import Comment, Follow, Idea, StatusChange
from ..notifications.models import Delivery, Notification, OutboxEvent
from ..voting.models import Rating, Support
from . import timeline
from .schema import Person

log = logging.getLogger(__name__)

# The rows a step may create and their columns of time; a row is dated by the step that made it.
DATED = (
    (Idea, ("created_at",)),
    (Follow, ("created_at",)),
    (Support, ("created_at",)),
    (Rating, ("created_at", "updated_at")),
    (Comment, ("created_at",)),
    (StatusChange, ("created_at",)),
    (Round, ("created_at",)),
    (Candidate, ("created_at",)),
    (ImpactRevision, ("changed_at",)),
    (Ballot, ("cast_at",)),
    (Outcome, ("published_at",)),
    (AuditEvent, ("at",)),
    (OutboxEvent, ("created_at",)),  # last: its new ids are the events to fan out
)


# Made once: SQLAlchemy then computes their cache keys once, not on each of a thousand steps.
_LAST_IDS = select(*(select(func.max(model.id)).scalar_subquery() for model, _ in DATED))
_DATING = [
    update(model.__table__)
    .where(model.__table__.c.id > bindparam("after"))
    .values(dict.fromkeys(columns, bindparam("when", type_=model.__table__.c[columns[0]].type)))
    for model, columns in DATED
]


@dataclass(order=True)
class Step:
    order: tuple[int, int]  # (−moment, sequence): earliest first, then in the order planned
    moment: int = field(compare=False)
    action: Callable[[datetime], object] = field(compare=False)


class History:
    """Steps planned in any order, run in time order."""

    def __init__(self, now: datetime):
        self.anchor = timeline.anchor(now)
        self._steps: list[Step] = []

    def at(self, moment: int) -> datetime:
        return timeline.to_datetime(self.anchor, moment)

    def add(self, moment: int, action: Callable[[datetime], object]) -> None:
        """Run `action(when)` at `moment`."""
        self._steps.append(Step((-moment, len(self._steps)), moment, action))

    def run(self) -> None:
        session = db.session()
        # The fan-out commits after each event; nothing else writes meanwhile, so the objects
        # loaded so far stay true and need not be read again after each of those commits.
        expire_on_commit, session.expire_on_commit = session.expire_on_commit, False
        try:
            with click.progressbar(sorted(self._steps), label="Demo history") as steps:
                for step in steps:
                    self._run(step)
        finally:
            session.expire_on_commit = expire_on_commit
        self._date_deliveries()

    def _run(self, step: Step) -> None:
        when = self.at(step.moment)
        before = self._last_ids()
        step.action(when)
        db.session.flush()
        after = self._last_ids()
        connection = db.session.connection()
        for statement, old, new in zip(_DATING, before, after, strict=True):
            if new != old:  # Core, not ORM: the rows' objects are not read again with these columns
                connection.execute(statement, {"after": old or 0, "when": when})
        old_event, new_event = before[-1] or 0, after[-1] or 0
        if new_event != old_event:
            self._fan_out(list(db.session.scalars(select(OutboxEvent.id).where(OutboxEvent.id > old_event))))

    @staticmethod
    def _last_ids() -> tuple:
        """The highest id of each dated table, in one query."""
        return tuple(db.session.execute(_LAST_IDS).one())

    @staticmethod
    def _fan_out(event_ids: list[int]) -> None:
        """Notify now, as the worker would have a second after the event (the job commits)."""
        from ..notifications.jobs import fan_out

        for event_id in event_ids:
            try:
                fan_out(event_id)
            except redis.RedisError as exc:  # written, but the e-mail job not queued: the sweeper will
                log.warning("demo event %s: e-mails not queued (%s)", event_id, exc)

    @staticmethod
    def _date_deliveries() -> None:
        """Notifications and e-mails carry the time of their event, not of the replay."""
        for model in (Notification, Delivery):
            event_time = select(OutboxEvent.created_at).where(OutboxEvent.id == model.event_id).scalar_subquery()
            db.session.execute(
                update(model).values(created_at=event_time), execution_options={"synchronize_session": False}
            )
        db.session.execute(
            update(OutboxEvent)
            .where(OutboxEvent.dispatched_at.is_not(None))
            .values(dispatched_at=OutboxEvent.created_at),
            execution_options={"synchronize_session": False},
        )

    def read_until_last_visit(self, people: dict[str, User], specs: dict[str, Person]) -> None:
        """Each person has read every notification they had by their last visit (some minutes to
        hours after it came, never after that visit); the later ones wait for them."""
        updates = []
        for local, user in people.items():
            last_visit = self.at(timeline.last_seen(specs[local]))
            rows = db.session.execute(
                select(Notification.id, Notification.created_at).where(
                    Notification.user_id == user.id, Notification.created_at <= last_visit
                )
            )
            for notification_id, created in rows:
                delay = timedelta(minutes=10 + timeline.jitter(f"{local}{notification_id}", 600))
                updates.append({"id": notification_id, "read_at": min(created + delay, last_visit)})
        if updates:
            db.session.execute(update(Notification), updates)
