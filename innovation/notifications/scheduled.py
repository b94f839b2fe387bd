"""Periodic notification jobs: digests and closing-soon reminders."""

import logging
from datetime import timedelta

from sqlalchemy import select

from ..accounts.models import User
from ..decisions.models import Round
from ..extensions import db
from ..platform.db import utcnow
from ..platform.jobs import job
from ..platform.locking import locked
from ..platform.periodic import periodic
from .emails import send_digest_email
from .models import Delivery, DigestSetting
from .outbox import record

log = logging.getLogger(__name__)
PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}


@periodic(every=3600)
@job(queue="low")
def send_digests() -> dict:
    """One summary e-mail per person whose digest period has passed and who has updates."""
    now = utcnow()
    user_ids = list(
        db.session.scalars(
            select(Delivery.user_id).where(Delivery.channel == "digest", Delivery.status == "pending").distinct()
        )
    )
    sent = 0
    for user_id in user_ids:
        setting = db.session.get(DigestSetting, user_id) or DigestSetting(user_id=user_id, frequency="daily")
        if setting.last_sent_at and now - setting.last_sent_at < PERIODS[setting.frequency]:
            continue
        pending = list(
            db.session.scalars(
                locked(
                    select(Delivery)
                    .where(Delivery.user_id == user_id, Delivery.channel == "digest", Delivery.status == "pending")
                    .order_by(Delivery.id),
                    Delivery,
                )
            )
        )
        if not pending:
            continue
        send_digest_email(db.session.get(User, user_id), pending, setting.frequency)
        for delivery in pending:
            delivery.status, delivery.sent_at = "sent", now
        setting.last_sent_at = now
        db.session.merge(setting)
        db.session.commit()
        sent += 1
    return {"digests": sent}


@periodic(every=300)
@job(queue="low")
def remind_closing_rounds() -> dict:
    """Rounds closing within 24 hours: one reminder event each, to eligible people who have not voted."""
    now = utcnow()
    rounds = list(
        db.session.scalars(
            locked(
                select(Round).where(
                    Round.status == "voting",
                    Round.closes_at.is_not(None),
                    Round.closes_at <= now + timedelta(hours=24),
                    Round.closes_at > now,
                    Round.closing_reminder_at.is_(None),
                ),
                Round,
            )
        )
    )
    for round_ in rounds:
        round_.closing_reminder_at = now
        record("round_closing", round_id=round_.id)
        db.session.commit()
    return {"reminders": len(rounds)}
