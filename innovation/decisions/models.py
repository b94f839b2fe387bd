"""Decision rounds, candidates with shared impact data and its history, secret ballots,
and published outcomes."""

from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import Model
from ..ideas.models import Idea
from ..platform.db import UTCDateTime, utcnow

METHODS = ("approval", "score", "ranked", "budget")
ROUND_STATUSES = ("draft", "deliberation", "voting", "closed", "decided")
ELIGIBILITY = ("everyone", "customers", "employees", "invited")
RESULTS_VISIBILITY = ("after_close", "live")
DECISIONS = ("adopt", "defer", "decline")
RISKS = ("low", "medium", "high")
IMPACT_FIELDS = (
    "cost",
    "cost_low",
    "cost_high",
    "annual_benefit",
    "benefit_low",
    "benefit_high",
    "effort_weeks",
    "reach",
    "confidence",
    "risk",
    "sources",
)


class Round(Model):
    __tablename__ = "rounds"
    __table_args__ = (Index("ix_rounds_status_closes", "status", "closes_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(140))
    description: Mapped[str] = mapped_column(Text, default="")
    description_html: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[str] = mapped_column(String(16))
    budget: Mapped[float | None] = mapped_column(Float)
    weight_customer: Mapped[float] = mapped_column(Float, default=0.5)
    weight_employee: Mapped[float] = mapped_column(Float, default=0.5)
    results_visibility: Mapped[str] = mapped_column(String(16), default="after_close")
    eligibility: Mapped[str] = mapped_column(String(16), default="everyone")
    quorum_customer: Mapped[int | None] = mapped_column()
    quorum_employee: Mapped[int | None] = mapped_column()
    status: Mapped[str] = mapped_column(String(16), default="draft")
    voting_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set when the round enters deliberation; None for a round that went from draft straight
    # to voting, so the page's steps show only the phases the round really had.
    deliberation_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closing_reminder_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # When a pm last reminded those who have not voted (at most once a day, building.py).
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Frozen at close: the canonical export, its digest and the result it contains.
    export_json: Mapped[str | None] = mapped_column(Text)
    export_sha256: Mapped[str | None] = mapped_column(String(64))
    result: Mapped[dict | None] = mapped_column(JSON)

    created_by: Mapped[User | None] = relationship()
    candidates: Mapped[list["Candidate"]] = relationship(
        back_populates="round", order_by="Candidate.id", cascade="all, delete-orphan"
    )

    @property
    def weights(self) -> dict[str, float]:
        return {"customer": self.weight_customer, "employee": self.weight_employee}


class RoundInvitee(Model):
    """The invited list of a round whose eligibility is `invited`."""

    __tablename__ = "round_invitees"
    __table_args__ = (UniqueConstraint("round_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)


class Candidate(Model):
    """An idea in a round, with the impact data everyone sees before voting."""

    __tablename__ = "candidates"
    __table_args__ = (UniqueConstraint("round_id", "idea_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"))
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"), index=True)
    previous_idea_status: Mapped[str] = mapped_column(String(16), default="new")
    # None = "not known yet": a candidate may join a round before its numbers are known; only
    # cost and annual benefit are needed before voting opens (readiness.py).
    cost: Mapped[float | None] = mapped_column(Float)
    cost_low: Mapped[float | None] = mapped_column(Float)
    cost_high: Mapped[float | None] = mapped_column(Float)
    annual_benefit: Mapped[float | None] = mapped_column(Float)
    benefit_low: Mapped[float | None] = mapped_column(Float)
    benefit_high: Mapped[float | None] = mapped_column(Float)
    effort_weeks: Mapped[float | None] = mapped_column(Float)
    reach: Mapped[int | None] = mapped_column()
    confidence: Mapped[float | None] = mapped_column(Float)
    risk: Mapped[str | None] = mapped_column(String(16))
    sources: Mapped[str] = mapped_column(Text, default="")
    impact_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    round: Mapped[Round] = relationship(back_populates="candidates")
    idea: Mapped[Idea] = relationship()

    @property
    def impact(self) -> dict:
        return {field: getattr(self, field) for field in IMPACT_FIELDS}


class ImpactRevision(Model):
    """One change of a candidate's impact data: who, when, old → new per field."""

    __tablename__ = "impact_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column()
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    changes: Mapped[dict] = mapped_column(JSON)

    changed_by: Mapped[User | None] = relationship()


class Ballot(Model):
    """A secret ballot: linked to its voter only through a keyed hash of user and round."""

    __tablename__ = "ballots"
    __table_args__ = (UniqueConstraint("round_id", "voter_key"), UniqueConstraint("round_id", "receipt"))

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"))
    voter_key: Mapped[str] = mapped_column(String(64))
    receipt: Mapped[str] = mapped_column(String(16))
    constituency: Mapped[str] = mapped_column(String(16))
    content: Mapped[dict] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(String(280), default="")
    # The round's impact versions (candidate id → version) this ballot was cast under.
    impact_versions: Mapped[dict] = mapped_column(JSON, default=dict)
    cast_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Outcome(Model):
    __tablename__ = "outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), unique=True)
    summary: Mapped[str] = mapped_column(Text)
    summary_html: Mapped[str] = mapped_column(Text)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    published_by: Mapped[User | None] = relationship()
    decisions: Mapped[list["OutcomeDecision"]] = relationship(
        order_by="OutcomeDecision.candidate_id", cascade="all, delete-orphan"
    )
    amendments: Mapped[list["OutcomeAmendment"]] = relationship(
        order_by="OutcomeAmendment.id", cascade="all, delete-orphan"
    )


class OutcomeDecision(Model):
    __tablename__ = "outcome_decisions"
    __table_args__ = (UniqueConstraint("outcome_id", "candidate_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    outcome_id: Mapped[int] = mapped_column(ForeignKey("outcomes.id", ondelete="CASCADE"))
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"))
    decision: Mapped[str] = mapped_column(String(16))
    rationale: Mapped[str] = mapped_column(Text, default="")
    followed_vote: Mapped[bool] = mapped_column()

    candidate: Mapped[Candidate] = relationship()


class OutcomeAmendment(Model):
    """A change to a published outcome: who, when, why (`note`), and the outcome before and
    after ({"summary", "decisions": [{"candidate_id", "decision", "rationale"}]})."""

    __tablename__ = "outcome_amendments"

    id: Mapped[int] = mapped_column(primary_key=True)
    outcome_id: Mapped[int] = mapped_column(ForeignKey("outcomes.id", ondelete="CASCADE"), index=True)
    amended_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    amended_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    note: Mapped[str] = mapped_column(Text)
    before: Mapped[dict] = mapped_column(JSON)
    after: Mapped[dict] = mapped_column(JSON)

    amended_by: Mapped[User | None] = relationship()
