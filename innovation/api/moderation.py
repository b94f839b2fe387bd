"""Site settings and approval before publishing over JSON (API.md)."""

from flask import jsonify

from ..accounts.permissions import STAFF
from ..admin.settings import site_settings, update_site_settings
from ..ideas import approval
from ..ideas.models import Idea
from ..platform.db import iso
from .operations import operation
from .schemas.moderation import ApprovalQueue, Decision, QueueEntry, Rejection, SiteSettings, SiteSettingsChange
from .serializers.accounts import author_json
from .support import current_actor

ONE_ITEM = "/moderation/<any(idea, comment):kind>/<int:item_id>"


@operation("/admin/settings", "GET", summary="The site's settings", roles=("admin",), responses={200: SiteSettings})
def get_settings():
    return jsonify(site_settings())


@operation(
    "/admin/settings",
    "PATCH",
    summary="Change site settings (premoderation among them)",
    roles=("admin",),
    body=SiteSettingsChange,
    responses={200: SiteSettings},
)
def patch_settings(body: SiteSettingsChange):
    return jsonify(update_site_settings(current_actor(), body.model_dump(exclude_none=True)))


def _entry(kind: str, item) -> QueueEntry:
    idea = item if isinstance(item, Idea) else item.idea
    return {
        "kind": "idea" if kind == "idea" else "comment",
        "id": item.id,
        "title": idea.title,
        "body": item.body,
        "idea_id": idea.id,
        "author": author_json(item.author),
        "created_at": iso(item.created_at),
    }


@operation(
    "/moderation/queue",
    "GET",
    summary="Ideas and comments waiting for approval, newest first",
    roles=STAFF,
    responses={200: ApprovalQueue},
)
def approval_queue():
    entries = approval.approval_queue(current_actor())
    return jsonify({"items": [_entry(entry["kind"], entry["item"]) for entry in entries]})


def _decision(kind: str, item) -> Decision:
    return {"kind": kind, "id": item.id, "moderation": item.moderation, "reason": item.moderation_reason or ""}  # type: ignore[typeddict-item]


@operation(
    ONE_ITEM + "/approve",
    "POST",
    summary="Publish a waiting idea or comment",
    roles=STAFF,
    responses={200: Decision},
    errors=(409,),
    description="409 `already_moderated` when it is not waiting.",
)
def approve(kind: str, item_id: int):
    return jsonify(_decision(kind, approval.approve_content(current_actor(), kind, item_id)))


@operation(
    ONE_ITEM + "/reject",
    "POST",
    summary="Refuse a waiting idea or comment, with a reason its author sees",
    roles=STAFF,
    body=Rejection,
    responses={200: Decision},
    errors=(409,),
    description="409 `already_moderated` when it is not waiting.",
)
def reject(kind: str, item_id: int, body: Rejection):
    return jsonify(_decision(kind, approval.reject_content(current_actor(), kind, item_id, body.reason)))
