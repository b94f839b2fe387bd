"""Ideas, support, ratings, follows and merges."""

from typing import Annotated, Literal

from pydantic import Field
from typing_extensions import TypedDict

from ...ideas.models import MODERATION_STATES, STATUSES, VISIBILITIES
from ...ideas.queries import SORTS
from ...ideas.services import BODY_MAX, MAX_TAGS, TITLE_MAX, TITLE_MIN
from ...ideas.status_services import KEY_PATTERN
from .accounts import Author
from .base import INTEGRAL, Body, Id, Query, Timestamp, mirrors, one_error, text
from .pages import page_of

Status = Literal["new", "under_review", "in_round", "planned", "in_progress", "shipped", "declined", "merged"]
mirrors(Status, STATUSES)
Visibility = Literal["public", "internal"]
mirrors(Visibility, VISIBILITIES)
# Anyone but the author and the moderators only ever sees "approved": the rest is 404 to them.
Moderation = Literal["approved", "pending", "rejected"]
mirrors(Moderation, MODERATION_STATES)
NOTE_MAX = 2000
Title = Annotated[
    str, text(TITLE_MAX, min_visible=TITLE_MIN, description="at least 5 visible characters; spaces are collapsed")
]
IdeaBody = Annotated[str, text(BODY_MAX, multiline=True, description="markdown")]
# A tag as the API takes it: letters, digits, dashes, and spaces or underscores that become
# dashes ("Offline sync" is `offline-sync`); at most 40 characters. Tags may also come as one
# comma-separated text of such tags. Any text of this form is a slug once the service has
# lowered it and turned spaces into dashes, so what the document admits is never refused.
TAG = "[A-Za-z0-9][A-Za-z0-9_ -]{0,39}"
TagList = Annotated[
    list[Annotated[str, Field(pattern=f"^ *{TAG}$")]],
    Field(max_length=MAX_TAGS, description=f"at most {MAX_TAGS}: letters, digits, dashes (spaces become dashes)"),
]
TagText = Annotated[
    str,
    Field(
        pattern=f"^(?: *{TAG}(?:, *{TAG}){{0,{MAX_TAGS - 1}}})?$",
        description=f"the same tags as one comma-separated text, at most {MAX_TAGS}",
    ),
]
Tags = Annotated[
    TagList | TagText | None, one_error(f"Tags are at most {MAX_TAGS} of letters, digits and dashes (up to 40 each).")
]
Note = Annotated[str, text(NOTE_MAX, multiline=True, description="kept in the history")]
Sort = Literal["hot", "top", "new", "rated", "common_ground"]
mirrors(Sort, SORTS)
# A built-in status or one the team defined (`GET /statuses`); which exist is known at run time.
StatusKey = Annotated[str, Field(pattern=KEY_PATTERN, max_length=32, description="a status key (`GET /statuses`)")]
StatusFilter = Annotated[
    Literal[""] | StatusKey,
    Field(description="a built-in status finds every idea it is the base of; a custom one only its own ideas"),
]
AuthorConstituency = Literal["", "customer", "employee"]
FilterText = Annotated[str, text(200)]


class NewIdea(Body):
    """An idea to submit."""

    title: Title
    body: IdeaBody | None = ""
    tags: Tags = None
    visibility: Visibility | None = Field(
        "public", description="public (the default) or internal (employees only); null is the default"
    )


class IdeaEdit(Body):
    """The fields to change; the ones left out (or `null`) stay as they are."""

    title: Title | None = None
    body: IdeaBody | None = None
    tags: Tags = None
    visibility: Visibility | None = None


class StatusChange(Body):
    status: StatusKey = Field(
        description="a built-in status or a custom one (`GET /statuses`); `in_round` and `merged` are set "
        "by rounds and merges only (422)"
    )
    note: Note | None = None


class RatingValue(Body):
    value: Annotated[int, Field(ge=1, le=5), INTEGRAL]


class MergeRequest(Body):
    into: Id = Field(description="the idea that stays")
    move_internal_comments: bool = Field(
        False,
        description="confirms merging an internal idea into a public one: its comments move and stay "
        "visible to employees only (without it: 409 `audience_widening`)",
    )


class IdeaFilters(Query):
    q: FilterText = ""
    status: StatusFilter = ""
    tag: FilterText = ""
    sort: Sort = "hot"
    constituency: AuthorConstituency = Field("", description="of the author")


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
    status_label: str
    visibility: Visibility
    moderation: Moderation
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
