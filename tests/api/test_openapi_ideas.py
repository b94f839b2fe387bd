"""Every ideas operation of /api/v1/openapi.json, each with a success and error cases, every
response checked against the document; and a check that no documented ideas operation is left out."""

from collections.abc import Callable

import pytest

from ..ideas.helpers import Api, new_idea
from .openapi_check import assert_matches_spec

HTTP_METHODS = {"get", "put", "post", "patch", "delete"}
MISSING = 999_999
# (method, path template) -> a function exercising that operation with a Session.
OPERATIONS: dict[tuple[str, str], Callable] = {}


def operation(method: str, template: str):
    def register(exercise):
        OPERATIONS[(method, template)] = exercise
        return exercise

    return register


class Session:
    """People, their API clients, and `call`, which checks and records every documented call."""

    def __init__(self, client, users):
        self.client = client
        self.people = {
            who: users(role)
            for who, role in (("customer", "customer"), ("other", "customer"), ("employee", "employee"), ("pm", "pm"))
        }
        self._apis = {"anon": Api(client)}
        self.called: dict[tuple[str, str], list[int]] = {}

    def api(self, who: str) -> Api:
        if who not in self._apis:  # one token per person: token requests are rate-limited
            self._apis[who] = Api(self.client, self.people[who])
        return self._apis[who]

    def call(self, who: str, method: str, template: str, expected: int, *, id=None, raw=None, **kwargs):
        path = template.replace("{id}", str(id))
        if raw is not None:
            kwargs.update(data=raw, content_type="application/json")
        response = getattr(self.api(who), method)(path, **kwargs)
        assert response.status_code == expected, (method, path, response.get_json())
        assert_matches_spec(self.client, method, template, response)
        self.called.setdefault((method, template), []).append(response.status_code)
        return response.get_json()

    def idea(self, who: str = "customer", **overrides) -> int:
        return new_idea(self.api(who), **overrides)["id"]

    def comment(self, who: str, idea_id: int, body: str = "A comment", parent_id=None) -> int:
        return self.call(
            who, "post", "/ideas/{id}/comments", 201, id=idea_id, json={"body": body, "parent_id": parent_id}
        )["id"]


@pytest.fixture
def session(client, users):
    return Session(client, users)


@operation("get", "/ideas")
def list_ideas(s: Session):
    idea = s.idea(title="Listed for everyone")
    internal = s.idea("employee", title="Listed for staff only", visibility="internal")
    seen = {item["id"] for item in s.call("anon", "get", "/ideas", 200, query_string={"per_page": 100})["items"]}
    assert idea in seen and internal not in seen
    staff = s.call("employee", "get", "/ideas", 200, query_string={"sort": "new", "per_page": 100})
    assert {idea, internal} <= {item["id"] for item in staff["items"]}
    for bad in ({"sort": "random"}, {"status": "bogus"}, {"constituency": "robots"}):
        error = s.call("anon", "get", "/ideas", 422, query_string=bad)
        assert error["error"]["code"] == "validation_failed"


@operation("post", "/ideas")
def submit_idea(s: Session):
    created = s.call("customer", "post", "/ideas", 201, json={"title": "Offline mode for the app", "tags": ["Mobile"]})
    assert created["tags"] == ["mobile"] and created["author"]["id"] == s.people["customer"].id
    s.call("anon", "post", "/ideas", 401, json={"title": "Anonymous idea here"})
    s.call("customer", "post", "/ideas", 403, json={"title": "Secret plan here", "visibility": "internal"})
    assert "title" in s.call("customer", "post", "/ideas", 422, json={"title": "abc"})["error"]["fields"]
    s.call("customer", "post", "/ideas", 400, raw="{not json")


@operation("get", "/ideas/{id}")
def get_idea(s: Session):
    idea = s.idea()
    internal = s.idea("employee", visibility="internal")
    assert s.call("anon", "get", "/ideas/{id}", 200, id=idea)["id"] == idea
    assert s.call("employee", "get", "/ideas/{id}", 200, id=internal)["visibility"] == "internal"
    s.call("anon", "get", "/ideas/{id}", 404, id=MISSING)
    s.call("customer", "get", "/ideas/{id}", 404, id=internal)


