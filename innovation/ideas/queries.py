"""Read models: idea lists, tag clouds, roadmap and idea pages, all counted and sorted by
the database through the visibility helpers."""

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..accounts.actors import Viewer
from ..extensions import db
from ..platform.cache import cached_json
from ..platform.errors import ValidationFailed
from ..platform.pagination import Page, paginate
from ..voting.ranking import share
from .models import SORT_COLUMNS, Idea, IdeaRevision, IdeaTag, StatusChange
from .permissions import audience_of, listed_ideas_clause, sees_internal, visible_ideas_clause
from .statuses import ROADMAP_LANES, lane_clause, status_clause

SORTS = tuple(SORT_COLUMNS)
# What an idea card shows besides the row itself, loaded in one query per list.
CARD_LOADS = (selectinload(Idea.author), selectinload(Idea.tags))


def _filters(viewer: Viewer, *, q="", status="", tag="", constituency=""):
    conditions = [listed_ideas_clause(viewer)]
    if status:
        clause = status_clause(status)
        if clause is None:
            raise ValidationFailed("Unknown status.", fields={"status": ["Unknown status."]})
        conditions.append(clause)
    if tag:
        conditions.append(Idea.id.in_(select(IdeaTag.idea_id).where(IdeaTag.tag == tag.strip().lower()[:40])))
    if constituency:
        if constituency not in ("customer", "employee"):
            raise ValidationFailed(
                "Constituency is customer or employee.", fields={"constituency": ["customer or employee."]}
            )
        conditions.append(Idea.author_constituency == constituency)
    if q:
        pattern = "%" + q.strip()[:200].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(Idea.title.ilike(pattern, escape="\\"))
    return conditions


def list_statements(viewer: Viewer, sort: str, **filters):
    """The (count, page) statements of an idea list; tests EXPLAIN exactly these."""
    if sort not in SORTS:
        raise ValidationFailed(f"Sort by one of {', '.join(SORTS)}.", fields={"sort": ["Unknown sort."]})
    conditions = _filters(viewer, **filters)
    column = getattr(Idea, SORT_COLUMNS[sort])
    count = select(func.count()).select_from(Idea).where(*conditions)
    return count, select(Idea).where(*conditions).order_by(column.desc(), Idea.id.desc())


def idea_page(viewer: Viewer, *, sort="hot", page=1, per_page=20, **filters) -> Page[Idea]:
    """One page of the ideas `viewer` may see, sorted by a stored, indexed column."""
    count, query = list_statements(viewer, sort, **filters)
    if any(filters.values()):
        total = db.session.scalar(count)
    else:  # the unfiltered total only moves with new ideas: counted every few seconds
        total = cached_json(f"idea-total:{_audience(viewer)}", 5, lambda: db.session.scalar(count))
    return paginate(query.options(*CARD_LOADS), page, per_page, total=total)


def _audience(viewer: Viewer) -> str:
    return "all" if sees_internal(viewer) else "public"


def tag_cloud(viewer: Viewer, limit: int = 30) -> list[tuple[str, int]]:
    """Tags of the ideas `viewer` may see, with counts (internal ideas count only for employees).
    A GROUP BY over every tag: computed once a minute per audience, not per page view."""

    def compute():
        return [
            list(row)
            for row in db.session.execute(
                select(IdeaTag.tag, func.count())
                .join(Idea, Idea.id == IdeaTag.idea_id)
                .where(listed_ideas_clause(viewer))
                .group_by(IdeaTag.tag)
                .order_by(func.count().desc(), IdeaTag.tag)
                .limit(limit)
            ).all()
        ]

    return [tuple(row) for row in cached_json(f"tags:{_audience(viewer)}:{limit}", 60, compute)]


def roadmap(viewer: Viewer, per_column: int = 50) -> list[tuple[str, str, list[Idea]]]:
    """(lane, heading, ideas) per roadmap lane: the ideas whose status an admin put in it."""
    columns = []
    for lane, heading in ROADMAP_LANES:
        ideas = list(
            db.session.scalars(
                select(Idea)
                .options(*CARD_LOADS)
                .where(listed_ideas_clause(viewer), lane_clause(lane))
                .order_by(Idea.support_total.desc(), Idea.id.desc())
                .limit(per_column)
            )
        )
        columns.append((lane, heading, ideas))
    return columns


def idea_history(idea_id: int) -> tuple[list[StatusChange], list[IdeaRevision]]:
    statuses = list(
        db.session.scalars(
            select(StatusChange)
            .where(StatusChange.idea_id == idea_id)
            .order_by(StatusChange.created_at, StatusChange.id)
        )
    )
    revisions = list(
        db.session.scalars(
            select(IdeaRevision)
            .where(IdeaRevision.idea_id == idea_id)
            .order_by(IdeaRevision.edited_at.desc(), IdeaRevision.id.desc())
        )
    )
    return statuses, revisions


def merge_targets(viewer: Viewer, idea: Idea, limit: int = 200) -> list[Idea]:
    """Ideas this one may be merged into: visible, listed, and internal only for internal ideas."""
    query = select(Idea).where(listed_ideas_clause(viewer), Idea.id != idea.id)
    if audience_of(idea) == "public":  # a merge never moves public support into an internal idea
        query = query.where(listed_ideas_clause(None))
    return list(db.session.scalars(query.order_by(Idea.support_total.desc(), Idea.id.desc()).limit(limit)))


def ideas_by_author(viewer: Viewer, author_id: int, limit: int = 20) -> list[Idea]:
    return list(
        db.session.scalars(
            select(Idea)
            .where(visible_ideas_clause(viewer), Idea.author_id == author_id, Idea.status != "merged")
            .order_by(Idea.created_at.desc())
            .limit(limit)
        )
    )


def constituency_shares(idea: Idea) -> dict:
    """Support and favour per constituency, for "customers 78 % · employees 64 %"."""
    return {
        "customer": {
            "support": idea.support_customer,
            "favour": share(idea.favour_customer, idea.engaged_customer),
            "engaged": idea.engaged_customer,
        },
        "employee": {
            "support": idea.support_employee,
            "favour": share(idea.favour_employee, idea.engaged_employee),
            "engaged": idea.engaged_employee,
        },
    }


def still_listed(viewer: Viewer, items: list[dict]) -> list[dict]:
    """Those of `items` (dicts with an idea `id`, e.g. from a shared cache) that `viewer` may
    still find in lists now: a cached answer can miss a new idea, never show a hidden one."""
    ids = [item["id"] for item in items]
    if not ids:
        return items
    live = set(db.session.scalars(select(Idea.id).where(Idea.id.in_(ids), listed_ideas_clause(viewer))))
    return [item for item in items if item["id"] in live]
