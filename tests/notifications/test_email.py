"""E-mail through a real SMTP server: sent once, retried with backoff when refused, failed
deliveries visible to admins and retried from there; unsubscribe and verification links."""

import re

from sqlalchemy import select

from innovation.extensions import db
from innovation.ideas import services
from innovation.notifications.models import Delivery, OutboxEvent, Preference
from innovation.notifications.preferences import set_preferences
from innovation.notifications.tokens import unsubscribe_token
from innovation.platform.worker import run_worker

from ..conftest import csrf_from


def status_change_for(users, *, channel="email"):
    author = users("customer", email="author@example.org")
    set_preferences(author, {"status_change": channel})
    idea = services.submit_idea(author, title="Photos on job completion")
    db.session.commit()
    services.change_status(users("pm"), idea.id, "planned", "Next quarter")
    db.session.commit()
    return author, idea


def test_email_is_sent_once_even_if_jobs_run_twice(app, users, smtp):
    author, idea = status_change_for(users)
    run_worker(app, burst=True, fork=False)
    assert len(smtp.to(author.email)) == 1
    message = smtp.to(author.email)[0]
    assert "is now Planned" in message["Subject"]  # the status's label
    assert message["List-Unsubscribe"].strip().startswith("<http://127.0.0.1:5000/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.get_body(preferencelist=("html",)) is not None
    from innovation.notifications.jobs import enqueue_pending_emails, fan_out, send_deliveries

    event = db.session.scalar(select(OutboxEvent).where(OutboxEvent.kind == "status_change"))
    event.dispatched_at = None
    db.session.commit()
    fan_out(event.id)
    send_deliveries([d.id for d in db.session.scalars(select(Delivery))])
    enqueue_pending_emails()
    run_worker(app, burst=True, fork=False)
    assert len(smtp.to(author.email)) == 1


def test_refused_mail_is_retried_then_failed_then_retried_by_an_admin(app, client, auth, users, smtp):
    smtp.refuse = True
    author, idea = status_change_for(users)
    run_worker(app, burst=True, fork=False)
    delivery = db.session.scalar(select(Delivery).where(Delivery.user_id == author.id))
    assert delivery.status == "failed"
    assert delivery.attempts == app.config["MAIL_MAX_ATTEMPTS"] == 4
    assert smtp.refused == 4 and "550" in delivery.last_error
    assert smtp.to(author.email) == []

    admin = users("admin")
    auth.login(admin.email)
    page = client.get("/admin/deliveries")
    assert page.status_code == 200 and "Mailbox unavailable" in page.get_data(as_text=True)
    smtp.refuse = False
    response = client.post(
        f"/admin/deliveries/{delivery.id}/retry", data={"csrf_token": csrf_from(page.get_data(as_text=True))}
    )
    assert response.status_code == 302
    run_worker(app, burst=True, fork=False)
    run_worker(app, burst=True, fork=False)
    assert len(smtp.to(author.email)) == 1
    db.session.expire_all()
    assert db.session.get(Delivery, delivery.id).status == "sent"


def test_retry_policy_backs_off(app):
    from innovation.notifications.jobs import retry_policy

    app.config["MAIL_RETRY_INTERVALS"] = (30, 120, 600)
    policy = retry_policy()
    assert policy.max == 3 and policy.intervals == [30, 120, 600]


def test_unsubscribe_without_login_for_its_own_user_and_kind_only(app, client, users, smtp):
    author, idea = status_change_for(users)
    other = users("customer")
    set_preferences(other, {"status_change": "email"})
    db.session.commit()
    token = unsubscribe_token(author.id, "status_change")
    page = client.get(f"/unsubscribe/{token}")
    assert page.status_code == 200
    assert client.post(f"/unsubscribe/{token}").status_code == 200  # one-click: no session, no CSRF token
    channels = dict(
        db.session.execute(
            select(Preference.user_id, Preference.channel).where(Preference.kind == "status_change")
        ).all()
    )
    assert channels == {author.id: "in_app", other.id: "email"}
    others = dict(
        db.session.execute(select(Preference.kind, Preference.channel).where(Preference.user_id == author.id)).all()
    )
    assert set(others) == {"status_change"}


def test_tampered_unsubscribe_token_is_400(client, users):
    token = unsubscribe_token(users("customer").id, "comment")
    for bad in (token[:-2] + "xx", "garbage", token.replace(".", "-", 1)):
        assert client.get(f"/unsubscribe/{bad}").status_code == 400
        assert client.post(f"/unsubscribe/{bad}").status_code == 400


def test_registration_sends_a_verification_link_and_company_domains_become_employees(app, client, smtp):
    app.config["EMPLOYEE_EMAIL_DOMAINS"] = ["brightfield.example"]
    page = client.get("/register")
    client.post(
        "/register",
        data={
            "name": "Grace Hopper",
            "email": "grace@brightfield.example",
            "password": "tangerine-lighthouse-7",
            "csrf_token": csrf_from(page.get_data(as_text=True)),
        },
    )
    run_worker(app, burst=True, fork=False)
    run_worker(app, burst=True, fork=False)
    message = smtp.to("grace@brightfield.example")[0]
    assert "List-Unsubscribe" not in message
    text = message.get_body(("plain",)).get_content()
    link = re.search(r"http://127\.0\.0\.1:5000(/verify-email/\S+)", text).group(1)
    from innovation.accounts.models import User

    confirm = client.get(link)  # opening the link only asks: a mail scanner verifies nothing
    assert confirm.status_code == 200 and "Confirm my e-mail address" in confirm.get_data(as_text=True)
    user = db.session.scalar(select(User).where(User.email == "grace@brightfield.example"))
    assert user.email_verified_at is None and user.role == "customer"
    assert client.post(link, data={"csrf_token": csrf_from(confirm.get_data(as_text=True))}).status_code == 302
    db.session.refresh(user)
    assert user.email_verified_at is not None and user.role == "employee"
    assert client.get(link[:-3] + "abc").status_code == 400


def test_unreachable_smtp_server_ends_as_failed_not_stuck(app, users):
    from ..ports import free_port

    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_RETRY_INTERVALS=(0, 0, 0))
    author, _idea = status_change_for(users)
    run_worker(app, burst=True, fork=False)
    delivery = db.session.scalar(select(Delivery).where(Delivery.user_id == author.id))
    assert delivery.status == "failed" and "Connection" in delivery.last_error


def test_status_mail_says_the_new_status_and_the_pms_note_in_both_parts(app, users, smtp):
    from innovation.accounts.models import User

    author, idea = status_change_for(users)
    event = db.session.scalar(select(OutboxEvent).where(OutboxEvent.kind == "status_change"))
    pm_name = db.session.get(User, event.payload["actor_id"]).name
    run_worker(app, burst=True, fork=False)
    [message] = smtp.to(author.email)
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "New status: Planned" in text and "New status: <strong>Planned</strong>" in html
    for part in (text, html):
        assert f"Note from {pm_name}" in part and "Next quarter" in part
        assert f"http://127.0.0.1:5000/ideas/{idea.id}" in part
