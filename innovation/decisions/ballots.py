"""Secret ballots: validation per method, one per voter through a keyed hash, receipts."""

import hashlib
import hmac
import logging
import secrets

from flask import current_app
from sqlalchemy import select

from .. import events
from ..accounts.models import User
from ..extensions import db
from ..ideas.permissions import is_signed_in
from ..platform.db import utcnow
from ..platform.errors import Conflict, NotAuthenticated, NotFound, PermissionDenied, ValidationFailed
from ..platform.upsert import upsert
from .models import Ballot, Candidate, Round
from .permissions import get_visible_round, is_eligible

log = logging.getLogger(__name__)

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud, typed back
REASON_MAX = 280


def voter_key(round_id: int, user_id: int) -> str:
    """HMAC of round and user under the secret key: no plain user ↔ ballot link is stored."""
    message = f"ballot:{round_id}:{user_id}".encode()
    return hmac.new(current_app.config["SECRET_KEY"].encode(), message, hashlib.sha256).hexdigest()


def new_receipt() -> str:
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(10))


def _ids(raw, name: str, candidate_ids: set[int]) -> list[int]:
    if raw is None:
        raise Conflict(
            f"This round's ballots are `{name}`: a list of candidate ids.",
            code="wrong_ballot",
            fields={name: ["Candidate ids."]},
        )
    if len(set(raw)) != len(raw):
        raise ValidationFailed("A candidate appears twice in the ballot.", fields={name: ["Repeated candidate."]})
    unknown = sorted(set(raw) - candidate_ids)
    if unknown:
        raise NotFound(f"No such candidates in this round: {unknown}.", fields={name: ["Unknown candidate."]})
    return raw


def validate_ballot(round_: Round, payload) -> dict:
    """The ballot content for this round's method, or a 422 naming the problem."""
    if not isinstance(payload, dict):
        raise ValidationFailed("The ballot must be a JSON object.")
    candidates = {c.id: c for c in round_.candidates}
    if round_.method in ("approval", "budget"):
        approvals = _ids(payload.get("approvals"), "approvals", set(candidates))
        if round_.method == "budget":
            total = sum(candidates[c].cost or 0.0 for c in approvals)
            if total > round_.budget + 1e-9:
                raise Conflict(
                    f"These cost {total:,.0f} in total, more than the budget of {round_.budget:,.0f}.",
                    code="over_budget",
                    fields={"approvals": ["Over budget."]},
                )
        return {"approvals": sorted(approvals)}
    if round_.method == "ranked":
        return {"ranking": _ids(payload.get("ranking"), "ranking", set(candidates))}
    scores = payload.get("scores")
    if not isinstance(scores, dict):
        raise Conflict(
            "This round's ballots are `scores`: candidate ids to 0–5.",
            code="wrong_ballot",
            fields={"scores": ["An object."]},
        )
    clean = {}
    for key, value in scores.items():
        if not str(key).isdigit() or int(key) not in candidates:
            raise NotFound(f"No such candidate in this round: {str(key)[:20]}.", fields={"scores": ["Unknown."]})
        if not 0 <= value <= 5:
            raise ValidationFailed("Scores are whole numbers from 0 to 5.", fields={"scores": ["0 to 5."]})
        clean[str(int(key))] = value
    return {"scores": dict(sorted(clean.items(), key=lambda kv: int(kv[0])))}


def _clean_reason(raw) -> str:
    if raw in (None, ""):
        return ""
    if not isinstance(raw, str) or len(raw) > REASON_MAX or "\n" in raw.strip():
        raise ValidationFailed(
            f"The reason is one line of at most {REASON_MAX} characters.", fields={"reason": ["One short line."]}
        )
    return raw.strip()


def cast_ballot(actor: User, round_id, payload) -> Ballot:
    """Cast or replace the actor's ballot while the round is open; returns it with its receipt."""
    if not is_signed_in(actor):
        raise NotAuthenticated("Sign in to vote.")
    round_ = get_visible_round(actor, round_id, for_update=True)
    if round_.status != "voting":
        raise Conflict(
            "Voting is not open in this round."
            if round_.status in ("draft", "deliberation")
            else "This round is closed.",
            code="round_not_open",
        )
    if not is_eligible(actor, round_):
        raise PermissionDenied("You are not eligible to vote in this round.", code="not_eligible")
    content = validate_ballot(round_, payload)
    reason = _clean_reason(payload.get("reason"))
    key = voter_key(round_.id, actor.id)
    versions = {str(c.id): c.impact_version for c in round_.candidates}
    existing = db.session.scalar(select(Ballot.receipt).where(Ballot.round_id == round_.id, Ballot.voter_key == key))
    receipt = existing or new_receipt()
    now = utcnow()
    upsert(
        Ballot,
        {
            "round_id": round_.id,
            "voter_key": key,
            "receipt": receipt,
            "constituency": actor.constituency,
            "content": content,
            "reason": reason,
            "impact_versions": versions,
            "cast_at": now,
        },
        ["round_id", "voter_key"],
        {
            "content": content,
            "reason": reason,
            "impact_versions": versions,
            "cast_at": now,
            "constituency": actor.constituency,
        },
    )
    ballot = db.session.scalar(select(Ballot).where(Ballot.round_id == round_.id, Ballot.voter_key == key))
    events.ballot_cast.send(round_, actor=actor)
    log.info("ballot cast in round %s", round_.id)  # never who
    return ballot


def my_ballot(actor: User, round_id) -> Ballot | None:
    if not is_signed_in(actor):
        raise NotAuthenticated("Sign in to see your ballot.")
    round_ = get_visible_round(actor, round_id)
    return db.session.scalar(
        select(Ballot).where(Ballot.round_id == round_.id, Ballot.voter_key == voter_key(round_.id, actor.id))
    )


def has_voted(user_id: int, round_id: int) -> bool:
    return (
        db.session.scalar(
            select(Ballot.id).where(Ballot.round_id == round_id, Ballot.voter_key == voter_key(round_id, user_id))
        )
        is not None
    )


def changed_since_ballot(ballot: Ballot | None, candidates: list[Candidate]) -> list[Candidate]:
    """Candidates whose impact data changed after this ballot was cast."""
    if ballot is None:
        return []
    return [c for c in candidates if ballot.impact_versions.get(str(c.id), c.impact_version) != c.impact_version]
