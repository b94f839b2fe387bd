"""Idea services: submit, edit, change status, follow, merge. They flush, send a domain
event and log; they never commit."""

import logging

from sqlalchemy import delete, func, literal, or_, select, update

from .. import events
from ..accounts.models import User
from ..accounts.permissions import STAFF, require_role
from ..extensions import db
from ..platform.db import utcnow
from ..platform.errors import Conflict, NotAuthenticated, PermissionDenied, ValidationFailed
from ..platform.locking import lock_rows
from ..platform.markdown import render_markdown
from ..platform.tags import parse_tags
from ..platform.upsert import insert_from_select_or_ignore, insert_or_ignore
from ..voting.models import Rating, Support
from ..voting.ranking import hot_score
from ..voting.services import cast_support, refresh_counters, takes_support
from .approval import hold_for_approval
from .models import VISIBILITIES, Comment, Follow, Idea, IdeaRevision, IdeaTag, StatusChange
from .permissions import (
    audience_of,
    can_edit_idea,
    get_visible_idea,
    is_signed_in,
    published_comments_clause,
    sees_internal,
)
from .statuses import SYSTEM_BASES, all_statuses, status_info

log = logging.getLogger(__name__)

TITLE_MIN, TITLE_MAX = 5, 140
BODY_MAX = 20_000
MAX_TAGS = 10


def clean_title(raw) -> str:
    title = " ".join(raw.split()) if isinstance(raw, str) else ""
    if not TITLE_MIN <= len(title) <= TITLE_MAX:
        raise ValidationFailed(
            f"A title has {TITLE_MIN} to {TITLE_MAX} characters.",
            fields={"title": [f"{TITLE_MIN} to {TITLE_MAX} characters."]},
        )
    return title


def clean_body(raw) -> str:
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise ValidationFailed("The description must be text.", fields={"body": ["Must be text."]})
    if len(raw) > BODY_MAX:
        raise ValidationFailed(
            f"The description has at most {BODY_MAX:,} characters.",
            fields={"body": [f"At most {BODY_MAX:,} characters."]},
        )
    return raw.strip()


def clean_visibility(actor: User, raw) -> str:
    visibility = "public" if raw is None else raw  # exactly one of the two: "", 0 or "PUBLIC" are refused
    if not isinstance(visibility, str) or visibility not in VISIBILITIES:
        raise ValidationFailed("Visibility is public or internal.", fields={"visibility": ["public or internal."]})
    if visibility == "internal" and not sees_internal(actor):
        raise PermissionDenied("Only employees can post internal ideas.")
    return visibility


def _set_tags(idea: Idea, tags: list[str]) -> None:
    idea.tags = [item for item in idea.tags if item.tag in tags]
    have = {item.tag for item in idea.tags}
    idea.tags.extend(IdeaTag(tag=tag) for tag in tags if tag not in have)


def submit_idea(actor: User, *, title, body="", tags=None, visibility="public") -> Idea:
    """A new idea from a signed-in customer or employee; its author follows it and supports it
    (quietly, and retractable like any support: most people back what they propose). It waits
    for a moderator's approval when its author must (ideas/approval.py)."""
    if not is_signed_in(actor):
        raise NotAuthenticated("Sign in to submit ideas.")
    now = utcnow()
    idea = Idea(
        title=clean_title(title),
        body=clean_body(body),
        visibility=clean_visibility(actor, visibility),
        author_id=actor.id,
        author_constituency=actor.constituency,
        created_at=now,
        hot_score=hot_score(0, now),
        bayes_score=3.0,
    )
    idea.body_html = render_markdown(idea.body)
    _set_tags(idea, parse_tags(tags, limit=MAX_TAGS))
    db.session.add(idea)
    db.session.flush()
    follow_idea(actor, idea.id, quiet=True)
    if takes_support(idea):  # an admin may have made new ideas take no supports
        cast_support(actor, idea.id, quiet=True)
    # Held after the author's own support (a waiting idea takes no other): it is published,
    # and `idea_submitted` sent, when a moderator approves it (ideas/approval.py).
    if hold_for_approval(actor, idea):
        db.session.flush()
        events.content_held.send(idea, actor=actor, kind="idea")
    else:
        events.idea_submitted.send(idea, actor=actor)
    log.info("user %s submitted idea %s (%s, %s)", actor.id, idea.id, idea.visibility, idea.moderation)
    return idea


