"""Finding people: what someone works on, whom they work with, whom two people both know,
and who knows about a topic. Read models counted by the database, and every idea and comment
passes the same visibility clauses as the idea lists, so internal ideas never leak into a
customer's or visitor's cloud, network, counts or evidence."""

from dataclasses import dataclass, field

from sqlalchemy import Integer, and_, case, func, literal_column, select, union, union_all

from ..accounts.actors import Viewer
from ..accounts.models import ExpertiseTag, User
from ..extensions import db
from ..ideas.models import Comment, Idea, IdeaTag
from ..ideas.permissions import comment_in_audience_clause, listed_ideas_clause, published_comments_clause
from ..platform.errors import ValidationFailed
from ..platform.tags import parse_tags
from ..search.text import QUERY_MAX

# The roadmap's statuses: a product manager said yes to the idea.
ADOPTED = ("planned", "in_progress", "shipped")
TOPIC_WEIGHTS = {"authored": 3, "adopted": 5, "commented": 1}
EXPERT_POINTS = {"authored": 3, "adopted": 6, "comment": 1, "declared": 2}
EXPERT_IDEA_CANDIDATES = 300
EXPERT_COMMENT_CANDIDATES = 600
EVIDENCE_PER_KIND = 3
SNIPPET_CHARS = 160


@dataclass(frozen=True)
class Evidence:
    """One idea or comment that earned an expert points, with the idea it belongs to."""

    kind: str  # "idea" or "comment"
    id: int
    idea_id: int
    text: str  # the idea's title, or the start of the comment
    idea_title: str
    status: str  # the idea's status


@dataclass
class Expert:
    """Someone who knows about a topic: their points, what earned them, and a few examples."""

    user: User
    score: int
    ideas: int
    adopted: int
    comments: int
    declared: bool
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def idea_evidence(self) -> list[Evidence]:
        return [item for item in self.evidence if item.kind == "idea"]

    @property
    def comment_evidence(self) -> list[Evidence]:
        return [item for item in self.evidence if item.kind == "comment"]


def _visible_comment(viewer: Viewer):
    # Deleted and moderated comments are nobody's contribution, whoever looks; internal ones
    # (moved into a public idea by a merge) count only for the employee side.
    return and_(published_comments_clause(), comment_in_audience_clause(viewer))


def _is_adopted():
    return Idea.status.in_(ADOPTED)


def _adopted_flag():
    return case((_is_adopted(), _const(1)), else_=_const(0))


def _const(value: int):
    # Inlined rather than bound: PostgreSQL must know each UNION column's type.
    return literal_column(str(int(value)), Integer)


def _ideas_joined(viewer: Viewer, user_id: int):
    """Ids of the visible ideas `user_id` wrote or commented on."""
    authored = select(Idea.id.label("idea_id")).where(listed_ideas_clause(viewer), Idea.author_id == user_id)
    commented = (
        select(Comment.idea_id)
        .join(Idea, Idea.id == Comment.idea_id)
        .where(listed_ideas_clause(viewer), _visible_comment(viewer), Comment.author_id == user_id)
    )
    return union(authored, commented)


def _shared_counts(viewer: Viewer, user_id: int, name: str = "shared"):
    """(user_id, shared): everyone else who wrote or commented on one of the ideas `user_id`
    joined, with the number of such ideas. UNION makes each (idea, person) pair count once."""
    # Only visible ideas are in `joined`, so the two branches need no visibility check of their own.
    joined = _ideas_joined(viewer, user_id).cte(f"{name}_ideas")
    authors = select(Idea.id.label("idea_id"), Idea.author_id.label("user_id")).join(
        joined, joined.c.idea_id == Idea.id
    )
    commenters = (
        select(Comment.idea_id, Comment.author_id)
        .join(joined, joined.c.idea_id == Comment.idea_id)
        .where(_visible_comment(viewer))
    )
    pairs = union(authors, commenters).subquery(f"{name}_pairs")
    return (
        select(pairs.c.user_id, func.count().label("shared"))
        .where(pairs.c.user_id != user_id)
        .group_by(pairs.c.user_id)
        .subquery(name)
    )


