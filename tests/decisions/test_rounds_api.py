"""A round's life over the API, and every kind of bad input it must refuse cleanly."""

import pytest
from sqlalchemy import func, select

from innovation.decisions.models import Ballot, Round
from innovation.extensions import db
from innovation.ideas.models import Idea

from ..ideas.helpers import Api
from .helpers import make_round


@pytest.fixture
def pm(users):
    return users("pm")


def ballot_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Ballot))


def test_full_lifecycle_ranked(client, users, pm):
    api, round_id, cids = make_round(client, pm, users, weights={"customer": 0.4, "employee": 0.6})
    assert db.session.get(Idea, db.session.get(Round, round_id).candidates[0].idea_id).status == "in_round"
    assert api.post(f"/rounds/{round_id}/open").get_json()["status"] == "voting"
    voters = [
        (users("customer"), [cids[0], cids[1]]),
        (users("employee"), [cids[1], cids[0]]),
        (users("employee"), [cids[1], cids[2], cids[0]]),
    ]
    receipts = []
    for voter, ranking in voters:
        response = Api(client, voter).put(f"/rounds/{round_id}/ballot", json={"ranking": ranking})
        assert response.status_code == 200, response.get_json()
        receipts.append(response.get_json()["receipt"])
    hidden = Api(client, voters[0][0]).get(f"/rounds/{round_id}/results")
    assert hidden.status_code == 409 and hidden.get_json()["error"]["code"] == "results_hidden"
    assert api.get(f"/rounds/{round_id}/ballots.json").status_code == 409
    closed = api.post(f"/rounds/{round_id}/close").get_json()
    assert closed["status"] == "closed" and len(closed["export_sha256"]) == 64
    result = Api(client).get(f"/rounds/{round_id}/results").get_json()
    assert result["turnout"] == {"customer": 1, "employee": 2}
    assert result["combined"]["winners"] == [cids[1]]
    export = client.get(f"/api/v1/rounds/{round_id}/ballots.json").get_json()
    assert sorted(b["receipt"] for b in export["ballots"]) == sorted(receipts)
    assert export["result"] == result and export["sha256"] == closed["export_sha256"]
    decisions = [
        {"candidate_id": cids[1], "decision": "adopt", "rationale": ""},
        {"candidate_id": cids[0], "decision": "defer", "rationale": ""},
        {"candidate_id": cids[2], "decision": "adopt", "rationale": ""},
    ]
    refused = api.post(f"/rounds/{round_id}/outcome", json={"summary": "We build two.", "decisions": decisions})
    assert refused.status_code == 422 and refused.get_json()["error"]["code"] == "rationale_required"
    decisions[2]["rationale"] = "Cheap, and it unblocks the API work."
    outcome = api.post(f"/rounds/{round_id}/outcome", json={"summary": "We build two.", "decisions": decisions})
    assert outcome.status_code == 200
    by_candidate = {d["candidate_id"]: d for d in outcome.get_json()["decisions"]}
    assert by_candidate[cids[1]]["followed_vote"] and not by_candidate[cids[2]]["followed_vote"]
    statuses = {c.id: c.idea.status for c in db.session.get(Round, round_id).candidates}
    assert statuses == {cids[0]: "under_review", cids[1]: "planned", cids[2]: "planned"}
    assert Api(client).get(f"/rounds/{round_id}/outcome").get_json()["summary"] == "We build two."
    assert Api(client).get(f"/rounds/{round_id}").get_json()["status"] == "decided"


def test_ballot_can_be_replaced_until_close_and_keeps_its_receipt(client, users, pm):
    api, round_id, cids = make_round(client, pm, users, method="approval")
    api.post(f"/rounds/{round_id}/open")
    voter = Api(client, users("customer"))
    first = voter.put(f"/rounds/{round_id}/ballot", json={"approvals": [cids[0]]}).get_json()
    second = voter.put(
        f"/rounds/{round_id}/ballot", json={"approvals": [cids[1], cids[2]], "reason": "Cheaper ones first"}
    ).get_json()
    assert first["receipt"] == second["receipt"] and ballot_count() == 1
    mine = voter.get(f"/rounds/{round_id}/ballot").get_json()
    assert mine["ballot"] == {"approvals": sorted([cids[1], cids[2]])} and mine["reason"] == "Cheaper ones first"
    api.post(f"/rounds/{round_id}/close")
    late = voter.put(f"/rounds/{round_id}/ballot", json={"approvals": [cids[0]]})
    assert late.status_code == 409


