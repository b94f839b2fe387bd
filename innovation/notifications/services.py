"""Reading, marking, unsubscribing and retrying: the services behind pages, API and admin."""

import logging
from typing import cast

from sqlalchemy import CursorResult, func, select, update

from ..accounts.models import User
from ..accounts.permissions import require_role
from ..extensions import db
from ..platform.db import utcnow
from ..platform.errors import NotAuthenticated, NotFound, ValidationFailed
from ..platform.jobs import enqueue_after_commit
from ..platform.pagination import Page, paginate
from ..platform.upsert import upsert
from .models import KINDS, Delivery, Notification, Preference
from .tokens import InvalidLink, read_unsubscribe_token

log = logging.getLogger(__name__)


def _signed_in(user) -> None:
    if user is None or not getattr(user, "is_authenticated", False):
        raise NotAuthenticated("Sign in to see your notifications.")


def unread_count(user) -> int:
    # A count always has its one row: scalar_one, not scalar's "or None".
    return db.session.execute(
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
    ).scalar_one()


def notifications_page(user: User, *, unread_only: bool, page: int, per_page: int) -> Page[Notification]:
    _signed_in(user)
    conditions = [Notification.user_id == user.id]
    if unread_only:
        conditions.append(Notification.read_at.is_(None))
    total = db.session.scalar(select(func.count()).select_from(Notification).where(*conditions))
    return paginate(
        select(Notification).where(*conditions).order_by(Notification.id.desc()), page, per_page, total=total
    )


def mark_read(user, ids=None, *, everything: bool = False) -> int:
    """Mark the user's own notifications read; returns how many changed."""
    _signed_in(user)
    query = update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    if not everything:
        if ids is None:
            raise ValidationFailed(
                "Send `ids` (a list of notification ids) or `all: true`.", fields={"ids": ["A list of ids."]}
            )
        query = query.where(Notification.id.in_(ids))
    # An UPDATE answers a CursorResult (with `rowcount`); Session.execute is typed for every statement.
    changed = cast(CursorResult, db.session.execute(query.values(read_at=utcnow()))).rowcount
    db.session.flush()
    return changed


def open_notification(user, notification_id: int) -> Notification:
    _signed_in(user)
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != user.id:
        raise NotFound("No such notification.")
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.flush()
    return notification


def unsubscribe(token: str) -> tuple[User, str]:
    """Stop e-mails of one kind (or the digest) for the token's own user; no sign-in needed."""
    user_id, kind = read_unsubscribe_token(token)
    user = db.session.get(User, user_id)
    if user is None or (kind not in KINDS and kind != "digest"):
        raise InvalidLink("This unsubscribe link is not valid.")
    if kind == "digest":
        kinds = [k for k, channel in _stored(user).items() if channel == "digest"] or [
            k for k, (_label, default) in KINDS.items() if default == "digest"
        ]
    else:
        kinds = [kind]
    for each in kinds:
        upsert(
            Preference,
            {"user_id": user.id, "kind": each, "channel": "in_app"},
            ["user_id", "kind"],
            {"channel": "in_app"},
        )
    db.session.flush()
    log.info("user %s unsubscribed from %s e-mails", user.id, kind)
    return user, kind


def _stored(user) -> dict[str, str]:
    return dict(
        db.session.execute(select(Preference.kind, Preference.channel).where(Preference.user_id == user.id))
        .tuples()
        .all()
    )


def failed_deliveries(actor: User, limit: int = 200) -> list[Delivery]:
    require_role(actor, "admin", action="failed_deliveries")
    return list(
        db.session.scalars(
            select(Delivery).where(Delivery.status == "failed").order_by(Delivery.id.desc()).limit(limit)
        )
    )


def retry_delivery(actor: User, delivery_id: int) -> Delivery:
    """An admin sends a failed e-mail again (once: it is claimed like any other)."""
    require_role(actor, "admin", action="retry_delivery")
    delivery = db.session.get(Delivery, delivery_id)
    if delivery is None:
        raise NotFound("No such delivery.")
    if delivery.status != "failed":
        raise ValidationFailed("Only failed deliveries can be retried.")
    delivery.status, delivery.attempts, delivery.last_error = "pending", 0, ""
    db.session.flush()
    from .jobs import send_deliveries

    enqueue_after_commit(send_deliveries, [delivery.id])
    log.info("admin %s retried delivery %s", actor.id, delivery.id)
    return delivery
