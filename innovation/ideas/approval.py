"""Approval before publishing: who waits for a moderator, the queue, approve and reject.

Who waits (the site setting `premoderation`, admin/settings.py, plus the per-person flag
`User.premoderate`); product managers and admins never wait:
- "off": nobody (unless flagged);
- "customers": customers;
- "new_accounts": anyone whose account is younger than NEW_ACCOUNT_AGE, or who has nothing
  published yet (no approved idea or comment): a first contribution always waits;
- "everyone": everyone but the moderators.

Waiting content is published by `approve_content`: only then are the usual `idea_submitted`
or `comment_added` (and `user_mentioned`) events sent, so followers hear of it once."""

import logging
from datetime import timedelta

from sqlalchemy import func, select

from .. import events
from ..accounts.models import User
from ..accounts.permissions import STAFF, require_role
from ..admin.settings import site_setting
from ..extensions import db
from ..platform.db import utcnow
from ..platform.errors import Conflict, NotFound, ValidationFailed
from ..platform.locking import MAX_ID
from .models import Comment, Idea, ModerationAction
from .permissions import is_moderator, listable

log = logging.getLogger(__name__)

NEW_ACCOUNT_AGE = timedelta(days=7)
KINDS = {"idea": Idea, "comment": Comment}
REASON_MAX = 500


def clean_reason(raw, *, required: bool) -> str:
    """A moderator's (or reporter's) reason: one line of at most REASON_MAX characters."""
    reason = " ".join(raw.split()) if isinstance(raw, str) else ""
    if required and not reason:
        raise ValidationFailed(
            "Give a reason; the author and other moderators will see it.", fields={"reason": ["Required."]}
        )
    if len(reason) > REASON_MAX:
        raise ValidationFailed(f"Reasons have at most {REASON_MAX} characters.", fields={"reason": ["Too long."]})
    return reason


def has_published(user: User) -> bool:
    """Whether anything of `user`'s is published (an approved idea or comment)."""
    for model in (Idea, Comment):
        found = select(model.id).where(model.author_id == user.id, model.moderation == "approved").limit(1)
        if db.session.scalar(found) is not None:
            return True
    return False


def needs_approval(actor: User) -> bool:
    """Whether `actor`'s new ideas and comments wait for a moderator (the rule of the docstring)."""
    if is_moderator(actor):
        return False
    if actor.premoderate:
        return True
    mode = site_setting("premoderation")
    if mode == "everyone":
        return True
    if mode == "customers":
        return not actor.is_employee_side
    if mode == "new_accounts":
        return utcnow() - actor.created_at < NEW_ACCOUNT_AGE or not has_published(actor)
    return False


def hold_for_approval(actor: User, item: Idea | Comment) -> bool:
    """Called by the services that create content, before flushing it: marks it as waiting when
    `actor` must wait. Returns whether it waits (the caller then sends `content_held` instead of
    its usual event)."""
    if not needs_approval(actor):
        return False
    item.moderation = "pending"
    if isinstance(item, Idea):
        item.listed = False
    return True


def _pending(actor: User, kind: str, item_id: int) -> Idea | Comment:
    require_role(actor, *STAFF, action=f"moderate_{kind}")
    model = KINDS.get(kind)
    item = db.session.get(model, item_id) if model is not None and 0 < item_id <= MAX_ID else None
    if item is None:
        raise NotFound(f"No such {kind}.")
    if item.moderation != "pending":
        raise Conflict(f"This {kind} was already {item.moderation}.", code="already_moderated")
    return item


def _decide(actor: User, kind: str, item: Idea | Comment, state: str, reason: str) -> None:
    item.moderation, item.moderation_reason = state, reason or None
    if isinstance(item, Idea):
        item.listed = listable(item)
    # Who decided and when: the moderation log every hide and restore is kept in too.
    action = "approve" if state == "approved" else "reject"
    db.session.add(
        ModerationAction(target_type=kind, target_id=item.id, action=action, reason=reason, actor_id=actor.id)
    )
    db.session.flush()


def approve_content(actor: User, kind: str, item_id: int) -> Idea | Comment:
    """Publish a waiting idea or comment (pms, admins): it appears everywhere, and the events
    its creation would have sent go out now, once."""
    item = _pending(actor, kind, item_id)
    _decide(actor, kind, item, "approved", "")
    author = item.author
    if isinstance(item, Idea):
        events.idea_submitted.send(item, actor=author)
    else:
        from .comments import publish_comment  # comments import this module

        publish_comment(item)
    events.content_approved.send(item, actor=actor, kind=kind)
    log.info("user %s approved %s %s", actor.id, kind, item.id)
    return item


def reject_content(actor: User, kind: str, item_id: int, reason) -> Idea | Comment:
    """Refuse a waiting idea or comment with a reason (pms, admins): it is never published;
    its author sees it marked "Not published" with the reason, and is told."""
    text = clean_reason(reason, required=True)
    item = _pending(actor, kind, item_id)
    _decide(actor, kind, item, "rejected", text)
    events.content_rejected.send(item, actor=actor, kind=kind, reason=text)
    log.info("user %s rejected %s %s", actor.id, kind, item.id)
    return item


def pending_count() -> int:
    return sum(
        db.session.scalar(select(func.count()).select_from(model).where(model.moderation == "pending")) or 0
        for model in (Idea, Comment)
    )


def approval_queue(actor: User, limit: int = 100) -> list[dict]:
    """Waiting ideas and comments, newest first: {"kind", "item", "created_at"}."""
    require_role(actor, *STAFF, action="approval_queue")
    entries = []
    for kind, model in KINDS.items():
        query = select(model).where(model.moderation == "pending").order_by(model.created_at.desc(), model.id.desc())
        entries += [
            {"kind": kind, "item": item, "created_at": item.created_at}
            for item in db.session.scalars(query.limit(limit))
        ]
    entries.sort(key=lambda entry: (entry["created_at"], entry["kind"] == "comment"), reverse=True)
    return entries[:limit]


def author_history(user_ids: set[int]) -> dict[int, dict[str, int]]:
    """Per author: how many of their ideas and comments are published, rejected, waiting."""
    history = {uid: {"approved": 0, "rejected": 0, "pending": 0} for uid in user_ids}
    for model in (Idea, Comment):
        rows = db.session.execute(
            select(model.author_id, model.moderation, func.count())
            .where(model.author_id.in_(user_ids))
            .group_by(model.author_id, model.moderation)
        ).all()
        for uid, state, count in rows:
            if state in history[uid]:
                history[uid][state] += count
    return history
