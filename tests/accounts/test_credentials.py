"""Credentials die when they should: a password change, "sign out everywhere" and an admin's
deactivation end every session and every API token at once; sign-in starts a fresh session;
answers for a signed-in person are never stored; opening an invitation link changes nothing.
(The same across processes and nodes: tests/concurrency/test_token_revocation.py.)"""

import pytest
from sqlalchemy import func, select

from innovation.accounts import invitations, services
from innovation.accounts.models import ApiToken, AuditEvent, User
from innovation.extensions import db

from ..conftest import AuthActions, csrf_from
from ..factories import DEFAULT_PASSWORD

NEW_PASSWORD = "saffron-lantern-2291"


def api_token(client, email: str, password: str = DEFAULT_PASSWORD) -> str:
    """A bearer token, asked for as a script would (no cookies)."""
    response = client.application.test_client().post("/api/v1/auth/token", json={"email": email, "password": password})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["token"]


def me_status(client, token: str) -> int:
    return client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code


def signed_in(client) -> bool:
    """Whether the client's cookies still carry a signed-in person (the settings page answers)."""
    return client.get("/settings").status_code == 200


def device(app, email: str, *, remember: bool = False):
    """Another browser of the same person, signed in through the real form."""
    other = app.test_client()
    AuthActions(other).login(email, remember=remember)
    assert signed_in(other)
    return other


def change_password(client, current: str = DEFAULT_PASSWORD, new: str = NEW_PASSWORD):
    token = csrf_from(client.get("/settings").get_data(as_text=True))
    return client.post(
        "/settings/password", data={"pw-current_password": current, "pw-new_password": new, "csrf_token": token}
    )


def token_rows(user_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(ApiToken).where(ApiToken.user_id == user_id))


# --- a password change ---


def test_password_change_kills_every_token_and_other_session_but_keeps_this_device(app, client, users, auth):
    person = users("customer")
    tokens = [api_token(client, person.email) for _ in range(2)]
    laptop = device(app, person.email)
    phone = device(app, person.email, remember=True)
    remembered = phone.get_cookie("remember_token").value
    auth.login(person.email)

    response = change_password(client)

    assert response.status_code == 302
    for token in tokens:
        answer = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 401 and answer.get_json()["error"]["code"] == "invalid_token"
    assert token_rows(person.id) == 0
    assert not signed_in(laptop) and not signed_in(phone)
    phone.delete_cookie("session")
    phone.set_cookie("remember_token", remembered)  # the remember-me cookie died with them
    assert not signed_in(phone)
    assert signed_in(client)  # the device that changed it goes on, on a new session
    assert me_status(client, api_token(client, person.email, NEW_PASSWORD)) == 200


def test_a_wrong_current_password_revokes_nothing(client, users, auth):
    person = users("customer")
    token = api_token(client, person.email)
    auth.login(person.email)
    assert change_password(client, current="not-my-password-at-all").status_code == 422
    assert me_status(client, token) == 200 and signed_in(client)


def test_a_token_issued_by_a_sign_in_racing_the_change_is_dead(client, users, auth):
    """A sign-in that read the person before the change committed inserts its token after the
    change deleted the others: it carries the old credentials version, so it does not count."""
    person = users("customer")
    stale = db.session.get(User, person.id)  # what the racing sign-in read
    auth.login(person.email)
    assert change_password(client).status_code == 302
    late_token = services.issue_api_token(stale, days=1)  # inserted after the change
    db.session.commit()
    assert token_rows(person.id) == 1
    assert me_status(client, late_token) == 401


# --- sign out everywhere ---


def test_sign_out_everywhere_button_ends_every_session_and_token(app, client, users, auth):
    person = users("employee")
    token = api_token(client, person.email)
    laptop = device(app, person.email)
    auth.login(person.email)
    page = client.get("/settings").get_data(as_text=True)
    assert "Sign out everywhere" in page

    response = client.post("/settings/sign-out-everywhere", data={"csrf_token": csrf_from(page)})

    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert me_status(client, token) == 401 and token_rows(person.id) == 0
    assert not signed_in(client) and not signed_in(laptop)
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "signed_out_everywhere"))


def test_sign_out_everywhere_needs_the_form_token(client, users, auth):
    person = users("customer")
    token = api_token(client, person.email)
    auth.login(person.email)
    assert client.post("/settings/sign-out-everywhere").status_code == 400
    assert me_status(client, token) == 200 and signed_in(client)


def test_api_sign_out_everywhere_revokes_the_callers_tokens_and_sessions(app, client, users):
    person, other = users("customer"), users("customer")
    first, second = api_token(client, person.email), api_token(client, person.email)
    others_token = api_token(client, other.email)
    laptop = device(app, person.email)

    response = client.post("/api/v1/auth/sign-out-everywhere", headers={"Authorization": f"Bearer {first}"})

    assert response.status_code == 200 and response.get_json() == {"revoked_tokens": 2}
    assert me_status(client, first) == 401 and me_status(client, second) == 401
    assert not signed_in(laptop)
    assert me_status(client, others_token) == 200  # only the caller's credentials


def test_api_sign_out_everywhere_without_credentials_is_401_and_by_cookie_needs_csrf(app, client, users, auth):
    assert client.post("/api/v1/auth/sign-out-everywhere").status_code == 401
    person = users("customer")
    token = api_token(client, person.email)
    auth.login(person.email)
    assert client.post("/api/v1/auth/sign-out-everywhere").status_code == 400  # cookie without X-CSRFToken
    assert me_status(client, token) == 200
    csrf = csrf_from(client.get("/settings").get_data(as_text=True))
    response = client.post("/api/v1/auth/sign-out-everywhere", headers={"X-CSRFToken": csrf})
    assert response.status_code == 200 and me_status(client, token) == 401 and not signed_in(client)


