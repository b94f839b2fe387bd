"""Decision rounds: candidates with impact data, ballots, results and outcomes (TALLY.md)."""

from typing import Annotated, Literal, NotRequired

from pydantic import AfterValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError
from typing_extensions import TypedDict

from ...decisions.ballots import REASON_MAX
from ...decisions.models import DECISIONS, ELIGIBILITY, METHODS, RESULTS_VISIBILITY, RISKS, ROUND_STATUSES
from ...platform.input import DB_INT_MAX
from .amendments import OutcomeAmendment
from .base import INTEGRAL, Body, Id, Moment, Query, Timestamp, absent, documented, mirrors, one_error, text
from .ideas import IdeaTitle
from .pages import page_of

Method = Literal["approval", "score", "ranked", "budget"]
mirrors(Method, METHODS)
RoundStatus = Literal["draft", "deliberation", "voting", "closed", "decided"]
mirrors(RoundStatus, ROUND_STATUSES)
RoundStatusFilter = Literal["", "draft", "deliberation", "voting", "closed", "decided"]
mirrors(RoundStatusFilter, ("", *ROUND_STATUSES))
Eligibility = Literal["everyone", "customers", "employees", "invited"]
mirrors(Eligibility, ELIGIBILITY)
ResultsVisibility = Literal["after_close", "live"]
mirrors(ResultsVisibility, RESULTS_VISIBILITY)
DecisionKind = Literal["adopt", "defer", "decline"]
mirrors(DecisionKind, DECISIONS)
Risk = Literal["low", "medium", "high"]
mirrors(Risk, RISKS)
Constituency = Literal["customer", "employee"]
MONEY_MAX = 1e12  # what the impact service takes (decisions/impact.py)
BUDGET_LIMIT = 1e13  # budgets are below this (decisions/services.py)


Share = Annotated[float, Field(ge=0, le=1)]


class WeightSplit(Body):
    model_config = ConfigDict(extra="forbid")

    customer: Share
    employee: Share


Weights = Annotated[
    WeightSplit,
    one_error("Weights are numbers from 0 to 1 for exactly `customer` and `employee`, adding up to 1."),
    Field(json_schema_extra=documented(description="non-negative, adding up to 1")),
]
QuorumSize = Annotated[int, Field(ge=0, le=DB_INT_MAX), INTEGRAL]


class QuorumInput(Body):
    customer: QuorumSize | None = None
    employee: QuorumSize | None = None


def _unique(values: list[int]) -> list[int]:
    if len(set(values)) != len(values):
        raise PydanticCustomError("invalid_value", "A candidate appears twice in the ballot.")
    return values


CandidateIds = Annotated[
    list[Id], Field(max_length=1000, json_schema_extra={"uniqueItems": True}), AfterValidator(_unique)
]
Money = Annotated[float, Field(ge=0, le=MONEY_MAX)]


class NewRound(Body):
    """A round to create (pm); it starts as a `draft`. Budget rounds need a `budget`, the others
    have none; `closes_at` comes after `voting_opens_at`; weights add up to 1."""

    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"method": {"const": "budget"}}, "required": ["method"]},
            "then": {"required": ["budget"], "properties": {"budget": {"type": "number"}}},
            "else": {"properties": {"budget": {"type": "null"}}},
        }
    )

    title: Annotated[str, text(140, min_visible=5, description="at least 5 visible characters")]
    description: Annotated[str, text(20_000, multiline=True, description="markdown")] = ""
    method: Method
    budget: Annotated[float, Field(gt=0, lt=BUDGET_LIMIT)] | None = Field(
        None, description="budget rounds only, and required for them"
    )
    weights: Weights | None = None
    results_visibility: ResultsVisibility = "after_close"
    eligibility: Eligibility = "everyone"
    voting_opens_at: Moment | None = None
    closes_at: Annotated[Moment | None, Field(description="after `voting_opens_at`")] = None
    quorum: QuorumInput | None = None
    invitees: list[Id] | None = Field(None, max_length=1000, description="user ids, for `invited` eligibility")


