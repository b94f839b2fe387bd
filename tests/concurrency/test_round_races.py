"""The other races of issue 11, each against a live multi-process server: outcomes published
at once, rounds opened at once, merges that would close a cycle, and votes piling onto one
idea's counters. Every request gets 200 or a 409 that names the refusal; none gets a 500."""

import random

import pytest
from sqlalchemy import func, select

from innovation.decisions.models import Outcome, Round
from innovation.extensions import db
from innovation.ideas.models import Idea, StatusChange
from innovation.ideas.services import submit_idea
from innovation.voting.models import Rating, Support

from ..decisions.helpers import make_round
from .conftest import call, in_parallel, tokens_for


def _decisions(candidates, n: int) -> list[dict]:
    # Each caller decides differently, so a second publication would be visible in the rows.
    return [
        {"candidate_id": cid, "decision": ("adopt", "defer", "decline")[(n + i) % 3], "rationale": f"caller {n}"}
        for i, cid in enumerate(candidates)
    ]


@pytest.mark.slow
def test_concurrent_outcomes_publish_once(app, client, users, server):
    pm = users("pm")
    api, round_id, candidates = make_round(client, pm, users, method="approval", ideas=3)
    assert api.post(f"/rounds/{round_id}/open").status_code == 200
    assert api.post(f"/rounds/{round_id}/close").status_code == 200
    token = tokens_for([pm])[0]
    body = lambda n: {"summary": f"Outcome by caller {n}", "decisions": _decisions(candidates, n)}  # noqa: E731
    results = in_parallel(
        [lambda n=n: call(server, "POST", f"/rounds/{round_id}/outcome", token, body(n)) for n in range(6)]
    )
    assert server.errors() == ""
    statuses = [status for status, _ in results]
    assert statuses.count(200) == 1 and statuses.count(409) == 5, results
    assert {body["error"]["code"] for status, body in results if status == 409} == {"invalid_transition"}
    winner = next(body for status, body in results if status == 200)
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Outcome).where(Outcome.round_id == round_id)) == 1
    assert db.session.get(Round, round_id).status == "decided"
    ideas = [c.idea_id for c in db.session.get(Round, round_id).candidates]
    per_idea = db.session.execute(
        select(StatusChange.idea_id, func.count())
        .where(StatusChange.idea_id.in_(ideas), StatusChange.note.like("Decided%"))
        .group_by(StatusChange.idea_id)
    ).all()
    assert len(per_idea) >= 2 and all(count == 1 for _idea, count in per_idea), per_idea
    notes = db.session.scalars(select(StatusChange.note).where(StatusChange.idea_id.in_(ideas)))
    assert {note.rsplit(". ", 1)[-1] for note in notes if note.startswith("Decided")} == {winner["summary"][-8:]}
    status, outcome = call(server, "GET", f"/rounds/{round_id}/outcome", token)
    assert status == 200 and outcome["summary"] == winner["summary"]


@pytest.mark.slow
def test_concurrent_opens_open_once(app, client, users, server):
    pm = users("pm")
    _api, round_id, _candidates = make_round(client, pm, users, method="approval", ideas=2)
    token = tokens_for([pm])[0]
    results = in_parallel([lambda: call(server, "POST", f"/rounds/{round_id}/open", token)] * 6)
    assert server.errors() == ""
    statuses = [status for status, _ in results]
    assert statuses.count(200) == 1 and statuses.count(409) == 5, results


@pytest.mark.slow
def test_merges_that_would_close_a_cycle_never_do(app, users, server):
    author, pm = users("customer"), users("pm")
    ids = [submit_idea(author, title=f"Offline mode for the app, take {n}").id for n in range(3)]
    db.session.commit()
    token = tokens_for([pm])[0]
    a, b, c = ids
    plan = [(a, b), (b, c), (c, a)] * 3
    results = in_parallel(
        [lambda s=s, t=t: call(server, "POST", f"/ideas/{s}/merge", token, {"into": t}) for s, t in plan]
    )
    assert server.errors() == ""
    assert all(status in (200, 409) for status, _ in results), results
    db.session.expire_all()
    ideas = {idea.id: idea for idea in db.session.scalars(select(Idea).where(Idea.id.in_(ids)))}
    for idea in ideas.values():  # following merged_into from any idea ends at a live one
        seen = {idea.id}
        while idea.merged_into_id is not None:
            idea = ideas[idea.merged_into_id]
            assert idea.id not in seen, "merged into itself through a cycle"
            seen.add(idea.id)
        assert idea.status != "merged"
    assert 1 <= [status for status, _ in results].count(200) <= 2


@pytest.mark.slow
def test_counters_equal_the_rows_after_a_crowd_votes_at_once(app, users, server):
    author = users("customer")
    idea_id = submit_idea(author, title="Dark mode for the customer portal").id
    db.session.commit()
    crowd = [users("customer" if n % 3 else "employee") for n in range(24)]
    tokens = tokens_for(crowd)

    def voter(n: int):
        rng = random.Random(n)

        def run():
            for _ in range(6):
                action = rng.choice(["support", "retract", "rate"])
                if action == "support":
                    status, _ = call(server, "POST", f"/ideas/{idea_id}/vote", tokens[n])
                elif action == "retract":
                    status, _ = call(server, "DELETE", f"/ideas/{idea_id}/vote", tokens[n])
                else:
                    status, _ = call(server, "PUT", f"/ideas/{idea_id}/rating", tokens[n], {"value": rng.randint(1, 5)})
                assert status == 200, (action, status)

        return run

    in_parallel([voter(n) for n in range(len(crowd))])
    assert server.errors() == ""
    db.session.expire_all()
    stored = db.session.get(Idea, idea_id)
    for side in ("customer", "employee"):
        supports = db.session.scalar(
            select(func.count()).where(Support.idea_id == idea_id, Support.constituency == side)
        )
        ratings = db.session.execute(
            select(func.count(), func.coalesce(func.sum(Rating.value), 0)).where(
                Rating.idea_id == idea_id, Rating.constituency == side
            )
        ).one()
        assert getattr(stored, f"support_{side}") == supports
        assert (getattr(stored, f"rating_count_{side}"), getattr(stored, f"rating_sum_{side}")) == tuple(ratings)
    assert stored.support_total == stored.support_customer + stored.support_employee
