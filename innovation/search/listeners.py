"""Domain events → `search_pending` rows in the same transaction, and one indexing job queued
for after the commit. Nothing touches the index inside a request."""

from .. import events
from ..extensions import db
from ..platform.jobs import enqueue_after_commit
from .models import SearchPending


def mark_for_indexing(*items: tuple[str, int | None]) -> None:
    """Record (kind, id) pairs the index must re-read; kinds: ideas, comments, people, idea_comments."""
    rows = [SearchPending(kind=kind, ref_id=ref_id) for kind, ref_id in items if ref_id is not None]
    if not rows:
        return
    db.session.add_all(rows)
    from .jobs import index_pending

    enqueue_after_commit(index_pending)  # queued once per transaction however many changes


def _id(obj) -> int | None:
    return getattr(obj, "id", None)


def on_idea_submitted(idea, actor=None, **_):
    mark_for_indexing(("ideas", idea.id), ("people", idea.author_id))


def on_idea_changed(idea, **_):
    # Comments carry their idea's visibility, status and tags, so they are re-read too, and
    # so is the author, whose topics come from their ideas' tags.
    mark_for_indexing(("ideas", idea.id), ("idea_comments", idea.id), ("people", idea.author_id))


def on_idea_merged(source, target=None, **_):
    mark_for_indexing(("ideas", source.id), ("ideas", _id(target)), ("idea_comments", _id(target)))


def on_comment_changed(comment, **_):
    mark_for_indexing(("comments", comment.id), ("people", comment.author_id))


def on_content_moderated(target, **_):
    from ..ideas.models import Idea

    if isinstance(target, Idea):
        on_idea_changed(target)
    else:
        on_comment_changed(target)


def on_person_changed(user, **_):
    mark_for_indexing(("people", user.id))


def on_invitation_accepted(invitation, user=None, **_):
    if user is not None:
        on_person_changed(user)


def connect_listeners() -> None:
    events.idea_submitted.connect(on_idea_submitted)
    events.idea_edited.connect(on_idea_changed)
    events.status_changed.connect(on_idea_changed)
    events.idea_merged.connect(on_idea_merged)
    events.comment_added.connect(on_comment_changed)
    events.comment_edited.connect(on_comment_changed)
    events.comment_deleted.connect(on_comment_changed)
    events.content_moderated.connect(on_content_moderated)
    events.user_registered.connect(on_person_changed)
    events.profile_updated.connect(on_person_changed)
    events.role_changed.connect(on_person_changed)
    events.invitation_accepted.connect(on_invitation_accepted)
