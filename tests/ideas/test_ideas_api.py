"""Ideas over the API: submit, read, edit, status, votes, ratings, comments, merge."""

import pytest
from sqlalchemy import func, select

from innovation.extensions import db
from innovation.ideas.models import Comment, Idea, IdeaRevision, StatusChange
from innovation.voting.models import Rating, Support

from ..api.openapi_check import assert_matches_spec
from .helpers import Api, new_idea


@pytest.fixture
def people(client, users):
    return {role: users(role) for role in ("customer", "employee", "pm", "admin")}


def api_as(client, user):
    return Api(client, user)


def test_submit_and_read_an_idea(client, people):
    api = api_as(client, people["customer"])
    idea = new_idea(api, body="**Bold** and <script>alert(1)</script>", tags=["Mobile", "offline sync"])
    assert idea["author"]["constituency"] == "customer"
    assert idea["tags"] == ["mobile", "offline-sync"]
    assert "<strong>Bold</strong>" in idea["body_html"] and "<script>" not in idea["body_html"]
    # The author supports their own idea from the start (and may withdraw it).
    assert idea["support"] == {"customer": 1, "employee": 0, "total": 1}
    assert idea["status"] == "new" and idea["my_vote"] is True and idea["my_rating"] is None
    fetched = Api(client).get(f"/ideas/{idea['id']}")
    assert fetched.status_code == 200 and fetched.get_json()["title"] == idea["title"]


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"title": ""}, 422, "title"),
        ({"title": "abcd"}, 422, "title"),
        ({"title": "x" * 141}, 422, "title"),
        ({"title": 12345}, 422, "title"),
        ({"tags": [f"t{n}" for n in range(11)]}, 422, "tags"),
        ({"tags": ["<b>"]}, 422, "tags"),
        ({"tags": "not-a-list-but-ok"}, 201, None),
        ({"body": "x" * 20_001}, 422, "body"),
        ({"visibility": "secret"}, 422, "visibility"),
    ],
)
def test_submit_refuses_bad_input(client, people, payload, status, field):
    api = api_as(client, people["employee"])
    body = {"title": "A perfectly fine title", "body": "", **payload}
    response = api.post("/ideas", json=body)
    assert response.status_code == status, response.get_json()
    if field:
        assert field in response.get_json()["error"]["fields"]
        assert db.session.scalar(select(func.count()).select_from(Idea)) == 0


def test_customer_cannot_create_internal_ideas(client, people):
    response = api_as(client, people["customer"]).post(
        "/ideas", json={"title": "Secret plan here", "visibility": "internal"}
    )
    assert response.status_code == 403


def test_anonymous_cannot_submit(client):
    assert Api(client).post("/ideas", json={"title": "Hello world idea"}).status_code == 401


def test_support_is_idempotent_and_retractable(client, people):
    idea = new_idea(api_as(client, people["customer"]))
    employee = api_as(client, people["employee"])
    first = employee.post(f"/ideas/{idea['id']}/vote")
    second = employee.post(f"/ideas/{idea['id']}/vote")
    assert first.status_code == second.status_code == 200
    # The customer who wrote it supports it already; the employee's support counts once.
    assert second.get_json()["support"] == {"customer": 1, "employee": 1, "total": 2}
    assert second.get_json()["my_vote"] is True
    assert_matches_spec(client, "post", "/ideas/{id}/vote", second)
    retracted = employee.delete(f"/ideas/{idea['id']}/vote")
    assert retracted.get_json()["support"]["total"] == 1 and retracted.get_json()["my_vote"] is False


def test_vote_for_a_missing_idea_is_404(client, people):
    response = api_as(client, people["customer"]).post("/ideas/999999/vote")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"
    assert db.session.scalar(select(func.count()).select_from(Support)) == 0


@pytest.mark.parametrize("value", [0, 6, "abc", None, 3.5, True, [4]])
def test_bad_ratings_are_422_and_nothing_is_saved(client, people, value):
    idea = new_idea(api_as(client, people["customer"]))
    response = api_as(client, people["employee"]).put(f"/ideas/{idea['id']}/rating", json={"value": value})
    assert response.status_code == 422
    assert db.session.scalar(select(func.count()).select_from(Rating)) == 0


def test_ratings_by_constituency_and_replacement(client, people):
    idea = new_idea(api_as(client, people["customer"]))
    path = f"/ideas/{idea['id']}/rating"
    api_as(client, people["customer"]).put(path, json={"value": 5})
    employee = api_as(client, people["employee"])
    employee.put(path, json={"value": 2})
    result = employee.put(path, json={"value": 4}).get_json()
    assert result["my_rating"] == 4
    assert result["rating"]["count"] == 2 and result["rating"]["mean"] == 4.5
    assert result["rating"]["by_constituency"] == {
        "customer": {"count": 1, "mean": 5.0},
        "employee": {"count": 1, "mean": 4.0},
    }
    assert result["rating"]["bayesian"] == pytest.approx((3 * 5 + 9) / 7, abs=1e-4)
    removed = employee.delete(path).get_json()
    assert removed["rating"]["count"] == 1 and removed["my_rating"] is None


def test_edit_keeps_history_and_only_author_or_pm_may_edit(client, people):
    author = api_as(client, people["customer"])
    idea = new_idea(author)
    edited = author.patch(f"/ideas/{idea['id']}", json={"title": "Let technicians attach photos and notes"})
    assert edited.status_code == 200
    assert db.session.scalar(select(IdeaRevision.title)) == "Let technicians attach photos"
    other = api_as(client, people["employee"]).patch(f"/ideas/{idea['id']}", json={"title": "Hijacked title!"})
    assert other.status_code == 403
    pm = api_as(client, people["pm"]).patch(f"/ideas/{idea['id']}", json={"body": "Clarified by the PM."})
    assert pm.status_code == 200 and db.session.scalar(select(func.count()).select_from(IdeaRevision)) == 2


