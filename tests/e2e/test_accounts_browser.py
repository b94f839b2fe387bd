"""In a real browser: register, sign out, sign in; a wrong password; an invitation link."""

import re

import pytest
from playwright.sync_api import expect

from innovation.accounts import invitations
from innovation.accounts.jobs import send_invitation_email
from innovation.extensions import db
from innovation.platform.worker import run_worker

from ..accounts.test_invitations import mails

pytestmark = pytest.mark.e2e


def sign_in(page, base, email, password):
    page.goto(f"{base}/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_register_logout_login(live_server, new_page):
    page = new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Join").first.click()
    page.get_by_label("Your name").fill("Carla Mendes")
    page.get_by_label("E-mail address").fill("carla@example.org")
    page.get_by_label("Password").fill("tangerine-lighthouse-7")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Your customer account is ready")).to_be_visible()
    account_nav = page.get_by_role("navigation", name="Account")
    expect(account_nav.get_by_text("Carla Mendes")).to_be_visible()
    expect(account_nav.get_by_text("Customer")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out")).to_be_visible()
    expect(page.get_by_role("navigation", name="Account").get_by_role("link", name="Sign in")).to_be_visible()

    sign_in(page, live_server.url, "carla@example.org", "tangerine-lighthouse-7")
    expect(page.get_by_text("Signed in as Carla Mendes")).to_be_visible()
    assert page.errors == []


def test_wrong_password_shows_an_error(live_server, new_page, users):
    user = users("employee")
    page = new_page()
    sign_in(page, live_server.url, user.email, "definitely-not-it")
    expect(page.get_by_text("do not match an account")).to_be_visible()
    expect(page.get_by_label("E-mail address")).to_have_value(user.email)
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


def test_register_with_bad_input_explains_each_problem(live_server, new_page):
    page = new_page()
    page.goto(f"{live_server.url}/register")
    page.get_by_label("Your name").fill("Al")
    page.get_by_label("E-mail address").fill("not-an-address")
    page.get_by_label("Password").fill("password123")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text(re.compile("not valid|common", re.I)).first).to_be_visible()


def test_invitation_link_creates_an_employee_account(app, live_server, new_page, users):
    pm = users("pm", name="Priya Raman")
    page = new_page()
    sign_in(page, live_server.url, pm.email, "violet-harbour-1842")
    page.goto(f"{live_server.url}/invite")
    page.get_by_label("Colleague's e-mail address").fill("grace@example.org")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("Invitation sent to grace@example.org")).to_be_visible()

    run_worker(app, burst=True, fork=False)  # a real RQ worker delivers the queued e-mail
    message = mails(app)[-1]
    text = message.get_body(preferencelist=("plain",)).get_content()
    path = re.search(r"http://127\.0\.0\.1:5000(/invite/\S+)", text).group(1)

    invitee = new_page()
    invitee.goto(live_server.url + path)
    expect(invitee.get_by_text("grace@example.org")).to_be_visible()
    invitee.get_by_label("Your name").fill("Grace Okafor")
    invitee.get_by_label("Choose a password").fill("granite-meadow-4411")
    invitee.get_by_role("button", name="Create employee account").click()
    expect(invitee.get_by_text("You joined as an employee")).to_be_visible()
    expect(invitee.get_by_role("navigation", name="Account").get_by_text("Employee")).to_be_visible()

    invitee.goto(live_server.url + path)  # the link works once
    expect(invitee.get_by_text("already been used")).to_be_visible()


def test_tampered_invitation_shows_a_clear_error(app, live_server, new_page, users):
    invitation = invitations.invite_employee(users("pm"), "x@example.org")
    db.session.commit()
    send_invitation_email(invitation.id)
    page = new_page()
    response = page.goto(f"{live_server.url}/invite/{invitations.invitation_token(invitation)}tampered")
    assert response.status == 400
    expect(page.get_by_role("heading", name="Invitation not valid")).to_be_visible()