@operation("patch", "/ideas/{id}")
def edit_idea(s: Session):
    idea = s.idea()
    edited = s.call("customer", "patch", "/ideas/{id}", 200, id=idea, json={"title": "A clearer title now"})
    assert edited["title"] == "A clearer title now" and edited["edited_at"] is not None
    s.call("anon", "patch", "/ideas/{id}", 401, id=idea, json={"title": "Anonymous edit"})
    s.call("other", "patch", "/ideas/{id}", 403, id=idea, json={"title": "Not my idea at all"})
    s.call("customer", "patch", "/ideas/{id}", 404, id=MISSING, json={"title": "No such idea"})
    s.call("customer", "patch", "/ideas/{id}", 422, id=idea, json={"title": ""})
    s.call("customer", "patch", "/ideas/{id}", 400, id=idea, raw="[1, 2]")


@operation("post", "/ideas/{id}/status")
def change_status(s: Session):
    idea = s.idea()
    changed = s.call("pm", "post", "/ideas/{id}/status", 200, id=idea, json={"status": "planned", "note": "Q3"})
    assert changed["status"] == "planned"
    s.call("anon", "post", "/ideas/{id}/status", 401, id=idea, json={"status": "shipped"})
    s.call("customer", "post", "/ideas/{id}/status", 403, id=idea, json={"status": "shipped"})
    s.call("pm", "post", "/ideas/{id}/status", 404, id=MISSING, json={"status": "shipped"})
    s.call("pm", "post", "/ideas/{id}/status", 422, id=idea, json={"status": "teleported"})
    s.call("pm", "post", "/ideas/{id}/status", 400, id=idea, raw="nope")
    duplicate, target = s.idea(title="A duplicate idea"), s.idea(title="The original idea")
    s.call("pm", "post", "/ideas/{id}/merge", 200, id=duplicate, json={"into": target})
    s.call("pm", "post", "/ideas/{id}/status", 409, id=duplicate, json={"status": "planned"})


@operation("post", "/ideas/{id}/vote")
def support(s: Session):
    idea = s.idea()
    for _ in range(2):
        body = s.call("employee", "post", "/ideas/{id}/vote", 200, id=idea)
        # The customer who wrote it supports it from the start; the employee counts once.
        assert body["my_vote"] is True and body["support"] == {"customer": 1, "employee": 1, "total": 2}
    s.call("anon", "post", "/ideas/{id}/vote", 401, id=idea)
    s.call("employee", "post", "/ideas/{id}/vote", 404, id=MISSING)


@operation("delete", "/ideas/{id}/vote")
def retract_support(s: Session):
    idea = s.idea()
    s.call("employee", "post", "/ideas/{id}/vote", 200, id=idea)
    body = s.call("employee", "delete", "/ideas/{id}/vote", 200, id=idea)
    assert body["my_vote"] is False and body["support"]["total"] == 1  # the author's support stays
    s.call("anon", "delete", "/ideas/{id}/vote", 401, id=idea)
    s.call("employee", "delete", "/ideas/{id}/vote", 404, id=MISSING)


@operation("put", "/ideas/{id}/rating")
def rate(s: Session):
    idea = s.idea()
    body = s.call("employee", "put", "/ideas/{id}/rating", 200, id=idea, json={"value": 4})
    assert body["my_rating"] == 4 and body["rating"]["by_constituency"]["employee"] == {"count": 1, "mean": 4.0}
    s.call("anon", "put", "/ideas/{id}/rating", 401, id=idea, json={"value": 4})
    s.call("employee", "put", "/ideas/{id}/rating", 404, id=MISSING, json={"value": 4})
    assert (
        "value" in s.call("employee", "put", "/ideas/{id}/rating", 422, id=idea, json={"value": 6})["error"]["fields"]
    )
    s.call("employee", "put", "/ideas/{id}/rating", 400, id=idea, raw="{")