# --- an admin's deactivation ---


def admin_post(client, path: str):
    token = csrf_from(client.get("/admin/").get_data(as_text=True))
    return client.post(path, data={"csrf_token": token})


def test_admin_deactivation_ends_everything_and_refuses_sign_in_until_reactivated(app, client, users, auth):
    admin, person = users("admin"), users("employee")
    token = api_token(client, person.email)
    laptop = device(app, person.email)
    auth.login(admin.email)
    assert "Deactivate" in client.get("/admin/").get_data(as_text=True)

    assert admin_post(client, f"/admin/users/{person.id}/deactivate").status_code == 302

    assert me_status(client, token) == 401 and token_rows(person.id) == 0
    assert not signed_in(laptop)
    script = app.test_client()
    refused = script.post("/api/v1/auth/token", json={"email": person.email, "password": DEFAULT_PASSWORD})
    assert refused.status_code == 401 and refused.get_json()["error"]["code"] == "invalid_credentials"
    assert AuthActions(laptop).login(person.email).status_code == 422 and not signed_in(laptop)
    assert "Deactivated" in client.get("/admin/").get_data(as_text=True)

    assert admin_post(client, f"/admin/users/{person.id}/reactivate").status_code == 302
    assert me_status(client, token) == 401  # reactivation revives no old credential
    assert me_status(client, api_token(client, person.email)) == 200


def test_an_admin_cannot_deactivate_themselves_and_others_may_not_at_all(app, client, users, auth):
    admin, pm = users("admin"), users("pm")
    auth.login(admin.email)
    admin_post(client, f"/admin/users/{admin.id}/deactivate")
    assert "cannot deactivate your own account" in client.get("/admin/").get_data(as_text=True)
    assert signed_in(client)
    other = device(app, pm.email)
    csrf = csrf_from(other.get("/settings").get_data(as_text=True))
    assert other.post(f"/admin/users/{admin.id}/deactivate", data={"csrf_token": csrf}).status_code == 403
    db.session.expire_all()
    assert db.session.get(User, admin.id).deactivated_at is None


# --- sign-in starts a fresh session ---


def test_sign_in_keeps_nothing_of_the_session_before_it(app, client, users, auth):
    person = users("customer")
    before_page = client.get("/login").get_data(as_text=True)
    csrf_before = csrf_from(before_page)
    with client.session_transaction() as session:
        session["planted"] = "by whoever handed this browser its cookie"
    captured = client.get_cookie("session").value

    response = client.post(
        "/login", data={"email": person.email, "password": DEFAULT_PASSWORD, "csrf_token": csrf_before}
    )

    assert response.status_code == 302 and signed_in(client)
    with client.session_transaction() as session:
        assert "planted" not in session
    assert client.post("/logout", data={"csrf_token": csrf_before}).status_code == 400  # a new CSRF token
    replay = app.test_client()
    replay.set_cookie("session", captured)
    assert not signed_in(replay)


def test_sign_in_as_someone_else_leaves_no_trace_of_the_first_person(app, client, users, auth):
    first, second = users("employee"), users("customer")
    auth.login(first.email)
    with client.session_transaction() as session:
        session["planted"] = "left by the first person"
    auth.logout()
    auth.login(second.email)
    with client.session_transaction() as session:
        assert "planted" not in session
    assert client.get("/api/v1/me").get_json()["id"] == second.id


# --- no answer for a signed-in person is stored ---


def test_answers_for_a_signed_in_person_are_private_no_store(client, users, auth):
    person = users("customer")
    token = api_token(client, person.email)
    assert "no-store" not in client.get("/ideas").headers.get("Cache-Control", "")  # a visitor's page
    for answer in (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}),
        client.get("/api/v1/ideas", headers={"Authorization": f"Bearer {token}"}),
        client.get("/api/v1/me", headers={"Authorization": "Bearer not-a-token"}),
    ):
        assert answer.headers["Cache-Control"] == "private, no-store"
    auth.login(person.email)
    for path in ("/", "/ideas", "/settings", "/api/v1/me", "/notifications"):
        assert client.get(path).headers["Cache-Control"] == "private, no-store", path


# --- nothing changes on GET ---


@pytest.fixture
def invitation_link(users):
    invitation = invitations.invite_employee(users("pm"), "new.colleague@example.org")
    db.session.commit()
    return f"/invite/{invitations.invitation_token(invitation)}"


def test_opening_an_invitation_link_signs_nobody_out(client, users, auth, invitation_link):
    person = users("customer")
    auth.login(person.email)
    page = client.get(invitation_link)
    assert page.status_code == 200 and f"signed in as {person.name}" in page.get_data(as_text=True)
    assert client.get("/api/v1/me").get_json()["id"] == person.id
    assert db.session.scalar(select(func.count()).select_from(User)) == 2  # nobody was created


def test_accepting_the_invitation_replaces_whoever_was_signed_in(client, users, auth, invitation_link):
    person = users("customer")
    auth.login(person.email)
    page = client.get(invitation_link).get_data(as_text=True)
    response = client.post(
        invitation_link, data={"name": "New Colleague", "password": NEW_PASSWORD, "csrf_token": csrf_from(page)}
    )
    assert response.status_code == 302
    me = client.get("/api/v1/me").get_json()
    assert me["email"] == "new.colleague@example.org" and me["role"] == "employee"
