"""Decision rounds: candidates with impact data, ballots, results and outcomes (TALLY.md)."""

from typing import Annotated, Literal, NotRequired

from pydantic import ConfigDict, Field
from typing_extensions import TypedDict

from ...decisions.ballots import REASON_MAX
from ...decisions.models import DECISIONS, ELIGIBILITY, METHODS, RESULTS_VISIBILITY, RISKS, ROUND_STATUSES
from .base import Body, Query, Timestamp, absent, documented, mirrors, one_error
from .ideas import IdeaTitle
from .pages import page_of

Method = Literal["approval", "score", "ranked", "budget"]
mirrors(Method, METHODS)
RoundStatus = Literal["draft", "deliberation", "voting", "closed", "decided"]
mirrors(RoundStatus, ROUND_STATUSES)
Eligibility = Literal["everyone", "customers", "employees", "invited"]
mirrors(Eligibility, ELIGIBILITY)
ResultsVisibility = Literal["after_close", "live"]
mirrors(ResultsVisibility, RESULTS_VISIBILITY)
DecisionKind = Literal["adopt", "defer", "decline"]
mirrors(DecisionKind, DECISIONS)
Risk = Literal["low", "medium", "high"]
mirrors(Risk, RISKS)
Constituency = Literal["customer", "employee"]


class WeightSplit(Body):
    model_config = ConfigDict(extra="forbid")

    customer: float
    employee: float


Weights = Annotated[
    WeightSplit,
    one_error("Weights are numbers for exactly `customer` and `employee`."),
    Field(json_schema_extra=documented(description="non-negative, adding up to 1")),
]


class QuorumInput(Body):
    customer: int | None = Field(None, json_schema_extra=documented(minimum=0))
    employee: int | None = Field(None, json_schema_extra=documented(minimum=0))


class NewRound(Body):
    """A round to create (pm); it starts as a `draft`."""

    title: str = Field(json_schema_extra=documented(minLength=5, maxLength=140))
    description: str = Field("", json_schema_extra=documented(maxLength=20_000, description="markdown"))
    method: str = Field(json_schema_extra=documented(enum=list(METHODS)))
    budget: float | None = Field(
        None, json_schema_extra=documented(exclusiveMinimum=0, description="budget rounds only")
    )
    weights: Weights | None = None
    results_visibility: str = Field("after_close", json_schema_extra=documented(enum=list(RESULTS_VISIBILITY)))
    eligibility: str = Field("everyone", json_schema_extra=documented(enum=list(ELIGIBILITY)))
    voting_opens_at: str | None = Field(None, json_schema_extra=documented(format="date-time"))
    closes_at: str | None = Field(None, json_schema_extra=documented(format="date-time"))
    quorum: QuorumInput | None = None
    invitees: list[int] | None = Field(None, description="user ids, for `invited` eligibility")


NUMBER = documented(minimum=0)


class ImpactValues(Body):
    """Impact data; on a change only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    cost: float = absent(**NUMBER)
    cost_low: float | None = absent(**NUMBER)
    cost_high: float | None = absent(**NUMBER)
    annual_benefit: float = absent(**NUMBER)
    benefit_low: float | None = absent(**NUMBER)
    benefit_high: float | None = absent(**NUMBER)
    effort_weeks: float = absent(**NUMBER)
    reach: float = absent(**NUMBER, description="people or accounts per year (a whole number is kept)")
    confidence: float = absent(minimum=0, maximum=100, description="percent")
    risk: str = absent(enum=list(RISKS))
    sources: str = absent(maxLength=5000)


class NewCandidate(Body):
    idea_id: int
    impact: ImpactValues | None = None


class CandidateEdit(ImpactValues):
    """New impact values, as `{"impact": {...}}` or the fields themselves."""

    impact: ImpactValues | None = absent()


class BallotSubmission(Body):
    """The part the round's method takes: `approvals` (approval and budget rounds), `scores`
    (candidate id → 0..5) or `ranking` (best first)."""

    approvals: list[int] | None = None
    scores: dict[str, int] | None = Field(
        None, json_schema_extra=documented(additionalProperties={"type": "integer", "minimum": 0, "maximum": 5})
    )
    ranking: list[int] | None = None
    reason: str | None = Field(None, json_schema_extra=documented(maxLength=REASON_MAX, description="one line"))


class DecisionSubmission(Body):
    candidate_id: int
    decision: str = Field(json_schema_extra=documented(enum=list(DECISIONS)))
    rationale: str | None = Field(
        None,
        json_schema_extra=documented(maxLength=5000, description="required when the decision departs from the vote"),
    )


class OutcomeSubmission(Body):
    """The pm's decision for every candidate of a closed round."""

    summary: str = Field(json_schema_extra=documented(minLength=1, maxLength=20_000))
    decisions: list[DecisionSubmission]


