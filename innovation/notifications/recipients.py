"""Who hears about an event, and what they are told. Who may hear about an idea or a round is
decided by the audience helpers of ideas/permissions.py and decisions/permissions.py, the
same rules as every page: nothing about an internal idea or round reaches a customer."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ..accounts.models import User
from ..decisions.ballots import voter_key
from ..decisions.models import Ballot, Candidate, ImpactRevision, Outcome, OutcomeAmendment, Round
from ..decisions.permissions import eligible_clause, round_audience_clause
from ..extensions import db
from ..ideas.models import Comment, Follow, Idea, Mention, StatusChange
from ..ideas.permissions import (
    audience_clause,
    comment_audience_clause,
    in_audience,
    in_comment_audience,
    is_published_comment,
)
from ..ideas.statuses import label_of
from ..voting.models import Support


@dataclass
class Message:
    title: str
    url: str
    recipients: dict[int, str]  # user id → notification kind
    subject: str | None = None  # "idea:<id>" or "round:<id>": what the centre groups it under
    event_at: datetime | None = None  # when it happened (None: when the outbox row was written)


def _ids(query) -> list[int]:
    return list(db.session.scalars(query))


def _idea_watchers(idea: Idea, *, supporters: bool, audience=None) -> list[int]:
    followers = select(Follow.user_id).where(Follow.idea_id == idea.id)
    query = select(User.id).where(User.id.in_(followers))
    if supporters:
        query = select(User.id).where(
            User.id.in_(followers.union(select(Support.user_id).where(Support.idea_id == idea.id)))
        )
    return _ids(query.where(audience_clause(idea) if audience is None else audience))


def _comment(payload) -> Message | None:
    comment, idea = db.session.get(Comment, payload["comment_id"]), db.session.get(Idea, payload["idea_id"])
    if comment is None or idea is None or not is_published_comment(comment):
        return None
    mentioned = set(db.session.scalars(select(Mention.user_id).where(Mention.comment_id == comment.id)))
    audience = comment_audience_clause(comment)  # the idea's audience, narrowed for an internal comment
    watchers = _idea_watchers(idea, supporters=False, audience=audience)
    recipients = {uid: "comment" for uid in watchers if uid not in mentioned}
    parent_author = payload.get("parent_author_id")
    if parent_author and parent_author in set(_ids(select(User.id).where(User.id == parent_author, audience))):
        recipients[parent_author] = "reply"
    recipients.pop(payload.get("actor_id"), None)
    return Message(
        f"{comment.author.name} commented on “{idea.title}”",
        f"/ideas/{idea.id}#comment-{comment.id}",
        recipients,
        f"idea:{idea.id}",
        comment.created_at,
    )


def _mention(payload) -> Message | None:
    comment, idea = db.session.get(Comment, payload["comment_id"]), db.session.get(Idea, payload["idea_id"])
    user = db.session.get(User, payload["user_id"])
    if comment is None or idea is None or user is None or not is_published_comment(comment):
        return None
    if not in_audience(user, idea) or not in_comment_audience(user, comment):
        return None
    return Message(
        f"{comment.author.name} mentioned you on “{idea.title}”",
        f"/ideas/{idea.id}#comment-{comment.id}",
        {user.id: "mention"},
        f"idea:{idea.id}",
        comment.created_at,
    )


def _moderation(payload) -> Message | None:
    """The author of a waiting idea or comment hears the moderator's decision (and its reason)."""
    idea = db.session.get(Idea, payload["idea_id"])
    if idea is None or not payload.get("author_id"):
        return None
    is_idea = payload.get("item_kind") == "idea"
    what = "Your idea" if is_idea else f"Your comment on “{idea.title}”"
    if payload.get("decision") == "approved":
        title = f"{what} is published" + (f": “{idea.title}”" if is_idea else "")
    else:
        title = f"{what} was not published: {payload.get('reason') or 'no reason given'}"
    anchor = "" if is_idea else f"#comment-{payload['item_id']}"
    return Message(title, f"/ideas/{idea.id}{anchor}", {payload["author_id"]: "moderation"}, f"idea:{idea.id}")


def _status_change(payload) -> Message | None:
    idea = db.session.get(Idea, payload["idea_id"])
    if idea is None:
        return None
    recipients = dict.fromkeys(_idea_watchers(idea, supporters=True), "status_change")
    recipients.pop(payload.get("actor_id"), None)
    label = payload.get("label") or label_of(payload.get("new") or idea.status)
    change = db.session.get(StatusChange, payload["status_change_id"]) if payload.get("status_change_id") else None
    return Message(
        f"“{idea.title}” is now {label}",
        f"/ideas/{idea.id}",
        recipients,
        f"idea:{idea.id}",
        change.created_at if change is not None else None,
    )


