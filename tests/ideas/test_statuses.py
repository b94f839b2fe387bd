"""Statuses the team defines: a custom status shows its label everywhere while the API's
`status` stays the base; filters take both; rename, remove (moving its ideas), support rules,
validation and who may do what."""

import re

import pytest
from sqlalchemy import select

from innovation.extensions import db
from innovation.ideas.models import Idea, Status, StatusChange
from innovation.ideas.statuses import StatusInfo, contrast

from ..api.openapi_check import assert_matches_spec
from ..conftest import csrf_from
from .helpers import Api, new_idea

NEXT_QUARTER = {
    "key": "next-quarter",
    "label": "Next quarter",
    "color": "#7c3aed",
    "base": "planned",
    "lane": "planned",
    "takes_support": True,
}


@pytest.fixture
def people(users):
    return {role: users(role) for role in ("customer", "employee", "pm", "admin")}


@pytest.fixture
def apis(client, people):
    return {role: Api(client, user) for role, user in people.items()}


def define(apis, **overrides):
    response = apis["admin"].post("/statuses", json={**NEXT_QUARTER, **overrides})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def set_status(apis, idea_id, status):
    response = apis["pm"].post(f"/ideas/{idea_id}/status", json={"status": status})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def ids_of(response) -> list[int]:
    assert response.status_code == 200, response.get_json()
    return [item["id"] for item in response.get_json()["items"]]


def card_chip(html: str, idea_id: int) -> str:
    """The status chip's text on the card of `idea_id`."""
    card = html[html.index(f'id="idea-{idea_id}"') :]
    return re.search(r'class="chip status-chip[^"]*"[^>]*>.*?</span>([^<]+)</span>', card).group(1)


def test_a_custom_planned_status_shows_its_label_and_keeps_the_base(client, apis, auth, people):
    response = apis["admin"].post("/statuses", json=NEXT_QUARTER)
    assert response.status_code == 201 and response.get_json() == NEXT_QUARTER
    assert_matches_spec(client, "post", "/statuses", response)
    assert_matches_spec(client, "get", "/statuses", Api(client).get("/statuses"))
    custom = new_idea(apis["customer"], title="Offline mode for technicians")
    plain = new_idea(apis["customer"], title="Plain planned idea here")
    idea = set_status(apis, custom["id"], "next-quarter")
    set_status(apis, plain["id"], "planned")
    assert idea["status"] == "planned" and idea["status_label"] == "Next quarter"
    assert Api(client).get(f"/ideas/{custom['id']}").get_json()["status_label"] == "Next quarter"

    # The API filter: the base finds both; the custom key only its own idea.
    assert set(ids_of(Api(client).get("/ideas?status=planned"))) == {custom["id"], plain["id"]}
    assert ids_of(Api(client).get("/ideas?status=next-quarter")) == [custom["id"]]
    assert Api(client).get("/ideas?status=no-such-status").status_code == 422

    auth.login(people["customer"].email)
    listing = client.get("/ideas").get_data(as_text=True)
    assert card_chip(listing, custom["id"]) == "Next quarter" and card_chip(listing, plain["id"]) == "Planned"
    filtered = client.get("/ideas?status=next-quarter").get_data(as_text=True)
    assert f'id="idea-{custom["id"]}"' in filtered and f'id="idea-{plain["id"]}"' not in filtered
    assert '<option selected value="next-quarter">Next quarter (Planned)</option>' in filtered
    by_base = client.get("/ideas?status=planned").get_data(as_text=True)
    assert f'id="idea-{custom["id"]}"' in by_base and f'id="idea-{plain["id"]}"' in by_base
    detail = client.get(f"/ideas/{custom['id']}").get_data(as_text=True)
    assert "st-next-quarter" in detail and "Next quarter</span>" in detail
    roadmap = client.get("/roadmap").get_data(as_text=True)
    lanes = roadmap.index('id="roadmap-planned-title"'), roadmap.index('id="roadmap-in_progress-title"')
    planned_lane = roadmap[lanes[0] : lanes[1]]
    assert f'id="roadmap-{custom["id"]}"' in planned_lane and "Next quarter</span>" in planned_lane
    # Its colour reaches the chips through the status stylesheet the page links.
    css_link = re.search(r'href="(/statuses\.css\?v=[0-9a-f]+)"', roadmap).group(1)
    css = client.get(css_link)
    assert css.status_code == 200 and ".status-chip.st-next-quarter" in css.get_data(as_text=True)
    assert css.headers["Cache-Control"].startswith("public")


def test_a_lane_is_the_status_choice_not_the_base(client, apis):
    define(apis, key="beta", label="In beta", base="in_progress", lane="shipped")
    idea = new_idea(apis["customer"], title="Dark mode for the app")
    set_status(apis, idea["id"], "beta")
    roadmap = client.get("/roadmap").get_data(as_text=True)
    shipped_lane = roadmap[roadmap.index('id="roadmap-shipped-title"') :]
    assert f'id="roadmap-{idea["id"]}"' in shipped_lane
    apis["admin"].patch("/statuses/beta", json={"lane": None})
    assert f'id="roadmap-{idea["id"]}"' not in client.get("/roadmap").get_data(as_text=True)