def topic_cloud(viewer: Viewer, user_id: int, limit: int = 24) -> list[tuple[str, int]]:
    """Tags of the visible ideas a person wrote (3 points, 5 once adopted) or commented on
    (1 point), summed per tag, heaviest first. An idea counts once: as theirs if they wrote it."""
    weight = case((_is_adopted(), _const(TOPIC_WEIGHTS["adopted"])), else_=_const(TOPIC_WEIGHTS["authored"]))
    authored = (
        select(IdeaTag.tag, weight.label("weight"))
        .join(Idea, Idea.id == IdeaTag.idea_id)
        .where(listed_ideas_clause(viewer), Idea.author_id == user_id)
    )
    commented_ideas = select(Comment.idea_id).where(Comment.author_id == user_id, _visible_comment(viewer))
    commented = (
        select(IdeaTag.tag, _const(TOPIC_WEIGHTS["commented"]).label("weight"))
        .join(Idea, Idea.id == IdeaTag.idea_id)
        .where(listed_ideas_clause(viewer), Idea.author_id != user_id, Idea.id.in_(commented_ideas))
    )
    rows = union_all(authored, commented).subquery("weighted_tags")
    total = func.sum(rows.c.weight)
    query = select(rows.c.tag, total).group_by(rows.c.tag).order_by(total.desc(), rows.c.tag).limit(limit)
    return [(tag, int(points)) for tag, points in db.session.execute(query)]


def cloud_levels(cloud: list[tuple[str, int]], levels: int = 5) -> list[tuple[str, int, int]]:
    """(tag, weight, level 1..levels) in alphabetical order, for font-size classes; levels are
    linear between the lightest and the heaviest tag shown."""
    if not cloud:
        return []
    low, high = min(w for _, w in cloud), max(w for _, w in cloud)
    span = high - low

    def level(weight: int) -> int:
        return levels if span == 0 else 1 + round((levels - 1) * (weight - low) / span)

    return sorted(((tag, weight, level(weight)) for tag, weight in cloud), key=lambda item: item[0])


def collaborators(viewer: Viewer, user_id: int, limit: int = 12) -> list[tuple[User, int]]:
    """People who wrote or commented on the same visible ideas as `user_id`, with the number of
    ideas shared, most first."""
    shared = _shared_counts(viewer, user_id)
    query = (
        select(User, shared.c.shared)
        .join(shared, shared.c.user_id == User.id)
        .order_by(shared.c.shared.desc(), User.name, User.id)
        .limit(limit)
    )
    return [(user, int(count)) for user, count in db.session.execute(query)]


def common_contacts(viewer: Viewer, a_id: int, b_id: int, limit: int = 50) -> list[tuple[User, int, int]]:
    """People both A and B have discussed ideas with: (person, ideas shared with A, with B),
    strongest ties first; A and B themselves are left out."""
    with_a, with_b = _shared_counts(viewer, a_id, "with_a"), _shared_counts(viewer, b_id, "with_b")
    strength = with_a.c.shared + with_b.c.shared
    query = (
        select(User, with_a.c.shared, with_b.c.shared)
        .join(with_a, with_a.c.user_id == User.id)
        .join(with_b, with_b.c.user_id == User.id)
        .where(User.id.not_in((a_id, b_id)))
        .order_by(strength.desc(), User.name, User.id)
        .limit(limit)
    )
    return [(user, int(count_a), int(count_b)) for user, count_a, count_b in db.session.execute(query)]


def topic_slug(topic: str) -> str | None:
    """The tag a typed topic would be ("Mobile App" → "mobile-app"), or None if it cannot be one."""
    try:
        tags = parse_tags([topic], limit=1)
    except ValidationFailed:
        return None
    return tags[0] if tags else None


def clean_topic(raw) -> str:
    """A typed topic on one line; refuses non-text and anything longer than a search query."""
    if not isinstance(raw, str):
        raise ValidationFailed("The topic must be text.", fields={"q": ["Must be text."]})
    if len(raw) > QUERY_MAX:
        raise ValidationFailed(
            f"Topics have at most {QUERY_MAX} characters; try a word or two.",
            fields={"q": [f"At most {QUERY_MAX} characters."]},
        )
    # Control characters are never part of a topic (and PostgreSQL refuses NUL in text).
    return " ".join("".join(ch for ch in raw if ch.isprintable() or ch.isspace()).split())


def find_experts(viewer: Viewer, topic, limit: int = 20) -> list[Expert]:
    """Who knows about `topic`: people ranked by the matching ideas they wrote (3 points, 6 once
    adopted), matching comments (1 point each) and a declared expertise tag (2 points)."""
    topic = clean_topic(topic)
    if not topic:
        return []
    from ..search.services import matching_ids  # only experts need the index, not clouds and networks

    slug = topic_slug(topic)
    idea_ids = matching_ids(viewer, topic, "ideas", EXPERT_IDEA_CANDIDATES)
    comment_ids = matching_ids(viewer, topic, "comments", EXPERT_COMMENT_CANDIDATES)
    ideas_on_topic = _ideas_on_topic(viewer, idea_ids, slug)
    comments_on_topic = and_(Comment.id.in_(comment_ids), _visible_comment(viewer), listed_ideas_clause(viewer))
    rows = _expert_rows(ideas_on_topic, comments_on_topic, slug, limit)
    experts = [
        Expert(
            user=user,
            score=int(score),
            ideas=int(ideas),
            adopted=int(adopted),
            comments=int(comments),
            declared=bool(declared),
        )
        for user, score, ideas, adopted, comments, declared in rows
    ]
    _attach_evidence(experts, ideas_on_topic, comments_on_topic)
    return experts


