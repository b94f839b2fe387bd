"""Lists: `?page=&per_page=` in, `{"items", "page", "per_page", "total"}` out (API.md)."""

from functools import cache
from typing import Annotated, Any

from pydantic import create_model
from typing_extensions import TypedDict

from .base import Query, clamped

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


PAGE_MAX = 10**6  # what `platform.web.page_args` brings a larger page down to


@cache
def paging_model(default: int, maximum: int = MAX_PER_PAGE) -> type[Query]:
    """The `page` and `per_page` of a list whose default page size is `default`: whole numbers
    (anything else is a 422); out-of-range ones are brought inside, as `page_args` does for pages."""
    return create_model(
        f"Paging{default}",
        __base__=Query,
        page=(Annotated[int, clamped(1, 1, PAGE_MAX)], 1),
        per_page=(Annotated[int, clamped(default, 1, maximum)], default),
    )


def paging_parameters(default: int, maximum: int = MAX_PER_PAGE) -> list[dict]:
    """The document's `page` and `per_page` parameters, from `paging_model`."""
    schema = paging_model(default, maximum).model_json_schema()
    fields = {name: {k: v for k, v in field.items() if k != "title"} for name, field in schema["properties"].items()}
    return [{"name": name, "in": "query", "schema": field} for name, field in fields.items()]
