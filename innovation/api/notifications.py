"""The caller's notifications over JSON."""

from flask import jsonify

from ..notifications import services
from ..notifications.centre import readable_items
from ..platform.pagination import Page
from ..platform.web import page_args
from .operations import operation
from .schemas.notifications import Marked, MarkRead, NotificationFilters, NotificationPage
from .serializers.notifications import marked_json, notification_json
from .support import current_actor


@operation(
    "/notifications",
    "GET",
    summary="The caller's notifications, newest first",
    query=NotificationFilters,
    page_size=30,
    responses={200: NotificationPage},
)
def list_notifications(query: NotificationFilters):
    actor = current_actor()
    page, per_page = page_args(30)
    result = services.notifications_page(actor, unread_only=query.unread == "1", page=page, per_page=per_page)
    shown = Page(result.page, result.per_page, readable_items(actor, result.items), result.total)
    body = shown.as_json(notification_json)
    body["unread"] = services.unread_count(actor)
    return jsonify(body)


@operation("/notifications/read", "POST", summary="Mark notifications read", body=MarkRead, responses={200: Marked})
def read_notifications(body: MarkRead):
    actor = current_actor()
    changed = services.mark_read(actor, body.ids, everything=body.all is True)
    return jsonify(marked_json(changed, services.unread_count(actor)))
