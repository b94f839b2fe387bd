"""Searching as a given person: the backend finds ids with visibility inside the query — the
audience the index recorded AND the live rows of `visibility.visible_rows` — and the rows are
re-read through the same visibility helpers every page uses (`hits`)."""

from dataclasses import dataclass, field

from sqlalchemy import func, select, union_all
from sqlalchemy.orm import selectinload

from ..accounts.actors import Viewer
from ..accounts.models import User
from ..extensions import db
from ..ideas.models import STATUSES, Idea, IdeaTag
from ..ideas.permissions import listed_ideas_clause, sees_internal
from ..platform.cache import cached_json
from ..platform.errors import ValidationFailed
from ..platform.pagination import Page
from ..platform.tags import TAG_PATTERN
from .documents import KINDS
from .hits import HYDRATE
from .index import SearchRequest, get_backend
from .text import parse_query
from .visibility import visible_rows

MAX_PAGE = 500  # deeper pages are a crawler's, not a person's
CONSTITUENCIES = ("customer", "employee")
SIMILAR_RELATIVE_CUTOFF = 0.25
COUNTS_SHARED_FOR = 5  # seconds the tab counts are shared per audience and query


@dataclass
class SearchPage(Page[dict]):
    """A page of hits, with the facets and the query as understood."""

    kind: str = "ideas"
    query: str = ""
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    filters: dict[str, str] = field(default_factory=dict)
    corrected: bool = False
    message: str = ""
    max_pages: int | None = MAX_PAGE


def audiences_for(viewer: Viewer) -> tuple[str, ...]:
    """Who may find internal content: exactly those `sees_internal` lets see it."""
    return ("public", "internal") if sees_internal(viewer) else ("public",)


def clean_page(raw) -> int:
    try:
        page = int(raw if raw not in (None, "") else 1)
    except (TypeError, ValueError):
        raise ValidationFailed("The page is a whole number from 1.", fields={"page": ["A whole number."]}) from None
    if page < 1:
        raise ValidationFailed("Pages start at 1.", fields={"page": ["Pages start at 1."]})
    return page


def clean_filters(kind: str, raw: dict | None) -> dict[str, str]:
    filters = {}
    for name, value in (raw or {}).items():
        if not value:
            continue
        value = str(value)[:40]
        valid = {
            "status": value in STATUSES,
            "constituency": value in CONSTITUENCIES,
            "tag": bool(TAG_PATTERN.match(value)),
        }.get(name)
        if valid is None:
            continue
        if not valid:
            raise ValidationFailed(f"Unknown {name} {value!r}.", fields={name: ["Unknown value."]})
        if name == "status" and kind == "people":
            continue
        filters[name] = value
    return filters


def search_content(viewer: Viewer, q, *, kind="ideas", page=1, per_page=20, filters=None) -> SearchPage:
    """One page of ideas, comments or people matching `q` that `viewer` may see, with counts
    and facets computed over exactly that visible set. Raises ValidationFailed on bad input."""
    if kind not in KINDS:
        raise ValidationFailed("Search ideas, comments or people.", fields={"type": ["ideas, comments or people."]})
    parsed = parse_query(q)
    page = clean_page(page)
    result = SearchPage(
        kind=kind, query=parsed.text(), page=page, per_page=per_page, filters=clean_filters(kind, filters)
    )
    if parsed.empty:
        result.message = 'Type a word or a "quoted phrase" to search for.'
        return result
    beyond = page > MAX_PAGE
    request = SearchRequest(
        kind=kind,
        query=parsed,
        audiences=audiences_for(viewer),
        filters=result.filters,
        offset=0 if beyond else result.offset,
        limit=1 if beyond else per_page,
        visible=visible_rows(viewer, kind),
    )
    hits = get_backend().query(request)
    result.total, result.facets, result.corrected = hits.total, hits.facets, hits.corrected
    if beyond:
        result.message = f"Only the first {MAX_PAGE} pages are shown; narrow the search with more words or a filter."
        return result
    result.items = HYDRATE[kind](viewer, hits)
    if not result.items and page > 1 and hits.total:
        result.message = f"There are only {result.pages} pages of results."
    return result


def _plain_request(viewer: Viewer, text, kind: str, limit: int) -> SearchRequest | None:
    """A request without facets or highlights, or None when the text is not a query."""
    try:
        parsed = parse_query(text)
    except ValidationFailed:
        return None
    if parsed.empty:
        return None
    return SearchRequest(
        kind=kind,
        query=parsed,
        audiences=audiences_for(viewer),
        limit=limit,
        facets=False,
        highlights=False,
        visible=visible_rows(viewer, kind),
    )


