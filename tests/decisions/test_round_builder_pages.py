"""Building a round in pages: "Add to round" on the idea page, ticked ideas on the list and in
search results, the picker that finds any visible idea by title, the readiness checklist with a
disabled "Open voting", and the ballot preview."""

import re
from datetime import UTC

from bs4 import BeautifulSoup
from flask import g
from sqlalchemy import select

from innovation.decisions import services as rounds
from innovation.decisions.forms import RoundForm
from innovation.decisions.models import Candidate, Round
from innovation.extensions import db
from innovation.search.jobs import index_pending

from ..home.helpers import ideas_by

TITLES = ("Photos on job completion", "Offline mode for technicians", "Recurring maintenance contracts")


def soup(client, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.data, "html.parser")


def draft(pm, title="Spring planning round"):
    round_ = rounds.create_round(pm, title=title, method="approval")
    db.session.commit()
    return round_


def candidate_ideas(round_id: int) -> list[int]:
    db.session.expire_all()
    return list(db.session.scalars(select(Candidate.idea_id).where(Candidate.round_id == round_id)))


def add_ideas(client, auth, round_id, idea_ids, next_path="/ideas"):
    data = {"csrf_token": auth.csrf("/ideas"), "round_id": str(round_id), "idea_ids": [str(i) for i in idea_ids]}
    return client.post("/rounds/add-ideas", data={**data, "next": next_path}, follow_redirects=True)


def test_the_idea_page_offers_add_to_round_to_pms_only(client, auth, users):
    pm, author = users("pm"), users("customer")
    idea = ideas_by(author, TITLES[0])[0]
    round_ = draft(pm)
    auth.login(author.email)
    assert soup(client, f"/ideas/{idea.id}").select_one("#add-to-round") is None
    auth.logout()
    auth.login(pm.email)
    box = soup(client, f"/ideas/{idea.id}").select_one("#add-to-round")
    assert [o.get_text() for o in box.select("select[name=round_id] option")] == [f"{round_.title} (draft)"]
    page = add_ideas(client, auth, round_.id, [idea.id], next_path=f"/ideas/{idea.id}")
    assert "Added 1 idea to “Spring planning round”" in page.get_data(as_text=True)
    assert candidate_ideas(round_.id) == [idea.id]


def test_pms_tick_ideas_on_the_list_and_add_them_together_or_not_at_all(client, auth, users):
    pm, author = users("pm"), users("customer")
    ideas = ideas_by(author, *TITLES)
    round_ = draft(pm)
    auth.login(author.email)
    assert not soup(client, "/ideas").select("input[name=idea_ids]")
    auth.logout()
    auth.login(pm.email)
    page = soup(client, "/ideas")
    boxes = page.select("input[type=checkbox][name=idea_ids]")
    assert len(boxes) == 3 and {b["form"] for b in boxes} == {"add-selected"}
    assert page.select_one("form#add-selected button").get_text() == "Add selected to round"

    refused = add_ideas(client, auth, round_.id, [ideas[0].id, 999_999])
    assert "Nothing was added: No such idea." in refused.get_data(as_text=True)
    assert candidate_ideas(round_.id) == []
    none_ticked = add_ideas(client, auth, round_.id, [])
    assert "Tick at least one idea" in none_ticked.get_data(as_text=True)

    added = add_ideas(client, auth, round_.id, [ideas[0].id, ideas[2].id])
    assert "Added 2 ideas" in added.get_data(as_text=True)
    assert sorted(candidate_ideas(round_.id)) == sorted([ideas[0].id, ideas[2].id])


def test_search_results_can_be_ticked_by_pms(client, auth, users):
    pm = users("pm")
    ideas_by(users("customer"), *TITLES)
    draft(pm)
    index_pending()
    auth.login(pm.email)
    page = soup(client, "/search?q=offline")
    assert [b["value"] for b in page.select("input[name=idea_ids]")] != []
    assert page.select_one("form#add-selected") is not None


def test_the_picker_finds_any_visible_idea_by_title_not_only_popular_ones(client, auth, users):
    pm = users("pm")
    ideas = ideas_by(users("customer"), *TITLES)
    round_ = draft(pm)
    rounds.add_candidate(pm, round_.id, ideas[0].id)
    db.session.commit()
    index_pending()
    auth.login(pm.email)
    found = soup(client, f"/rounds/{round_.id}/candidates/new?q=Offline+mode")
    buttons = found.select("[data-picker-results] button[name=idea_ids]")
    assert [b["value"] for b in buttons] == [str(ideas[1].id)]
    fragment = client.get(f"/rounds/{round_.id}/candidates/new?q=Photos&fragment=1").get_data(as_text=True)
    assert fragment.lstrip().startswith("<div") and "In this round" in fragment and "<html" not in fragment
    assert "data-picker-input" in soup(client, f"/rounds/{round_.id}").select_one("#manage").decode()


