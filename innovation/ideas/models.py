"""Ideas, their tags, edit and status history, comments, mentions, flags and follows."""

import re
from datetime import datetime

from markupsafe import Markup
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.orm.attributes import NO_VALUE

from ..accounts.models import User
from ..extensions import Model
from ..platform.db import UTCDateTime, utcnow

STATUSES = ("new", "under_review", "in_round", "planned", "in_progress", "shipped", "declined", "merged")
VISIBILITIES = ("public", "internal")
# Approval before publishing: "pending" and "rejected" content is seen by its author and the
# moderators only (ideas/permissions.py); everything written before it existed is "approved".
MODERATION_STATES = ("approved", "pending", "rejected")
# The sort keys of the idea list; each has a column kept up to date on every vote.
SORT_COLUMNS = {
    "hot": "hot_score",
    "top": "support_total",
    "new": "created_at",
    "rated": "bayes_score",
    "common_ground": "common_ground_score",
}
# Cards show two lines of the description (CSS clamps them); the server sends no more than this.
EXCERPT_MAX = 240
# Block ends become spaces, so "<p>One</p><p>Two</p>" reads "One Two", not "OneTwo".
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|pre|td|th|tr|div)>|<br\s*/?>", re.IGNORECASE)


def _list_indexes():
    # One index per sort for everyone-visible lists (employees) and one with the visibility
    # prefix (customers and visitors), so every list page is an ordered index scan.
    indexes = []
    for name, column in SORT_COLUMNS.items():
        indexes.append(Index(f"ix_ideas_listed_{name}", "listed", column, "id"))
        indexes.append(Index(f"ix_ideas_visibility_listed_{name}", "visibility", "listed", column, "id"))
    return tuple(indexes)


