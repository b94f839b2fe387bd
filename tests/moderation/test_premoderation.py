"""Approval before publishing, the must-hold of issue 13: with premoderation on for customers,
a customer's new idea and comment are invisible to another customer, a visitor and an
employee in every channel — pages, API lists and detail, search (each backend), counts, tags,
similar ideas, notifications — until a moderator approves them; then they appear everywhere
and followers hear about them once. A rejected idea never appears; its author hears why."""

import pytest
from sqlalchemy import func, select

from innovation.extensions import db
from innovation.ideas import services
from innovation.notifications.jobs import fan_out
from innovation.notifications.models import Notification, OutboxEvent

from ..ideas.helpers import Api
from .conftest import refresh_index

TITLE = "Offline maps for field drivers"
TAG = "offline-maps"
WORD = "marmalade"  # only in the waiting comment
OUTSIDERS = ("customer", "visitor", "employee")


def drain_outbox() -> None:
    """Fan out every outbox event not dispatched yet, as the worker would."""
    db.session.commit()
    for event_id in db.session.scalars(select(OutboxEvent.id).where(OutboxEvent.dispatched_at.is_(None))):
        fan_out(event_id)


def notifications_of(user, kind=None) -> int:
    query = select(func.count()).select_from(Notification).where(Notification.user_id == user.id)
    if kind:
        query = query.where(Notification.kind == kind)
    return db.session.scalar(query)


@pytest.fixture
def world(client, users, search_backend_name):
    people = {
        "admin": users("admin"),
        "pm": users("pm"),
        "author": users("customer", name="Carla Mendes"),
        "customer": users("customer"),
        "employee": users("employee"),
        "follower": users("customer"),
    }
    host = services.submit_idea(people["employee"], title="Photos on job completion", tags=["mobile"])
    services.follow_idea(people["follower"], host.id)
    db.session.commit()
    assert Api(client, people["admin"]).patch("/admin/settings", json={"premoderation": "customers"}).status_code == 200
    author = Api(client, people["author"])
    idea = author.post("/ideas", json={"title": TITLE, "body": "Maps that work without signal.", "tags": [TAG]})
    comment = author.post(f"/ideas/{host.id}/comments", json={"body": f"The {WORD} depot has no signal."})
    assert idea.status_code == 201 and comment.status_code == 201
    assert idea.get_json()["moderation"] == comment.get_json()["moderation"] == "pending"
    refresh_index()
    drain_outbox()
    return {**people, "host": host, "idea": idea.get_json(), "comment": comment.get_json()}


def api_as(client, world, who):
    return Api(client, None if who == "visitor" else world[who])


def assert_invisible(client, auth, world, who):
    idea_id, host_id = world["idea"]["id"], world["host"].id
    api = api_as(client, world, who)
    assert api.get(f"/ideas/{idea_id}").status_code == 404
    assert api.get(f"/ideas/{idea_id}/comments").status_code == 404
    assert TITLE not in api.get("/ideas?sort=new").get_data(as_text=True)
    assert api.get(f"/ideas?tag={TAG}").get_json()["total"] == 0
    host = api.get(f"/ideas/{host_id}").get_json()
    assert host["comment_count"] == 0
    assert WORD not in api.get(f"/ideas/{host_id}/comments").get_data(as_text=True)
    assert api.get("/search?q=offline").get_json()["total"] == 0
    assert api.get(f"/search?q={WORD}&type=comments").get_json()["total"] == 0
    assert api.get(f"/ideas/similar?title={TITLE}").get_json()["items"] == []
    if who != "visitor":
        auth.login(world[who].email)
    assert client.get(f"/ideas/{idea_id}").status_code == 404
    for path in ("/", "/ideas", "/ideas?sort=new", f"/ideas?tag={TAG}", f"/people/{world['author'].id}", "/roadmap"):
        assert TITLE not in client.get(path).get_data(as_text=True), (who, path)
    for path in ("/ideas", f"/people/{world['author'].id}"):  # the tag cloud and the person's topics
        assert TAG not in client.get(path).get_data(as_text=True), (who, path)
    host_page = client.get(f"/ideas/{host_id}").get_data(as_text=True)
    assert WORD not in host_page
    assert "depot has no signal" not in client.get(f"/search?q={WORD}&type=comments").get_data(as_text=True)
    assert TITLE not in client.get("/search?q=offline").get_data(as_text=True)
    if who != "visitor":
        auth.logout()


@pytest.mark.parametrize("who", OUTSIDERS)
def test_waiting_content_is_invisible_to_others_in_every_channel(client, auth, world, who):
    assert_invisible(client, auth, world, who)
    assert notifications_of(world["follower"]) == 0
    assert notifications_of(world["employee"]) == 0  # the host idea's author follows it too