class ImpactValues(Body):
    """Impact data; on a change only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    cost: Money | None = absent(description="null: not known yet")
    cost_low: Money | None = absent(description="at most `cost`")
    cost_high: Money | None = absent(description="at least `cost` and `cost_low`")
    annual_benefit: Money | None = absent(description="null: not known yet")
    benefit_low: Money | None = absent(description="at most `annual_benefit`")
    benefit_high: Money | None = absent(description="at least `annual_benefit` and `benefit_low`")
    effort_weeks: Money | None = absent(description="null: not known yet")
    reach: Annotated[float, Field(ge=0, le=DB_INT_MAX)] | None = absent(
        description="people or accounts per year (a whole number is kept); null: not known yet"
    )
    confidence: Annotated[float, Field(ge=0, le=100)] | None = absent(description="percent; null: not known yet")
    risk: Risk | None = absent(description="null: not known yet")
    sources: Annotated[str, text(5000, multiline=True)] = absent()


def _one_way(model: "NewCandidate") -> "NewCandidate":
    if (model.idea_id is None) == (model.idea_ids is None):
        raise PydanticCustomError("invalid_value", "Send either `idea_id` (one idea) or `idea_ids` (several).")
    if model.idea_ids is not None and "impact" in model.model_fields_set:
        raise PydanticCustomError("invalid_value", "Ideas added together start with unknown figures; omit `impact`.")
    return model


def _unique_ideas(values: list[int]) -> list[int]:
    if len(set(values)) != len(values):
        raise PydanticCustomError("invalid_value", "An idea appears twice in the list.")
    return values


IdeaIds = Annotated[
    list[Id],
    Field(min_length=1, max_length=100),
    AfterValidator(_unique_ideas),
]


class NewCandidate(Body):
    """One idea with its impact data (`idea_id`, `impact`), or several at once (`idea_ids`, all
    or nothing, each with its figures not known yet)."""

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [
                {"required": ["idea_id"], "not": {"required": ["idea_ids"]}},
                {"required": ["idea_ids"], "not": {"anyOf": [{"required": ["idea_id"]}, {"required": ["impact"]}]}},
            ]
        }
    )

    idea_id: Id = absent()
    idea_ids: IdeaIds = absent(uniqueItems=True, description="several ideas at once, all or nothing")
    impact: ImpactValues | None = absent(description="with `idea_id` only; null or left out: not known yet")

    _checked = model_validator(mode="after")(_one_way)


class CandidateEdit(ImpactValues):
    """New impact values, as `{"impact": {...}}` or the fields themselves."""

    impact: ImpactValues | None = absent()


CandidateKey = Annotated[str, Field(pattern="^[1-9][0-9]{0,9}$")]


class BallotSubmission(Body):
    """The part the round's method takes: `approvals` (approval and budget rounds), `scores`
    (candidate id → 0..5) or `ranking` (best first)."""

    approvals: CandidateIds | None = None
    scores: dict[CandidateKey, Annotated[int, Field(ge=0, le=5), INTEGRAL]] | None = Field(None, max_length=1000)
    ranking: CandidateIds | None = None
    reason: Annotated[str, text(REASON_MAX, description="one line")] | None = None


class DecisionSubmission(Body):
    candidate_id: Id
    decision: DecisionKind
    rationale: Annotated[str, text(5000, multiline=True)] | None = Field(
        None, description="required when the decision departs from the vote"
    )


class OutcomeSubmission(Body):
    """The pm's decision for every candidate of a closed round."""

    summary: Annotated[str, text(20_000, multiline=True, min_visible=1)]
    decisions: Annotated[list[DecisionSubmission], Field(min_length=1, max_length=1000)]


class RoundFilters(Query):
    status: RoundStatusFilter = ""


class WeightShares(TypedDict):
    customer: float
    employee: float


class Impact(TypedDict):
    """A candidate's figures; null is "not known yet" (cost and annual benefit are known once
    voting opens)."""

    cost: float | None
    cost_low: float | None
    cost_high: float | None
    annual_benefit: float | None
    benefit_low: float | None
    benefit_high: float | None
    effort_weeks: float | None
    reach: int | None
    confidence: float | None
    risk: Risk | None
    sources: str


class Derived(TypedDict):
    """ROI, the priority score (field `rice`) and payback in months; null where an input is not
    known yet or a divisor is zero."""

    roi: Annotated[float | None, Field(description="(annual benefit − cost) ÷ cost, first year; 0.5 = 50 %")]
    rice: Annotated[
        float | None,
        Field(
            description=(
                "Priority score, RICE-style (shown on the page as 'Priority score'): reach × confidence (0..1) × "
                "annual benefit in thousands ÷ effort in weeks. Not the standard RICE, whose impact is a 0.25–3 "
                "scale: the annual benefit takes its place. The field keeps its name for compatibility."
            )
        ),
    ]
    payback_months: Annotated[float | None, Field(description="cost ÷ (annual benefit ÷ 12)")]


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


class CandidateList(TypedDict):
    """The candidates added together, in the order their ideas were given."""

    items: list[Candidate]


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
    amendments: Annotated[list[OutcomeAmendment], Field(description="oldest first; empty when never amended")]