def test_the_round_page_lists_what_is_missing_and_disables_open_voting(client, auth, users):
    pm = users("pm")
    ideas = ideas_by(users("customer"), *TITLES[:2])
    round_ = draft(pm)
    auth.login(pm.email)
    page = soup(client, f"/rounds/{round_.id}")
    button = page.find("button", string="Open voting")
    assert button.has_attr("disabled") and button["aria-describedby"] == "not-ready"
    assert "Add at least 2 candidates (none yet)." in page.select_one("#not-ready").get_text()

    refused = client.post(
        f"/rounds/{round_.id}/open", data={"csrf_token": auth.csrf(f"/rounds/{round_.id}")}, follow_redirects=True
    )
    assert "Voting cannot open yet: Add at least 2 candidates (none yet)." in refused.get_data(as_text=True)

    rounds.add_candidate(pm, round_.id, ideas[0].id, {"cost": 1000, "annual_benefit": 4000})
    rounds.add_candidate(pm, round_.id, ideas[1].id, {"cost": 2000})
    db.session.commit()
    page = soup(client, f"/rounds/{round_.id}")
    checklist = [li.get_text(" ", strip=True) for li in page.select("#not-ready li")]
    assert checklist == [f"“{TITLES[1]}” needs an annual benefit. Enter the numbers for this candidate"]
    row = page.select_one(f"#candidate-{round_.candidates[1].id}")
    assert row.select_one("[data-label='Annual benefit']").get_text(strip=True) == "not known yet"
    assert row.select_one("[data-label='Risk']").get_text(strip=True) == "not known yet"

    rounds.update_impact(pm, round_.id, round_.candidates[1].id, {"annual_benefit": 500})
    db.session.commit()
    page = soup(client, f"/rounds/{round_.id}")
    assert not page.find("button", string="Open voting").has_attr("disabled")
    assert page.select_one("#not-ready") is None


def test_the_ballot_preview_is_the_customers_ballot_that_cannot_be_sent(client, auth, users):
    pm = users("pm")
    ideas = ideas_by(users("customer"), *TITLES[:2])
    round_ = draft(pm)
    rounds.add_candidate(pm, round_.id, ideas[0].id, {"cost": 1000, "annual_benefit": 4000, "effort_weeks": 3})
    rounds.add_candidate(pm, round_.id, ideas[1].id, {"cost": 2000, "annual_benefit": 1000})
    db.session.commit()
    auth.login(users("customer").email)
    assert client.get(f"/rounds/{round_.id}/preview").status_code in (403, 404)
    auth.logout()
    auth.login(pm.email)
    page = soup(client, f"/rounds/{round_.id}/preview")
    ballot = page.select_one("form.ballot-form")
    assert [i["value"] for i in ballot.select("input[name=approvals]")] == [str(c.id) for c in round_.candidates]
    assert ballot.find("button", string="Cast ballot").has_attr("disabled")
    figures = [re.sub(r"\s+", " ", f.get_text(" ", strip=True)) for f in ballot.select(".choice-figures")]
    assert figures[0].endswith("3 weeks of work") and figures[1].endswith("effort not known yet")
    assert not page.find("button", string="Open voting").has_attr("disabled")


def new_round_form(client, auth, **fields):
    data = {
        "csrf_token": auth.csrf("/rounds/new"),
        "title": "Autumn planning round",
        "method": "approval",
        "eligibility": "customers",
        "results_visibility": "after_close",
        "weight_customer": "70",
        "weight_employee": "30",
        **fields,
    }
    return client.post("/rounds/new", data=data)


def test_the_round_form_takes_percentages_and_local_times(client, auth, users):
    pm = users("pm")
    auth.login(pm.email)
    form = soup(client, "/rounds/new")
    assert form.select_one("#voting_opens_at")["type"] == "datetime-local"
    labels = [label.get_text() for label in form.select("input[name=eligibility] + label")]
    assert len(labels) == 4 and all(" — " in label for label in labels)  # each option explained

    refused = new_round_form(client, auth, weight_employee="40")
    assert refused.status_code == 422 and "must add up to 100 %" in refused.get_data(as_text=True)

    made = new_round_form(client, auth, voting_opens_at="2031-03-02T09:00", closes_at="2031-03-09T17:30")
    assert made.status_code == 302, made.get_data(as_text=True)
    round_id = int(made.headers["Location"].rstrip("/").split("/")[-1])
    db.session.expire_all()
    round_ = db.session.get(Round, round_id)
    assert (round_.weight_customer, round_.weight_employee) == (0.7, 0.3)
    assert round_.eligibility == "customers"
    # Nobody has a zone setting yet: the pm's zone is UTC (platform.templating.viewer_time_zone).
    assert round_.voting_opens_at.isoformat() == "2031-03-02T09:00:00+00:00"
    assert round_.closes_at.isoformat() == "2031-03-09T17:30:00+00:00"


def test_a_picked_time_is_read_in_the_pms_own_zone(app):
    with app.test_request_context("/rounds/new", method="POST", data={"closes_at": "2031-07-01T09:00"}):
        g.viewer_time_zone = "Europe/Berlin"  # what a person's zone setting will put there
        form = RoundForm(meta={"csrf": False})
        assert form.moment(form.closes_at).astimezone(UTC).isoformat() == "2031-07-01T07:00:00+00:00"  # CEST
