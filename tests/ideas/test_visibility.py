"""Internal ideas are invisible to customers everywhere: pages, lists, counts, tags, API,
votes, comments, follows and merges all answer 404 or leave them out."""

import pytest
from sqlalchemy import func, select

from innovation.extensions import db
from innovation.ideas import comments, services
from innovation.ideas.models import Follow
from innovation.voting.models import Rating, Support

from .helpers import Api


@pytest.fixture
def world(app, users):
    employee = users("employee", name="Grace Okafor")
    customer = users("customer", name="Carla Mendes")
    pm = users("pm")
    public = services.submit_idea(employee, title="Public: photos on jobs", tags=["mobile"])
    internal = services.submit_idea(
        employee, title="Internal: support macros", tags=["secret-tag", "mobile"], visibility="internal"
    )
    comments.add_comment(employee, internal.id, "Internal discussion only")
    db.session.commit()
    return {"employee": employee, "customer": customer, "pm": pm, "public": public, "internal": internal}


def test_customer_gets_404_for_every_action_on_an_internal_idea(client, world):
    api = Api(client, world["customer"])
    idea_id = world["internal"].id
    calls = [
        ("get", f"/ideas/{idea_id}", None),
        ("patch", f"/ideas/{idea_id}", {"title": "Hijack attempt"}),
        ("post", f"/ideas/{idea_id}/vote", None),
        ("delete", f"/ideas/{idea_id}/vote", None),
        ("put", f"/ideas/{idea_id}/rating", {"value": 5}),
        ("delete", f"/ideas/{idea_id}/rating", None),
        ("get", f"/ideas/{idea_id}/comments", None),
        ("post", f"/ideas/{idea_id}/comments", {"body": "hi"}),
        ("post", f"/ideas/{idea_id}/follow", None),
        ("delete", f"/ideas/{idea_id}/follow", None),
    ]
    for method, path, body in calls:
        response = getattr(api, method)(path, json=body) if body is not None else getattr(api, method)(path)
        assert response.status_code == 404, (method, path, response.status_code)
        assert "internal" not in response.get_data(as_text=True).lower()
    customer_id = world["customer"].id
    assert db.session.scalar(select(func.count()).select_from(Support).where(Support.user_id == customer_id)) == 0
    assert db.session.scalar(select(func.count()).select_from(Rating)) == 0
    assert db.session.scalar(select(func.count()).select_from(Follow).where(Follow.user_id == customer_id)) == 0


def test_anonymous_gets_404_too(client, world):
    assert Api(client).get(f"/ideas/{world['internal'].id}").status_code == 404
    assert client.get(f"/ideas/{world['internal'].id}").status_code == 404


def test_customer_pages_404_and_lists_leave_it_out(client, auth, world):
    auth.login(world["customer"].email)
    idea_id = world["internal"].id
    for path in (f"/ideas/{idea_id}", f"/ideas/{idea_id}/edit"):
        assert client.get(path).status_code == 404
    token = auth.csrf(f"/ideas/{world['public'].id}")
    for path in (
        f"/ideas/{idea_id}/support",
        f"/ideas/{idea_id}/comments",
        f"/ideas/{idea_id}/follow",
        f"/flag/idea/{idea_id}",
    ):
        assert client.post(path, data={"csrf_token": token, "body": "x"}).status_code == 404, path
    for path in ("/", "/ideas", "/ideas?sort=new", "/ideas?tag=mobile", "/roadmap", f"/people/{world['employee'].id}"):
        html = client.get(path).get_data(as_text=True)
        assert "support macros" not in html, path
        assert "secret-tag" not in html, path


def test_internal_ideas_change_no_count_a_customer_sees(client, auth, world):
    customer_api = Api(client, world["customer"])
    employee_api = Api(client, world["employee"])
    assert customer_api.get("/ideas").get_json()["total"] == 1
    assert employee_api.get("/ideas").get_json()["total"] == 2
    assert customer_api.get("/ideas?tag=mobile").get_json()["total"] == 1
    assert customer_api.get("/ideas?tag=secret-tag").get_json()["total"] == 0
    auth.login(world["customer"].email)
    html = client.get("/ideas").get_data(as_text=True)
    assert "secret-tag" not in html
    assert "1 result" in html


def test_customer_cannot_be_merged_into_internal_and_search_by_title_misses_it(client, world):
    customer_api = Api(client, world["customer"])
    assert customer_api.get("/ideas?q=macros").get_json()["total"] == 0
    pm_api = Api(client, world["pm"])
    response = pm_api.post(f"/ideas/{world['public'].id}/merge", json={"into": world["internal"].id})
    assert response.status_code == 409  # customers would lose the idea they supported


def test_employees_see_and_use_internal_ideas(client, world):
    api = Api(client, world["employee"])
    idea_id = world["internal"].id
    assert api.get(f"/ideas/{idea_id}").status_code == 200
    assert api.post(f"/ideas/{idea_id}/vote").get_json()["support"]["employee"] == 1
    assert api.get(f"/ideas/{idea_id}/comments").get_json()["total"] == 1


def test_customer_cannot_flip_a_public_idea_to_internal(client, world, users):
    author = users("customer")
    api = Api(client, author)
    idea = api.post("/ideas", json={"title": "My public idea here"}).get_json()
    assert api.patch(f"/ideas/{idea['id']}", json={"visibility": "internal"}).status_code == 403