def edit_idea(actor: User, idea_id: int, *, title=None, body=None, tags=None, visibility=None) -> Idea:
    """Edit title, body, tags or visibility: the author within 24 hours, pms any time.
    The previous title and body are kept as a revision."""
    idea = get_visible_idea(actor, idea_id)
    if not can_edit_idea(actor, idea):
        if is_signed_in(actor) and actor.id == idea.author_id:
            raise PermissionDenied("Ideas can be edited for 24 hours; ask a product manager for changes.")
        require_role(actor, *STAFF, action="edit_idea")
    new_title = clean_title(title) if title is not None else idea.title
    new_body = clean_body(body) if body is not None else idea.body
    if (new_title, new_body) != (idea.title, idea.body):
        db.session.add(IdeaRevision(idea_id=idea.id, editor_id=actor.id, title=idea.title, body=idea.body))
        idea.title, idea.body, idea.body_html = new_title, new_body, render_markdown(new_body)
        idea.edited_at = utcnow()
    if tags is not None:
        _set_tags(idea, parse_tags(tags, limit=MAX_TAGS))
    if visibility is not None:
        new_visibility = clean_visibility(actor, visibility)
        if new_visibility == "internal" and idea.visibility == "public":
            events.idea_narrowing.send(idea, actor=actor)  # a round customers take part in refuses
        idea.visibility = new_visibility
    db.session.flush()
    events.idea_edited.send(idea, actor=actor)
    log.info("user %s edited idea %s", actor.id, idea.id)
    return idea


def change_status(actor: User, idea_id: int, status, note="") -> Idea:
    """Move an idea through the workflow (pms): `status` is a built-in status or one the team
    defined (the idea's base becomes that status's base); the note is kept in the history."""
    require_role(actor, *STAFF, action="change_status")
    idea = get_visible_idea(actor, idea_id)
    chosen = status_info(status) if isinstance(status, str) else None
    if chosen is None or chosen.base in SYSTEM_BASES:
        allowed = ", ".join(s.key for s in all_statuses().values() if s.base not in SYSTEM_BASES)
        raise ValidationFailed(
            f"`status` must be one of {allowed} (rounds and merges set the others).",
            fields={"status": ["Unknown status."]},
        )
    if not isinstance(note, str) or len(note) > 2000:
        raise ValidationFailed("The note is text of at most 2,000 characters.", fields={"note": ["Too long."]})
    if idea.status == "merged":
        raise Conflict("This idea was merged into another one; change that one instead.")
    new_key = None if chosen.builtin else chosen.key
    if chosen.base == idea.status and new_key == idea.status_key:
        return idea
    db.session.add(
        StatusChange(
            idea_id=idea.id,
            actor_id=actor.id,
            old_status=idea.status,
            new_status=chosen.base,
            new_key=new_key,
            note=note.strip(),
        )
    )
    old = idea.status
    idea.status = chosen.base  # drops a custom status of the old base (models._status_moved)
    idea.status_key = new_key
    db.session.flush()
    events.status_changed.send(idea, actor=actor, old=old, new=chosen.base, note=note.strip(), label=chosen.label)
    log.info("user %s moved idea %s %s -> %s (%s)", actor.id, idea.id, old, chosen.base, chosen.key)
    return idea


def follow_idea(actor: User, idea_id: int, *, quiet: bool = False) -> Idea:
    """Follow an idea (idempotent)."""
    if not is_signed_in(actor):
        raise NotAuthenticated("Sign in to follow ideas.")
    idea = get_visible_idea(actor, idea_id)
    inserted = insert_or_ignore(
        Follow, {"idea_id": idea.id, "user_id": actor.id, "created_at": utcnow()}, ["idea_id", "user_id"]
    )
    if inserted and not quiet:
        events.idea_followed.send(idea, actor=actor)
    return idea


def unfollow_idea(actor: User, idea_id: int) -> Idea:
    if not is_signed_in(actor):
        raise NotAuthenticated("Sign in first.")
    idea = get_visible_idea(actor, idea_id)
    db.session.execute(delete(Follow).where(Follow.idea_id == idea.id, Follow.user_id == actor.id))
    return idea


def is_following(user, idea_id: int) -> bool:
    if not is_signed_in(user):
        return False
    return db.session.scalar(select(Follow.id).where(Follow.idea_id == idea_id, Follow.user_id == user.id)) is not None


