"""Amending a published outcome: never a blank re-submission; a note, a visible history, idea
statuses that follow, and a notice to those told about the outcome."""

import pytest
from sqlalchemy import select

from innovation.decisions.models import OutcomeAmendment
from innovation.extensions import db
from innovation.ideas.models import Idea, StatusChange
from innovation.ideas.services import follow_idea
from innovation.notifications.models import Notification
from innovation.platform.worker import run_worker

from ..api.openapi_check import assert_matches_spec
from ..conftest import csrf_from
from ..home.helpers import decide, ideas_by, open_round, vote
from ..ideas.helpers import Api


@pytest.fixture
def decided(users):
    """A decided approval round: the first idea adopted, the second declined; a customer voted."""
    pm, author, voter = users("pm"), users("customer"), users("customer")
    ideas = ideas_by(author, "Photos on job completion", "Offline mode for technicians")
    round_, candidates = open_round(pm, ideas)
    vote(voter, round_, candidates[0])
    decide(pm, round_, candidates, ["adopt", "decline"])
    return pm, voter, round_, candidates, ideas


def body(candidates, decisions, note="The offline mode fits the budget after all."):
    return {
        "note": note,
        "decisions": [
            {"candidate_id": c.id, "decision": d, "rationale": "Budget freed up in March."}
            for c, d in zip(candidates, decisions, strict=True)
        ],
    }


def test_an_amendment_is_recorded_statuses_follow_and_the_outcome_lists_it(client, decided):
    pm, _voter, round_, candidates, ideas = decided
    api = Api(client, pm)
    path = f"/rounds/{round_.id}/outcome/amendments"
    response = api.post(path, json=body(candidates, ["adopt", "adopt"]))
    assert_matches_spec(client, "post", "/rounds/{id}/outcome/amendments", response)
    assert response.status_code == 201, response.get_json()
    amendment = response.get_json()
    assert amendment["note"] == "The offline mode fits the budget after all."
    assert [d["decision"] for d in amendment["before"]["decisions"]] == ["adopt", "decline"]
    assert [d["decision"] for d in amendment["after"]["decisions"]] == ["adopt", "adopt"]
    db.session.expire_all()
    assert db.session.get(Idea, ideas[1].id).status == "planned"
    change = db.session.scalars(select(StatusChange).where(StatusChange.idea_id == ideas[1].id)).all()[-1]
    assert (change.old_status, change.new_status) == ("declined", "planned") and "amended" in change.note
    outcome = Api(client).get(f"/rounds/{round_.id}/outcome")
    assert_matches_spec(client, "get", "/rounds/{id}/outcome", outcome)
    assert [a["id"] for a in outcome.get_json()["amendments"]] == [amendment["id"]]
    assert [d["decision"] for d in outcome.get_json()["decisions"]] == ["adopt", "adopt"]


def test_publishing_again_stays_409_and_refusals_are_clear(client, decided, users):
    pm, _voter, round_, candidates, _ideas = decided
    api = Api(client, pm)
    again = api.post(f"/rounds/{round_.id}/outcome", json={"summary": "x", **body(candidates, ["adopt", "adopt"])})
    assert again.status_code == 409
    path = f"/rounds/{round_.id}/outcome/amendments"
    unchanged = {
        "note": "Nothing really",
        "decisions": [
            {"candidate_id": candidates[0].id, "decision": "adopt", "rationale": "Departs from the vote on purpose."},
            {"candidate_id": candidates[1].id, "decision": "decline", "rationale": "Departs from the vote on purpose."},
        ],
    }
    nothing = api.post(path, json=unchanged)
    assert nothing.status_code == 422 and nothing.get_json()["error"]["code"] == "no_change"
    blank = api.post(path, json={**body(candidates, ["adopt", "adopt"]), "note": "   "})
    assert blank.status_code == 422
    missing = api.post(path, json={"note": "x", "decisions": body(candidates, ["adopt", "adopt"])["decisions"][:1]})
    assert missing.status_code == 409 and missing.get_json()["error"]["code"] == "candidates_missing"
    assert Api(client, users("customer")).post(path, json=body(candidates, ["adopt", "adopt"])).status_code == 403


def test_only_a_decided_round_is_amended(client, users):
    pm, author = users("pm"), users("customer")
    ideas = ideas_by(author, "Photos on job completion", "Offline mode for technicians")
    round_, candidates = open_round(pm, ideas)
    response = Api(client, pm).post(
        f"/rounds/{round_.id}/outcome/amendments", json=body(candidates, ["adopt", "adopt"])
    )
    assert response.status_code == 409


def test_those_told_about_the_outcome_are_told_about_the_amendment(app, client, decided, users):
    pm, voter, round_, candidates, ideas = decided
    follower = users("employee")
    follow_idea(follower, ideas[1].id)
    db.session.commit()
    run_worker(app, burst=True, fork=False)  # the outcome's own notices first
    Api(client, pm).post(f"/rounds/{round_.id}/outcome/amendments", json=body(candidates, ["adopt", "adopt"]))
    run_worker(app, burst=True, fork=False)
    told = db.session.scalars(select(Notification).where(Notification.title.like("Outcome amended%"))).all()
    # The voter, the follower and the ideas' author (who follows her ideas); never the pm.
    assert {n.user_id for n in told} == {voter.id, follower.id, ideas[0].author_id}
    assert all(n.url.endswith(f"/rounds/{round_.id}#amendments") for n in told)


def test_the_page_form_is_prefilled_needs_a_note_and_the_round_shows_the_history(client, auth, decided):
    pm, _voter, round_, candidates, _ideas = decided
    auth.login(pm.email)
    assert client.get(f"/rounds/{round_.id}/outcome").headers["Location"].endswith(f"/rounds/{round_.id}/outcome/amend")
    path = f"/rounds/{round_.id}/outcome/amend"
    html = client.get(path).get_data(as_text=True)
    assert "We build the first one next quarter." in html  # the published summary, not a blank form
    assert f'id="decision-{candidates[1].id}-decline" value="decline" checked' in html
    assert f'id="decision-{candidates[0].id}-adopt" value="adopt" checked' in html
    form = {
        "csrf_token": csrf_from(html),
        "summary": "We build both next quarter.",
        f"decision-{candidates[0].id}": "adopt",
        f"rationale-{candidates[0].id}": "",
        f"decision-{candidates[1].id}": "adopt",
        f"rationale-{candidates[1].id}": "Budget freed up in March.",
        "note": "",
    }
    refused = client.post(path, data=form)
    assert refused.status_code == 422 and "Say what changed and why." in refused.get_data(as_text=True)
    assert db.session.scalar(select(OutcomeAmendment.id)) is None
    saved = client.post(path, data={**form, "note": "Budget freed up: both go ahead."})
    assert saved.status_code == 302 and saved.headers["Location"].endswith("#amendments")
    page = client.get(f"/rounds/{round_.id}").get_data(as_text=True)
    assert "Amended on" in page and 'id="amendments"' in page
    assert "Budget freed up: both go ahead." in page and "Summary changed." in page
    history = page.split('id="amendments"')[1]
    assert "“Offline mode for technicians”: " in history
    assert "decision-decline" in history and "decision-adopt" in history
    assert "Amend outcome" in page
