"""Running a round as a pm: turnout over time (counts only), a reminder to those who have not
voted at most once a day, and a round duplicated as a new draft."""

from datetime import timedelta

from bs4 import BeautifulSoup
from sqlalchemy import select

from innovation.decisions.models import Round
from innovation.extensions import db
from innovation.notifications.models import Notification
from innovation.platform.db import utcnow
from innovation.platform.worker import run_worker

from ..ideas.helpers import Api
from .helpers import IMPACT, make_round


def test_a_pm_reminds_those_who_have_not_voted_once_a_day(app, client, users):
    pm = users("pm")
    api, round_id, cids = make_round(client, pm, users, method="approval")
    assert api.post(f"/rounds/{round_id}/remind").status_code == 409  # a draft has nobody to remind
    api.post(f"/rounds/{round_id}/open")
    voted, waiting = users("customer"), users("employee")
    Api(client, voted).put(f"/rounds/{round_id}/ballot", json={"approvals": [cids[0]]})
    assert Api(client, voted).post(f"/rounds/{round_id}/remind").status_code == 403

    first = api.post(f"/rounds/{round_id}/remind")
    assert first.status_code == 200, first.get_json()
    again = api.post(f"/rounds/{round_id}/remind")
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "reminded_recently"
    run_worker(app, burst=True, fork=False)
    reminded = list(db.session.scalars(select(Notification).where(Notification.kind == "round_closing")))
    assert {n.user_id for n in reminded} >= {waiting.id} and voted.id not in {n.user_id for n in reminded}
    assert all(n.title.startswith("Voting is open:") for n in reminded)  # not "closing within 24 hours"

    round_ = db.session.get(Round, round_id)
    round_.reminded_at = utcnow() - timedelta(hours=24, minutes=1)
    db.session.commit()
    assert api.post(f"/rounds/{round_id}/remind").status_code == 200


def test_the_manage_box_shows_turnout_per_side_and_day_and_the_reminder(client, auth, users):
    pm = users("pm")
    api, round_id, cids = make_round(client, pm, users, method="approval")
    api.post(f"/rounds/{round_id}/open")
    for voter in (users("customer"), users("customer"), users("employee")):
        Api(client, voter).put(f"/rounds/{round_id}/ballot", json={"approvals": [cids[1]]})
    auth.login(pm.email)
    page = BeautifulSoup(client.get(f"/rounds/{round_id}").data, "html.parser")
    turnout = page.select_one("#manage [aria-labelledby=turnout-title]")
    assert "3 ballots so far — customers: 2, employees: 1." in " ".join(turnout.get_text(" ").split())
    (row,) = turnout.select("tbody tr")
    assert [td.get_text(strip=True) for td in row.select("td")][:2] == ["2", "1"]
    assert "Candidate idea" not in turnout.get_text()  # counts only, never what a ballot says

    token = BeautifulSoup(client.get(f"/rounds/{round_id}").data, "html.parser").select_one("[name=csrf_token]")
    sent = client.post(f"/rounds/{round_id}/remind", data={"csrf_token": token["value"]}, follow_redirects=True)
    assert "will get a reminder" in sent.get_data(as_text=True)
    page = BeautifulSoup(sent.data, "html.parser")
    assert page.find("button", string="Remind those who have not voted").has_attr("disabled")
    refused = client.post(f"/rounds/{round_id}/remind", data={"csrf_token": token["value"]}, follow_redirects=True)
    assert "reminded less than a day ago" in refused.get_data(as_text=True)


def test_a_round_is_duplicated_as_a_draft_with_its_settings_and_candidates(client, auth, users):
    pm = users("pm")
    api, round_id, cids = make_round(
        client, pm, users, method="budget", budget=50000, ideas=3, eligibility="customers", results_visibility="live"
    )
    api.post(f"/rounds/{round_id}/open")
    assert Api(client, users("customer")).post(f"/rounds/{round_id}/duplicate").status_code == 403
    response = api.post(f"/rounds/{round_id}/duplicate")
    assert response.status_code == 201, response.get_json()
    copy = response.get_json()
    source = api.get(f"/rounds/{round_id}").get_json()
    assert copy["status"] == "draft" and copy["id"] != round_id and copy["title"] == "Copy of " + source["title"]
    for key in ("method", "budget", "weights", "eligibility", "results_visibility", "quorum", "description"):
        assert copy[key] == source[key], key
    assert [c["idea"]["id"] for c in copy["candidates"]] == [c["idea"]["id"] for c in source["candidates"]]
    assert [c["impact"] for c in copy["candidates"]] == [c["impact"] for c in source["candidates"]]
    assert (
        copy["candidates"][0]["impact"]["cost"] == 10000 and copy["candidates"][0]["impact"]["risk"] == IMPACT["risk"]
    )
    assert copy["voting_opens_at"] is None and copy["closes_at"] is None

    auth.login(pm.email)
    token = BeautifulSoup(client.get(f"/rounds/{round_id}").data, "html.parser").select_one("[name=csrf_token]")
    page = client.post(f"/rounds/{round_id}/duplicate", data={"csrf_token": token["value"]}, follow_redirects=True)
    assert "A new draft with the same settings and candidates" in page.get_data(as_text=True)