@operation("delete", "/ideas/{id}/rating")
def unrate(s: Session):
    idea = s.idea()
    s.call("employee", "put", "/ideas/{id}/rating", 200, id=idea, json={"value": 2})
    body = s.call("employee", "delete", "/ideas/{id}/rating", 200, id=idea)
    assert body["my_rating"] is None and body["rating"]["count"] == 0
    s.call("anon", "delete", "/ideas/{id}/rating", 401, id=idea)
    s.call("employee", "delete", "/ideas/{id}/rating", 404, id=MISSING)


@operation("get", "/ideas/{id}/comments")
def list_comments(s: Session):
    idea = s.idea()
    first = s.comment("employee", idea, "First")
    second = s.comment("customer", idea, "Second", first)
    listing = s.call("anon", "get", "/ideas/{id}/comments", 200, id=idea)
    assert [(c["id"], c["parent_id"]) for c in listing["items"]] == [(first, None), (second, first)]
    paged = s.call("anon", "get", "/ideas/{id}/comments", 200, id=idea, query_string={"per_page": 1, "page": 2})
    assert paged["total"] == 2 and [c["id"] for c in paged["items"]] == [second]
    s.call("anon", "get", "/ideas/{id}/comments", 404, id=MISSING)
    s.call("anon", "get", "/ideas/{id}/comments", 404, id=s.idea("employee", visibility="internal"))


@operation("post", "/ideas/{id}/comments")
def add_comment(s: Session):
    idea, elsewhere = s.idea(), s.idea(title="Some other idea")
    parent = s.comment("employee", idea, "Top-level")
    reply = s.call(
        "customer", "post", "/ideas/{id}/comments", 201, id=idea, json={"body": "Reply", "parent_id": parent}
    )
    assert reply["parent_id"] == parent and reply["deleted"] is False
    s.call("anon", "post", "/ideas/{id}/comments", 401, id=idea, json={"body": "Hello"})
    s.call("customer", "post", "/ideas/{id}/comments", 404, id=MISSING, json={"body": "Hello"})
    assert (
        "body"
        in s.call("customer", "post", "/ideas/{id}/comments", 422, id=idea, json={"body": "   "})["error"]["fields"]
    )
    wrong = s.call(
        "customer", "post", "/ideas/{id}/comments", 404, id=elsewhere, json={"body": "Sneaky", "parent_id": parent}
    )
    assert "parent_id" in wrong["error"]["fields"]
    s.call("customer", "post", "/ideas/{id}/comments", 400, id=idea, raw="body=text")


@operation("patch", "/comments/{id}")
def edit_comment(s: Session):
    idea = s.idea()
    mine = s.comment("customer", idea, "Typo hree")
    edited = s.call("customer", "patch", "/comments/{id}", 200, id=mine, json={"body": "Typo here"})
    assert edited["body"] == "Typo here" and edited["edited_at"] is not None
    s.call("anon", "patch", "/comments/{id}", 401, id=mine, json={"body": "Anonymous"})
    s.call("other", "patch", "/comments/{id}", 403, id=mine, json={"body": "Not mine"})
    s.call("customer", "patch", "/comments/{id}", 404, id=MISSING, json={"body": "Gone"})
    s.call("customer", "patch", "/comments/{id}", 422, id=mine, json={"body": ""})
    s.call("customer", "patch", "/comments/{id}", 400, id=mine, raw="null")


@operation("delete", "/comments/{id}")
def delete_comment(s: Session):
    idea = s.idea()
    mine = s.comment("customer", idea, "Regrettable")
    s.call("anon", "delete", "/comments/{id}", 401, id=mine)
    s.call("other", "delete", "/comments/{id}", 403, id=mine)
    gone = s.call("customer", "delete", "/comments/{id}", 200, id=mine)
    assert gone["deleted"] is True and gone["body"] == "" and gone["body_html"] == ""
    s.call("customer", "delete", "/comments/{id}", 403, id=mine)  # already deleted
    s.call("customer", "delete", "/comments/{id}", 404, id=MISSING)


