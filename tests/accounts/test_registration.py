"""Registration, sign-in, sign-out and the bad input they must refuse cleanly."""

import pytest
from sqlalchemy import func, select

from innovation.accounts.models import AuditEvent, User
from innovation.extensions import db

from ..conftest import csrf_from
from ..factories import DEFAULT_PASSWORD


def register(client, **overrides):
    data = {"name": "Carla Mendes", "email": "carla@example.org", "password": "tangerine-lighthouse-7"}
    data.update(overrides)
    data.setdefault("csrf_token", csrf_from(client.get("/register").get_data(as_text=True)))
    return client.post("/register", data=data)


def user_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def test_register_creates_a_signed_in_customer(client):
    response = register(client)
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "carla@example.org"))
    assert user.role == "customer" and user.constituency == "customer"
    assert user.password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert "Carla Mendes" in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": "not-an-address"}, "not valid"),
        ({"email": "a@b"}, "not valid"),
        ({"password": "short1!"}, "10"),
        ({"password": "password123"}, "common"),
        ({"password": "qwertyuiop"}, "common"),
        ({"password": "x" * 129}, "128"),
        ({"name": "N" * 10_000}, "80"),
        ({"name": "   "}, "required"),
    ],
)
def test_register_refuses_bad_input(client, overrides, message):
    response = register(client, **overrides)
    assert response.status_code == 422
    assert message.lower() in response.get_data(as_text=True).lower()
    assert user_count() == 0


def test_register_refuses_an_existing_email(client, users):
    users("customer", email="carla@example.org")
    response = register(client, email="Carla@Example.org")
    assert response.status_code == 422
    assert "already exists" in response.get_data(as_text=True)
    assert user_count() == 1


def test_missing_csrf_token_is_a_400(client):
    response = client.post(
        "/register", data={"name": "A B", "email": "ab@example.org", "password": "tangerine-lighthouse-7"}
    )
    assert response.status_code == 400
    assert "security token" in response.get_data(as_text=True)
    assert user_count() == 0


def test_login_and_wrong_password(client, users, auth):
    user = users("employee")
    bad = auth.login(user.email, "wrong-password-123")
    assert bad.status_code == 422
    assert "do not match" in bad.get_data(as_text=True)
    good = auth.login(user.email)
    assert good.status_code == 302
    actions = list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions == ["sign_in_failed", "sign_in"]


def test_unknown_email_fails_like_a_wrong_password(client, auth):
    response = auth.login("nobody@example.org", DEFAULT_PASSWORD)
    assert response.status_code == 422
    assert "do not match" in response.get_data(as_text=True)


def test_logout_invalidates_the_session_on_the_server(client, users, auth):
    user = users("customer")
    auth.login(user.email)
    stolen = client.get_cookie("session").value
    auth.logout()
    client.set_cookie("session", stolen)  # replay the cookie captured before logout
    page = client.get("/settings")
    assert page.status_code == 302 and "/login" in page.headers["Location"]


def test_remember_me_sets_a_cookie_that_logout_also_kills(client, users, auth):
    user = users("customer")
    auth.login(user.email, remember=True)
    remember = client.get_cookie("remember_token")
    assert remember is not None and remember.http_only
    auth.logout()
    client.delete_cookie("session")
    client.set_cookie("remember_token", remember.value)
    assert client.get("/settings").status_code == 302


def test_login_is_rate_limited(app, client):
    app.config["RATELIMIT_LOGIN"] = "3 per minute"
    token = csrf_from(client.get("/login").get_data(as_text=True))
    statuses = [
        client.post(
            "/login", data={"email": "x@example.org", "password": "nope-nope-nope", "csrf_token": token}
        ).status_code
        for _ in range(4)
    ]
    assert statuses == [422, 422, 422, 429]
    assert "Too many attempts" in client.post("/login", data={"csrf_token": token}).get_data(as_text=True)


def test_next_parameter_never_leaves_the_site(client, users, auth):
    user = users("customer")
    token = auth.csrf("/login")
    response = client.post(
        "/login?next=https://evil.example/",
        data={"email": user.email, "password": DEFAULT_PASSWORD, "csrf_token": token},
    )
    assert response.headers["Location"] == "/"


def test_registration_is_rate_limited(app, client):
    app.config["RATELIMIT_REGISTER"] = "2 per hour"
    statuses = [
        register(app.test_client(), email=f"user{n}@example.org", name=f"User Number {n}").status_code for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert user_count() == 2


def test_api_token_endpoint_is_rate_limited_with_a_json_429(app, client):
    app.config["RATELIMIT_LOGIN"] = "2 per minute"
    for _ in range(2):
        client.post("/api/v1/auth/token", json={"email": "a@example.org", "password": "whatever-123"})
    response = client.post("/api/v1/auth/token", json={"email": "a@example.org", "password": "whatever-123"})
    assert response.status_code == 429
    assert response.get_json()["error"]["code"] == "rate_limited"