def test_the_author_sees_it_marked_and_moderators_find_it_in_the_queue(client, auth, world):
    author = Api(client, world["author"])
    assert author.get(f"/ideas/{world['idea']['id']}").get_json()["moderation"] == "pending"
    mine = author.get(f"/ideas/{world['host'].id}/comments").get_json()["items"]
    assert [c["moderation"] for c in mine] == ["pending"]
    auth.login(world["author"].email)
    assert "Waiting for approval" in client.get(f"/ideas/{world['idea']['id']}").get_data(as_text=True)
    assert "Waiting for approval" in client.get(f"/ideas/{world['host'].id}").get_data(as_text=True)
    auth.logout()
    assert Api(client, world["customer"]).get("/moderation/queue").status_code == 403
    assert Api(client, world["employee"]).get("/moderation/queue").status_code == 403
    queue = Api(client, world["pm"]).get("/moderation/queue").get_json()["items"]
    assert [(item["kind"], item["id"]) for item in queue] == [
        ("comment", world["comment"]["id"]),
        ("idea", world["idea"]["id"]),
    ]
    assert queue[1]["title"] == TITLE and WORD in queue[0]["body"]
    assert queue[0]["author"]["id"] == world["author"].id


def test_after_approval_it_appears_everywhere_and_followers_hear_once(client, auth, world):
    pm = Api(client, world["pm"])
    idea_id, comment_id, host_id = world["idea"]["id"], world["comment"]["id"], world["host"].id
    assert pm.post(f"/moderation/idea/{idea_id}/approve").status_code == 200
    assert pm.post(f"/moderation/comment/{comment_id}/approve").status_code == 200
    assert pm.post(f"/moderation/comment/{comment_id}/approve").status_code == 409  # once
    refresh_index()
    drain_outbox()
    assert pm.get("/moderation/queue").get_json()["items"] == []
    for who in OUTSIDERS:
        api = api_as(client, world, who)
        assert api.get(f"/ideas/{idea_id}").get_json()["moderation"] == "approved"
        assert api.get(f"/ideas?tag={TAG}").get_json()["total"] == 1
        assert api.get(f"/ideas/{host_id}").get_json()["comment_count"] == 1
        assert WORD in api.get(f"/ideas/{host_id}/comments").get_data(as_text=True)
        assert api.get("/search?q=offline").get_json()["total"] == 1
        assert api.get(f"/search?q={WORD}&type=comments").get_json()["total"] == 1
        assert [i["id"] for i in api.get(f"/ideas/similar?title={TITLE}").get_json()["items"]] == [idea_id]
    assert TAG in client.get("/ideas").get_data(as_text=True)
    assert TITLE in client.get(f"/people/{world['author'].id}").get_data(as_text=True)
    assert notifications_of(world["follower"], "comment") == 1
    assert notifications_of(world["employee"], "comment") == 1
    assert notifications_of(world["author"], "moderation") == 2  # told of each approval
    drain_outbox()
    assert notifications_of(world["follower"]) == 1  # nothing sent twice


def test_a_rejected_idea_never_appears_and_its_author_hears_why(client, auth, world):
    pm = Api(client, world["pm"])
    idea_id = world["idea"]["id"]
    refused = pm.post(f"/moderation/idea/{idea_id}/reject", json={"reason": "  "})
    assert refused.status_code == 422
    response = pm.post(f"/moderation/idea/{idea_id}/reject", json={"reason": "Already covered by #1."})
    assert response.status_code == 200
    assert pm.post(f"/moderation/idea/{idea_id}/approve").status_code == 409  # a decision stands
    refresh_index()
    drain_outbox()
    for who in OUTSIDERS:
        assert_invisible(client, auth, world, who)
    author = Api(client, world["author"])
    assert author.get(f"/ideas/{idea_id}").get_json()["moderation"] == "rejected"
    assert notifications_of(world["author"], "moderation") == 1
    auth.login(world["author"].email)
    page = client.get(f"/ideas/{idea_id}").get_data(as_text=True)
    assert "Not published" in page and "Already covered by #1." in page


def test_moderators_and_exempt_people_publish_at_once(client, world):
    employee = Api(client, world["employee"])
    idea = employee.post("/ideas", json={"title": "Employee ideas skip the queue"}).get_json()
    assert idea["moderation"] == "approved"
    admin = Api(client, world["admin"])
    assert admin.patch("/admin/settings", json={"premoderation": "everyone"}).get_json()["premoderation"] == "everyone"
    assert employee.post("/ideas", json={"title": "Now employees wait too"}).get_json()["moderation"] == "pending"
    assert (
        Api(client, world["pm"]).post("/ideas", json={"title": "Moderators never wait"}).get_json()["moderation"]
        == "approved"
    )
    admin.patch("/admin/settings", json={"premoderation": "off"})
    assert employee.post("/ideas", json={"title": "Off means published"}).get_json()["moderation"] == "approved"


def test_a_waiting_idea_cannot_be_a_candidate_until_approved(client, world):
    pm = Api(client, world["pm"])
    round_ = pm.post("/rounds", json={"title": "Field tools for the spring", "method": "approval"}).get_json()
    refused = pm.post(f"/rounds/{round_['id']}/candidates", json={"idea_ids": [world["idea"]["id"]]})
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "idea_not_published"
    assert pm.post(f"/moderation/idea/{world['idea']['id']}/approve").status_code == 200
    added = pm.post(f"/rounds/{round_['id']}/candidates", json={"idea_ids": [world["idea"]["id"]]})
    assert added.status_code == 201
