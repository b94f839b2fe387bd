"""Internal ideas and their comments never reach customers or visitors through search: not in
results, counts, facets, similar ideas, related ideas, pages or the API."""

import pytest
from bs4 import BeautifulSoup

from innovation.search.services import search_content, similar_ideas

from ..ideas.helpers import Api
from .corpus import comment, idea

SECRET = "zephyrine"


@pytest.fixture
def world(users, search_index):
    customer, employee = users("customer"), users("employee")
    public = idea(customer, f"Public {SECRET} calendar export", "Export the calendar for customers.", tags=["calendar"])
    internal = idea(
        employee,
        f"Internal {SECRET} calendar pricing",
        "Margins per plan.",
        tags=["pricing-secret"],
        visibility="internal",
    )
    comment(employee, internal.id, f"The {SECRET} margin is thin.")
    comment(customer, public.id, f"Yes please, {SECRET} would help.")
    search_index.refresh()
    return {"customer": customer, "employee": employee, "public": public, "internal": internal}


@pytest.mark.parametrize("who", ["visitor", "customer"])
def test_outsiders_never_see_internal_content(world, who):
    viewer = world["customer"] if who == "customer" else None
    ideas = search_content(viewer, SECRET)
    assert [item["id"] for item in ideas.items] == [world["public"].id] and ideas.total == 1
    assert "pricing-secret" not in dict(ideas.facets["tag"])
    assert dict(ideas.facets["constituency"]) == {"customer": 1}
    comments = search_content(viewer, SECRET, kind="comments")
    assert comments.total == 1 and comments.items[0]["idea"]["id"] == world["public"].id
    assert dict(comments.facets["status"]) == {"new": 1}
    assert search_content(viewer, "margins").total == 0
    assert search_content(viewer, "margin", kind="comments").total == 0
    assert [item["id"] for item in similar_ideas(viewer, f"{SECRET} calendar pricing")] == [world["public"].id]


def test_employees_see_both(world):
    ideas = search_content(world["employee"], SECRET)
    assert {item["id"] for item in ideas.items} == {world["public"].id, world["internal"].id} and ideas.total == 2
    assert dict(ideas.facets["tag"])["pricing-secret"] == 1
    assert search_content(world["employee"], SECRET, kind="comments").total == 2
    assert len(similar_ideas(world["employee"], f"{SECRET} calendar pricing")) == 2


def test_the_api_and_pages_apply_the_same_rules(world, client):
    anonymous = client.get("/api/v1/search", query_string={"q": SECRET}).get_json()
    assert [item["id"] for item in anonymous["items"]] == [world["public"].id] and anonymous["total"] == 1
    customer_api = Api(client, world["customer"])
    mine = customer_api.get(f"/search?q={SECRET}&type=comments").get_json()
    assert mine["total"] == 1
    similar = customer_api.get(f"/ideas/similar?title={SECRET}+calendar+pricing").get_json()
    assert [item["id"] for item in similar["items"]] == [world["public"].id]
    employee_api = Api(client, world["employee"])
    assert employee_api.get(f"/search?q={SECRET}").get_json()["total"] == 2
    page = client.get("/search", query_string={"q": SECRET}).get_data(as_text=True)
    assert "calendar export" in page and "pricing" not in page and "Margins" not in page
    tabs = BeautifulSoup(page, "html.parser").select("nav.search-tabs a")
    assert {a.contents[0].strip(): a.select_one(".count").text for a in tabs} == {
        "Ideas": "1",
        "Comments": "1",
        "People": "0",
    }


def test_related_ideas_on_an_idea_page_respect_visibility(world, client, auth):
    page = client.get(f"/ideas/{world['public'].id}").get_data(as_text=True)
    assert "Related ideas" not in page  # the only related idea is internal
    auth.login(world["employee"].email)
    page = client.get(f"/ideas/{world['public'].id}").get_data(as_text=True)
    assert "Related ideas" in page and world["internal"].title in page


def test_shared_answers_are_never_shared_across_audiences(app, world, client):
    app.config["CACHE_DISABLED"] = False
    path = f"/api/v1/search?q={SECRET}"
    assert Api(client, world["employee"]).get(path[len("/api/v1") :]).get_json()["total"] == 2
    assert Api(client, world["customer"]).get(path[len("/api/v1") :]).get_json()["total"] == 1
    assert client.get(path).get_json()["total"] == 1
    similar = f"/ideas/similar?title={SECRET}+calendar+pricing"
    assert len(Api(client, world["employee"]).get(similar).get_json()["items"]) == 2
    assert len(Api(client, world["customer"]).get(similar).get_json()["items"]) == 1


def test_tab_counts_follow_the_active_tab(app, world, client):
    app.config["CACHE_DISABLED"] = False  # the counts of the other tabs are cached per tab set
    for kind in ("ideas", "comments", "people", "ideas"):
        page = client.get("/search", query_string={"q": SECRET, "type": kind}).get_data(as_text=True)
        tabs = BeautifulSoup(page, "html.parser").select("nav.search-tabs a")
        assert {a.contents[0].strip(): a.select_one(".count").text for a in tabs} == {
            "Ideas": "1",
            "Comments": "1",
            "People": "0",
        }, kind
