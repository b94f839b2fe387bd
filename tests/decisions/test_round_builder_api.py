"""Building a round over the API: ideas added together (all or nothing), figures "not known
yet", and voting refused (409 `round_not_ready`) until two candidates have cost and benefit."""

from datetime import UTC, datetime

from sqlalchemy import func, select

from innovation.decisions.models import Candidate
from innovation.extensions import db

from ..home.helpers import ideas_by
from ..ideas.helpers import Api

TITLES = ("Photos on job completion", "Offline mode for technicians", "Recurring maintenance contracts")


def draft_round(api, **extra) -> int:
    body = {"title": "Which should we build next?", "method": "approval", **extra}
    response = api.post("/rounds", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def candidate_count(round_id: int) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Candidate).where(Candidate.round_id == round_id))


def test_ideas_added_together_start_with_every_figure_unknown(client, users):
    api = Api(client, users("pm"))
    ideas = ideas_by(users("customer"), *TITLES)
    round_id = draft_round(api)
    response = api.post(f"/rounds/{round_id}/candidates", json={"idea_ids": [i.id for i in ideas]})
    assert response.status_code == 201, response.get_json()
    items = response.get_json()["items"]
    assert [item["idea"]["id"] for item in items] == [i.id for i in ideas]
    first = items[0]
    assert first["impact"] == {
        "cost": None,
        "cost_low": None,
        "cost_high": None,
        "annual_benefit": None,
        "benefit_low": None,
        "benefit_high": None,
        "effort_weeks": None,
        "reach": None,
        "confidence": None,
        "risk": None,
        "sources": "",
    }
    assert first["derived"] == {"roi": None, "rice": None, "payback_months": None}
    assert candidate_count(round_id) == 3


def test_one_bad_idea_adds_none_of_them(client, users):
    api = Api(client, users("pm"))
    ideas = ideas_by(users("customer"), *TITLES)
    round_id = draft_round(api)
    unknown = api.post(f"/rounds/{round_id}/candidates", json={"idea_ids": [ideas[0].id, 999_999]})
    assert unknown.status_code == 404
    ideas[1].hidden_at = datetime.now(UTC)
    db.session.commit()
    hidden = api.post(f"/rounds/{round_id}/candidates", json={"idea_ids": [ideas[0].id, ideas[1].id]})
    assert hidden.status_code == 404 and "hidden" in hidden.get_json()["error"]["message"]
    assert candidate_count(round_id) == 0

    assert api.post(f"/rounds/{round_id}/candidates", json={"idea_id": ideas[2].id}).status_code == 201
    already = api.post(f"/rounds/{round_id}/candidates", json={"idea_ids": [ideas[0].id, ideas[2].id]})
    assert already.status_code == 409 and already.get_json()["error"]["code"] == "duplicate_candidate"
    assert candidate_count(round_id) == 1


def test_a_list_naming_an_idea_twice_or_mixing_both_ways_is_refused(client, users):
    api = Api(client, users("pm"))
    ideas = ideas_by(users("customer"), *TITLES[:2])
    round_id = draft_round(api)
    path = f"/rounds/{round_id}/candidates"
    for body in (
        {"idea_ids": [ideas[0].id, ideas[0].id]},
        {"idea_ids": []},
        {"idea_ids": [ideas[0].id], "idea_id": ideas[1].id},
        {"idea_ids": [ideas[0].id], "impact": {"cost": 5}},
        {},
    ):
        response = api.post(path, json=body)
        assert response.status_code == 422, (body, response.get_json())
    assert candidate_count(round_id) == 0


def test_only_pms_add_ideas_together(client, users):
    pm_api, customer_api = Api(client, users("pm")), Api(client, users("customer"))
    ideas = ideas_by(users("customer"), *TITLES[:2])
    round_id = draft_round(pm_api)
    refused = customer_api.post(f"/rounds/{round_id}/candidates", json={"idea_ids": [i.id for i in ideas]})
    assert refused.status_code == 403
    assert candidate_count(round_id) == 0


def open_refusal(api, round_id) -> dict:
    response = api.post(f"/rounds/{round_id}/open")
    assert response.status_code == 409, response.get_json()
    error = response.get_json()["error"]
    assert error["code"] == "round_not_ready"
    return error


def test_voting_opens_only_with_two_candidates_that_have_cost_and_benefit(client, users):
    api = Api(client, users("pm"))
    ideas = ideas_by(users("customer"), *TITLES)
    round_id = draft_round(api)
    path = f"/rounds/{round_id}/candidates"

    none_yet = open_refusal(api, round_id)
    assert set(none_yet["fields"]) == {"candidates"} and "none yet" in none_yet["message"]

    first = api.post(path, json={"idea_id": ideas[0].id, "impact": {"cost": 1000, "annual_benefit": 3000}})
    one = open_refusal(api, round_id)
    assert set(one["fields"]) == {"candidates"} and "1 so far" in one["message"]

    second = api.post(path, json={"idea_id": ideas[1].id, "impact": {"annual_benefit": 2000}}).get_json()
    no_cost = open_refusal(api, round_id)
    assert set(no_cost["fields"]) == {"cost"}
    assert no_cost["fields"]["cost"] == [f"“{TITLES[1]}” needs a cost."]

    api.patch(f"{path}/{second['id']}", json={"cost": 500, "annual_benefit": None})
    no_benefit = open_refusal(api, round_id)
    assert set(no_benefit["fields"]) == {"annual_benefit"} and TITLES[1] in no_benefit["message"]

    api.patch(f"{path}/{second['id']}", json={"annual_benefit": 800})
    opened = api.post(f"/rounds/{round_id}/open")
    assert opened.status_code == 200 and opened.get_json()["status"] == "voting"
    # The rest stays unknown, and says so: only cost and benefit are needed.
    shown = api.get(f"/rounds/{round_id}").get_json()["candidates"][0]["impact"]
    assert first.status_code == 201 and shown["effort_weeks"] is None and shown["risk"] is None

    cleared = api.patch(f"{path}/{second['id']}", json={"cost": None})
    assert cleared.status_code == 409 and cleared.get_json()["error"]["code"] == "figure_needed"
    assert api.patch(f"{path}/{second['id']}", json={"effort_weeks": None}).status_code == 200
