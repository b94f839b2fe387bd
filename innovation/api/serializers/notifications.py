"""The caller's notifications."""

from ...notifications.centre import NotificationItem
from ...platform.db import iso
from ..schemas.notifications import Marked, Notification


def notification_json(item: NotificationItem) -> Notification:
    return {
        "id": item.id,
        "kind": item.kind,
        "title": item.title,
        "url": item.url,
        "created_at": iso(item.created_at),
        "read_at": iso(item.read_at),
        "event_at": iso(item.happened_at),
        "subject": item.subject,
        "preview": item.preview,
    }


def marked_json(marked: int, unread: int) -> Marked:
    return {"marked": marked, "unread": unread}