class Idea(Model):
    __tablename__ = "ideas"
    # Anything but the two values would be read as one or the other somewhere: refuse it.
    __table_args__ = (
        *_list_indexes(),
        CheckConstraint("visibility IN ('public', 'internal')", name="visibility"),
        Index("ix_ideas_moderation_created", "moderation", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(140))
    body: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    visibility: Mapped[str] = mapped_column(String(16), default="public")
    status: Mapped[str] = mapped_column(String(16), default="new", index=True)
    # A status the team defined (`Status.key`) whose base is `status`; None: the base's own
    # built-in status. Kept consistent by `_status_moved` below: any change of the base (a
    # round, an outcome, a merge) drops the custom status, which belonged to the old base.
    status_key: Mapped[str | None] = mapped_column(ForeignKey("statuses.key", ondelete="SET NULL"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    author_constituency: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # In lists: published (approved), neither hidden by a moderator nor merged into another idea.
    listed: Mapped[bool] = mapped_column(default=True)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id"))
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_reason: Mapped[str] = mapped_column(String(500), default="")
    # "approved" (published), "pending" (waiting in the moderation queue) or "rejected"; who
    # decided and when is in `moderation_actions`. The reason is the rejection's, shown to the
    # author. (Both columns are plain additions: SQLite adds them without rebuilding the table.)
    moderation: Mapped[str] = mapped_column(String(16), default="approved", server_default="approved")
    moderation_reason: Mapped[str | None] = mapped_column(String(500))

    # Counters kept on the row (lists sort by them); recomputed from the vote rows on every change.
    support_customer: Mapped[int] = mapped_column(default=0)
    support_employee: Mapped[int] = mapped_column(default=0)
    support_total: Mapped[int] = mapped_column(default=0)
    rating_count_customer: Mapped[int] = mapped_column(default=0)
    rating_sum_customer: Mapped[int] = mapped_column(default=0)
    rating_count_employee: Mapped[int] = mapped_column(default=0)
    rating_sum_employee: Mapped[int] = mapped_column(default=0)
    favour_customer: Mapped[int] = mapped_column(default=0)
    engaged_customer: Mapped[int] = mapped_column(default=0)
    favour_employee: Mapped[int] = mapped_column(default=0)
    engaged_employee: Mapped[int] = mapped_column(default=0)
    comment_count: Mapped[int] = mapped_column(default=0)
    hot_score: Mapped[float] = mapped_column(default=0.0)
    bayes_score: Mapped[float] = mapped_column(default=0.0)
    common_ground_score: Mapped[float] = mapped_column(default=0.0)

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    merged_into: Mapped["Idea | None"] = relationship(remote_side=[id])
    tags: Mapped[list["IdeaTag"]] = relationship(
        back_populates="idea", cascade="all, delete-orphan", order_by="IdeaTag.tag"
    )

    @property
    def tag_names(self) -> list[str]:
        return [item.tag for item in self.tags]

    @property
    def excerpt(self) -> str:
        """The description as plain text (markdown rendered, tags stripped), cut at a word
        boundary to at most EXCERPT_MAX characters with an ellipsis."""
        # Markup here only strips tags and unescapes: the result is plain text, escaped where shown.
        text = Markup(_BLOCK_END.sub(" ", self.body_html or "")).striptags()  # noqa: S704
        if len(text) <= EXCERPT_MAX:
            return text
        cut = text[: EXCERPT_MAX - 1]
        return cut[: cut.rfind(" ")].rstrip(" ,.;:") + "…" if " " in cut else cut + "…"

    @property
    def rating_count(self) -> int:
        return self.rating_count_customer + self.rating_count_employee

    @property
    def rating_sum(self) -> int:
        return self.rating_sum_customer + self.rating_sum_employee


@event.listens_for(Idea.status, "set")
def _status_moved(idea: Idea, value, old, _initiator) -> None:
    if old is not NO_VALUE and value != old:
        idea.status_key = None


class Status(Model):
    """A status ideas can have: the eight built-in ones (seeded, relabelled at will) and the
    ones the team defines, each mapped to a built-in `base` (what the API's `status` says)."""

    __tablename__ = "statuses"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    label: Mapped[str] = mapped_column(String(40))
    color: Mapped[str] = mapped_column(String(7))
    base: Mapped[str] = mapped_column(String(16))
    # The roadmap lane its ideas appear in ("planned", "in_progress", "shipped"), or None: not shown.
    lane: Mapped[str | None] = mapped_column(String(16))
    takes_support: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)
    builtin: Mapped[bool] = mapped_column(default=False)


class IdeaTag(Model):
    __tablename__ = "idea_tags"
    __table_args__ = (UniqueConstraint("idea_id", "tag"), Index("ix_idea_tags_tag_idea", "tag", "idea_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    tag: Mapped[str] = mapped_column(String(40))

    idea: Mapped[Idea] = relationship(back_populates="tags")


class IdeaRevision(Model):
    """The title and body an idea had before an edit: the visible edit history."""

    __tablename__ = "idea_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    edited_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    title: Mapped[str] = mapped_column(String(140))
    body: Mapped[str] = mapped_column(Text)

    editor: Mapped[User | None] = relationship()


class StatusChange(Model):
    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    old_status: Mapped[str] = mapped_column(String(16))
    new_status: Mapped[str] = mapped_column(String(16))
    # The team's own status chosen, if any (no foreign key: the history outlives a deleted status).
    new_key: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    actor: Mapped[User | None] = relationship()


class Comment(Model):
    __tablename__ = "comments"
    __table_args__ = (
        Index("ix_comments_idea_created", "idea_id", "created_at", "id"),
        Index("ix_comments_moderation_created", "moderation", "created_at"),
        CheckConstraint("visibility IN ('public', 'internal')", name="visibility"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="SET NULL"), index=True)
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_reason: Mapped[str] = mapped_column(String(500), default="")
    # "internal": written for the employee side (moved here from an internal idea by a merge,
    # or a reply to such a comment); the idea's own audience applies on top.
    visibility: Mapped[str] = mapped_column(String(16), default="public", server_default="public")
    # "approved" (published), "pending" (waiting in the moderation queue) or "rejected"; who
    # decided and when is in `moderation_actions`. The reason is the rejection's, shown to the
    # author. (Both columns are plain additions: SQLite adds them without rebuilding the table.)
    moderation: Mapped[str] = mapped_column(String(16), default="approved", server_default="approved")
    moderation_reason: Mapped[str | None] = mapped_column(String(500))

    author: Mapped[User] = relationship()
    idea: Mapped[Idea] = relationship()


class Mention(Model):
    __tablename__ = "mentions"
    __table_args__ = (UniqueConstraint("comment_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)


class Flag(Model):
    """Someone's report of an idea or comment; open until a moderator acts on it."""

    __tablename__ = "flags"
    __table_args__ = (
        UniqueConstraint("reporter_id", "target_type", "target_id"),
        Index("ix_flags_open", "resolved_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    target_type: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int] = mapped_column()
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    reporter: Mapped[User] = relationship()


class ModerationAction(Model):
    __tablename__ = "moderation_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    target_type: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int] = mapped_column(index=True)
    action: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(500))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    actor: Mapped[User | None] = relationship()


class Follow(Model):
    __tablename__ = "follows"
    __table_args__ = (UniqueConstraint("idea_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
