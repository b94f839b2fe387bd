"""Rounds built through the real services, for the home page and round-link tests."""

from datetime import timedelta

from innovation.decisions import services as rounds
from innovation.decisions.ballots import cast_ballot
from innovation.decisions.export import close_round
from innovation.decisions.outcomes import publish_outcome
from innovation.extensions import db
from innovation.ideas.services import submit_idea
from innovation.platform.db import utcnow

from ..decisions.helpers import IMPACT


def open_round(
    pm, ideas, *, title="Spring planning round", eligibility="everyone", closes_in=timedelta(days=3), invitees=None
):
    """An approval round with `ideas` as candidates, open for voting; returns (round, candidates)."""
    round_ = rounds.create_round(
        pm,
        title=title,
        method="approval",
        eligibility=eligibility,
        closes_at=(utcnow() + closes_in).isoformat() if closes_in else None,
        invitees=invitees,
    )
    candidates = [rounds.add_candidate(pm, round_.id, idea.id, IMPACT) for idea in ideas]
    rounds.open_round(pm, round_.id)
    db.session.commit()
    return round_, candidates


def ideas_by(author, *titles, visibility="public"):
    made = [submit_idea(author, title=title, visibility=visibility) for title in titles]
    db.session.commit()
    return made


def vote(user, round_, candidate):
    cast_ballot(user, round_.id, {"approvals": [candidate.id]})
    db.session.commit()


def decide(pm, round_, candidates, decisions):
    """Close the round and publish `decisions` (one per candidate: adopt, defer or decline)."""
    close_round(pm, round_.id)
    publish_outcome(
        pm,
        round_.id,
        "We build the first one next quarter.",
        [
            {"candidate_id": c.id, "decision": d, "rationale": "Departs from the vote on purpose."}
            for c, d in zip(candidates, decisions, strict=True)
        ],
    )
    db.session.commit()
