"""In tests every API response is checked against what its route declares: prove that a
response breaking its schema (or answering an undeclared status) makes the test fail."""

import pytest

from innovation.api import ideas as idea_views
from innovation.api.operations import OPERATIONS
from innovation.api.response_check import ResponseMismatch, check_response, mismatch
from innovation.extensions import db
from innovation.ideas.services import submit_idea

GET_IDEA = OPERATIONS[("api.get_idea", "GET")]


@pytest.fixture
def idea_id(users):
    idea = submit_idea(users("customer"), title="Attach photos to jobs")
    db.session.commit()
    return idea.id


def test_the_check_is_on_in_tests(app):
    assert app.config["API_CHECK_RESPONSES"] is True
    assert check_response in app.after_request_funcs[None]


def test_a_true_response_passes(client, idea_id):
    response = client.get(f"/api/v1/ideas/{idea_id}")
    assert response.status_code == 200
    assert mismatch(GET_IDEA, 200, response.get_data()) is None


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda body: body["support"].update(total="3"), "support.total"),  # a number as text
        (lambda body: body.update(smuggled=True), "smuggled"),  # a field nobody documented
        (lambda body: body.pop("my_vote"), "my_vote"),  # a documented field left out
        (lambda body: body.update(status="teleported"), "status"),  # not a status
        (lambda body: body.update(created_at="yesterday"), "created_at"),  # not a time
        (lambda body: body.update(created_at="2024-05-01T09:30:00"), "created_at"),  # a time without its zone
    ],
)
def test_a_response_that_breaks_its_schema_fails_the_test(client, idea_id, monkeypatch, change, complaint):
    real = idea_views.idea_json

    def broken(*args):
        body = real(*args)
        change(body)
        return body

    monkeypatch.setattr(idea_views, "idea_json", broken)
    with pytest.raises(ResponseMismatch, match=complaint):
        client.get(f"/api/v1/ideas/{idea_id}")


def test_an_undeclared_status_or_a_wrong_error_body_fails():
    assert "does not declare" in mismatch(GET_IDEA, 409, b'{"error": {"code": "conflict", "message": "x"}}')
    assert mismatch(GET_IDEA, 404, b'{"error": {"code": "not_found", "message": "No such idea."}}') is None
    assert "error.message" in mismatch(GET_IDEA, 404, b'{"error": {"code": "not_found"}}')
    assert "error.code" in mismatch(GET_IDEA, 404, b'{"error": {"code": "Not Found", "message": "x"}}')
    assert mismatch(GET_IDEA, 200, b"") is not None
