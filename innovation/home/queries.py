"""Read models for the home page: for a visitor, the loop and who takes part; for a member,
what waits for them (rounds to vote in, news of their ideas and the ideas they follow), then
trending ideas. A fixed number of queries however many rounds, ideas and comments there are."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from ..accounts.actors import Viewer
from ..accounts.models import User
from ..accounts.services import count_by_constituency
from ..decisions.queries import round_links, rounds_waiting_for
from ..extensions import db
from ..ideas.models import Comment, Follow, Idea, StatusChange
from ..ideas.permissions import (
    comment_in_audience_clause,
    is_signed_in,
    published_comments_clause,
    visible_ideas_clause,
)
from ..ideas.queries import idea_page
from ..voting.services import my_votes

FOLLOWED_SHOWN = 8
# The followed ideas looked at for news: the most recent ones (someone following hundreds of
# ideas sees the news of the newest hundred here, and all of it in their notifications).
FOLLOWED_SCANNED = 100


@dataclass(frozen=True)
class FollowedIdea:
    """One of the person's ideas, or an idea they follow, with its latest change."""

    idea: Idea
    mine: bool
    since: datetime  # news is counted from the person's last comment, else from following it
    since_last_comment: bool
    status_change: StatusChange | None  # the latest one
    new_comments: int  # by others, since `since`
    last_comment_at: datetime | None  # the newest of those

    @property
    def changed_at(self) -> datetime:
        times = [self.idea.created_at, self.last_comment_at, self.status_change and self.status_change.created_at]
        return max(t for t in times if t is not None)


def home_page(viewer: Viewer) -> dict:
    trending = idea_page(viewer, sort="hot", page=1, per_page=6).items
    if not is_signed_in(viewer):
        newest = list(db.session.scalars(select(User).order_by(User.created_at.desc(), User.id.desc()).limit(8)))
        return {
            "members": count_by_constituency(),
            "newest_members": newest,
            "trending_ideas": trending,
            "round_links": round_links(viewer, [idea.id for idea in trending]),
        }
    assert viewer is not None
    followed = followed_ideas(viewer)
    shown = [idea.id for idea in trending] + [item.idea.id for item in followed]
    supported, _ratings = my_votes(viewer, shown)
    return {
        "waiting_rounds": rounds_waiting_for(viewer),
        "followed_ideas": followed,
        "trending_ideas": trending,
        "round_links": round_links(viewer, shown),
        "supported": supported,
    }


def followed_ideas(user: User, limit: int = FOLLOWED_SHOWN) -> list[FollowedIdea]:
    """The person's ideas and the ideas they follow (that they may still see), most recently
    changed first: the latest status change (outcomes included) and comments by others since
    the person last commented there (or started following)."""
    rows = db.session.execute(
        select(Idea, Follow.created_at)
        .outerjoin(Follow, (Follow.idea_id == Idea.id) & (Follow.user_id == user.id))
        .where(
            or_(Follow.id.is_not(None), Idea.author_id == user.id),
            visible_ideas_clause(user),
            Idea.status != "merged",
        )
        .order_by(Idea.id.desc())
        .limit(FOLLOWED_SCANNED)
    ).all()
    if not rows:
        return []
    ids = [idea.id for idea, _ in rows]
    changes = _latest_status_changes(ids)
    my_last = _my_last_comments(user, ids)
    news = _comments_by_others_since(user, ids)
    items = []
    for idea, followed_at in rows:
        since = my_last.get(idea.id) or followed_at or idea.created_at
        count, newest = news.get(idea.id, (0, None))
        items.append(
            FollowedIdea(
                idea=idea,
                mine=idea.author_id == user.id,
                since=since,
                since_last_comment=idea.id in my_last,
                status_change=changes.get(idea.id),
                new_comments=count,
                last_comment_at=newest,
            )
        )
    items.sort(key=lambda item: (item.changed_at, item.idea.id), reverse=True)
    return items[:limit]


def _latest_status_changes(idea_ids: list[int]) -> dict[int, StatusChange]:
    latest = select(func.max(StatusChange.id)).where(StatusChange.idea_id.in_(idea_ids)).group_by(StatusChange.idea_id)
    return {
        change.idea_id: change for change in db.session.scalars(select(StatusChange).where(StatusChange.id.in_(latest)))
    }


def _my_last_comments(user: User, idea_ids: list[int]) -> dict[int, datetime]:
    return dict(
        db.session.execute(
            select(Comment.idea_id, func.max(Comment.created_at))
            .where(Comment.idea_id.in_(idea_ids), Comment.author_id == user.id)
            .group_by(Comment.idea_id)
        ).all()
    )


def _comments_by_others_since(user: User, idea_ids: list[int]) -> dict[int, tuple[int, datetime]]:
    """Idea id → (how many, the newest) of the comments by others the person may see, written
    after their own last comment there, else after they started following (else all)."""
    mine = aliased(Comment)
    my_last = (
        select(func.max(mine.created_at))
        .where(mine.idea_id == Comment.idea_id, mine.author_id == user.id)
        .scalar_subquery()
    )
    followed_at = (
        select(Follow.created_at).where(Follow.idea_id == Comment.idea_id, Follow.user_id == user.id).scalar_subquery()
    )
    since = func.coalesce(my_last, followed_at)
    rows = db.session.execute(
        select(Comment.idea_id, func.count(), func.max(Comment.created_at))
        .where(
            Comment.idea_id.in_(idea_ids),
            Comment.author_id != user.id,
            published_comments_clause(),
            comment_in_audience_clause(user),
            or_(since.is_(None), Comment.created_at > since),
        )
        .group_by(Comment.idea_id)
    ).all()
    return {idea_id: (count, newest) for idea_id, count, newest in rows}
