"""The news an e-mail carries besides its link, made for each reader when the e-mail is sent:
a round's outcome (its summary, and the decision on each idea the reader wrote, follows or
voted for), or an idea's new status with the product manager's note.

Who may read it is decided again at send time by the audience helpers of ideas/permissions.py
and decisions/permissions.py. Ballots are secret: a reader's own ballot is read by its keyed
hash, as `GET /rounds/<id>/ballot` reads it, while the e-mails of a batch are written, and
shapes only that reader's e-mail; it is never stored, logged or put into anyone else's e-mail.
Jobs hand over ids only."""

from dataclasses import dataclass, field

from markupsafe import Markup
from sqlalchemy import select

from ..accounts.models import User
from ..decisions.ballots import voter_key
from ..decisions.models import Ballot, Candidate, Outcome, OutcomeDecision, Round
from ..decisions.permissions import round_audience_clause
from ..extensions import db
from ..ideas.models import Follow, Idea, StatusChange
from ..ideas.permissions import can_see_idea
from ..ideas.statuses import label_of
from ..platform.markdown import sanitize_html
from ..search.documents import plain_text
from .models import OutboxEvent

DECISION_LABELS = {"adopt": "Adopted", "defer": "Deferred", "decline": "Declined"}


@dataclass
class DecisionNews:
    idea_title: str
    link: str
    label: str  # "Adopted", "Deferred", "Declined"
    followed_vote: bool
    rationale: str
    why_you: list[str]  # "You wrote this idea", "You follow it", "You voted for it"


@dataclass
class OutcomeNews:
    round_title: str
    link: str
    summary: str  # plain text, for the text part
    summary_html: Markup  # the sanitized rendering of the pm's markdown
    decisions: list[DecisionNews] = field(default_factory=list)
    others: int = 0  # decisions of the round not about the reader's ideas
    kind: str = "outcome"


@dataclass
class StatusNews:
    idea_title: str
    link: str
    status: str
    note: str
    noted_by: str
    kind: str = "status"


@dataclass
class _Decided:
    """One decision of a round, as plain values (they outlive the session's commits)."""

    candidate_id: int
    idea_id: int
    idea_title: str
    author_id: int
    decision: str
    rationale: str
    followed_vote: bool


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def vote_line(content: dict, candidate_id: int) -> str:
    """What the reader's own ballot says about one candidate, in their words ("" if nothing)."""
    if "approvals" in content:
        return "You voted for it" if candidate_id in content["approvals"] else ""
    if "ranking" in content:
        ranking = content["ranking"]
        return f"You ranked it {_ordinal(ranking.index(candidate_id) + 1)}" if candidate_id in ranking else ""
    score = (content.get("scores") or {}).get(str(candidate_id))
    return f"You gave it {score} out of 5" if score else ""


def _own_ballots(round_id: int, user_ids: set[int]) -> dict[int, dict]:
    """Each reader's own ballot content (reader → content), found by the keyed hash of reader
    and round as `GET /rounds/<id>/ballot` finds it; one lookup for the readers of a batch, and
    each content only ever goes into its own reader's e-mail."""
    keys = {voter_key(round_id, user_id): user_id for user_id in user_ids}
    found = db.session.execute(
        select(Ballot.voter_key, Ballot.content).where(Ballot.round_id == round_id, Ballot.voter_key.in_(keys))
    ).tuples()
    return {keys[key]: content or {} for key, content in found}


def _outcome_news(event: OutboxEvent, user_ids: list[int], base: str) -> dict[int, OutcomeNews]:
    round_ = db.session.get(Round, event.payload.get("round_id", 0))
    outcome = db.session.scalar(select(Outcome).where(Outcome.round_id == round_.id)) if round_ else None
    if round_ is None or outcome is None:
        return {}
    decided = [
        _Decided(*row)
        for row in db.session.execute(
            select(
                OutcomeDecision.candidate_id,
                Candidate.idea_id,
                Idea.title,
                Idea.author_id,
                OutcomeDecision.decision,
                OutcomeDecision.rationale,
                OutcomeDecision.followed_vote,
            )
            .join(Candidate, Candidate.id == OutcomeDecision.candidate_id)
            .join(Idea, Idea.id == Candidate.idea_id)
            .where(OutcomeDecision.outcome_id == outcome.id)
            .order_by(OutcomeDecision.candidate_id)
        ).tuples()
    ]
    round_id, round_title = round_.id, round_.title
    summary_html = Markup(sanitize_html(outcome.summary_html))  # noqa: S704 - sanitized here
    summary_text = " ".join(plain_text(summary_html).split())
    readers = set(db.session.scalars(select(User.id).where(User.id.in_(user_ids), round_audience_clause(round_))))
    follows = set(
        db.session.execute(
            select(Follow.user_id, Follow.idea_id).where(
                Follow.user_id.in_(readers), Follow.idea_id.in_([d.idea_id for d in decided])
            )
        ).tuples()
    )
    ballots = _own_ballots(round_id, readers)
    news = {}
    for user_id in sorted(readers):
        ballot = ballots.get(user_id, {})
        mine = []
        for item in decided:
            why = []
            if item.author_id == user_id:
                why.append("You wrote this idea")
            if (user_id, item.idea_id) in follows:
                why.append("You follow it")
            if vote := vote_line(ballot, item.candidate_id):
                why.append(vote)
            if why:
                mine.append(
                    DecisionNews(
                        item.idea_title,
                        f"{base}/ideas/{item.idea_id}",
                        DECISION_LABELS.get(item.decision, item.decision.capitalize()),
                        item.followed_vote,
                        item.rationale,
                        why,
                    )
                )
        news[user_id] = OutcomeNews(
            round_title,
            f"{base}/rounds/{round_id}#outcome",
            summary_text,
            summary_html,
            mine,
            len(decided) - len(mine),
        )
    return news


def _status_news(event: OutboxEvent, user_ids: list[int], base: str) -> dict[int, StatusNews]:
    payload = event.payload
    idea = db.session.get(Idea, payload.get("idea_id", 0))
    if idea is None:
        return {}
    change = db.session.get(StatusChange, payload["status_change_id"]) if payload.get("status_change_id") else None
    status = payload.get("new") or idea.status
    note = change.note if change is not None else payload.get("note") or ""
    noted_by = change.actor.name if change is not None and change.actor is not None else ""
    users = db.session.scalars(select(User).where(User.id.in_(user_ids)))
    readers = [user for user in users if can_see_idea(user, idea)]
    item = StatusNews(idea.title, f"{base}/ideas/{idea.id}", payload.get("label") or label_of(status), note, noted_by)
    return {user.id: item for user in readers}


BUILDERS = {"outcome_published": _outcome_news, "status_change": _status_news}


def news_for(recipients: list[tuple[int, int]], base: str) -> dict[tuple[int, int], OutcomeNews | StatusNews]:
    """(event id, user id) → the news for that reader, for the events that carry any; readers
    who may no longer see the subject get none (their e-mail is the plain notice)."""
    by_event: dict[int, list[int]] = {}
    for event_id, user_id in recipients:
        by_event.setdefault(event_id, []).append(user_id)
    news: dict[tuple[int, int], OutcomeNews | StatusNews] = {}
    for event_id, user_ids in by_event.items():
        event = db.session.get(OutboxEvent, event_id)
        builder = BUILDERS.get(event.kind) if event is not None else None
        if event is None or builder is None:
            continue
        for user_id, item in builder(event, user_ids, base).items():
            news[(event_id, user_id)] = item
    return news
