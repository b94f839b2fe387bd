"""Turnout: how many customers and employees have voted, in the round JSON and on the round
page while voting and after — counts only; the results stay hidden (409) until close."""

from ..ideas.helpers import Api
from .helpers import make_round


def test_turnout_rises_with_each_ballot_while_results_stay_hidden(client, users):
    pm = users("pm")
    api, round_id, cids = make_round(client, pm, users, method="approval")
    draft = api.get(f"/rounds/{round_id}").get_json()
    assert draft["turnout"] == {"customer": 0, "employee": 0, "total": 0}
    api.post(f"/rounds/{round_id}/open")
    visitor = Api(client)
    expected = {"customer": 0, "employee": 0, "total": 0}
    for role in ("customer", "employee", "customer"):
        voter = Api(client, users(role))
        assert voter.put(f"/rounds/{round_id}/ballot", json={"approvals": [cids[0]]}).status_code == 200
        expected = {**expected, role: expected[role] + 1, "total": expected["total"] + 1}
        assert visitor.get(f"/rounds/{round_id}").get_json()["turnout"] == expected
        hidden = visitor.get(f"/rounds/{round_id}/results")
        assert hidden.status_code == 409 and hidden.get_json()["error"]["code"] == "results_hidden"
    # A replaced ballot is still one voter.
    assert voter.put(f"/rounds/{round_id}/ballot", json={"approvals": [cids[1]]}).status_code == 200
    assert visitor.get(f"/rounds/{round_id}").get_json()["turnout"] == {"customer": 2, "employee": 1, "total": 3}

    closed = api.post(f"/rounds/{round_id}/close").get_json()
    assert closed["turnout"] == {"customer": 2, "employee": 1, "total": 3}
    result = visitor.get(f"/rounds/{round_id}/results").get_json()
    assert result["turnout"] == {"customer": 2, "employee": 1}


def test_the_list_of_rounds_carries_turnout_too(client, users):
    pm = users("pm")
    api, round_id, cids = make_round(client, pm, users, method="approval")
    api.post(f"/rounds/{round_id}/open")
    Api(client, users("employee")).put(f"/rounds/{round_id}/ballot", json={"approvals": [cids[0]]})
    items = Api(client).get("/rounds").get_json()["items"]
    assert [item["turnout"] for item in items] == [{"customer": 0, "employee": 1, "total": 1}]


def test_the_round_page_shows_turnout_while_voting_and_after(client, users):
    pm = users("pm")
    api, round_id, cids = make_round(client, pm, users, method="approval")
    html = client.get(f"/rounds/{round_id}").get_data(as_text=True)
    assert "data-turnout" not in html  # nothing to count before voting opens
    api.post(f"/rounds/{round_id}/open")
    for role in ("customer", "employee", "employee"):
        Api(client, users(role)).put(f"/rounds/{round_id}/ballot", json={"approvals": [cids[0]]})
    html = " ".join(client.get(f"/rounds/{round_id}").get_data(as_text=True).split())
    assert "3 people have voted so far: 1 customer · 2 employees" in html
    assert "how anyone voted stays hidden until the round closes" in html
    api.post(f"/rounds/{round_id}/close")
    html = " ".join(client.get(f"/rounds/{round_id}").get_data(as_text=True).split())
    assert "3 people have voted: 1 customer · 2 employees" in html
