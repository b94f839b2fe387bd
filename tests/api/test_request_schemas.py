"""Request bodies and query strings are checked against their schemas at the API's edge: JSON
types strictly, answering in API.md's error format, and never before the caller is known."""

import pytest

from innovation.extensions import db
from innovation.ideas.services import submit_idea

from ..decisions.helpers import make_round
from ..ideas.helpers import Api, new_idea


@pytest.fixture
def idea_id(users):
    idea = submit_idea(users("customer"), title="Attach photos to jobs")
    db.session.commit()
    return idea.id


@pytest.mark.parametrize("value", [True, "3", 3.5, None, [3], {"v": 3}])
def test_an_integer_takes_only_an_integer(client, users, idea_id, value):
    response = Api(client, users("employee")).put(f"/ideas/{idea_id}/rating", json={"value": value})
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "validation_failed" and list(error["fields"]) == ["value"]
    assert error["message"].startswith("`value` ")


def test_the_message_says_what_is_wrong(client, users, idea_id):
    error = Api(client, users("employee")).put(f"/ideas/{idea_id}/rating", json={"value": "3"}).get_json()["error"]
    assert error == {
        "code": "validation_failed",
        "message": "`value` must be a whole number.",
        "fields": {"value": ["A whole number."]},
    }
    missing = Api(client, users("employee")).put(f"/ideas/{idea_id}/rating", json={}).get_json()["error"]
    assert missing["fields"] == {"value": ["Required."]} and missing["message"] == "`value` is required."


def test_nested_fields_are_named_by_their_dotted_path(client, users):
    api = Api(client, users("pm"))
    error = api.post("/notifications/read", json={"ids": [1, "2", False]}).get_json()["error"]
    assert set(error["fields"]) == {"ids.1", "ids.2"}
    error = api.post(
        "/rounds", json={"title": "Dotted paths", "method": "approval", "quorum": {"customer": "2"}}
    ).get_json()["error"]
    assert error["fields"] == {"quorum.customer": ["A whole number."]}


def test_unknown_impact_fields_are_refused_and_unknown_body_fields_ignored(client, users):
    pm = users("pm")
    api, round_id, _cids = make_round(client, pm, users, ideas=1)
    idea = new_idea(Api(client, users("customer")), title="One more candidate idea")
    refused = api.post(f"/rounds/{round_id}/candidates", json={"idea_id": idea["id"], "impact": {"costs": 1}})
    assert refused.status_code == 422 and list(refused.get_json()["error"]["fields"]) == ["impact.costs"]
    added = api.post(
        f"/rounds/{round_id}/candidates", json={"idea_id": idea["id"], "impact": {"cost": 5}, "colour": "blue"}
    )
    assert added.status_code == 201 and added.get_json()["impact"]["cost"] == 5.0


@pytest.mark.parametrize("raw", [b'{"value": NaN}', b'{"value": Infinity}', b"[4]", b"4", b"{"])
def test_not_json_objects_are_400_and_non_numbers_422(client, users, idea_id, raw):
    response = Api(client, users("employee")).put(f"/ideas/{idea_id}/rating", data=raw, content_type="application/json")
    expected = 422 if b"value" in raw else 400
    assert response.status_code == expected
    assert response.get_json()["error"]["code"] == ("validation_failed" if expected == 422 else "malformed_json")


def test_the_caller_is_known_before_the_body_is_read(client, users, idea_id):
    assert Api(client).post("/ideas", json={"title": 12345}).status_code == 401
    assert Api(client).put(f"/ideas/{idea_id}/rating", data=b"{", content_type="application/json").status_code == 401
    customer = Api(client, users("customer"))
    for path, body in (
        ("/rounds", {"title": 5, "method": []}),
        (f"/ideas/{idea_id}/merge", {"into": "x"}),
        (f"/ideas/{idea_id}/status", {"status": 7}),
    ):
        refused = customer.post(path, json=body)
        assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "forbidden", path


def test_weights_are_one_field(client, users):
    error = (
        Api(client, users("pm"))
        .post(
            "/rounds",
            json={"title": "Weighted round", "method": "approval", "weights": {"customer": 0.5, "robots": 0.5}},
        )
        .get_json()["error"]
    )
    assert list(error["fields"]) == ["weights"] and "customer" in error["message"]


def test_query_parameters_are_whole_numbers_and_out_of_range_ones_are_brought_inside(client, users, idea_id):
    assert client.get("/api/v1/ideas/similar?title=photos&limit=x").get_json()["error"]["fields"] == {
        "limit": ["A whole number."]
    }
    for path in ("/search?q=photos&per_page=abc", "/experts?q=photos&limit=nope", "/ideas?page=zero&per_page=x"):
        refused = client.get("/api/v1" + path)
        assert refused.status_code == 422 and refused.get_json()["error"]["code"] == "validation_failed", path
    assert client.get("/api/v1/search?q=photos&per_page=500").get_json()["per_page"] == 50
    assert client.get("/api/v1/search?q=photos&page=").status_code == 200
    assert client.get("/api/v1/ideas?page=0&per_page=1000").get_json()["per_page"] == 100
