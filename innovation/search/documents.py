"""From database rows to search documents. The index holds only what lists show: ideas that
are listed (not hidden, not merged away), their live comments, and people. Everything else
is removed, so the index can never show more than the database would."""

import html
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

import nh3
from sqlalchemy import func, select, union_all
from sqlalchemy.orm import selectinload

from ..accounts.models import User
from ..extensions import db
from ..ideas.models import Comment, Idea, IdeaTag
from ..ideas.permissions import (
    audience_of,
    comment_audience,
    comment_in_audience_clause,
    is_listed,
    is_published_comment,
    listed_ideas_clause,
    published_comments_clause,
)

KINDS = ("ideas", "comments", "people")
TOPICS_PER_PERSON = 10


@dataclass
class Document:
    ref_id: int
    title: str = ""
    body: str = ""
    tags: list[str] = field(default_factory=list)
    status: str = ""
    audience: str = "public"  # public | internal: who may find it
    constituency: str = ""  # of the author (ideas, comments) or the person
    author_id: int | None = None
    idea_id: int | None = None


def plain_text(rendered_html: str) -> str:
    """What a reader sees of rendered markdown: snippets without `**` or link syntax."""
    return html.unescape(nh3.clean(rendered_html or "", tags=set()))


def idea_document(idea: Idea) -> Document:
    return Document(
        ref_id=idea.id,
        title=idea.title,
        body=plain_text(idea.body_html),
        tags=idea.tag_names,
        status=idea.status,
        audience=audience_of(idea),
        constituency=idea.author_constituency,
        author_id=idea.author_id,
        idea_id=idea.id,
    )


def comment_document(comment: Comment) -> Document:
    idea = comment.idea
    # A comment is as visible as its idea (narrowed when it is internal itself); facets show
    # the idea's status and tags.
    return Document(
        ref_id=comment.id,
        body=plain_text(comment.body_html),
        tags=idea.tag_names,
        status=idea.status,
        audience=comment_audience(comment, idea),
        constituency=comment.author.constituency,
        author_id=comment.author_id,
        idea_id=idea.id,
    )


def person_document(user: User, topics: list[str]) -> Document:
    about = " ".join(part for part in (user.bio, user.title, user.department, user.company) if part)
    tags = list(dict.fromkeys(user.expertise_tags + topics))
    return Document(
        ref_id=user.id,
        title=user.name,
        body=about,
        tags=tags,
        audience="public",
        constituency=user.constituency,
        author_id=user.id,
    )


def public_topics(user_ids: list[int]) -> dict[int, list[str]]:
    """The tags of public, listed ideas each person wrote or discussed, most frequent first.
    Only public ones: a person's profile is public, so internal subjects must not show there."""
    public = (listed_ideas_clause(None),)  # what a visitor's lists show
    authored = (
        select(Idea.author_id.label("user_id"), IdeaTag.tag)
        .join(IdeaTag, IdeaTag.idea_id == Idea.id)
        .where(Idea.author_id.in_(user_ids), *public)
    )
    discussed = (
        select(Comment.author_id.label("user_id"), IdeaTag.tag)
        .join(Idea, Idea.id == Comment.idea_id)
        .join(IdeaTag, IdeaTag.idea_id == Idea.id)
        .where(
            Comment.author_id.in_(user_ids),
            published_comments_clause(),
            comment_in_audience_clause(None),
            *public,
        )
    )
    rows = union_all(authored, discussed).subquery()
    counted = select(rows.c.user_id, rows.c.tag, func.count().label("n")).group_by(rows.c.user_id, rows.c.tag)
    topics: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for user_id, tag, count in db.session.execute(counted):
        topics[user_id].append((-count, tag))
    return {user_id: [tag for _n, tag in sorted(pairs)[:TOPICS_PER_PERSON]] for user_id, pairs in topics.items()}


def load_documents(kind: str, ids: list[int]) -> tuple[list[Document], list[int]]:
    """Documents for the ids that belong in the index, and the ids that must leave it."""
    if kind == "ideas":
        ideas = db.session.scalars(select(Idea).where(Idea.id.in_(ids)).options(selectinload(Idea.tags))).all()
        docs = [idea_document(idea) for idea in ideas if is_listed(idea)]
    elif kind == "comments":
        comments = db.session.scalars(
            select(Comment)
            .where(Comment.id.in_(ids))
            .options(selectinload(Comment.author), selectinload(Comment.idea).selectinload(Idea.tags))
        ).all()
        docs = [comment_document(c) for c in comments if is_published_comment(c) and is_listed(c.idea)]
    elif kind == "people":
        people = db.session.scalars(select(User).where(User.id.in_(ids)).options(selectinload(User.expertise))).all()
        topics = public_topics([user.id for user in people]) if people else {}
        docs = [person_document(user, topics.get(user.id, [])) for user in people]
    else:
        raise ValueError(f"unknown kind {kind!r}")
    kept = {doc.ref_id for doc in docs}
    return docs, [ref_id for ref_id in ids if ref_id not in kept]


def all_ids(kind: str, batch: int = 2000) -> Iterator[list[int]]:
    """Every id of a kind, in batches (for a full rebuild)."""
    column = {"ideas": Idea.id, "comments": Comment.id, "people": User.id}[kind]
    last = 0
    while True:
        ids = list(db.session.scalars(select(column).where(column > last).order_by(column).limit(batch)))
        if not ids:
            return
        yield ids
        last = ids[-1]


def count_rows(kind: str) -> int:
    column = {"ideas": Idea.id, "comments": Comment.id, "people": User.id}[kind]
    return db.session.scalar(select(func.count(column))) or 0


def comment_ids_of_ideas(idea_ids: list[int]) -> list[int]:
    return list(db.session.scalars(select(Comment.id).where(Comment.idea_id.in_(idea_ids))))