@pytest.mark.parametrize(
    ("method", "payload_of", "status"),
    [
        ("ranked", lambda c: {"ranking": [c[0], c[0]]}, 422),
        ("ranked", lambda c: {"ranking": [999999]}, 404),  # no such candidate: the state, not the shape
        ("ranked", lambda c: {"ranking": "abc"}, 422),
        ("approval", lambda c: {"approvals": [c[0], 424242]}, 404),
        ("approval", lambda c: {"approvals": [True]}, 422),
        ("score", lambda c: {"scores": {str(c[0]): 6}}, 422),
        ("score", lambda c: {"scores": {str(c[0]): -1}}, 422),
        ("score", lambda c: {"scores": {str(c[0]): 2.5}}, 422),
        ("score", lambda c: {"scores": {"nope": 3}}, 422),
        ("budget", lambda c: {"approvals": c}, 409),  # 10k + 20k + 30k > 45k: the round's budget
    ],
)
def test_bad_ballots_are_refused_and_nothing_is_saved(client, users, pm, method, payload_of, status):
    api, round_id, cids = make_round(client, pm, users, method=method, budget=45000 if method == "budget" else None)
    api.post(f"/rounds/{round_id}/open")
    response = Api(client, users("employee")).put(f"/rounds/{round_id}/ballot", json=payload_of(cids))
    assert response.status_code == status, response.get_json()
    assert ballot_count() == 0


def test_voting_before_opening_and_non_eligible_voters(client, users, pm):
    api, round_id, cids = make_round(client, pm, users, eligibility="employees")
    employee = Api(client, users("employee"))
    early = employee.put(f"/rounds/{round_id}/ballot", json={"ranking": cids})
    assert early.status_code in (404, 409)  # a draft is not even visible to non-pms
    api.post(f"/rounds/{round_id}/open")
    refused = Api(client, users("customer")).put(f"/rounds/{round_id}/ballot", json={"ranking": cids})
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "not_eligible"
    assert employee.put(f"/rounds/{round_id}/ballot", json={"ranking": cids}).status_code == 200
    assert ballot_count() == 1


def test_customers_cannot_run_rounds(client, users, pm):
    api, round_id, cids = make_round(client, pm, users)
    customer = Api(client, users("customer"))
    assert customer.post("/rounds", json={"title": "My own round", "method": "approval"}).status_code == 403
    for action in ("open", "deliberate", "close"):
        assert customer.post(f"/rounds/{round_id}/{action}").status_code in (403, 404)
    assert customer.patch(f"/rounds/{round_id}/candidates/{cids[0]}", json={"cost": 1}).status_code in (403, 404)
    api.post(f"/rounds/{round_id}/open")
    assert customer.post(f"/rounds/{round_id}/close").status_code == 403
    assert customer.post(f"/rounds/{round_id}/outcome", json={"summary": "x", "decisions": []}).status_code == 403
    assert db.session.get(Round, round_id).status == "voting"


@pytest.mark.parametrize(
    "weights",
    [
        {"customer": -0.1, "employee": 1.1},
        {"customer": 0.6, "employee": 0.6},
        {"customer": 1},
        {"customer": "half", "employee": 0.5},
        [0.5, 0.5],
    ],
)
def test_bad_weights_are_422(client, users, pm, weights):
    response = Api(client, pm).post(
        "/rounds", json={"title": "Weighted round", "method": "approval", "weights": weights}
    )
    assert response.status_code == 422 and "weights" in response.get_json()["error"]["fields"]
    assert db.session.scalar(select(func.count()).select_from(Round)) == 0


def test_impact_changes_keep_history_and_flag_earlier_ballots(client, users, pm):
    api, round_id, cids = make_round(client, pm, users, method="approval")
    api.post(f"/rounds/{round_id}/open")
    voter = Api(client, users("customer"))
    voter.put(f"/rounds/{round_id}/ballot", json={"approvals": [cids[0]]})
    changed = api.patch(f"/rounds/{round_id}/candidates/{cids[0]}", json={"impact": {"cost": 55000}})
    assert changed.status_code == 200
    history = changed.get_json()["impact_history"]
    assert history[-1]["changes"] == {"cost": [10000.0, 55000.0]} and len(history) == 2
    assert changed.get_json()["derived"]["roi"] == pytest.approx((30000 - 55000) / 55000, abs=1e-4)
    assert voter.get(f"/rounds/{round_id}/ballot").get_json()["impact_changed_since"] == [cids[0]]
    bad = api.patch(f"/rounds/{round_id}/candidates/{cids[0]}", json={"impact": {"confidence": 150}})
    assert bad.status_code == 422


def test_round_json_has_no_counts_but_turnout_before_close(client, users, pm):
    api, round_id, cids = make_round(client, pm, users, method="approval")
    api.post(f"/rounds/{round_id}/open")
    Api(client, users("customer")).put(f"/rounds/{round_id}/ballot", json={"approvals": [cids[0]]})
    data = Api(client, users("employee")).get(f"/rounds/{round_id}").get_json()
    assert "ballot_count" not in data and "result" not in data
    assert data.pop("turnout") == {"customer": 1, "employee": 0, "total": 1}  # who voted, never what
    assert "turnout" not in str(data) and "scores" not in str(data) and "approvals" not in str(data)