def _ideas_on_topic(viewer: Viewer, idea_ids: list[int], slug: str | None):
    matched = Idea.id.in_(idea_ids)
    if slug:
        matched = matched | Idea.id.in_(select(IdeaTag.idea_id).where(IdeaTag.tag == slug))
    return and_(matched, listed_ideas_clause(viewer))


def _expert_rows(ideas_on_topic, comments_on_topic, slug: str | None, limit: int):
    """One row per person: (User, score, ideas, adopted, comments, declared), summed by the
    database over one UNION ALL of everything that earns points."""
    adopted = _adopted_flag()
    idea_points = case((_is_adopted(), _const(EXPERT_POINTS["adopted"])), else_=_const(EXPERT_POINTS["authored"]))
    parts = [
        select(
            Idea.author_id.label("user_id"),
            idea_points.label("points"),
            _const(1).label("ideas"),
            adopted.label("adopted"),
            _const(0).label("comments"),
            _const(0).label("declared"),
        ).where(ideas_on_topic),
        select(Comment.author_id, _const(EXPERT_POINTS["comment"]), _const(0), _const(0), _const(1), _const(0))
        .join(Idea, Idea.id == Comment.idea_id)
        .where(comments_on_topic),
    ]
    if slug:
        parts.append(
            select(
                ExpertiseTag.user_id, _const(EXPERT_POINTS["declared"]), _const(0), _const(0), _const(0), _const(1)
            ).where(ExpertiseTag.tag == slug)
        )
    points = union_all(*parts).subquery("points")
    score = func.sum(points.c.points)
    query = (
        select(
            User,
            score,
            func.sum(points.c.ideas),
            func.sum(points.c.adopted),
            func.sum(points.c.comments),
            func.max(points.c.declared),
        )
        .join(points, points.c.user_id == User.id)
        .group_by(User.id)
        .order_by(score.desc(), func.sum(points.c.adopted).desc(), User.name, User.id)
        .limit(limit)
    )
    return db.session.execute(query).all()


def _attach_evidence(experts: list[Expert], ideas_on_topic, comments_on_topic) -> None:
    """Up to three ideas and three comments per expert, two queries for the whole page (a
    window function numbers each person's items); adopted and well-supported ideas first."""
    by_user = {expert.user.id: expert for expert in experts}
    if not by_user:
        return
    idea_rank = func.row_number().over(
        partition_by=Idea.author_id, order_by=(_adopted_flag().desc(), Idea.support_total.desc(), Idea.id.desc())
    )
    ideas = (
        select(Idea.id, Idea.author_id, Idea.title, Idea.status, idea_rank.label("rank"))
        .where(ideas_on_topic, Idea.author_id.in_(list(by_user)))
        .subquery("idea_evidence")
    )
    for row in db.session.execute(
        select(ideas).where(ideas.c.rank <= EVIDENCE_PER_KIND).order_by(ideas.c.author_id, ideas.c.rank)
    ):
        by_user[row.author_id].evidence.append(Evidence("idea", row.id, row.id, row.title, row.title, row.status))
    comment_rank = func.row_number().over(
        partition_by=Comment.author_id, order_by=(Comment.created_at.desc(), Comment.id.desc())
    )
    comments = (
        select(
            Comment.id,
            Comment.author_id,
            Comment.idea_id,
            func.substr(Comment.body, 1, 4 * SNIPPET_CHARS).label("body"),
            Idea.title,
            Idea.status,
            comment_rank.label("rank"),
        )
        .join(Idea, Idea.id == Comment.idea_id)
        .where(comments_on_topic, Comment.author_id.in_(list(by_user)))
        .subquery("comment_evidence")
    )
    for row in db.session.execute(
        select(comments).where(comments.c.rank <= EVIDENCE_PER_KIND).order_by(comments.c.author_id, comments.c.rank)
    ):
        by_user[row.author_id].evidence.append(
            Evidence("comment", row.id, row.idea_id, snippet(row.body), row.title, row.status)
        )


def snippet(text: str, chars: int = SNIPPET_CHARS) -> str:
    """The start of a text on one line, cut at a word boundary."""
    flat = " ".join((text or "").split())
    if len(flat) <= chars:
        return flat
    cut = flat[:chars].rsplit(" ", 1)[0] or flat[:chars]
    return cut + "…"
