"""Profiles, the role helper on every protected page, and admin role changes."""

import pytest
from sqlalchemy import select

from innovation.accounts.models import AuditEvent

from ..conftest import csrf_from

PROTECTED = [
    ("/admin/", ("admin",)),
    ("/admin/audit", ("admin",)),
    ("/invite", ("pm", "admin")),
    ("/settings", ("customer", "employee", "pm", "admin")),
]


@pytest.mark.parametrize("role", ["customer", "employee", "pm", "admin"])
@pytest.mark.parametrize(("path", "allowed"), PROTECTED)
def test_role_access(client, users, auth, role, path, allowed):
    user = users(role)
    auth.login(user.email)
    response = client.get(path)
    assert response.status_code == (200 if role in allowed else 403)


@pytest.mark.parametrize(("path", "_allowed"), PROTECTED)
def test_anonymous_is_sent_to_login(client, path, _allowed):
    response = client.get(path)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_refused_authorization_is_audited(client, users, auth, app):
    user = users("customer")
    auth.login(user.email)
    client.get("/admin/")
    from innovation.extensions import db

    denial = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "access_denied"))
    assert denial.actor_id == user.id and denial.detail["required"] == ["admin"]


def test_profile_edit_and_page(client, users, auth):
    user = users("employee", name="Grace Okafor")
    auth.login(user.email)
    token = csrf_from(client.get("/settings").get_data(as_text=True))
    response = client.post(
        "/settings",
        data={
            "which": "profile",
            "csrf_token": token,
            "name": "Grace O.",
            "bio": "Sync engine & API.",
            "expertise": "API, offline sync, api",
            "department": "Engineering",
            "title": "Staff engineer",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/people/{user.id}").get_data(as_text=True)
    assert "Grace O." in page and "offline-sync" in page and "Staff engineer" in page
    assert "Employee" in page


def test_profile_refuses_a_huge_name(client, users, auth):
    user = users("customer")
    auth.login(user.email)
    token = csrf_from(client.get("/settings").get_data(as_text=True))
    response = client.post("/settings", data={"which": "profile", "csrf_token": token, "name": "N" * 10_000})
    assert response.status_code == 422
    assert client.get(f"/people/{user.id}").get_data(as_text=True).count("N" * 100) == 0


def test_unknown_person_is_404(client):
    assert client.get("/people/999999").status_code == 404


def test_admin_changes_a_role_and_it_is_audited(client, users, auth):
    from innovation.extensions import db

    admin = users("admin")
    customer = users("customer")
    auth.login(admin.email)
    page = client.get("/admin/").get_data(as_text=True)
    token = csrf_from(page)
    response = client.post(
        f"/admin/users/{customer.id}/role", data={f"u{customer.id}-role": "pm", f"u{customer.id}-csrf_token": token}
    )
    assert response.status_code == 302
    db.session.refresh(customer)
    assert customer.role == "pm" and customer.constituency == "employee"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "role_changed"))
    assert event.detail == {"old": "customer", "new": "pm"} and event.actor_id == admin.id
    assert "role_changed" in client.get("/admin/audit").get_data(as_text=True)


def test_admin_cannot_demote_themself(client, users, auth):
    from innovation.extensions import db

    admin = users("admin")
    auth.login(admin.email)
    token = csrf_from(client.get("/admin/").get_data(as_text=True))
    client.post(
        f"/admin/users/{admin.id}/role", data={f"u{admin.id}-role": "customer", f"u{admin.id}-csrf_token": token}
    )
    db.session.refresh(admin)
    assert admin.role == "admin"
