"""Outbox events, in-app notifications, e-mail deliveries and preferences."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from ..platform.db import UTCDateTime, utcnow

# kind → (label on the preferences page, default channel)
KINDS = {
    "comment": ("New comments on ideas I follow", "in_app"),
    "reply": ("Replies to my comments", "in_app"),
    "mention": ("Someone mentions me", "email"),
    "status_change": ("Status changes of ideas I follow or support", "in_app"),
    "round_opened": ("A decision round opens to me", "in_app"),
    "round_closing": ("A round closes within 24 hours and I have not voted", "in_app"),
    "outcome_published": ("Outcomes of rounds I voted in or ideas I follow", "email"),
    "impact_changed": ("Impact numbers change after I voted", "in_app"),
    "moderation": ("A moderator approves or declines my idea or comment", "in_app"),
}
# Sent whatever the preferences: the person asked for them.
TRANSACTIONAL = ("invitation", "email_verification")
CHANNELS = ("in_app", "email", "digest", "off")
DIGEST_FREQUENCIES = ("daily", "weekly")


class OutboxEvent(Model):
    """A notifying event, written in the same transaction as the change that caused it."""

    __tablename__ = "outbox_events"
    __table_args__ = (Index("ix_outbox_events_pending", "dispatched_at", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Set once fan-out has written every notification and queued every e-mail.
    dispatched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")


class Notification(Model):
    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("event_id", "user_id"),
        Index("ix_notifications_user_unread", "user_id", "read_at", "id"),
        # The centre groups a person's notifications by what they are about.
        Index("ix_notifications_user_subject", "user_id", "subject", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("outbox_events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(300))
    url: Mapped[str] = mapped_column(String(300))
    # What it is about, "idea:<id>" or "round:<id>" (the centre's groups); None: on its own.
    subject: Mapped[str | None] = mapped_column(String(40))
    # When the news happened (the comment was written, the outcome published); `created_at` is
    # only when this row was written, which can be much later (a queue, a back-dated import).
    event_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @property
    def happened_at(self) -> datetime:
        return self.event_at or self.created_at


class Delivery(Model):
    """One e-mail (now, or in a digest) for one person and event: the exactly-once ledger."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("event_id", "user_id", "channel"),
        Index("ix_deliveries_status", "status", "channel", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("outbox_events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(300))
    url: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending, sent, failed
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Preference(Model):
    __tablename__ = "notification_preferences"
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(16))


class DigestSetting(Model):
    __tablename__ = "digest_settings"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    frequency: Mapped[str] = mapped_column(String(8), default="daily")
    last_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
