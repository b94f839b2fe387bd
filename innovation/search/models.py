"""What the index still has to learn, and the PostgreSQL backend's documents."""
from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from ..platform.db import UTCDateTime, utcnow


class SearchPending(Model):
    """A change the index has not taken in yet, written in the same transaction as the change.

    The indexing job reads these rows, reloads the items from the database and deletes exactly
    the rows it read; if Redis was down, the once-a-minute sweeper picks them up."""

    __tablename__ = "search_pending"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # idea, comment, person, idea_comments
    ref_id: Mapped[int] = mapped_column(Integer)
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SearchDocument(Model):
    """One searchable item for the PostgreSQL backend. The migration adds, on PostgreSQL only,
    the weighted `document` tsvector (title A, tags B, body D) and its GIN index."""

    __tablename__ = "search_documents"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    ref_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    audience: Mapped[str] = mapped_column(String(16))  # public | internal
    status: Mapped[str] = mapped_column(String(16), default="")
    constituency: Mapped[str] = mapped_column(String(16), default="")
    tags: Mapped[str] = mapped_column(Text, default="")  # space-separated slugs
    title: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(Integer)
    idea_id: Mapped[int | None] = mapped_column(Integer)


class SearchLexeme(Model):
    """The PostgreSQL backend's vocabulary (stems), for forgiving one typo."""

    __tablename__ = "search_lexemes"

    lexeme: Mapped[str] = mapped_column(Text, primary_key=True)