def test_author_edit_window_is_24_hours(client, people):
    from datetime import timedelta

    author = api_as(client, people["customer"])
    idea = new_idea(author)
    row = db.session.get(Idea, idea["id"])
    row.created_at = row.created_at - timedelta(hours=25)
    db.session.commit()
    assert author.patch(f"/ideas/{idea['id']}", json={"title": "Too late for this edit"}).status_code == 403


def test_status_changes_by_pm_only_with_history(client, people):
    idea = new_idea(api_as(client, people["customer"]))
    path = f"/ideas/{idea['id']}/status"
    assert api_as(client, people["customer"]).post(path, json={"status": "planned"}).status_code == 403
    assert api_as(client, people["employee"]).post(path, json={"status": "planned"}).status_code == 403
    pm = api_as(client, people["pm"])
    bad = pm.post(path, json={"status": "teleported"})
    assert bad.status_code == 422
    good = pm.post(path, json={"status": "planned", "note": "Scheduled for Q3."})
    assert good.status_code == 200 and good.get_json()["status"] == "planned"
    change = db.session.scalar(select(StatusChange))
    assert (change.old_status, change.new_status, change.note) == ("new", "planned", "Scheduled for Q3.")


def test_comments_replies_and_parent_from_another_idea(client, people):
    customer = api_as(client, people["customer"])
    first = new_idea(customer)
    second = new_idea(customer, title="Another idea entirely")
    employee = api_as(client, people["employee"])
    top = employee.post(f"/ideas/{first['id']}/comments", json={"body": "Great point!"})
    assert top.status_code == 201
    assert_matches_spec(client, "post", "/ideas/{id}/comments", top)
    reply = customer.post(f"/ideas/{first['id']}/comments", json={"body": "Thanks", "parent_id": top.get_json()["id"]})
    assert reply.status_code == 201 and reply.get_json()["parent_id"] == top.get_json()["id"]
    wrong = customer.post(f"/ideas/{second['id']}/comments", json={"body": "Sneaky", "parent_id": top.get_json()["id"]})
    assert wrong.status_code == 404 and "parent_id" in wrong.get_json()["error"]["fields"]
    assert db.session.scalar(select(func.count()).select_from(Comment)) == 2
    listing = Api(client).get(f"/ideas/{first['id']}/comments").get_json()
    assert listing["total"] == 2 and Api(client).get(f"/ideas/{first['id']}").get_json()["comment_count"] == 2


def test_merge_moves_everything_and_counts_people_once(client, people, users):
    customer = api_as(client, people["customer"])
    source = new_idea(customer, title="Photos on job completion")
    target = new_idea(customer, title="Attach photos to jobs")
    both = users("customer")
    only_source = users("employee")
    for user, ideas in ((both, (source, target)), (only_source, (source,))):
        for idea in ideas:
            api_as(client, user).post(f"/ideas/{idea['id']}/vote")
            api_as(client, user).put(f"/ideas/{idea['id']}/rating", json={"value": 4})
    api_as(client, only_source).post(f"/ideas/{source['id']}/comments", json={"body": "Needed!"})
    assert customer.post(f"/ideas/{source['id']}/merge", json={"into": target["id"]}).status_code == 403
    pm = api_as(client, people["pm"])
    assert pm.post(f"/ideas/{source['id']}/merge", json={"into": source["id"]}).status_code == 409
    assert pm.post(f"/ideas/{source['id']}/merge", json={"into": "x"}).status_code == 422
    merged = pm.post(f"/ideas/{source['id']}/merge", json={"into": target["id"]})
    assert merged.status_code == 200
    body = merged.get_json()
    # The author supported both ideas, like `both`: each of the three people counts once.
    assert body["support"] == {"customer": 2, "employee": 1, "total": 3}
    assert body["rating"]["count"] == 2 and body["comment_count"] == 1
    assert db.session.scalar(select(func.count()).select_from(Support)) == 3
    old = Api(client).get(f"/ideas/{source['id']}").get_json()
    assert old["status"] == "merged" and old["merged_into"] == target["id"]
    page = client.get(f"/ideas/{source['id']}")
    assert page.status_code == 302 and page.headers["Location"].endswith(f"/ideas/{target['id']}")


def test_list_sorts_filters_and_pages(client, people):
    customer = api_as(client, people["customer"])
    ids = [
        new_idea(customer, title=f"Idea number {n:02d}", tags=["mobile" if n % 2 else "billing"])["id"]
        for n in range(25)
    ]
    api_as(client, people["employee"]).post(f"/ideas/{ids[3]}/vote")
    top = Api(client).get("/ideas?sort=top&per_page=5").get_json()
    assert top["total"] == 25 and len(top["items"]) == 5 and top["items"][0]["id"] == ids[3]
    newest = Api(client).get("/ideas?sort=new&page=2&per_page=10").get_json()
    assert [i["id"] for i in newest["items"]] == list(reversed(ids))[10:20]
    tagged = Api(client).get("/ideas?tag=billing&per_page=100").get_json()
    assert tagged["total"] == 13
    for sort in ("hot", "rated", "common_ground"):
        assert Api(client).get(f"/ideas?sort={sort}").status_code == 200
    assert Api(client).get("/ideas?sort=random").status_code == 422
    assert Api(client).get("/ideas?status=bogus").status_code == 422
    assert Api(client).get("/ideas?page=0&per_page=1000").get_json()["per_page"] == 100
