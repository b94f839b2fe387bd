"""Notification jobs: fan-out, e-mail sending, the sweeper, digests and reminders.

All take ids and are safe to run twice or to be killed half-way: notifications and
deliveries have unique (event, user[, channel]) keys and are inserted with ON CONFLICT DO
NOTHING, e-mails are claimed (pending → sending) before they are sent, and the outbox row is
marked dispatched only when everything is written.
"""

import logging
from datetime import timedelta

from flask import current_app
from rq import Retry
from sqlalchemy import case, select, update

from ..accounts.models import User
from ..extensions import db
from ..platform.db import utcnow
from ..platform.jobs import enqueue_now, job
from ..platform.periodic import periodic
from ..platform.upsert import insert_many_or_ignore
from .emails import OutgoingEmail
from .models import Delivery, Notification, OutboxEvent
from .news import news_for
from .preferences import channels_for
from .recipients import resolve

log = logging.getLogger(__name__)

EMAIL_BATCH = 50


@job(queue="default")
def fan_out(event_id: int) -> dict:
    """Write the in-app notifications and e-mail deliveries of one outbox event."""
    event = db.session.get(OutboxEvent, event_id)
    if event is None or event.dispatched_at is not None:
        return {"skipped": True}
    if event.kind == "email_verification":
        from .email_verification import queue_verification_mail

        queue_verification_mail(event)
        event.dispatched_at = utcnow()
        db.session.commit()
        return {"verification": 1}
    message = resolve(event.kind, event.payload)
    recipients = message.recipients if message else {}
    user_ids = sorted(recipients)
    channels = channels_for(user_ids, set(recipients.values())) if user_ids else {}
    now = utcnow()
    event_at = (message.event_at if message else None) or event.created_at
    written = 0
    batch = current_app.config["NOTIFICATION_BATCH_SIZE"]
    for start in range(0, len(user_ids), batch):  # commit per batch: a killed worker resumes here
        chunk = user_ids[start : start + batch]
        rows, deliveries = [], []
        for uid in chunk:
            kind = recipients[uid]
            channel = channels[(uid, kind)]
            if channel == "off":
                continue
            rows.append(
                {
                    "event_id": event.id,
                    "user_id": uid,
                    "kind": kind,
                    "title": message.title[:300],
                    "url": message.url,
                    "subject": message.subject,
                    "event_at": event_at,
                    "created_at": now,
                }
            )
            if channel in ("email", "digest"):
                deliveries.append(
                    {
                        "event_id": event.id,
                        "user_id": uid,
                        "channel": channel,
                        "kind": kind,
                        "title": message.title[:300],
                        "url": message.url,
                        "status": "pending",
                        "created_at": now,
                    }
                )
        insert_many_or_ignore(Notification, rows, ["event_id", "user_id"])
        insert_many_or_ignore(Delivery, deliveries, ["event_id", "user_id", "channel"])
        db.session.commit()
        written += len(rows)
    queued = enqueue_pending_emails(event.id)
    event.dispatched_at = utcnow()
    event.attempts += 1
    db.session.commit()
    log.info("event %s (%s): %s notifications, %s e-mail batches", event.id, event.kind, written, queued)
    return {"notifications": written, "email_batches": queued}


def retry_policy() -> Retry:
    intervals = current_app.config["MAIL_RETRY_INTERVALS"]
    return Retry(max=len(intervals), interval=list(intervals))


