"""Backend hits → result rows, re-read live through the visibility conditions; highlights are
kept only where their text is still what the reader can read now."""

import html

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..accounts.actors import Viewer
from ..accounts.models import User
from ..extensions import db
from ..ideas.models import Comment, Idea
from ..ideas.permissions import listed_ideas_clause
from .documents import Document, person_document, plain_text
from .index import SearchHits
from .visibility import live_comments_clause

SNIPPET_CHARS = 220
FRAGMENT_DELIMITER = " … "  # between a highlight's fragments, in both backends


def _unmarked(marked_html: str) -> str:
    text = marked_html.replace("<mark>", "").replace("</mark>", "")
    return " ".join(html.unescape(text).split())


def current_marks(marks: dict[str, str], live: Document) -> dict[str, str]:
    """The backend's highlights whose every fragment is still in the live title or body: the
    index may hold an older text (an edit, a merge not yet indexed), and a snippet must never
    show words the reader cannot read on the page itself."""
    texts = {"title": " ".join(live.title.split()), "body": " ".join(live.body.split())}
    kept = {}
    for name, marked in marks.items():
        fragments = [part.strip() for part in _unmarked(marked).split(FRAGMENT_DELIMITER.strip())]
        if name in texts and all(part in texts[name] for part in fragments):
            kept[name] = marked
    return kept


def _snippet(hit_highlights: dict, text: str) -> str:
    if hit_highlights.get("body"):
        return hit_highlights["body"]
    plain = " ".join(text.split())
    return html.escape(plain[:SNIPPET_CHARS] + ("…" if len(plain) > SNIPPET_CHARS else ""), quote=False)


def _person(user: User) -> dict:
    return {"id": user.id, "name": user.name, "constituency": user.constituency}


def _hydrate_ideas(viewer: Viewer, hits: SearchHits) -> list[dict]:
    rows = db.session.scalars(
        select(Idea)
        .where(Idea.id.in_(hits.ids), listed_ideas_clause(viewer))
        .options(selectinload(Idea.tags), selectinload(Idea.author))
    )
    found = {idea.id: idea for idea in rows}
    items = []
    for idea_id in hits.ids:
        if (idea := found.get(idea_id)) is None:
            continue  # the index is a moment behind the database: the database wins
        body = plain_text(idea.body_html)
        marks = current_marks(hits.highlights.get(idea_id, {}), Document(idea.id, title=idea.title, body=body))
        items.append(
            {
                "type": "idea",
                "id": idea.id,
                "title": idea.title,
                "status": idea.status,
                "visibility": idea.visibility,
                "tags": idea.tag_names,
                "support_total": idea.support_total,
                "comment_count": idea.comment_count,
                "author": _person(idea.author),
                "score": hits.scores.get(idea_id),
                "highlights": marks,
                "title_html": marks.get("title") or html.escape(idea.title, quote=False),
                "snippet_html": _snippet(marks, body),
                "url": f"/ideas/{idea.id}",
            }
        )
    return items


def _hydrate_comments(viewer: Viewer, hits: SearchHits) -> list[dict]:
    rows = db.session.scalars(
        select(Comment)
        .join(Idea, Idea.id == Comment.idea_id)
        .where(Comment.id.in_(hits.ids), live_comments_clause(viewer))
        .options(selectinload(Comment.author), selectinload(Comment.idea))
    )
    found = {comment.id: comment for comment in rows}
    items = []
    for comment_id in hits.ids:
        if (comment := found.get(comment_id)) is None:
            continue
        body = plain_text(comment.body_html)
        marks = current_marks(hits.highlights.get(comment_id, {}), Document(comment.id, body=body))
        items.append(
            {
                "type": "comment",
                "id": comment.id,
                "idea": {"id": comment.idea.id, "title": comment.idea.title},
                "author": _person(comment.author),
                "created_at": comment.created_at.isoformat(),
                "score": hits.scores.get(comment_id),
                "highlights": marks,
                "snippet_html": _snippet(marks, body),
                "url": f"/ideas/{comment.idea_id}#comment-{comment.id}",
            }
        )
    return items


def _hydrate_people(viewer: Viewer, hits: SearchHits) -> list[dict]:
    rows = db.session.scalars(select(User).where(User.id.in_(hits.ids)).options(selectinload(User.expertise)))
    found = {user.id: user for user in rows}
    items = []
    for user_id in hits.ids:
        if (user := found.get(user_id)) is None:
            continue
        marks = current_marks(hits.highlights.get(user_id, {}), person_document(user, []))
        items.append(
            {
                "type": "person",
                **_person(user),
                "role": user.role,
                "expertise": user.expertise_tags,
                "score": hits.scores.get(user_id),
                "highlights": marks,
                "title_html": marks.get("title") or html.escape(user.name, quote=False),
                "snippet_html": _snippet(marks, user.bio),
                "url": f"/people/{user.id}",
            }
        )
    return items


HYDRATE = {"ideas": _hydrate_ideas, "comments": _hydrate_comments, "people": _hydrate_people}