class RoundFilters(Query):
    status: str = Field("", json_schema_extra=documented(enum=["", *ROUND_STATUSES]))


class WeightShares(TypedDict):
    customer: float
    employee: float


class Impact(TypedDict):
    cost: float
    cost_low: float | None
    cost_high: float | None
    annual_benefit: float
    benefit_low: float | None
    benefit_high: float | None
    effort_weeks: float
    reach: int
    confidence: float
    risk: Risk
    sources: str


class Derived(TypedDict):
    """ROI, RICE and payback in months; null where a divisor is zero."""

    roi: float | None
    rice: float | None
    payback_months: float | None


ImpactValue = float | str | None


class ImpactRevision(TypedDict):
    version: int
    changed_at: Timestamp
    changed_by: str | None
    changes: dict[str, tuple[ImpactValue, ImpactValue]]


class Candidate(TypedDict):
    """An idea in a round, with its impact data, the figures derived from it and every change."""

    id: int
    idea: IdeaTitle
    impact: Impact
    impact_version: int
    derived: Derived
    impact_history: list[ImpactRevision]


class Quorum(TypedDict):
    customer: int | None
    employee: int | None


class RoundTurnout(TypedDict):
    """Ballots cast so far per constituency, in every state: counts only, never preferences."""

    customer: int
    employee: int
    total: int


class Round(TypedDict):
    """A round; while its results are hidden, no count but the turnout."""

    id: int
    title: str
    description: str
    description_html: str
    method: Method
    budget: float | None
    weights: WeightShares
    results_visibility: ResultsVisibility
    eligibility: Eligibility
    status: RoundStatus
    quorum: Quorum
    voting_opens_at: Timestamp | None
    closes_at: Timestamp | None
    opened_at: Timestamp | None
    closed_at: Timestamp | None
    decided_at: Timestamp | None
    created_at: Timestamp
    export_sha256: str | None
    candidates: list[Candidate]
    ballot_count: NotRequired[int]
    turnout: RoundTurnout


RoundPage = page_of(Round, "RoundPage", "A page of rounds the caller may see, newest first.")


class Tally(TypedDict):
    ranking: Annotated[list[list[int]], Field(description="tiers, best first")]
    winners: list[int]
    scores: dict[str, float]


class TallyByConstituency(TypedDict):
    customer: Tally
    employee: Tally


class Turnout(TypedDict):
    customer: int
    employee: int


class QuorumVerdict(TypedDict):
    required: int | None
    turnout: int
    met: bool


class QuorumVerdicts(TypedDict):
    customer: QuorumVerdict
    employee: QuorumVerdict


class Result(TypedDict):
    """The result object of TALLY.md."""

    method: Method
    weights: Annotated[WeightShares, Field(description="the effective weights")]
    turnout: Turnout
    combined: Tally
    by_constituency: TallyByConstituency
    agreement: float | None
    pairwise: dict[str, dict[str, float]] | None
    budget: float | None
    funded: list[int] | None
    mes_funded: list[int] | None
    completion_funded: list[int] | None
    spent: float | None
    quorum: NotRequired[QuorumVerdicts]


class Approvals(TypedDict):
    approvals: list[int]


class Scores(TypedDict):
    scores: dict[str, int]


class Ranking(TypedDict):
    ranking: list[int]


class BallotReceipt(TypedDict):
    """The caller's own ballot: what it says, its receipt, and the candidates whose impact data
    changed since it was cast."""

    receipt: str
    round_id: int
    ballot: Approvals | Scores | Ranking
    reason: str
    cast_at: Timestamp
    impact_changed_since: list[int]


class ExportRound(TypedDict):
    id: int
    title: str
    method: Method
    budget: float | None
    weights: WeightShares
    closed_at: Timestamp | None
    quorum: NotRequired[Quorum]


class ExportCandidate(TypedDict):
    id: int
    title: str
    cost: float


class ExportBallot(TypedDict):
    receipt: str
    constituency: Constituency
    approvals: NotRequired[list[int]]
    scores: NotRequired[dict[str, int]]
    ranking: NotRequired[list[int]]
    reason: NotRequired[str]


class BallotExport(TypedDict):
    """The ballot export of TALLY.md, frozen at close."""

    format: Literal["innovation-ballots/1"]
    round: ExportRound
    candidates: list[ExportCandidate]
    ballots: list[ExportBallot]
    result: Result
    sha256: Annotated[str, Field(description="of the canonical JSON of this object without `sha256`")]


class Decision(TypedDict):
    candidate_id: int
    title: str | None
    decision: DecisionKind
    rationale: str
    followed_vote: bool
    vote_recommended: Literal["adopt", "not_adopt"]


class Outcome(TypedDict):
    """The published outcome: each decision next to what the vote recommended."""

    round_id: int
    summary: str
    summary_html: str
    published_at: Timestamp
    published_by: str | None
    decisions: list[Decision]