def _eligible(round_: Round) -> list[int]:
    return _ids(select(User.id).where(eligible_clause(round_, User), round_audience_clause(round_)))


def _voters(round_: Round, user_ids: list[int] | None = None) -> list[int]:
    """Users who cast a ballot, found by recomputing each candidate's keyed hash (no stored link)."""
    keys = set(db.session.scalars(select(Ballot.voter_key).where(Ballot.round_id == round_.id)))
    if not keys:
        return []
    candidates = user_ids if user_ids is not None else _ids(select(User.id))
    return [uid for uid in candidates if voter_key(round_.id, uid) in keys]


def _round_opened(payload) -> Message | None:
    round_ = db.session.get(Round, payload["round_id"])
    if round_ is None or round_.status != "voting":
        return None
    return Message(
        f"Voting is open: “{round_.title}”",
        f"/rounds/{round_.id}#ballot",
        dict.fromkeys(_eligible(round_), "round_opened"),
        f"round:{round_.id}",
        round_.opened_at,
    )


def _round_closing(payload) -> Message | None:
    round_ = db.session.get(Round, payload["round_id"])
    if round_ is None or round_.status != "voting":
        return None
    eligible = _eligible(round_)
    voted = set(_voters(round_, eligible))
    # A pm's reminder may come days before the close: it says so only when it is true.
    soon = not payload.get("manual")
    return Message(
        f"{'Closing within 24 hours' if soon else 'Voting is open'}: “{round_.title}” — you have not voted yet",
        f"/rounds/{round_.id}#ballot",
        {uid: "round_closing" for uid in eligible if uid not in voted},
        f"round:{round_.id}",
    )


def _outcome_published(payload) -> Message | None:
    round_ = db.session.get(Round, payload["round_id"])
    if round_ is None:
        return None
    audience = round_audience_clause(round_)
    followers = _ids(
        select(User.id).where(
            User.id.in_(
                select(Follow.user_id)
                .join(Candidate, Candidate.idea_id == Follow.idea_id)
                .where(Candidate.round_id == round_.id)
            ),
            audience,
        )
    )
    voters = _voters(round_, _ids(select(User.id).where(audience)))
    recipients = dict.fromkeys(set(followers) | set(voters), "outcome_published")
    recipients.pop(payload.get("actor_id"), None)
    outcome = db.session.scalar(select(Outcome).where(Outcome.round_id == round_.id))
    return Message(
        f"Outcome published: “{round_.title}”",
        f"/rounds/{round_.id}#outcome",
        recipients,
        f"round:{round_.id}",
        outcome.published_at if outcome is not None else None,
    )


def _outcome_amended(payload) -> Message | None:
    """The same people as the outcome itself (under the same preference), told what was amended."""
    amendment = db.session.get(OutcomeAmendment, payload["amendment_id"])
    message = _outcome_published(payload) if amendment is not None else None
    if message is None:
        return None
    message.title = message.title.replace("Outcome published:", "Outcome amended:", 1)
    message.url = message.url.replace("#outcome", "#amendments")
    message.event_at = amendment.amended_at
    return message


def _impact_changed(payload) -> Message | None:
    candidate = db.session.get(Candidate, payload["candidate_id"])
    if candidate is None or candidate.round.status != "voting":
        return None
    key = str(candidate.id)
    stale = {
        b.voter_key
        for b in db.session.scalars(select(Ballot).where(Ballot.round_id == candidate.round_id))
        if b.impact_versions.get(key, payload["version"]) < payload["version"]
    }
    if not stale:
        return None
    eligible = _eligible(candidate.round)
    recipients = {uid: "impact_changed" for uid in eligible if voter_key(candidate.round_id, uid) in stale}
    return Message(
        f"The numbers changed for “{candidate.idea.title}” since you voted",
        f"/rounds/{candidate.round_id}#impact",
        recipients,
        f"round:{candidate.round_id}",
        db.session.scalar(
            select(ImpactRevision.changed_at).where(
                ImpactRevision.candidate_id == candidate.id, ImpactRevision.version == payload["version"]
            )
        ),
    )


RESOLVERS = {
    "comment": _comment,
    "mention": _mention,
    "status_change": _status_change,
    "moderation": _moderation,
    "round_opened": _round_opened,
    "round_closing": _round_closing,
    "outcome_published": _outcome_published,
    "outcome_amended": _outcome_amended,
    "impact_changed": _impact_changed,
}


def resolve(kind: str, payload: dict) -> Message | None:
    resolver = RESOLVERS.get(kind)
    return resolver(payload) if resolver else None
