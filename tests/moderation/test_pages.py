"""The pages of approval before publishing: the admin's settings page and per-person flag,
the moderators' queue (with the author's record, approve and reject), the author's marks, the
header's count; and who waits under each setting."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from innovation.accounts.models import User
from innovation.admin.settings import update_site_settings
from innovation.extensions import db
from innovation.ideas import comments, services
from innovation.ideas.approval import needs_approval
from innovation.ideas.models import Idea
from innovation.platform.db import utcnow

from ..conftest import AuthActions, csrf_from


@pytest.fixture
def people(users):
    return {
        "admin": users("admin", name="Ada Admin"),
        "pm": users("pm", name="Pat Manager"),
        "customer": users("customer", name="Carla Customer"),
        "employee": users("employee", name="Eve Engineer"),
    }


@pytest.fixture
def browser(app, client):
    def signed_in_as(user):
        session = app.test_client()
        assert AuthActions(session).login(user.email).status_code == 302
        return session

    return signed_in_as


def submit(session, page, action, **fields):
    token = csrf_from(session.get(page).get_data(as_text=True))
    return session.post(action, data={"csrf_token": token, **fields})


def set_mode(people, mode):
    update_site_settings(people["admin"], {"premoderation": mode})
    db.session.commit()


def test_only_admins_open_the_settings_page_and_it_explains_each_choice(people, browser):
    assert browser(people["pm"]).get("/admin/settings").status_code == 403
    admin = browser(people["admin"])
    html = admin.get("/admin/settings").get_data(as_text=True)
    for words in ("Publish at once", "Customers wait for approval", "younger than 7 days", "never wait"):
        assert words in html
    assert submit(admin, "/admin/settings", "/admin/settings", premoderation="sometimes").status_code == 422
    assert submit(admin, "/admin/settings", "/admin/settings", premoderation="customers").status_code == 302
    assert 'value="customers" checked' in admin.get("/admin/settings").get_data(as_text=True).replace(
        '\n             aria-describedby="premoderation-customers-help"', ""
    )
    assert needs_approval(people["customer"]) and not needs_approval(people["employee"])


def test_the_settings_api_checks_every_field(client, people):
    from ..ideas.helpers import Api

    admin, pm = Api(client, people["admin"]), Api(client, people["pm"])
    assert pm.get("/admin/settings").status_code == 403
    assert admin.get("/admin/settings").get_json()["premoderation"] == "off"
    for bad in (
        {"premoderation": "maybe"},
        {"site_name": "x" * 81},
        {"accent_color": "blue"},
        {"welcome_text": "x" * 2001},
        {"employee_domains": ["not a host"]},
    ):
        assert admin.patch("/admin/settings", json=bad).status_code == 422, bad
    changed = admin.patch(
        "/admin/settings",
        json={"site_name": "Brightfield Ideas", "accent_color": "#0A7B6C", "employee_domains": ["Brightfield.example"]},
    ).get_json()
    assert changed["site_name"] == "Brightfield Ideas" and changed["accent_color"] == "#0a7b6c"
    assert changed["employee_domains"] == ["brightfield.example"] and changed["premoderation"] == "off"


def test_who_waits_under_each_setting(people, users):
    customer, employee, pm = people["customer"], people["employee"], people["pm"]
    veteran = users("customer")
    veteran.created_at = utcnow() - timedelta(days=30)
    quiet = users("customer")
    quiet.created_at = utcnow() - timedelta(days=30)
    services.submit_idea(veteran, title="Published before the setting")
    db.session.commit()
    expected = {
        "off": {customer: False, employee: False, veteran: False, quiet: False, pm: False},
        "customers": {customer: True, employee: False, veteran: True, quiet: True, pm: False},
        # younger than 7 days, or nothing published yet
        "new_accounts": {customer: True, employee: True, veteran: False, quiet: True, pm: False},
        "everyone": {customer: True, employee: True, veteran: True, quiet: True, pm: False},
    }
    for mode, answers in expected.items():
        set_mode(people, mode)
        assert {user.id: needs_approval(user) for user in answers} == {u.id: a for u, a in answers.items()}, mode


def test_an_admin_holds_one_person_whatever_the_setting(people, browser):
    admin = browser(people["admin"])
    employee = people["employee"]
    assert "Hold posts for approval" in admin.get("/admin/").get_data(as_text=True)
    assert submit(admin, "/admin/", f"/admin/users/{employee.id}/premoderate", hold="y").status_code == 302
    db.session.expire_all()
    assert db.session.get(User, employee.id).premoderate
    idea = services.submit_idea(db.session.get(User, employee.id), title="Held because flagged")
    assert idea.moderation == "pending" and not idea.listed
    db.session.commit()
    assert submit(admin, "/admin/", f"/admin/users/{employee.id}/premoderate", hold="").status_code == 302
    db.session.expire_all()
    assert not db.session.get(User, employee.id).premoderate


def test_the_queue_page_shows_the_record_and_approves_and_rejects(people, browser, users):
    set_mode(people, "customers")
    customer = people["customer"]
    published = services.submit_idea(people["employee"], title="An employee's published idea")
    db.session.commit()
    first = services.submit_idea(customer, title="First waiting idea")
    reply = comments.add_comment(customer, published.id, "A waiting comment")
    db.session.commit()
    assert browser(people["employee"]).get("/moderation").status_code == 403
    pm = browser(people["pm"])
    html = pm.get("/moderation").get_data(as_text=True)
    assert html.index("A waiting comment") < html.index("First waiting idea")  # newest first
    assert "· joined" in html and "before: 0 published, 0 not published" in html
    assert 'Moderation <span class="badge"' in html  # the header's count
    assert submit(pm, "/moderation", f"/moderation/idea/{first.id}/reject", reason="").status_code == 422
    assert submit(pm, "/moderation", f"/moderation/idea/{first.id}/reject", reason="Off topic").status_code == 302
    assert submit(pm, "/moderation", f"/moderation/comment/{reply.id}/approve").status_code == 302
    html = pm.get("/moderation").get_data(as_text=True)
    assert "Nothing waits for approval." in html
    assert 'Moderation <span class="badge"' not in html
    later = services.submit_idea(customer, title="Second waiting idea")
    db.session.commit()
    assert "before: 1 published, 1 not published" in pm.get("/moderation").get_data(as_text=True)
    author = browser(customer)
    assert "Not published:</strong> Off topic" in author.get(f"/ideas/{first.id}").get_data(as_text=True)
    assert "Waiting for approval" in author.get(f"/ideas/{later.id}").get_data(as_text=True)
    assert "Waiting for approval" in author.get("/").get_data(as_text=True)  # on the author's home
    assert browser(people["employee"]).get(f"/ideas/{later.id}").status_code == 404


def test_a_held_idea_from_the_form_says_so(people, browser):
    set_mode(people, "customers")
    author = browser(people["customer"])
    response = submit(
        author,
        "/ideas/new",
        "/ideas/new",
        title="A form-posted idea",
        body="",
        tags="",
        visibility="public",
        duplicates_checked="1",
    )
    assert response.status_code == 302
    page = author.get(response.headers["Location"]).get_data(as_text=True)
    assert "A moderator will look at your idea" in page and "Waiting for approval" in page
    idea = db.session.scalar(select(Idea).where(Idea.title == "A form-posted idea"))
    assert idea.moderation == "pending"