def _move_unique_rows(model, source_id: int, target_id: int, columns: list[str]) -> None:
    """Copy rows to the target unless the same user already has one there; drop the source's."""
    query = select(literal(target_id), *[getattr(model, c) for c in columns]).where(model.idea_id == source_id)
    insert_from_select_or_ignore(model, ["idea_id", *columns], query, ["idea_id", "user_id"])
    db.session.execute(delete(model).where(model.idea_id == source_id))


def merge_target(actor: User, source_id: int, target_id, *, move_internal_comments: bool = False) -> Idea:
    """The idea `source_id` would merge into, once every check of `merge_ideas` passes (changes
    nothing): what the confirmation page shows before the merge happens."""
    require_role(actor, *STAFF, action="merge_ideas")
    source, target = get_visible_idea(actor, source_id), get_visible_idea(actor, target_id)
    _check_merge(source, target, move_internal_comments)
    return target


def _check_merge(source: Idea, target: Idea, move_internal_comments: bool) -> None:
    if source.id == target.id:
        raise Conflict("An idea cannot be merged into itself.", fields={"into": ["Pick another idea."]})
    if source.status == "merged" or target.status == "merged" or not target.listed:
        raise Conflict("One of these ideas was already merged or is hidden.", code="merge_refused")
    widening = audience_of(source) == "internal" and audience_of(target) == "public"
    if audience_of(source) == "public" and audience_of(target) == "internal":
        raise Conflict(
            "A public idea cannot be merged into an internal one: its customers would lose it.",
            code="audience_narrowing",
        )
    if widening and not move_internal_comments:
        raise Conflict(
            "This idea is internal and the other one is public: its comments were written for employees. "
            "Confirm the merge to move them; they will stay visible to employees only.",
            code="audience_widening",
            fields={"move_internal_comments": ["Confirm to move them."]},
        )


def merge_ideas(actor: User, source_id: int, target_id, *, move_internal_comments: bool = False) -> Idea:
    """Merge a duplicate into another idea (pms): supports, ratings, followers and comments
    move; someone who supported both counts once. The source redirects to the target.

    A merge never widens who can read something: a public idea cannot go into an internal one
    (its customers would lose it), and an internal idea's discussion, written for employees,
    goes into a public idea only when the pm confirms it (`move_internal_comments`) — the moved
    comments then stay internal, readable by the employee side only."""
    require_role(actor, *STAFF, action="merge_ideas")
    # Both rows locked, lowest id first: crossed merges (A into B, B into A) wait for each
    # other instead of deadlocking, and the second sees the first's result and is refused.
    lock_rows(Idea, [source_id, target_id])
    source = get_visible_idea(actor, source_id)
    target = get_visible_idea(actor, target_id)
    _check_merge(source, target, move_internal_comments)
    widening = audience_of(source) == "internal" and audience_of(target) == "public"
    _move_unique_rows(Support, source.id, target.id, ["user_id", "constituency", "created_at"])
    _move_unique_rows(Rating, source.id, target.id, ["user_id", "constituency", "value", "created_at", "updated_at"])
    _move_unique_rows(Follow, source.id, target.id, ["user_id", "created_at"])
    moved = {"idea_id": target.id, **({"visibility": "internal"} if widening else {})}
    db.session.execute(update(Comment).where(Comment.idea_id == source.id).values(**moved))
    db.session.add(
        StatusChange(
            idea_id=source.id,
            actor_id=actor.id,
            old_status=source.status,
            new_status="merged",
            note=f"Merged into #{target.id}: {target.title}",
        )
    )
    source.status, source.merged_into_id, source.listed = "merged", target.id, False
    refresh_counters(source)
    refresh_counters(target)
    recount_comments(source.id)
    recount_comments(target.id)
    events.idea_merged.send(source, actor=actor, target=target)
    log.info("user %s merged idea %s into %s", actor.id, source.id, target.id)
    return target


def recount_comments(idea_id: int) -> None:
    """The visible-comment counter: published (not deleted, hidden or waiting for approval), and
    in the idea's own audience (the count everyone sees leaves out internal comments moved into
    a public idea)."""
    count = (
        select(func.count())
        .where(
            Comment.idea_id == idea_id,
            published_comments_clause(),
            or_(Comment.visibility == "public", Idea.visibility != "public"),
        )
        .correlate(Idea)
        .scalar_subquery()
    )
    db.session.execute(update(Idea).where(Idea.id == idea_id).values(comment_count=count))
