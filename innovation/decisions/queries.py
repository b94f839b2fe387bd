"""Read models for round pages, idea cards, the home page and the API."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import and_, func, select

from ..accounts.actors import Viewer
from ..accounts.models import User
from ..extensions import db
from ..ideas.permissions import is_signed_in
from ..platform.pagination import Page, paginate
from .ballots import voter_key
from .models import Ballot, Candidate, ImpactRevision, Outcome, OutcomeDecision, Round
from .permissions import eligible_clause, visible_rounds_clause

STATUS_ORDER = ("voting", "deliberation", "draft", "closed", "decided")


def rounds_page(viewer: Viewer, *, status: str = "", page: int = 1, per_page: int = 20) -> Page[Round]:
    conditions = [visible_rounds_clause(viewer)]
    if status:
        conditions.append(Round.status == status)
    total = db.session.scalar(select(func.count()).select_from(Round).where(*conditions))
    return paginate(
        select(Round).where(*conditions).order_by(Round.created_at.desc(), Round.id.desc()), page, per_page, total=total
    )


def impact_history(candidate_ids: list[int]) -> dict[int, list[ImpactRevision]]:
    history: dict[int, list[ImpactRevision]] = {cid: [] for cid in candidate_ids}
    if candidate_ids:
        for revision in db.session.scalars(
            select(ImpactRevision)
            .where(ImpactRevision.candidate_id.in_(candidate_ids))
            .order_by(ImpactRevision.version)
        ):
            history[revision.candidate_id].append(revision)
    return history


def ballot_count(round_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(Ballot).where(Ballot.round_id == round_id))


def turnout(round_id: int) -> dict[str, int]:
    """How many people voted, per constituency: counts only, never what they chose."""
    counts = dict(
        db.session.execute(
            select(Ballot.constituency, func.count()).where(Ballot.round_id == round_id).group_by(Ballot.constituency)
        ).all()
    )
    customer, employee = counts.get("customer", 0), counts.get("employee", 0)
    return {"customer": customer, "employee": employee, "total": sum(counts.values())}


def outcome_of(round_id: int) -> Outcome | None:
    return db.session.scalar(select(Outcome).where(Outcome.round_id == round_id))


DECISION_WORDS = {"adopt": "adopted", "defer": "deferred", "decline": "declined"}


@dataclass(frozen=True)
class RoundLink:
    """An idea's place in one round, for its card, its page and the home page."""

    idea_id: int
    round_id: int
    round_title: str
    round_status: str
    closes_at: datetime | None
    entered_at: datetime  # when the idea became a candidate
    decision: str | None  # adopt / defer / decline, once the outcome is published

    @property
    def decision_word(self) -> str:
        return DECISION_WORDS.get(self.decision or "", "")


def round_links(viewer: Viewer, idea_ids: Iterable[int]) -> dict[int, list[RoundLink]]:
    """Every round `viewer` may see that each idea was a candidate in, newest first, with the
    published decision on it. One query however many ideas (cards of a whole list)."""
    ids = sorted(set(idea_ids))
    if not ids:
        return {}
    decision = OutcomeDecision.decision
    rows = db.session.execute(
        select(
            Candidate.idea_id,
            Round.id,
            Round.title,
            Round.status,
            Round.closes_at,
            Candidate.created_at,
            decision,
        )
        .join(Round, Round.id == Candidate.round_id)
        .outerjoin(Outcome, Outcome.round_id == Round.id)
        .outerjoin(
            OutcomeDecision,
            and_(OutcomeDecision.outcome_id == Outcome.id, OutcomeDecision.candidate_id == Candidate.id),
        )
        .where(Candidate.idea_id.in_(ids), visible_rounds_clause(viewer))
        .order_by(Candidate.created_at.desc(), Candidate.id.desc())
    )
    links: dict[int, list[RoundLink]] = {}
    for row in rows:
        links.setdefault(row[0], []).append(RoundLink(*row))
    return links


def _eligible_among(user: User, rounds: list[Round]) -> list[Round]:
    """The rounds `user` may vote in, asked in one query through `eligible_clause` (the same
    rule that picks whom to notify), one boolean column per round."""
    if not rounds:
        return []
    flags = db.session.execute(
        select(*(eligible_clause(r, User).label(f"round_{r.id}") for r in rounds)).where(User.id == user.id)
    ).one()
    return [r for r, eligible in zip(rounds, flags, strict=True) if eligible]


def rounds_waiting_for(user: Viewer, limit: int = 20) -> list[Round]:
    """Open rounds `user` may see and vote in and has not voted in yet, closing soonest first.
    Three queries whatever the number of rounds; ballots are found by their voter key only."""
    if not is_signed_in(user):
        return []
    assert user is not None
    open_rounds = list(
        db.session.scalars(
            select(Round)
            .where(Round.status == "voting", visible_rounds_clause(user))
            .order_by(Round.closes_at.is_(None), Round.closes_at, Round.id)
            .limit(limit)
        )
    )
    eligible = _eligible_among(user, open_rounds)
    if not eligible:
        return []
    keys = [voter_key(r.id, user.id) for r in eligible]
    voted = set(
        db.session.scalars(
            select(Ballot.round_id).where(Ballot.round_id.in_([r.id for r in eligible]), Ballot.voter_key.in_(keys))
        )
    )
    return [r for r in eligible if r.id not in voted]


@dataclass(frozen=True)
class TurnoutDay:
    day: date
    customer: int
    employee: int

    @property
    def total(self) -> int:
        return self.customer + self.employee


def turnout_by_day(round_id: int, zone: tzinfo) -> list[TurnoutDay]:
    """Ballots per day (in `zone`) and constituency, oldest first: when each ballot was last
    cast, never what it says. Days without ballots between the first and the last are shown."""
    counts: dict[date, dict[str, int]] = {}
    rows = db.session.execute(select(Ballot.cast_at, Ballot.constituency).where(Ballot.round_id == round_id))
    for cast_at, constituency in rows:
        day = cast_at.astimezone(zone).date()
        per_side = counts.setdefault(day, {"customer": 0, "employee": 0})
        per_side[constituency] = per_side.get(constituency, 0) + 1
    if not counts:
        return []
    first, last = min(counts), max(counts)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return [
        TurnoutDay(day, counts.get(day, {}).get("customer", 0), counts.get(day, {}).get("employee", 0)) for day in days
    ]
