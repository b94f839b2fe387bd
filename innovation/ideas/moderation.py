"""Flags from anyone; hide and restore (with a reason) by pms and admins."""

import logging

from sqlalchemy import func, select, update

from .. import events
from ..accounts.models import User
from ..accounts.permissions import STAFF, require_role
from ..extensions import db
from ..platform.db import utcnow
from ..platform.errors import NotAuthenticated, ValidationFailed
from ..platform.upsert import insert_or_ignore
from .approval import clean_reason
from .comments import get_visible_comment
from .models import Comment, Flag, Idea, ModerationAction
from .permissions import get_visible_idea, is_signed_in, listable
from .services import recount_comments

log = logging.getLogger(__name__)

TARGET_TYPES = ("idea", "comment")


def _target(actor: User, target_type: str, target_id: int) -> Idea | Comment:
    if target_type == "idea":
        return get_visible_idea(actor, target_id)
    if target_type == "comment":
        return get_visible_comment(actor, target_id)
    raise ValidationFailed("Only ideas and comments can be flagged.")


def flag_content(actor: User, target_type: str, target_id: int, reason="") -> bool:
    """Report an idea or comment to the moderators; once per person and item."""
    if not is_signed_in(actor):
        raise NotAuthenticated("Sign in to flag content.")
    target = _target(actor, target_type, target_id)
    created = insert_or_ignore(
        Flag,
        {
            "target_type": target_type,
            "target_id": target.id,
            "reporter_id": actor.id,
            "reason": clean_reason(reason, required=False),
            "created_at": utcnow(),
        },
        ["reporter_id", "target_type", "target_id"],
    )
    if created:
        events.content_flagged.send(target, actor=actor, target_type=target_type)
        log.info("user %s flagged %s %s", actor.id, target_type, target.id)
    return created


def _set_hidden(actor: User, target_type: str, target_id: int, reason, hide: bool):
    require_role(actor, *STAFF, action=f"{'hide' if hide else 'restore'}_{target_type}")
    target = _target(actor, target_type, target_id)
    text = clean_reason(reason, required=True)
    target.hidden_at = utcnow() if hide else None
    target.hidden_reason = text if hide else ""
    if isinstance(target, Idea):
        target.listed = listable(target)
    db.session.add(
        ModerationAction(
            target_type=target_type,
            target_id=target.id,
            action="hide" if hide else "restore",
            reason=text,
            actor_id=actor.id,
        )
    )
    db.session.execute(
        update(Flag)
        .where(Flag.target_type == target_type, Flag.target_id == target.id, Flag.resolved_at.is_(None))
        .values(resolved_at=utcnow())
    )
    db.session.flush()
    if isinstance(target, Comment):
        recount_comments(target.idea_id)
    events.content_moderated.send(target, actor=actor, action="hide" if hide else "restore", reason=text)
    log.info("user %s %s %s %s", actor.id, "hid" if hide else "restored", target_type, target.id)
    return target


def hide_content(actor: User, target_type: str, target_id: int, reason):
    """Hide an idea or comment from everyone but its author and the moderators."""
    return _set_hidden(actor, target_type, target_id, reason, hide=True)


def restore_content(actor: User, target_type: str, target_id: int, reason):
    return _set_hidden(actor, target_type, target_id, reason, hide=False)


def moderation_queue(actor: User, limit: int = 100) -> list[dict]:
    """Open flags grouped per item, most flagged first, with the item itself."""
    require_role(actor, *STAFF, action="moderation_queue")
    rows = db.session.execute(
        select(Flag.target_type, Flag.target_id, func.count().label("flags"), func.min(Flag.created_at))
        .where(Flag.resolved_at.is_(None))
        .group_by(Flag.target_type, Flag.target_id)
        .order_by(func.count().desc(), func.min(Flag.created_at))
        .limit(limit)
    ).all()
    queue = []
    for target_type, target_id, count, first_at in rows:
        model = Idea if target_type == "idea" else Comment
        item = db.session.get(model, target_id)
        if item is None:
            continue
        reasons = list(
            db.session.scalars(
                select(Flag.reason).where(
                    Flag.target_type == target_type,
                    Flag.target_id == target_id,
                    Flag.resolved_at.is_(None),
                    Flag.reason != "",
                )
            )
        )
        queue.append({"type": target_type, "item": item, "flags": count, "first_at": first_at, "reasons": reasons})
    return queue


def dismiss_flags(actor: User, target_type: str, target_id: int) -> None:
    """Close the open flags of an item without hiding it."""
    require_role(actor, *STAFF, action="dismiss_flags")
    target = _target(actor, target_type, target_id)
    db.session.execute(
        update(Flag)
        .where(Flag.target_type == target_type, Flag.target_id == target.id, Flag.resolved_at.is_(None))
        .values(resolved_at=utcnow())
    )
    db.session.add(
        ModerationAction(
            target_type=target_type, target_id=target.id, action="dismiss", reason="Flags dismissed", actor_id=actor.id
        )
    )
    db.session.flush()