def test_renaming_keeps_the_key_and_the_ideas(client, apis):
    define(apis)
    idea = new_idea(apis["customer"])
    set_status(apis, idea["id"], "next-quarter")
    renamed = apis["admin"].patch("/statuses/next-quarter", json={"label": "  Q3   plans ", "color": "#B54708"})
    assert renamed.status_code == 200 and renamed.get_json()["label"] == "Q3 plans"
    assert renamed.get_json()["color"] == "#b54708" and renamed.get_json()["base"] == "planned"
    assert Api(client).get(f"/ideas/{idea['id']}").get_json()["status_label"] == "Q3 plans"
    # A built-in status is relabelled the same way, and keeps its base.
    assert apis["admin"].patch("/statuses/shipped", json={"label": "Live"}).status_code == 200
    assert apis["admin"].patch("/statuses/shipped", json={"base": "declined"}).status_code == 422
    assert "Live" in client.get("/ideas?status=shipped").get_data(as_text=True)


def test_removing_a_status_in_use_asks_where_its_ideas_go(client, apis, people):
    define(apis)
    ideas = [new_idea(apis["customer"], title=f"Idea number {n} here") for n in range(2)]
    for idea in ideas:
        set_status(apis, idea["id"], "next-quarter")
    refused = apis["admin"].delete("/statuses/next-quarter")
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "status_in_use"
    assert "2 ideas" in refused.get_json()["error"]["message"]
    assert apis["admin"].delete("/statuses/next-quarter?move_to=next-quarter").status_code == 422
    assert apis["admin"].delete("/statuses/next-quarter?move_to=merged").status_code == 422
    removed = apis["admin"].delete("/statuses/next-quarter?move_to=shipped")
    assert removed.status_code == 200
    assert removed.get_json() == {"key": "next-quarter", "moved": 2, "move_to": "shipped"}
    for idea in ideas:
        after = Api(client).get(f"/ideas/{idea['id']}").get_json()
        assert (after["status"], after["status_label"]) == ("shipped", "Shipped")
    assert "next-quarter" not in [s["key"] for s in Api(client).get("/statuses").get_json()["items"]]
    changes = db.session.scalars(select(StatusChange).where(StatusChange.new_status == "shipped")).all()
    assert len(changes) == 2 and all("Next quarter" in change.note for change in changes)
    assert apis["admin"].delete("/statuses/shipped").status_code == 409  # built-in ones stay


def test_moving_into_another_custom_status_keeps_the_base(client, apis):
    define(apis)
    define(apis, key="later", label="Later this year")
    idea = new_idea(apis["customer"])
    set_status(apis, idea["id"], "next-quarter")
    assert apis["admin"].delete("/statuses/next-quarter?move_to=later").get_json()["moved"] == 1
    after = Api(client).get(f"/ideas/{idea['id']}").get_json()
    assert (after["status"], after["status_label"]) == ("planned", "Later this year")


def test_a_status_that_takes_no_support(client, apis, auth, people):
    define(apis, key="parked", label="Parked", base="declined", lane=None, takes_support=False)
    idea = new_idea(apis["customer"])
    set_status(apis, idea["id"], "parked")
    refused = apis["employee"].post(f"/ideas/{idea['id']}/vote")
    assert refused.status_code == 409 and "Parked" in refused.get_json()["error"]["message"]
    auth.login(people["employee"].email)
    page = client.get(f"/ideas/{idea['id']}").get_data(as_text=True)
    assert "support-form" not in page
    # Allowed again: the button and the API take supports again.
    apis["admin"].patch("/statuses/parked", json={"takes_support": True})
    assert apis["employee"].post(f"/ideas/{idea['id']}/vote").status_code == 200


def test_a_round_or_a_merge_drops_the_custom_status(client, apis):
    define(apis)
    idea = new_idea(apis["customer"])
    set_status(apis, idea["id"], "next-quarter")
    row = db.session.get(Idea, idea["id"])
    row.status = "in_round"  # what a round does when it takes the idea as a candidate
    assert row.status_key is None
    db.session.commit()
    assert Api(client).get(f"/ideas/{idea['id']}").get_json()["status_label"] == "In a round"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"key": "Next Quarter"}, "key"),
        ({"key": ""}, "key"),
        ({"key": "x" * 33}, "key"),
        ({"key": "-dash-first"}, "key"),
        ({"label": ""}, "label"),
        ({"label": "   "}, "label"),
        ({"label": "x" * 41}, "label"),
        ({"label": "bell\u0007"}, "label"),
        ({"color": "red"}, "color"),
        ({"color": "#12345"}, "color"),
        ({"base": "in_round"}, "base"),
        ({"base": "merged"}, "base"),
        ({"base": "someday"}, "base"),
        ({"lane": "later"}, "lane"),
        ({"takes_support": "yes"}, "takes_support"),
    ],
)
def test_bad_statuses_are_refused(apis, change, field):
    response = apis["admin"].post("/statuses", json={**NEXT_QUARTER, **change})
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["error"]["fields"]
    assert db.session.get(Status, "next-quarter") is None


