"""The one interface every search backend implements: add, remove, query → ids + total +
facets (+ highlights). Whoosh is the single-node default; PostgreSQL full text serves several
web nodes sharing one database (SEARCH_BACKEND=postgres)."""

import html
import json
import math
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from itertools import combinations

from flask import current_app
from sqlalchemy import ARRAY, Integer, Select, any_, bindparam, func, select

from ..extensions import db
from .documents import Document
from .text import ParsedQuery

FACETS = ("status", "tag", "constituency")
# Highlight markers the backends put around matched words; the text is HTML-escaped first and
# the markers become <mark> afterwards, so nothing from a document is ever taken as markup.
MARK_START, MARK_END = "\x02", "\x03"


@dataclass
class SearchRequest:
    kind: str  # ideas | comments | people
    query: ParsedQuery
    audiences: tuple[str, ...]  # ("public",) or ("public", "internal"): visibility is in the query
    filters: dict[str, str] = field(default_factory=dict)  # status, tag, constituency
    offset: int = 0
    limit: int = 20
    facets: bool = True
    highlights: bool = True
    # The live rows the reader may see, as `SELECT id …` over the database (None: no rule, as
    # for people). Backends keep only matches among them, so totals, facets, pages and snippets
    # never come from an audience the index has not caught up with yet.
    visible: Select | None = None


@dataclass
class SearchHits:
    ids: list[int]
    total: int
    scores: dict[int, float] = field(default_factory=dict)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    highlights: dict[int, dict[str, str]] = field(default_factory=dict)
    corrected: bool = False  # no exact match: the words were read with one typo forgiven


class SearchBackend(ABC):
    """What every backend implements; the services never see which one they talk to."""

    name = "abstract"

    @abstractmethod
    def add(self, kind: str, docs: list[Document]) -> None:
        """Insert or replace these documents."""

    @abstractmethod
    def remove(self, kind: str, ids: list[int]) -> None:
        """Drop these documents (missing ones are fine)."""

    @abstractmethod
    def query(self, request: SearchRequest) -> SearchHits:
        """One page of matches with the total and facets over everything the audience may see."""

    @abstractmethod
    def similar(
        self,
        title: str,
        body: str,
        audiences: tuple[str, ...],
        *,
        visible: Select | None = None,
        exclude_id: int | None = None,
        limit: int = 5,
    ) -> list[tuple[int, float]]:
        """Listed ideas sharing enough of this title's words: possible duplicates, related ideas.
        `visible` as in SearchRequest: only ideas among those live rows."""

    @abstractmethod
    def rebuild(self, kind: str, batches, progress=None) -> int:
        """Replace everything of `kind` by the documents of `batches` (lists of Document)."""

    @abstractmethod
    def count(self, kind: str) -> int:
        """Documents of `kind` in the index."""


SIMILAR_TITLE_WORDS = 6  # the longest (most specific) stems of a title; C(6, 3) = 20 groups at most


def similarity_groups(title_stems: list[str]) -> list[tuple[str, ...]]:
    """An idea is a possible duplicate of a title when its own title holds at least half of the
    title's words (one of one or two): every such set of words, to be matched with AND."""
    stems = sorted(dict.fromkeys(title_stems), key=len, reverse=True)[:SIMILAR_TITLE_WORDS]
    if not stems:
        return []
    needed = 1 if len(stems) <= 2 else math.ceil(len(stems) / 2)
    return list(combinations(stems, needed))


def _among(column, ids: list[int]):
    """`column IN ids` as ONE bound value, however many ids: a PostgreSQL array, or a JSON array
    that SQLite reads with json_each (thousands of separate parameters cost far more)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam("live_ids", ids, type_=ARRAY(Integer)))
    each = func.json_each(bindparam("live_ids", json.dumps(ids))).table_valued("value")
    return column.in_(select(each.c.value))


def live_ids(visible: Select, ref_ids) -> set[int]:
    """Which of these ids the `visible` rows (SearchRequest.visible) hold right now, in one
    indexed lookup: for backends that cannot join the database inside their query."""
    ids = sorted(set(ref_ids))
    if not ids:
        return set()
    return set(db.session.scalars(visible.where(_among(visible.selected_columns[0], ids))))


def marked_html(text: str) -> str:
    """Backend text with highlight markers → safe HTML with <mark> around matched words."""
    escaped = html.escape(text, quote=False)
    return escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


def get_backend() -> SearchBackend:
    """This app's backend (one per process; Whoosh keeps its searchers open)."""
    app = current_app._get_current_object()
    backend = app.extensions.get("search_backend")
    if backend is None:
        name = app.config.get("SEARCH_BACKEND", "whoosh")
        if name == "postgres":
            from .postgres_backend import PostgresBackend

            backend = PostgresBackend()
        else:
            from .whoosh_backend import WhooshBackend

            backend = WhooshBackend(app.config["SEARCH_INDEX_DIR"])
        app.extensions["search_backend"] = backend
    return backend


def check_backend_config(app) -> None:
    """Refuse to start with a backend that cannot work, naming the setting to fix."""
    name = app.config.get("SEARCH_BACKEND", "whoosh")
    if name not in ("whoosh", "postgres"):
        raise RuntimeError(f"SEARCH_BACKEND must be 'whoosh' or 'postgres', not {name!r}")
    if name == "postgres" and not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        raise RuntimeError("SEARCH_BACKEND=postgres needs DATABASE_URL to point at PostgreSQL")
