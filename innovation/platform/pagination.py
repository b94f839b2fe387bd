"""One page of a list: what every list page and every API list answers with.

`paginate(query, page, per_page)` counts and fetches a SELECT; lists whose items come from
elsewhere (a search backend) build a `Page` themselves. Templates read `page.items`,
`page.pages`, `page.has_next`; the API answers `page.as_json(serializer)`, which is the
`{"items", "page", "per_page", "total"}` body of API.md.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select

from ..extensions import db

T = TypeVar("T")


@dataclass
class Page(Generic[T]):
    page: int = 1
    per_page: int = 20
    items: list[T] = field(default_factory=list)
    total: int = 0
    max_pages: int | None = None  # a list may refuse to go deeper (search: crawlers, not people)

    @property
    def pages(self) -> int:
        count = max(1, -(-self.total // self.per_page))
        return min(count, self.max_pages) if self.max_pages else count

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def as_json(self, item_json: Callable[[T], Any]) -> dict[str, Any]:
        return {
            "items": [item_json(item) for item in self.items],
            "page": self.page,
            "per_page": self.per_page,
            "total": self.total,
        }


def paginate(query: Select, page: int, per_page: int, *, total: int | None = None) -> Page[Any]:
    """Count `query` (unless the caller knows the `total`) and fetch the ORM rows of one page."""
    if total is None:
        total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    result: Page[Any] = Page(page=page, per_page=per_page, total=total)
    result.items = list(db.session.scalars(query.limit(per_page).offset(result.offset)))
    return result
