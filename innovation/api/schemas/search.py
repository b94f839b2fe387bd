"""Search, possible duplicates and experts."""

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field
from typing_extensions import TypedDict

from ...search.documents import KINDS
from .accounts import Author, Role
from .base import Query, Timestamp, clamped, documented, mirrors
from .ideas import IdeaTitle, Status, Visibility

Highlights = Annotated[
    dict[str, str],
    Field(description="HTML with <mark> around matched words (e.g. `title`, `body`); everything else escaped"),
]
Constituency = Literal["customer", "employee"]
Kind = Literal["ideas", "comments", "people"]
mirrors(Kind, KINDS)


class SearchQuery(Query):
    q: str = Field(
        "",
        json_schema_extra=documented(
            maxLength=200,
            description=(
                'words must all match (stemmed; one typo forgiven when nothing matches exactly), "quoted phrases" '
                "match in order, -word excludes"
            ),
        ),
    )
    type: str = Field("ideas", json_schema_extra=documented(enum=list(KINDS)))
    # An empty `page=` is the first page, as it always was; below 1 the service refuses.
    page: Annotated[int, BeforeValidator(lambda raw: raw or 1)] = Field(1, json_schema_extra=documented(minimum=1))
    per_page: Annotated[int, clamped(20, 1, 50)] = 20
    status: str = Field("", json_schema_extra=documented(description="an idea status"))
    tag: str = ""
    constituency: str = Field("", json_schema_extra=documented(enum=["", "customer", "employee"]))


class IdeaHit(TypedDict):
    type: Literal["idea"]
    id: int
    title: str
    status: Status
    visibility: Visibility
    tags: list[str]
    support_total: int
    comment_count: int
    author: Author
    score: float | None
    highlights: Highlights
    url: str


class CommentHit(TypedDict):
    type: Literal["comment"]
    id: int
    idea: IdeaTitle
    author: Author
    created_at: Timestamp
    score: float | None
    highlights: Highlights
    url: str


class PersonHit(TypedDict):
    type: Literal["person"]
    id: int
    name: str
    constituency: Constituency
    role: Role
    expertise: list[str]
    score: float | None
    highlights: Highlights
    url: str


SearchHit = Annotated[IdeaHit | CommentHit | PersonHit, Field(discriminator="type")]


class Facet(TypedDict):
    value: str
    count: int


class Facets(TypedDict, total=False):
    status: list[Facet]
    tag: list[Facet]
    constituency: list[Facet]


class SearchResults(TypedDict):
    """A page of what the caller may see; counts and facets cover exactly that."""

    items: list[SearchHit]
    page: int
    per_page: int
    total: int
    type: Kind
    query: str
    corrected: Annotated[bool, Field(description="no exact match: one typo per word was forgiven")]
    message: str
    facets: Facets


class SimilarQuery(Query):
    title: str = Field("", max_length=1000, description="the title typed so far")
    body: str = Field("", description="the description, optional")
    limit: int = Field(5, ge=1, le=10)


class SimilarIdea(TypedDict):
    id: int
    title: str
    score: float
    status: Status
    support_total: int
    url: str


class SimilarIdeas(TypedDict):
    """Possible duplicates, best first; only ideas the caller may see."""

    items: list[SimilarIdea]


class ExpertsQuery(Query):
    q: str = Field("", json_schema_extra=documented(maxLength=200, description="the topic"))
    limit: Annotated[int, clamped(20, 1, 50)] = 20


class Evidence(TypedDict):
    type: Literal["idea", "comment"]
    id: int
    idea_id: int
    text: str
    idea_title: str
    status: Status
    url: str


class Expert(TypedDict):
    """Someone who knows about the topic: matching ideas they wrote count 3 (6 once adopted),
    matching comments 1, a declared expertise tag 2. Only what the caller may see counts."""

    user: Author
    score: int
    ideas: int
    adopted: int
    comments: int
    declared: bool
    evidence: list[Evidence]


class Experts(TypedDict):
    items: list[Expert]