def enqueue_pending_emails(event_id: int | None = None) -> int:
    """Queue send jobs for pending e-mails (of one event, or all); returns the number of jobs."""
    query = select(Delivery.id).where(Delivery.status == "pending", Delivery.channel == "email")
    if event_id is not None:
        query = query.where(Delivery.event_id == event_id)
    ids = list(db.session.scalars(query.order_by(Delivery.id)))
    for start in range(0, len(ids), EMAIL_BATCH):
        enqueue_now(send_deliveries, ids[start : start + EMAIL_BATCH])
    return -(-len(ids) // EMAIL_BATCH)


def _claim(delivery_ids: list[int]) -> list[int]:
    """pending → sending, atomically: two jobs never send the same e-mail."""
    claimed = (
        db.session.execute(
            update(Delivery)
            .where(Delivery.id.in_(delivery_ids), Delivery.status == "pending")
            .values(status="sending", attempts=Delivery.attempts + 1, claimed_at=utcnow())
            .returning(Delivery.id)
        )
        .scalars()
        .all()
    )
    db.session.commit()
    return list(claimed)


@job(queue="mail", retry=retry_policy)
def send_deliveries(delivery_ids: list[int]) -> dict:
    """Send these e-mails once each; failures go back to pending (RQ retries with backoff)
    until MAIL_MAX_ATTEMPTS, then stay `failed` for the admins."""
    from ..platform.mail import smtp_session
    from .emails import send_notification_email

    claimed = _claim(delivery_ids)
    if not claimed:
        return {"sent": 0}
    try:
        with smtp_session() as smtp:  # one connection for the batch
            return _send_claimed(claimed, smtp, send_notification_email)
    except OSError as exc:  # the server is unreachable: release the claims for the retry
        db.session.rollback()
        out_of_attempts = Delivery.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]
        db.session.execute(
            update(Delivery)
            .where(Delivery.id.in_(claimed), Delivery.status == "sending")
            .values(
                status=case((out_of_attempts, "failed"), else_="pending"),
                last_error=f"{type(exc).__name__}: {exc}"[:2000],
            )
        )
        db.session.commit()
        raise


def _send_claimed(claimed: list[int], smtp, send_notification_email) -> dict:
    # Plain values loaded once per batch: a commit per message must not reload ORM objects.
    rows = db.session.execute(
        select(
            Delivery.id,
            Delivery.kind,
            Delivery.title,
            Delivery.url,
            Delivery.attempts,
            Delivery.event_id,
            User.id.label("user_id"),
            User.name,
            User.email,
        )
        .join(User, User.id == Delivery.user_id)
        .where(Delivery.id.in_(claimed))
    ).all()
    # The news itself (outcome, new status), written per reader from the current data.
    news = news_for([(row.event_id, row.user_id) for row in rows], current_app.config["BASE_URL"])
    db.session.commit()
    sent, failed = 0, []
    for delivery_id, kind, title, url, attempts, event_id, user_id, name, address in rows:
        outgoing = OutgoingEmail(delivery_id, kind, title, url, user_id, name, address, news.get((event_id, user_id)))
        try:
            send_notification_email(outgoing, smtp)
        except Exception as exc:  # SMTP refusal, connection loss: recorded, retried
            give_up = attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]
            db.session.execute(
                update(Delivery)
                .where(Delivery.id == delivery_id)
                .values(status="failed" if give_up else "pending", last_error=f"{type(exc).__name__}: {exc}"[:2000])
            )
            db.session.commit()
            log.warning("delivery %s failed (attempt %s): %s", delivery_id, attempts, exc)
            if not give_up:
                failed.append(delivery_id)
            continue
        db.session.execute(
            update(Delivery).where(Delivery.id == delivery_id).values(status="sent", sent_at=utcnow(), last_error="")
        )
        db.session.commit()  # one commit per accepted message: a crash re-sends at most this one
        sent += 1
    if failed:
        raise RuntimeError(f"{len(failed)} e-mail(s) not accepted yet: {failed[:10]}")  # RQ retries the job
    return {"sent": sent}


@periodic(every=60)
@job(queue="default")
def sweep_outbox(min_age_seconds: int = 30) -> dict:
    """Re-drive what Redis or a dead worker lost: undispatched events, unsent e-mails, and
    e-mails stuck in `sending` for five minutes."""
    now = utcnow()
    stuck = db.session.execute(
        update(Delivery)
        .where(
            Delivery.status == "sending", Delivery.claimed_at < now - timedelta(minutes=5), Delivery.sent_at.is_(None)
        )
        .values(status="pending")
    ).rowcount
    db.session.commit()
    events = list(
        db.session.scalars(
            select(OutboxEvent.id)
            .where(
                OutboxEvent.dispatched_at.is_(None), OutboxEvent.created_at <= now - timedelta(seconds=min_age_seconds)
            )
            .order_by(OutboxEvent.id)
            .limit(5000)
        )
    )
    for event_id in events:
        enqueue_now(fan_out, event_id)
    emails = enqueue_pending_emails()
    return {"events": len(events), "email_batches": emails, "unstuck": stuck}
