"""Lists: `?page=&per_page=` in, `{"items", "page", "per_page", "total"}` out (API.md)."""

from typing import Any

from typing_extensions import TypedDict

MAX_PER_PAGE = 100


def page_of(item: Any, name: str, description: str, **extra: Any) -> type:
    """The list body of `item`s, named `name` in the document; `extra` adds fields (e.g. `unread`)."""
    # Built at run time, for pydantic and the document only (never an annotation): mypy reads the
    # functional TypedDict form only with a literal name and fields, which a factory cannot give.
    page = TypedDict(  # type: ignore[misc]
        name,
        {
            "items": list[item],
            "page": int,
            "per_page": int,
            "total": int,
            **extra,
        },
    )
    page.__doc__ = description
    return page


def paging_parameters(default: int, maximum: int = MAX_PER_PAGE) -> list[dict]:
    """The document's `page` and `per_page` parameters; the view reads them with `page_args`,
    which brings out-of-range values inside instead of refusing them."""
    return [
        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
        {
            "name": "per_page",
            "in": "query",
            "schema": {"type": "integer", "minimum": 1, "maximum": maximum, "default": default},
        },
    ]
