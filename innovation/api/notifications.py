"""The caller's notifications over JSON."""
from flask import jsonify, request

from ..notifications import services
from ..platform.db import iso
from ..platform.web import page_args
from . import bp
from .support import current_actor, json_body


def notification_json(item) -> dict:
    return {"id": item.id, "kind": item.kind, "title": item.title, "url": item.url,
            "created_at": iso(item.created_at), "read_at": iso(item.read_at)}


@bp.route("/notifications")
def list_notifications():
    actor = current_actor()
    page, per_page = page_args(30)
    result = services.notifications_page(actor, unread_only=request.args.get("unread") == "1", page=page,
                                         per_page=per_page)
    body = result.as_json(notification_json)
    body["unread"] = services.unread_count(actor)
    return jsonify(body)


@bp.route("/notifications/read", methods=["POST"])
def read_notifications():
    actor = current_actor()
    data = json_body()
    changed = services.mark_read(actor, data.get("ids"), everything=data.get("all") is True)
    return jsonify({"marked": changed, "unread": services.unread_count(actor)})
