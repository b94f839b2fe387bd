"""Discussion: threaded comments with sanitized markdown and recorded @mentions."""

import logging
import re
import secrets

from markupsafe import escape
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from .. import events
from ..accounts.actors import Viewer
from ..accounts.models import User
from ..extensions import db
from ..platform.db import utcnow
from ..platform.errors import Conflict, NotAuthenticated, NotFound, PermissionDenied, ValidationFailed
from ..platform.locking import MAX_ID
from ..platform.markdown import render_markdown, sanitize_html
from ..platform.upsert import insert_or_ignore
from .approval import hold_for_approval
from .models import Comment, Idea, Mention
from .permissions import (
    can_delete_comment,
    can_edit_comment,
    can_see_comment,
    can_see_idea,
    comment_audience_clause,
    get_visible_idea,
    is_published,
    is_signed_in,
    visible_comments_clause,
)
from .services import follow_idea, recount_comments

log = logging.getLogger(__name__)

COMMENT_MAX = 10_000
# "@Priya Raman", "@grace": up to four words after the @, matched longest-first to names.
MENTION_PATTERN = re.compile(r"(?<![\w@])@([^\W\d_][\w.'-]*(?: [^\W\d_][\w.'-]*){0,3})")


def clean_comment_body(raw) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise ValidationFailed("Write something first.", fields={"body": ["Required."]})
    if len(raw) > COMMENT_MAX:
        raise ValidationFailed(
            f"Comments have at most {COMMENT_MAX:,} characters.",
            fields={"body": [f"At most {COMMENT_MAX:,} characters."]},
        )
    return raw.strip()


def _mentionable(name: str, audience) -> User | None:
    # Only the comment's audience: customers cannot be pulled into internal discussions.
    query = select(User).where(func.lower(User.name) == name.lower(), audience)
    return db.session.scalars(query.order_by(User.id).limit(1)).first()


def find_mentions(text: str, comment: Comment) -> list[tuple[str, User]]:
    """(written text, user) for each @mention that names a person, longest match first."""
    audience = comment_audience_clause(comment)
    found: list[tuple[str, User]] = []
    for match in MENTION_PATTERN.finditer(text):
        words = match.group(1).split(" ")
        for size in range(len(words), 0, -1):
            user = _mentionable(" ".join(words[:size]), audience)
            if user is not None:
                found.append(("@" + " ".join(words[:size]), user))
                break
    return found


def render_with_mentions(text: str, mentions: list[tuple[str, User]]) -> str:
    """Markdown with each @mention linked to the person's profile.

    Mentions become opaque placeholders before rendering (so markdown cannot split or escape
    them, wherever they stand) and links after; the result is sanitized once more."""
    links = {}
    for number, (written, user) in enumerate(dict(mentions).items()):
        placeholder = f"MENTIONPLACEHOLDER{number}X{secrets.token_hex(4)}"
        pattern = rf"(?<![\w@]){re.escape(written)}(?![\w])"
        text = re.sub(pattern, placeholder, text)
        links[placeholder] = f'<a class="mention" href="/people/{user.id}">{escape(written)}</a>'
    html = render_markdown(text)
    for placeholder, link in links.items():
        html = html.replace(placeholder, link)
    return sanitize_html(html)


def _record_mentions(comment: Comment, mentions: list[tuple[str, User]], actor) -> None:
    for _written, user in mentions:
        if user.id != actor.id and insert_or_ignore(
            Mention, {"comment_id": comment.id, "user_id": user.id}, ["comment_id", "user_id"]
        ):
            events.user_mentioned.send(comment, actor=actor, user=user)


def _parent_for(actor: User, idea: Idea, parent_id) -> Comment | None:
    if parent_id in (None, ""):
        return None
    if not str(parent_id).isdigit():
        raise ValidationFailed("`parent_id` must be a comment id.", fields={"parent_id": ["A comment id."]})
    parent = db.session.get(Comment, int(parent_id))
    if parent is None or parent.idea_id != idea.id or not can_see_comment(actor, parent):
        raise NotFound(
            "No such comment on this idea to reply to.", fields={"parent_id": ["Not a comment on this idea."]}
        )
    return parent