def count_matches(viewer: Viewer, q, kinds) -> dict[str, int]:
    """How many of each kind match, for the tabs (cached briefly per query, audience and kinds)."""
    found = {kind: _plain_request(viewer, q, kind, 1) for kind in kinds}
    requests = {kind: request for kind, request in found.items() if request is not None}
    if not requests or len(requests) < len(found):
        return {}
    first = next(iter(requests.values()))
    key = f"search-counts:{'+'.join(first.audiences)}:{','.join(kinds)}:{first.query.text()}"
    # As briefly as the API's shared answers: counts follow a visibility change within seconds.
    return cached_json(
        key[:250],
        COUNTS_SHARED_FOR,
        lambda: {kind: get_backend().query(request).total for kind, request in requests.items()},
    )


def matching_ids(viewer: Viewer, text: str, kind: str, limit: int) -> list[int]:
    """Ids of visible ideas or comments best matching `text` (for finding experts)."""
    request = _plain_request(viewer, text, kind, limit)
    return get_backend().query(request).ids if request else []


def similar_ideas(viewer: Viewer, title, body="", *, exclude_id: int | None = None, limit: int = 5) -> list[dict]:
    """Possible duplicates of a title (and body) being written, among ideas `viewer` may see."""
    title, body = printable(title)[:300], printable(body)[:5000]
    pairs = get_backend().similar(
        title, body, audiences_for(viewer), visible=visible_rows(viewer, "ideas"), exclude_id=exclude_id, limit=limit
    )
    if not pairs:
        return []
    # Far weaker matches than the best one are noise next to a real duplicate.
    pairs = [(idea_id, score) for idea_id, score in pairs if score >= SIMILAR_RELATIVE_CUTOFF * pairs[0][1]]
    scores = dict(pairs)
    ideas = {
        idea.id: idea
        for idea in db.session.scalars(select(Idea).where(Idea.id.in_(scores), listed_ideas_clause(viewer)))
    }
    return [
        {
            "id": idea_id,
            "title": ideas[idea_id].title,
            "score": scores[idea_id],
            "status": ideas[idea_id].status,
            "support_total": ideas[idea_id].support_total,
            "url": f"/ideas/{idea_id}",
        }
        for idea_id, _score in pairs
        if idea_id in ideas
    ]


def printable(raw) -> str:
    """Text without control characters (PostgreSQL refuses NUL; none of them is a word)."""
    if not isinstance(raw, str):
        return ""
    return "".join(ch if ch.isprintable() else " " for ch in raw)


RELATED_PER_TAG = 100  # the newest ideas of each tag are the candidates: index-only, whatever the tag's size


def related_ideas(viewer: Viewer, idea: Idea, limit: int = 5) -> list[dict]:
    """Possible duplicates first, then recent visible ideas sharing the most tags with this one,
    each with why it is related."""
    related = [
        {**item, "shared_tags": []}
        for item in similar_ideas(viewer, idea.title, idea.body, exclude_id=idea.id, limit=limit)
    ]
    tags = idea.tag_names
    if len(related) < limit and tags:
        taken = {item["id"] for item in related} | {idea.id}
        newest = [
            select(IdeaTag.idea_id)
            .where(IdeaTag.tag == tag, IdeaTag.idea_id != idea.id)
            .order_by(IdeaTag.idea_id.desc())
            .limit(RELATED_PER_TAG)
            .subquery()
            for tag in tags
        ]
        candidates = union_all(*(select(each.c.idea_id) for each in newest)).subquery()
        shared = select(candidates.c.idea_id, func.count().label("shared")).group_by(candidates.c.idea_id).subquery()
        rows = db.session.scalars(
            select(Idea)
            .join(shared, shared.c.idea_id == Idea.id)
            .where(Idea.id.not_in(taken), listed_ideas_clause(viewer))
            .order_by(shared.c.shared.desc(), Idea.id.desc())
            .limit(limit - len(related))
            .options(selectinload(Idea.tags))
        )
        related += [
            {
                "id": other.id,
                "title": other.title,
                "score": None,
                "status": other.status,
                "support_total": other.support_total,
                "url": f"/ideas/{other.id}",
                "shared_tags": [tag for tag in other.tag_names if tag in tags],
            }
            for other in rows
        ]
    return related


def index_status() -> dict:
    """What an administrator needs to trust the index: documents per kind, and changes waiting."""
    from sqlalchemy import func

    from .models import SearchPending

    backend = get_backend()
    pending, oldest = db.session.execute(select(func.count(SearchPending.id), func.min(SearchPending.queued_at))).one()
    return {
        "backend": backend.name,
        "documents": {kind: backend.count(kind) for kind in KINDS},
        "pending": pending,
        "oldest_pending": oldest,
    }


def request_reindex(actor: User) -> None:
    """Rebuild the whole index in the background (admins): after restoring a backup, or after
    switching SEARCH_BACKEND. Audited; the job runs on the search queue, after commit."""
    from ..accounts.audit import record_audit
    from ..accounts.permissions import require_role
    from ..platform.jobs import enqueue_after_commit
    from .jobs import rebuild_in_background

    require_role(actor, "admin", action="reindex_search")
    record_audit("search_reindex_requested", actor=actor)
    enqueue_after_commit(rebuild_in_background)
