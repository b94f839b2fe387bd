"""Secrecy: before an after_close round closes, nothing anywhere changes when ballots are cast
but the turnout (how many per constituency, never what they chose): no tally, no partial
result; after close, nothing identifies a voter."""

import json
import re

from sqlalchemy import select

from innovation.accounts.models import User
from innovation.decisions.models import Ballot
from innovation.extensions import db

from ..ideas.helpers import Api
from .helpers import make_round

VOLATILE = re.compile(
    r'(name="csrf_token"[^>]*value=")[^"]+|<time[^>]*>[^<]*</time>|\d+ (?:seconds?|minutes?) ago'
    r"|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"|<(?P<tag>dd|li) data-turnout>.*?</(?P=tag)>",  # the turnout, checked on its own below
    re.S,
)


def normalized(text: str) -> str:
    return VOLATILE.sub("", text)


def without_turnout(response) -> str:
    """A round (or page of rounds) as JSON text, its published turnout left out."""
    data = response.get_json()
    for item in data.get("items", [data]):
        item.pop("turnout", None)
    return json.dumps(data, sort_keys=True)


def snapshot(client, api, round_id, idea_ids):
    """Everything an observer can fetch about the round but its turnout, as text."""
    parts = {
        "round json": without_turnout(api.get(f"/rounds/{round_id}")),
        "rounds json": without_turnout(api.get("/rounds")),
        "results": api.get(f"/rounds/{round_id}/results").get_data(as_text=True),
        "export": api.get(f"/rounds/{round_id}/ballots.json").get_data(as_text=True),
        "page": normalized(client.get(f"/rounds/{round_id}").get_data(as_text=True)),
        "list page": normalized(client.get("/rounds").get_data(as_text=True)),
        "results chart": client.get(f"/rounds/{round_id}/results.svg").get_data(as_text=True),
        "cost chart": normalized(client.get(f"/rounds/{round_id}/cost-benefit.svg").get_data(as_text=True)),
        "export download": client.get(f"/rounds/{round_id}/ballots.json").status_code,
        "receipt page": normalized(client.get(f"/rounds/{round_id}/receipt?code=ABC").get_data(as_text=True)),
    }
    for idea_id in idea_ids:
        parts[f"idea {idea_id}"] = api.get(f"/ideas/{idea_id}").get_data(as_text=True)
    return parts


def test_nothing_observable_changes_while_an_after_close_round_is_voting(client, auth, users):
    pm = users("pm")
    api, round_id, cids = make_round(client, pm, users, method="approval", ideas=3)
    api.post(f"/rounds/{round_id}/open")
    observer = users("customer")
    observer_api = Api(client, observer)
    auth.login(observer.email)
    client.get("/")  # consume the "signed in" flash message
    idea_ids = [c["idea"]["id"] for c in observer_api.get(f"/rounds/{round_id}").get_json()["candidates"]]
    before = snapshot(client, observer_api, round_id, idea_ids)
    pm_before = without_turnout(Api(client, pm).get(f"/rounds/{round_id}"))
    for n in range(7):
        voter = Api(client, users("customer" if n % 2 else "employee"))
        response = voter.put(f"/rounds/{round_id}/ballot", json={"approvals": [cids[0]] if n < 5 else [cids[1]]})
        body = response.get_json()
        assert set(body) <= {"receipt", "round_id", "ballot", "reason", "cast_at", "impact_changed_since"}
    after = snapshot(client, observer_api, round_id, idea_ids)
    for channel in before:
        assert before[channel] == after[channel], f"{channel} changed while votes were secret"
    assert without_turnout(Api(client, pm).get(f"/rounds/{round_id}")) == pm_before  # not even pms
    turnout = {"customer": 3, "employee": 4, "total": 7}  # counts only, published to everyone
    assert observer_api.get(f"/rounds/{round_id}").get_json()["turnout"] == turnout
    page = " ".join(client.get(f"/rounds/{round_id}").get_data(as_text=True).split())
    assert "7 people have voted so far: 3 customers · 4 employees" in page


def test_live_rounds_do_show_results_while_voting(client, users):
    api, round_id, cids = make_round(client, users("pm"), users, method="approval", results_visibility="live")
    api.post(f"/rounds/{round_id}/open")
    Api(client, users("customer")).put(f"/rounds/{round_id}/ballot", json={"approvals": [cids[0]]})
    result = Api(client).get(f"/rounds/{round_id}/results")
    assert result.status_code == 200 and result.get_json()["turnout"]["customer"] == 1


def test_export_and_results_identify_no_voter(client, users):
    pm = users("pm")
    api, round_id, cids = make_round(client, pm, users, method="ranked")
    api.post(f"/rounds/{round_id}/open")
    voters = [users("customer", name=f"Zelda Voter{n}") for n in range(3)] + [users("employee", name="Yusuf Staff")]
    for voter in voters:
        Api(client, voter).put(f"/rounds/{round_id}/ballot", json={"ranking": cids[::-1], "reason": "Cheapest first"})
    api.post(f"/rounds/{round_id}/close")
    export_text = client.get(f"/api/v1/rounds/{round_id}/ballots.json").get_data(as_text=True)
    results_text = client.get(f"/api/v1/rounds/{round_id}/results").get_data(as_text=True)
    export = json.loads(export_text)
    for user in db.session.scalars(select(User)):
        for text in (export_text, results_text):
            assert user.email not in text and user.name not in text
    for ballot in export["ballots"]:
        assert set(ballot) <= {"receipt", "constituency", "ranking", "reason"}
    assert [b["receipt"] for b in export["ballots"]] == sorted(b["receipt"] for b in export["ballots"])
    stored_columns = set(Ballot.__table__.columns.keys())
    assert "user_id" not in stored_columns and "voter_id" not in stored_columns
