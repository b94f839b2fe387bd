"""What the index still has to learn, and the PostgreSQL backend's documents."""

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text, text
from sqlalchemy.dialects.postgresql import TSVECTOR
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
    """One searchable item for the PostgreSQL backend. On PostgreSQL only, `document` holds the
    weighted tsvector (title A, tags B, body D) under one partial GIN index per kind."""

    __tablename__ = "search_documents"
    # The full-text column and its indexes are declared so that autogenerate compares them on
    # PostgreSQL; `info["dialect"]` makes migrations/env.py leave them out elsewhere, where the
    # migration does not create them.
    # One GIN index per kind: a search of ideas never walks the posting lists of comments.
    __table_args__ = tuple(
        Index(
            f"ix_search_documents_{kind}",
            "document",
            postgresql_using="gin",
            postgresql_where=text(f"kind = '{kind}'"),
            info={"dialect": "postgresql"},
        )
        for kind in ("ideas", "comments", "people")
    )

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
    # Written and read by SQL in postgres_backend only; deferred so that loading a row never asks for it.
    document: Mapped[str] = mapped_column(
        TSVECTOR, server_default=text("''::tsvector"), deferred=True, info={"dialect": "postgresql"}
    )


class SearchLexeme(Model):
    """The PostgreSQL backend's vocabulary (stems), for forgiving one typo."""

    __tablename__ = "search_lexemes"

    lexeme: Mapped[str] = mapped_column(Text, primary_key=True)
