"""A chart's URL on the round page carries the version of the numbers it shows: adding a
candidate or changing impact data changes it, nothing else does (not even secret ballots);
the current URL may be cached for a year, a stale one never; charts stay exactly as visible
as the round and its results."""

from bs4 import BeautifulSoup

from innovation.extensions import db
from innovation.ideas.services import submit_idea

from ..ideas.helpers import Api
from .helpers import make_round

FOREVER = "public, max-age=31536000, immutable"


def chart_urls(client, round_id) -> dict[str, str]:
    html = client.get(f"/rounds/{round_id}").get_data(as_text=True)
    figures = BeautifulSoup(html, "html.parser").select("figure.chart[data-chart]")
    return {figure["data-chart"]: figure.select_one("img.chart-picture")["src"] for figure in figures}


def add_late_candidate(client, api, round_id, users) -> int:
    idea = submit_idea(users("customer"), title="Dark mode for the technician app")
    db.session.commit()
    added = api.post(
        f"/rounds/{round_id}/candidates", json={"idea_id": idea.id, "impact": {"cost": 5000, "annual_benefit": 0}}
    )
    assert added.status_code == 201, added.get_json()
    return added.get_json()["id"]


def bubble_x(client, url: str, candidate_id: int) -> float:
    chart = BeautifulSoup(client.get(url).data, "html.parser")
    return float(chart.select_one(f"circle.bubble[data-candidate='{candidate_id}']")["cx"])


def test_adding_a_candidate_or_changing_impact_data_changes_the_chart_url(client, users):
    api, round_id, cids = make_round(client, users("pm"), users, ideas=2)
    api.post(f"/rounds/{round_id}/deliberate")
    first = chart_urls(client, round_id)
    assert set(first) == {"cost-benefit"}  # no results chart before there are results
    assert first["cost-benefit"].startswith(f"/rounds/{round_id}/cost-benefit.svg?v=")
    assert chart_urls(client, round_id) == first  # nothing changed, same URL
    x_before = bubble_x(client, first["cost-benefit"], cids[0])

    late = add_late_candidate(client, api, round_id, users)
    added = chart_urls(client, round_id)
    assert added["cost-benefit"] != first["cost-benefit"]
    assert "Dark mode for the technician app" in client.get(added["cost-benefit"]).get_data(as_text=True)
    assert bubble_x(client, added["cost-benefit"], late) < bubble_x(client, added["cost-benefit"], cids[0])

    assert api.patch(f"/rounds/{round_id}/candidates/{cids[0]}", json={"impact": {"cost": 64000}}).status_code == 200
    changed = chart_urls(client, round_id)
    assert changed["cost-benefit"] not in (first["cost-benefit"], added["cost-benefit"])
    assert bubble_x(client, changed["cost-benefit"], cids[0]) > x_before  # the bubble moved to its new cost
    assert chart_urls(client, round_id) == changed


def test_secret_ballots_leave_the_urls_alone_and_impact_changes_while_voting_do_not(client, users):
    api, round_id, cids = make_round(client, users("pm"), users, method="approval", ideas=2)
    api.post(f"/rounds/{round_id}/open")
    before = chart_urls(client, round_id)
    for role in ("customer", "employee"):
        Api(client, users(role)).put(f"/rounds/{round_id}/ballot", json={"approvals": [cids[0]]})
    assert chart_urls(client, round_id) == before  # results hidden: nothing about ballots leaks
    api.patch(f"/rounds/{round_id}/candidates/{cids[1]}", json={"impact": {"reach": 12}})
    assert chart_urls(client, round_id)["cost-benefit"] != before["cost-benefit"]
    api.post(f"/rounds/{round_id}/close")
    closed = chart_urls(client, round_id)
    assert set(closed) == {"cost-benefit", "results"}
    assert closed["results"].startswith(f"/rounds/{round_id}/results.svg?v=")


