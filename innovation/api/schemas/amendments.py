"""Amendments to a published outcome (decisions/amendments.py)."""

from typing import Annotated, Literal

from pydantic import Field
from typing_extensions import TypedDict

from ...decisions.amendments import NOTE_MAX
from ...decisions.models import DECISIONS
from .base import Body, Id, Timestamp, mirrors, text

# Spelled out here as in schemas/rounds.py, which imports this module for the outcome's answer.
Decision = Literal["adopt", "defer", "decline"]
mirrors(Decision, DECISIONS)


class DecisionState(TypedDict):
    candidate_id: int
    decision: Decision
    rationale: str


class OutcomeState(TypedDict):
    summary: str
    decisions: list[DecisionState]


class OutcomeAmendment(TypedDict):
    """One amendment: when, by whom, why, and the outcome before and after it."""

    id: int
    amended_at: Timestamp
    amended_by: str | None
    note: str
    before: OutcomeState
    after: OutcomeState


class AmendedDecision(Body):
    candidate_id: Id
    decision: Decision
    rationale: Annotated[str, text(5000, multiline=True)] | None = Field(
        None, description="required when the decision departs from the vote"
    )


class AmendmentSubmission(Body):
    """New decisions for every candidate of a decided round, with a note saying what changed and
    why; `summary` left out keeps the published one."""

    note: Annotated[str, text(NOTE_MAX, multiline=True, min_visible=1)]
    decisions: Annotated[list[AmendedDecision], Field(min_length=1, max_length=1000)]
    summary: Annotated[str, text(20_000, multiline=True, min_visible=1)] | None = None