def add_comment(actor: User, idea_id: int, body, parent_id=None) -> Comment:
    """Comment on (or reply within) an idea's discussion; the commenter follows the idea."""
    if not is_signed_in(actor):
        raise NotAuthenticated("Sign in to join the discussion.")
    idea = get_visible_idea(actor, idea_id)
    if idea.status == "merged":
        raise Conflict("This idea was merged; comment on the idea it was merged into.")
    text = clean_comment_body(body)
    parent = _parent_for(actor, idea, parent_id)
    comment = Comment(
        idea=idea,
        author_id=actor.id,
        parent_id=parent.id if parent else None,
        # A reply within an internal thread is internal too: it answers something customers cannot read.
        visibility=parent.visibility if parent else "public",
        body=text,
    )
    mentions = find_mentions(text, comment)
    comment.body_html = render_with_mentions(text, mentions)
    held = hold_for_approval(actor, comment)
    db.session.add(comment)
    db.session.flush()
    follow_idea(actor, idea.id, quiet=True)
    if held:  # no mention, count or notification until a moderator approves it
        events.content_held.send(comment, actor=actor, kind="comment")
    else:
        _record_mentions(comment, mentions, actor)
        recount_comments(idea.id)
        events.comment_added.send(comment, actor=actor, idea=idea, parent=parent)
    log.info("user %s commented %s on idea %s (%s)", actor.id, comment.id, idea.id, comment.moderation)
    return comment


def publish_comment(comment: Comment) -> None:
    """What adding an approved comment does, done when a waiting one is approved: its mentions
    are recorded, its idea's count moves and `comment_added` is sent, as by its author."""
    author = comment.author
    _record_mentions(comment, find_mentions(comment.body, comment), author)
    recount_comments(comment.idea_id)
    parent = db.session.get(Comment, comment.parent_id) if comment.parent_id else None
    events.comment_added.send(comment, actor=author, idea=comment.idea, parent=parent)


def get_visible_comment(actor: User, comment_id: int) -> Comment:
    comment = db.session.get(Comment, comment_id) if 0 < comment_id <= MAX_ID else None
    if comment is None or not can_see_comment(actor, comment) or not can_see_idea(actor, comment.idea):
        raise NotFound("No such comment.")  # the same words whatever hides it: nothing is given away
    return comment


def edit_comment(actor: User, comment_id: int, body) -> Comment:
    """Authors may edit their comment for 15 minutes."""
    comment = get_visible_comment(actor, comment_id)
    if not can_edit_comment(actor, comment):
        raise PermissionDenied("Comments can be edited by their author for 15 minutes.")
    text = clean_comment_body(body)
    mentions = find_mentions(text, comment)
    comment.body, comment.body_html, comment.edited_at = text, render_with_mentions(text, mentions), utcnow()
    db.session.flush()
    if is_published(comment):  # a waiting comment's mentions are recorded when it is approved
        _record_mentions(comment, mentions, actor)
    events.comment_edited.send(comment, actor=actor)
    return comment


def delete_comment(actor: User, comment_id: int) -> Comment:
    """Delete keeps the thread: the text goes, a "comment deleted" placeholder stays."""
    comment = get_visible_comment(actor, comment_id)
    if not can_delete_comment(actor, comment):
        raise PermissionDenied("Only the author or a moderator can delete this comment.")
    comment.deleted_at = utcnow()
    comment.body, comment.body_html = "", ""
    db.session.flush()
    recount_comments(comment.idea_id)
    events.comment_deleted.send(comment, actor=actor)
    log.info("user %s deleted comment %s", actor.id, comment.id)
    return comment


def comment_thread(viewer: Viewer, idea_id: int) -> list[tuple[Comment, int]]:
    """The idea's visible comments in thread order, each with its nesting depth (max 4)."""
    comments = list(
        db.session.scalars(
            select(Comment)
            .options(selectinload(Comment.author))
            .where(Comment.idea_id == idea_id, visible_comments_clause(viewer))
            .order_by(Comment.created_at, Comment.id)
        )
    )
    children: dict[int | None, list[Comment]] = {}
    ids = {c.id for c in comments}
    for comment in comments:
        parent = comment.parent_id if comment.parent_id in ids else None
        children.setdefault(parent, []).append(comment)
    ordered: list[tuple[Comment, int]] = []
    stack = [(comment, 0) for comment in reversed(children.get(None, []))]
    while stack:  # iterative: a long reply chain must not hit Python's recursion limit
        comment, depth = stack.pop()
        ordered.append((comment, min(depth, 4)))
        stack.extend((child, depth + 1) for child in reversed(children.get(comment.id, [])))
    return ordered