def test_live_results_chart_url_follows_every_ballot(client, users):
    api, round_id, cids = make_round(client, users("pm"), users, method="approval", results_visibility="live")
    api.post(f"/rounds/{round_id}/open")
    seen = [chart_urls(client, round_id)["results"]]
    for role in ("customer", "employee"):
        Api(client, users(role)).put(f"/rounds/{round_id}/ballot", json={"approvals": [cids[1]]})
        now = chart_urls(client, round_id)
        assert now["results"] not in seen
        seen.append(now["results"])
        assert client.get(now["results"]).headers["Cache-Control"] == FOREVER


def test_the_current_url_is_kept_for_a_year_a_stale_or_missing_version_never(client, auth, users):
    api, round_id, cids = make_round(client, users("pm"), users, ideas=2)
    api.post(f"/rounds/{round_id}/deliberate")
    current = chart_urls(client, round_id)["cost-benefit"]
    fresh = client.get(current)
    assert fresh.status_code == 200 and fresh.headers["Cache-Control"] == FOREVER
    assert fresh.headers["Content-Security-Policy"].startswith("default-src 'none'")

    api.patch(f"/rounds/{round_id}/candidates/{cids[0]}", json={"impact": {"cost": 41000}})
    stale = client.get(current)  # a page loaded before the change still asks for the old version
    assert stale.status_code == 200 and "no-store" in stale.headers["Cache-Control"]
    now = chart_urls(client, round_id)["cost-benefit"]
    assert stale.data == client.get(now).data != fresh.data  # the current picture, not the old one
    bare = client.get(f"/rounds/{round_id}/cost-benefit.svg")
    assert bare.status_code == 200 and "no-store" in bare.headers["Cache-Control"]

    # A public round's chart is the same for everyone: signed in, it may still be kept.
    auth.login(users("customer").email)
    assert client.get(now).headers["Cache-Control"] == FOREVER


def test_draft_charts_are_for_pms_only_and_never_stored(client, auth, users):
    pm = users("pm")
    _api, round_id, _cids = make_round(client, pm, users, ideas=2)
    assert client.get(f"/rounds/{round_id}/cost-benefit.svg").status_code == 404
    auth.login(users("customer").email)
    assert client.get(f"/rounds/{round_id}/cost-benefit.svg").status_code == 404
    auth.logout()
    auth.login(pm.email)
    url = chart_urls(client, round_id)["cost-benefit"]
    response = client.get(url)
    assert response.status_code == 200 and "no-store" in response.headers["Cache-Control"]
    assert "public" not in response.headers["Cache-Control"]
    auth.logout()
    assert client.get(url).status_code == 404


def test_internal_round_charts_only_for_the_employee_side(client, auth, users):
    pm, employee = users("pm"), users("employee")
    api, round_id, _cids = make_round(client, pm, users, ideas=2, eligibility="employees")
    internal = submit_idea(employee, title="Internal tooling idea", visibility="internal")
    db.session.commit()
    assert (
        api.post(
            f"/rounds/{round_id}/candidates",
            json={"idea_id": internal.id, "impact": {"cost": 10, "annual_benefit": 20}},
        ).status_code
        == 201
    )
    api.post(f"/rounds/{round_id}/deliberate")
    assert client.get(f"/rounds/{round_id}/cost-benefit.svg").status_code == 404
    auth.login(employee.email)
    url = chart_urls(client, round_id)["cost-benefit"]
    seen = client.get(url)
    assert seen.status_code == 200 and "public" not in seen.headers["Cache-Control"]
    auth.logout()
    auth.login(users("customer").email)
    assert client.get(url).status_code == 404


def test_hidden_results_chart_is_409_whatever_the_version(client, users):
    api, round_id, cids = make_round(client, users("pm"), users, method="approval", ideas=2)
    api.post(f"/rounds/{round_id}/open")
    Api(client, users("customer")).put(f"/rounds/{round_id}/ballot", json={"approvals": [cids[0]]})
    for query in ("", "?v=0123456789ab"):
        hidden = client.get(f"/rounds/{round_id}/results.svg{query}")
        assert hidden.status_code == 409 and "hidden" in hidden.get_data(as_text=True)
    assert "results" not in chart_urls(client, round_id)
