"""API v1 skeleton: tokens, /me, CSRF for cookie writes, JSON errors, the OpenAPI document."""

import pytest

from ..factories import DEFAULT_PASSWORD
from .openapi_check import assert_matches_spec


def get_token(client, user):
    response = client.post("/api/v1/auth/token", json={"email": user.email, "password": DEFAULT_PASSWORD})
    assert_matches_spec(client, "post", "/auth/token", response)
    return response.get_json()["token"]


def test_token_then_me(client, users):
    user = users("employee")
    token = get_token(client, user)
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.get_json() == {
        "id": user.id,
        "name": user.name,
        "email": user.email,
        "role": "employee",
        "constituency": "employee",
    }
    assert_matches_spec(client, "get", "/me", response)


def test_bad_credentials_are_401(client, users):
    user = users("customer")
    response = client.post("/api/v1/auth/token", json={"email": user.email, "password": "wrong-wrong-wrong"})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "invalid_credentials"
    assert_matches_spec(client, "post", "/auth/token", response)


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b"", b"\xff\xfe"])
def test_malformed_json_is_a_400_json_error(client, body):
    response = client.post("/api/v1/auth/token", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "malformed_json"


def test_missing_fields_are_422(client):
    response = client.post("/api/v1/auth/token", json={"email": "a@example.org"})
    assert response.status_code == 422
    assert "password" in response.get_json()["error"]["fields"]


def test_me_without_credentials_is_401(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert_matches_spec(client, "get", "/me", response)


def test_bad_bearer_token_is_401(client):
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_cookie_session_authenticates_but_writes_need_csrf(client, users, auth):
    user = users("customer")
    auth.login(user.email)
    assert client.get("/api/v1/me").get_json()["id"] == user.id
    refused = client.post("/api/v1/auth/token", json={"email": user.email, "password": DEFAULT_PASSWORD})
    assert refused.status_code == 400 and refused.get_json()["error"]["code"] == "csrf_failed"
    token = auth.csrf("/settings")
    allowed = client.post(
        "/api/v1/auth/token", json={"email": user.email, "password": DEFAULT_PASSWORD}, headers={"X-CSRFToken": token}
    )
    assert allowed.status_code == 200


def test_unknown_api_path_and_method_are_json(client):
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "not_found"
    wrong_method = client.delete("/api/v1/me")
    assert wrong_method.status_code == 405 and wrong_method.get_json()["error"]["code"] == "method_not_allowed"


def test_too_large_body_is_413(client, app):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/api/v1/auth/token", data=b"{" + b" " * 5000 + b"}", content_type="application/json")
    assert response.status_code == 413 and response.get_json()["error"]["code"] == "too_large"


def test_openapi_document_lists_the_endpoints(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.1")
    assert {"/auth/token", "/me", "/openapi.json"} <= set(spec["paths"])
