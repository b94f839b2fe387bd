"""Scheduled round transitions: rounds open and close on time even if nobody visits."""

import logging

from sqlalchemy import select

from ..accounts.actors import SYSTEM
from ..extensions import db
from ..platform.db import utcnow
from ..platform.errors import ServiceError
from ..platform.jobs import job
from ..platform.periodic import periodic
from .export import close_round
from .models import Round
from .services import open_round

log = logging.getLogger(__name__)


@periodic(every=60)
@job(queue="high")
def advance_rounds() -> dict:
    """Open rounds whose `voting_opens_at` has come and close those whose `closes_at` has.
    Safe to run twice: a round already moved is skipped by its status."""
    now = utcnow()
    opened, closed = [], []
    due_open = db.session.scalars(
        select(Round.id).where(
            Round.status.in_(("draft", "deliberation")),
            Round.voting_opens_at.is_not(None),
            Round.voting_opens_at <= now,
        )
    ).all()
    for round_id in due_open:
        try:
            open_round(SYSTEM, round_id)
            db.session.commit()
            opened.append(round_id)
        except ServiceError as exc:
            db.session.rollback()
            log.warning("round %s could not open on time: %s", round_id, exc.message)
    due_close = db.session.scalars(
        select(Round.id).where(Round.status == "voting", Round.closes_at.is_not(None), Round.closes_at <= now)
    ).all()
    for round_id in due_close:
        try:
            close_round(SYSTEM, round_id)
            db.session.commit()
            closed.append(round_id)
        except ServiceError as exc:
            db.session.rollback()
            log.warning("round %s could not close on time: %s", round_id, exc.message)
    return {"opened": opened, "closed": closed}
