"""Search, possible duplicates and experts."""

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field
from typing_extensions import TypedDict

from ...ideas.models import STATUSES
from ...ideas.services import TITLE_MAX
from ...platform.input import DB_INT_MAX
from ...platform.tags import TAG_PATTERN
from ...search.documents import KINDS
from ...search.text import QUERY_MAX
from .accounts import Author, Role
from .base import WHOLE_NUMBER, Query, Timestamp, clamped, mirrors
from .ideas import IdeaTitle, Status, Visibility

SIMILAR_BODY_MAX = 160  # static/js/search.js sends this much of the description

Highlights = Annotated[
    dict[str, str],
    Field(description="HTML with <mark> around matched words (e.g. `title`, `body`); everything else escaped"),
]
Constituency = Literal["customer", "employee"]
Kind = Literal["ideas", "comments", "people"]
mirrors(Kind, KINDS)


# Search text is never stored: the search service ignores control characters in it (they are
# no part of a word), so any text up to the length is a query, as the document says.
QueryText = Annotated[
    str,
    Field(
        max_length=QUERY_MAX,
        description=(
            'words must all match (stemmed; one typo forgiven when nothing matches exactly), "quoted phrases" '
            "match in order, -word excludes; control characters are ignored"
        ),
    ),
]
TagFilter = Annotated[str, Field(pattern=f"^(?:{TAG_PATTERN.pattern[1:-1]})?$", description="a tag slug")]
StatusFilter = Literal["", "new", "under_review", "in_round", "planned", "in_progress", "shipped", "declined", "merged"]
mirrors(StatusFilter, ("", *STATUSES))


class SearchQuery(Query):
    q: QueryText = ""
    type: Kind = "ideas"
    # An empty `page=` is the first page, as it always was; below 1 is refused.
    page: Annotated[int, Field(ge=1, le=DB_INT_MAX), WHOLE_NUMBER, BeforeValidator(lambda raw: raw or 1)] = 1
    per_page: Annotated[int, clamped(20, 1, 50)] = 20
    status: StatusFilter = Field("", description="an idea status")
    tag: TagFilter = ""
    constituency: Literal["", "customer", "employee"] = ""


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
    """Short enough that the whole URL fits a server's request line (4 KiB) whatever the script."""

    title: str = Field("", max_length=TITLE_MAX, description="the title typed so far; control characters are ignored")
    body: str = Field("", max_length=SIMILAR_BODY_MAX, description="the start of the description")
    limit: Annotated[int, Field(ge=1, le=10), WHOLE_NUMBER] = 5


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
    q: str = Field("", max_length=QUERY_MAX, description="the topic; control characters are ignored")
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
