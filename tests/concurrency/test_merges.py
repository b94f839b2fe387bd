"""Merges that cross each other (A into B while B goes into A) and repeat, all at once against
a multi-process server: exactly one succeeds, the others are refused with 409, nothing ends
merged into itself through a cycle, and no request fails with a 500."""

import pytest

from innovation.extensions import db
from innovation.ideas.models import Idea
from innovation.ideas.services import submit_idea

from .conftest import call, in_parallel, tokens_for


@pytest.mark.slow
def test_crossed_and_repeated_merges_leave_one_winner(app, users, server):
    author, pm = users("customer"), users("pm")
    first = submit_idea(author, title="Export the calendar to Outlook")
    second = submit_idea(author, title="Calendar export for Outlook users")
    db.session.commit()
    a, b = first.id, second.id
    token = tokens_for([pm])[0]
    plan = [(a, b), (b, a)] * 4

    def merge(source, target):
        return lambda: call(server, "POST", f"/ideas/{source}/merge", token, {"into": target})

    results = in_parallel([merge(s, t) for s, t in plan])
    statuses = [status for status, _ in results]
    assert server.errors() == ""
    assert statuses.count(200) == 1 and statuses.count(409) == len(plan) - 1, results
    db.session.expire_all()
    ideas = {idea.id: idea for idea in db.session.query(Idea).filter(Idea.id.in_([a, b]))}
    merged = [idea for idea in ideas.values() if idea.status == "merged"]
    assert len(merged) == 1
    survivor = ideas[merged[0].merged_into_id]
    assert survivor.status != "merged" and survivor.merged_into_id is None