def test_hostile_requests_get_4xx(client, apis):
    define(apis)
    idea = new_idea(apis["customer"])
    admin, pm = apis["admin"], apis["pm"]
    assert admin.post("/statuses", json=NEXT_QUARTER).status_code == 409  # the key is taken
    assert admin.post("/statuses", data="not json", content_type="application/json").status_code == 400
    assert admin.patch("/statuses/no-such", json={"label": "x"}).status_code == 404
    assert admin.patch("/statuses/" + "x" * 500, json={"label": "x"}).status_code == 404
    assert admin.delete("/statuses/%E2%80%AE").status_code == 404
    assert admin.delete("/statuses/next-quarter?move_to=BAD%00").status_code == 422
    assert admin.patch("/statuses/next-quarter", json={"label": 5}).status_code == 422
    for status in ("in_round", "merged", "no-such", 7, None, "x" * 100):
        assert pm.post(f"/ideas/{idea['id']}/status", json={"status": status}).status_code == 422
    assert Api(client).get("/ideas?status=%00").status_code == 422


@pytest.mark.parametrize("role", ["visitor", "customer", "employee", "pm"])
def test_only_admins_define_statuses(client, apis, auth, people, role):
    api = Api(client) if role == "visitor" else apis[role]
    expected = 401 if role == "visitor" else 403
    assert api.post("/statuses", json=NEXT_QUARTER).status_code == expected
    assert api.patch("/statuses/new", json={"label": "Fresh"}).status_code == expected
    assert api.delete("/statuses/new").status_code == expected
    assert api.get("/statuses").status_code == 200  # everyone may read them
    if role != "visitor":
        auth.login(people[role].email)
        assert client.get("/admin/statuses").status_code == 403
    assert db.session.get(Status, "next-quarter") is None


def test_the_admin_page_adds_changes_and_removes(client, apis, auth, people):
    auth.login(people["admin"].email)
    page = client.get("/admin/statuses")
    assert page.status_code == 200 and "Under review" in page.get_data(as_text=True)
    token = csrf_from(page.get_data(as_text=True))
    form = {"csrf_token": token, "key": "next-quarter", "label": "Next quarter", "color": "#7c3aed"}
    form.update({"base": "planned", "lane": "planned", "takes_support": "y"})
    bad = client.post("/admin/statuses", data={**form, "key": "Bad Key"})
    assert bad.status_code == 422 and "Lowercase letters" in bad.get_data(as_text=True)
    assert client.post("/admin/statuses", data=form).status_code == 302
    idea = new_idea(apis["customer"])
    set_status(apis, idea["id"], "next-quarter")

    edit = client.get("/admin/statuses/next-quarter").get_data(as_text=True)
    assert "1 idea has this status. Where does it go?" in edit
    changed = {**form, "label": "Next quarter (Q3)", "base": "planned"}
    assert client.post("/admin/statuses/next-quarter", data=changed).status_code == 302
    assert "Next quarter (Q3)" in client.get(f"/ideas/{idea['id']}").get_data(as_text=True)
    missing = client.post("/admin/statuses/next-quarter/remove", data={"csrf_token": token})
    assert missing.status_code == 422 and "say where they go" in missing.get_data(as_text=True)
    moved = client.post("/admin/statuses/next-quarter/remove", data={"csrf_token": token, "move_to": "in_progress"})
    assert moved.status_code == 302
    assert db.session.get(Idea, idea["id"]).status == "in_progress"


def test_the_pm_form_offers_custom_statuses_grouped_by_base(client, apis, auth, people):
    define(apis)
    idea = new_idea(apis["customer"])
    auth.login(people["pm"].email)
    page = client.get(f"/ideas/{idea['id']}").get_data(as_text=True)
    planned = re.search(r'<optgroup label="Planned">(.*?)</optgroup>', page, re.S).group(1)
    assert 'value="planned"' in planned and 'value="next-quarter"' in planned
    assert 'value="in_round"' not in page and 'value="merged"' not in page
    token = csrf_from(page)
    response = client.post(f"/ideas/{idea['id']}/status", data={"csrf_token": token, "status": "next-quarter"})
    assert response.status_code == 302
    assert db.session.get(Idea, idea["id"]).status_key == "next-quarter"


@pytest.mark.parametrize("color", ["#ffff00", "#ffffff", "#000000", "#7c3aed", "#0f766e", "#00ff00"])
def test_chip_text_reads_on_its_background(color):
    status = StatusInfo("k", "K", color, "new", None, True, 0, False)
    assert contrast(status.text_color, status.tint) >= 4.5
