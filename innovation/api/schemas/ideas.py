"""Ideas, support, ratings, follows and merges."""

from typing import Annotated, Literal

from pydantic import Field
from typing_extensions import TypedDict

from ...ideas.models import STATUSES, VISIBILITIES
from ...ideas.services import BODY_MAX, MAX_TAGS, TITLE_MAX, TITLE_MIN
from .accounts import Author
from .base import Body, Query, Timestamp, documented, mirrors, one_error
from .pages import page_of

Status = Literal["new", "under_review", "in_round", "planned", "in_progress", "shipped", "declined", "merged"]
mirrors(Status, STATUSES)
Visibility = Literal["public", "internal"]
mirrors(Visibility, VISIBILITIES)
TITLE = documented(minLength=TITLE_MIN, maxLength=TITLE_MAX, description="spaces are collapsed first")
BODY = documented(maxLength=BODY_MAX, description="markdown")
# Tags may also come as one comma-separated text; the service turns either into slugs.
TAGS = documented(maxItems=MAX_TAGS, description=f"slugs, at most {MAX_TAGS}; or one comma-separated text")
Tags = Annotated[
    list[str] | str | None, one_error("Tags are a list of short text slugs."), Field(json_schema_extra=TAGS)
]
VISIBILITY = documented(enum=[*VISIBILITIES, None], description="public (the default) or internal (employees only)")


class NewIdea(Body):
    """An idea to submit."""

    title: str = Field(json_schema_extra=TITLE)
    body: str | None = Field("", json_schema_extra=BODY)
    tags: Tags = None
    visibility: str | None = Field("public", json_schema_extra=VISIBILITY)


class IdeaEdit(Body):
    """The fields to change; the ones left out (or `null`) stay as they are."""

    title: str | None = Field(None, json_schema_extra=TITLE)
    body: str | None = Field(None, json_schema_extra=BODY)
    tags: Tags = None
    visibility: str | None = Field(None, json_schema_extra=VISIBILITY)


class StatusChange(Body):
    status: str = Field(json_schema_extra=documented(enum=[s for s in STATUSES if s != "merged"]))
    note: str | None = Field(None, json_schema_extra=documented(maxLength=2000, description="kept in the history"))


class RatingValue(Body):
    value: int = Field(json_schema_extra=documented(minimum=1, maximum=5))


class MergeRequest(Body):
    into: int = Field(description="the idea that stays")
    move_internal_comments: bool = Field(
        False,
        description="confirms merging an internal idea into a public one: its comments move and stay "
        "visible to employees only (without it: 409 `audience_widening`)",
    )


class IdeaFilters(Query):
    q: str = ""
    status: str = Field("", json_schema_extra=documented(enum=["", *STATUSES]))
    tag: str = ""
    sort: str = Field("hot", json_schema_extra=documented(enum=["hot", "top", "new", "rated", "common_ground"]))
    constituency: str = Field(
        "", json_schema_extra=documented(enum=["", "customer", "employee"], description="of the author")
    )


class Support(TypedDict):
    customer: int
    employee: int
    total: int


class CountMean(TypedDict):
    count: int
    mean: float | None


class ByConstituency(TypedDict):
    customer: CountMean
    employee: CountMean


class Rating(TypedDict):
    count: int
    mean: float | None
    bayesian: float
    by_constituency: ByConstituency


class Engagement(TypedDict):
    favourable: int
    engaged: int


class CommonGround(TypedDict):
    """How far support reaches across both constituencies."""

    score: float
    customer: Engagement
    employee: Engagement


class Idea(TypedDict):
    """An idea, with its support and ratings by constituency and the caller's own vote."""

    id: int
    title: str
    body: str
    body_html: str
    tags: list[str]
    status: Status
    visibility: Visibility
    author: Author
    created_at: Timestamp
    edited_at: Timestamp | None
    merged_into: int | None
    support: Support
    rating: Rating
    common_ground: CommonGround
    comment_count: int
    my_vote: bool
    my_rating: Annotated[int, Field(ge=1, le=5)] | None
    url: str


class IdeaTitle(TypedDict):
    id: int
    title: str


class Follow(TypedDict):
    idea_id: int
    following: bool


IdeaPage = page_of(Idea, "IdeaPage", "A page of ideas the caller may see.")
