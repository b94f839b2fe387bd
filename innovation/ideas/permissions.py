"""Who may see and do what with ideas and comments. Every page, API call, count, search and
notification goes through these helpers; visibility is never re-implemented elsewhere.

Hidden (by a moderator) and unpublished (waiting for approval, or rejected) content is seen by
its author and the moderators only; it is in no list, count, search or notification."""

from datetime import timedelta

from sqlalchemy import and_, or_, true

from ..accounts.models import employee_side_clause
from ..accounts.permissions import STAFF, has_role
from ..extensions import db
from ..platform.db import utcnow
from ..platform.errors import NotFound
from ..platform.locking import MAX_ID
from .models import Comment, Idea

IDEA_EDIT_WINDOW = timedelta(hours=24)
COMMENT_EDIT_WINDOW = timedelta(minutes=15)


def is_signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def sees_internal(user) -> bool:
    """Employees, pms and admins see internal ideas; customers and visitors never do."""
    return is_signed_in(user) and user.is_employee_side


def is_moderator(user) -> bool:
    return has_role(user, *STAFF)


def audience_of(idea: Idea) -> str:
    """Who an idea and everything about it (comments, rounds, notifications, search documents)
    is for: "public" (everyone), or "internal" (the employee side). Fails closed: only the
    value "public" is public (the database refuses others; this never widens if one slips in)."""
    return "public" if idea.visibility == "public" else "internal"


def comment_audience(comment: Comment, idea: Idea | None = None) -> str:
    """A comment is for its idea's audience, narrowed to the employee side when the comment
    itself is internal (written on an internal idea that was merged into a public one)."""
    idea = comment.idea if idea is None else idea
    return "public" if comment.visibility == "public" and audience_of(idea) == "public" else "internal"


def in_audience(user, idea: Idea) -> bool:
    """True when `user` belongs to the idea's audience (whether or not it is hidden)."""
    return audience_of(idea) == "public" or sees_internal(user)


def internal_ideas_clause():
    """SQL condition on ideas: those whose audience is the employee side."""
    return Idea.visibility != "public"


def audience_clause(idea: Idea, user_model=None):
    """SQL condition on users: the idea's audience (who may hear about it)."""
    return employee_side_clause(user_model) if audience_of(idea) == "internal" else true()


def is_published(item: Idea | Comment) -> bool:
    """Approved, or never held for approval. Fails closed: only "approved" is published."""
    return item.moderation == "approved"


def is_listed(idea: Idea) -> bool:
    """What lists, search and topic clouds show of an idea: listed, published, not hidden, not
    merged away (the Python twin of `listed_ideas_clause`, audience aside)."""
    return idea.listed and is_published(idea) and idea.hidden_at is None and idea.status != "merged"


def listable(idea: Idea) -> bool:
    """What `Idea.listed` should be: published, not hidden, not merged. `listed` is kept on the
    row (every list filters and sorts on it through an index), so each change of these sets it."""
    return is_published(idea) and idea.hidden_at is None and idea.status != "merged"


def visible_ideas_clause(user):
    """SQL condition: ideas `user` may see at all (lists add `listed`)."""
    clause = true() if sees_internal(user) else Idea.visibility == "public"
    if is_moderator(user):
        return clause
    not_hidden = and_(Idea.hidden_at.is_(None), Idea.moderation == "approved")
    if is_signed_in(user):
        not_hidden = or_(not_hidden, Idea.author_id == user.id)
    return and_(clause, not_hidden)


def listed_ideas_clause(user):
    """SQL condition for idea lists: visible, not hidden, not merged away."""
    if sees_internal(user):
        return Idea.listed == true()
    return and_(Idea.visibility == "public", Idea.listed == true())


def can_see_idea(user, idea: Idea) -> bool:
    if not in_audience(user, idea):
        return False
    shown = idea.hidden_at is None and is_published(idea)
    return shown or is_moderator(user) or (is_signed_in(user) and idea.author_id == user.id)


def get_visible_idea(user, idea_id) -> Idea:
    """The idea if `user` may see it; otherwise 404, never 403 (internal ideas stay secret).
    (Services that must serialize on ideas lock them first with platform.locking.)"""
    idea = db.session.get(Idea, idea_id) if 0 < idea_id <= MAX_ID else None
    if idea is None or not can_see_idea(user, idea):
        raise NotFound("No such idea.")
    return idea


def can_edit_idea(user, idea: Idea) -> bool:
    if is_moderator(user):
        return True
    return is_signed_in(user) and idea.author_id == user.id and utcnow() - idea.created_at <= IDEA_EDIT_WINDOW


def can_see_comment(user, comment: Comment) -> bool:
    """The comment itself (its idea is checked by `get_visible_idea`): its own audience, and
    hidden or unpublished ones only for moderators and their author."""
    if comment.visibility != "public" and not sees_internal(user):
        return False
    if comment.hidden_at is None and is_published(comment):
        return True
    return is_moderator(user) or (is_signed_in(user) and comment.author_id == user.id)


def comment_in_audience_clause(user):
    """SQL condition on comments: those whose own audience includes `user` (their idea aside)."""
    return true() if sees_internal(user) else Comment.visibility == "public"


def visible_comments_clause(user):
    """SQL twin of `can_see_comment`."""
    if is_moderator(user):
        return true()
    audience = comment_in_audience_clause(user)
    shown = and_(Comment.hidden_at.is_(None), Comment.moderation == "approved")
    if is_signed_in(user):
        return and_(audience, or_(shown, Comment.author_id == user.id))
    return and_(audience, shown)


def published_comments_clause():
    """SQL condition on comments: those that count — in counters, lists of news, topics and
    search — for everyone (audience aside): not deleted, not hidden, published."""
    return and_(Comment.deleted_at.is_(None), Comment.hidden_at.is_(None), Comment.moderation == "approved")


def is_published_comment(comment: Comment) -> bool:
    """The Python twin of `published_comments_clause`."""
    return comment.deleted_at is None and comment.hidden_at is None and is_published(comment)


def in_comment_audience(user, comment: Comment) -> bool:
    """True when `user` belongs to the comment's audience (whether or not it is hidden)."""
    return comment_audience(comment) == "public" or sees_internal(user)


def comment_audience_clause(comment: Comment, user_model=None):
    """SQL condition on users: who may hear about `comment` (mentions, replies, notifications)."""
    return employee_side_clause(user_model) if comment_audience(comment) == "internal" else true()


def can_edit_comment(user, comment: Comment) -> bool:
    return (
        is_signed_in(user)
        and comment.author_id == user.id
        and comment.deleted_at is None
        and utcnow() - comment.created_at <= COMMENT_EDIT_WINDOW
    )


def can_delete_comment(user, comment: Comment) -> bool:
    return comment.deleted_at is None and (is_moderator(user) or (is_signed_in(user) and comment.author_id == user.id))
