"""Employee invitations: the e-mail job, the signed link, and every way a link can be bad."""

import email
import email.policy
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from rq import Queue
from sqlalchemy import select

from innovation.accounts import invitations
from innovation.accounts.jobs import send_invitation_email
from innovation.accounts.models import Invitation, User
from innovation.extensions import db
from innovation.platform.db import utcnow
from innovation.platform.jobs import get_redis

from ..conftest import csrf_from

ROOT = Path(__file__).resolve().parents[2]


def mails(app) -> list[email.message.EmailMessage]:
    directory = Path(app.config["MAIL_DIR"])
    if not directory.exists():
        return []
    return [
        email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        for path in sorted(directory.glob("*.eml"))
    ]


def link_in(message) -> str:
    text = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"http://127\.0\.0\.1:5000(/invite/\S+)", text).group(1)


def invite_via_page(client, auth, inviter, address="new.colleague@example.org"):
    auth.login(inviter.email)
    token = csrf_from(client.get("/invite").get_data(as_text=True))
    return client.post("/invite", data={"email": address, "csrf_token": token})


def test_pm_invites_and_the_mail_job_is_queued_after_commit(app, client, users, auth):
    pm = users("pm")
    response = invite_via_page(client, auth, pm)
    assert response.status_code == 302
    assert Queue("mail", connection=get_redis()).count == 1
    invitation = db.session.scalar(select(Invitation))
    assert invitation.email == "new.colleague@example.org" and invitation.email_sent_at is None


def test_mail_job_writes_one_eml_even_when_run_twice(app, users):
    invitation = invitations.invite_employee(users("admin"), "someone@example.org")
    db.session.commit()
    assert send_invitation_email(invitation.id).endswith(".eml")
    assert send_invitation_email(invitation.id) is None
    sent = mails(app)
    assert len(sent) == 1
    assert sent[0]["To"] == "someone@example.org"
    assert "/invite/" in sent[0].get_body(preferencelist=("html",)).get_content()


def test_accepting_the_link_creates_an_employee(app, client, users):
    invitation = invitations.invite_employee(users("pm"), "joiner@example.org")
    db.session.commit()
    send_invitation_email(invitation.id)
    path = link_in(mails(app)[0])
    page = client.get(path)
    assert page.status_code == 200 and "joiner@example.org" in page.get_data(as_text=True)
    response = client.post(
        path,
        data={
            "name": "Jo Iner",
            "password": "granite-meadow-4411",
            "csrf_token": csrf_from(page.get_data(as_text=True)),
        },
    )
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "joiner@example.org"))
    assert user.role == "employee" and user.constituency == "employee" and user.email_verified_at
    assert client.get(path).status_code == 400  # a used link does not work twice


def test_tampered_link_is_a_400(app, client, users):
    invitation = invitations.invite_employee(users("pm"), "joiner@example.org")
    db.session.commit()
    token = invitations.invitation_token(invitation)
    response = client.get(f"/invite/{token[:-3]}abc")
    assert response.status_code == 400
    assert "not valid" in response.get_data(as_text=True)


def test_expired_link_is_a_400(app, client, users):
    invitation = invitations.invite_employee(users("pm"), "joiner@example.org")
    invitation.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    response = client.get(f"/invite/{invitations.invitation_token(invitation)}")
    assert response.status_code == 400
    assert "expired" in response.get_data(as_text=True)


def test_signature_older_than_seven_days_is_expired(app, client, users):
    invitation = invitations.invite_employee(users("pm"), "joiner@example.org")
    db.session.commit()
    token = invitations.invitation_token(invitation)
    app.config["INVITATION_MAX_AGE"] = -1  # as if the signature were older than the limit
    assert "expired" in client.get(f"/invite/{token}").get_data(as_text=True)


def test_customer_cannot_invite(app, client, users, auth):
    customer = users("customer")
    auth.login(customer.email)
    assert client.get("/invite").status_code == 403
    with pytest.raises(Exception, match="not allowed"):
        invitations.invite_employee(customer, "x@example.org")


@pytest.mark.parametrize("address", ["not-an-email", ""])
def test_invite_refuses_bad_addresses(client, users, auth, address):
    response = invite_via_page(client, auth, users("pm"), address)
    assert response.status_code == 422
    assert db.session.scalar(select(Invitation)) is None


def test_invite_refuses_an_existing_account(client, users, auth):
    existing = users("customer")
    response = invite_via_page(client, auth, users("pm"), existing.email)
    assert response.status_code == 422
    assert "already has an account" in response.get_data(as_text=True)


@pytest.mark.slow
def test_real_worker_process_delivers_the_invitation(app, users, tmp_path):
    invitation = invitations.invite_employee(users("pm"), "via.worker@example.org")
    db.session.commit()
    invitations.resend_invitation(users("admin"), invitation)  # enqueues after commit
    db.session.commit()
    env = dict(
        os.environ,
        DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        REDIS_URL=app.config["REDIS_URL"],
        INSTANCE_PATH=str(Path(app.instance_path)),
        SECRET_KEY=app.config["SECRET_KEY"],
        MAIL_SERVER="",
    )
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--burst"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    sent = mails(app)
    assert [m["To"] for m in sent] == ["via.worker@example.org"]
    db.session.expire_all()
    assert db.session.get(Invitation, invitation.id).email_sent_at is not None