@operation("post", "/ideas/{id}/follow")
def follow(s: Session):
    idea = s.idea()
    for _ in range(2):
        assert s.call("other", "post", "/ideas/{id}/follow", 200, id=idea) == {"idea_id": idea, "following": True}
    s.call("anon", "post", "/ideas/{id}/follow", 401, id=idea)
    s.call("other", "post", "/ideas/{id}/follow", 404, id=MISSING)
    s.call("other", "post", "/ideas/{id}/follow", 404, id=s.idea("employee", visibility="internal"))


@operation("delete", "/ideas/{id}/follow")
def unfollow(s: Session):
    idea = s.idea()
    for _ in range(2):
        assert s.call("customer", "delete", "/ideas/{id}/follow", 200, id=idea) == {"idea_id": idea, "following": False}
    s.call("anon", "delete", "/ideas/{id}/follow", 401, id=idea)
    s.call("customer", "delete", "/ideas/{id}/follow", 404, id=MISSING)


@operation("post", "/ideas/{id}/merge")
def merge(s: Session):
    source, target = s.idea(title="Photos on job completion"), s.idea(title="Attach photos to jobs")
    s.call("employee", "post", "/ideas/{id}/vote", 200, id=source)
    s.call("anon", "post", "/ideas/{id}/merge", 401, id=source, json={"into": target})
    s.call("customer", "post", "/ideas/{id}/merge", 403, id=source, json={"into": target})
    s.call("pm", "post", "/ideas/{id}/merge", 404, id=source, json={"into": MISSING})
    s.call("pm", "post", "/ideas/{id}/merge", 409, id=source, json={"into": source})
    s.call("pm", "post", "/ideas/{id}/merge", 422, id=source, json={"into": "x"})
    s.call("pm", "post", "/ideas/{id}/merge", 400, id=source, raw="{]")
    internal = s.idea("employee", title="Internal twin idea", visibility="internal")
    s.call("pm", "post", "/ideas/{id}/merge", 409, id=source, json={"into": internal})
    merged = s.call("pm", "post", "/ideas/{id}/merge", 200, id=source, json={"into": target})
    # The author supports both ideas and counts once; the employee's support moves over.
    assert merged["id"] == target and merged["support"]["total"] == 2
    s.call("pm", "post", "/ideas/{id}/merge", 409, id=source, json={"into": target})
    s.call("employee", "post", "/ideas/{id}/vote", 409, id=source)  # a merged idea takes no votes


@operation("get", "/ideas/similar")
def similar(s: Session):
    # The index is filled by a job: nothing indexed yet means no suggestions, not an error.
    s.idea(title="Let technicians attach photos")
    assert s.call("customer", "get", "/ideas/similar", 200, query_string={"title": "technician photos"}) == {
        "items": []
    }
    s.call("anon", "get", "/ideas/similar", 422, query_string={"title": "photos", "limit": "0"})
    s.call("anon", "get", "/ideas/similar", 422, query_string={"title": "x" * 1001})


def documented_ideas_operations(client) -> set[tuple[str, str]]:
    spec = client.get("/api/v1/openapi.json").get_json()
    return {
        (method, path)
        for path, item in spec["paths"].items()
        if path.startswith(("/ideas", "/comments"))
        for method in item
        if method in HTTP_METHODS
    }


@pytest.mark.parametrize("key", sorted(OPERATIONS), ids=" ".join)
def test_operation_has_success_and_error_cases(session, key):
    OPERATIONS[key](session)
    statuses = session.called.get(key, [])
    assert any(200 <= status < 300 for status in statuses), f"{key}: no success case"
    assert any(400 <= status < 500 for status in statuses), f"{key}: no error case"


def test_every_documented_ideas_operation_is_called(session, client):
    """One database for all exercises: the set of (method, template) pairs actually called must
    equal the ideas operations of the spec, in both directions."""
    for exercise in OPERATIONS.values():
        exercise(session)
    documented = documented_ideas_operations(client)
    assert len(documented) == 17
    assert set(session.called) == documented
