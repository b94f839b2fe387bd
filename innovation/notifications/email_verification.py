"""E-mail verification: a signed link; a verified address in EMPLOYEE_EMAIL_DOMAINS makes
its owner an employee."""

import logging

from flask import current_app

from ..accounts.audit import record_audit
from ..accounts.models import User
from ..extensions import db
from ..platform.db import utcnow
from ..platform.upsert import insert_many_or_ignore
from .models import Delivery
from .tokens import InvalidLink, read_verification_token, verification_token

log = logging.getLogger(__name__)


def queue_verification_mail(event) -> None:
    """Write the verification e-mail's delivery row (sent by the usual e-mail job)."""
    user = db.session.get(User, event.payload["user_id"])
    if user is None or user.email_verified_at is not None:
        return
    token = verification_token(user.id, user.email)
    insert_many_or_ignore(
        Delivery,
        [
            {
                "event_id": event.id,
                "user_id": user.id,
                "channel": "email",
                "kind": "email_verification",
                "title": "Confirm your e-mail address for Innovation Commons",
                "url": f"/verify-email/{token}",
                "status": "pending",
                "created_at": utcnow(),
            }
        ],
        ["event_id", "user_id", "channel"],
    )
    db.session.flush()
    from .jobs import enqueue_pending_emails

    db.session.commit()
    enqueue_pending_emails(event.id)


def verify_email(token: str) -> User:
    """Mark the address verified; employees' company domains turn customers into employees."""
    user_id, email = read_verification_token(token)
    user = db.session.get(User, user_id)
    if user is None or user.email != email:
        raise InvalidLink("This verification link belongs to an address that is no longer on the account.")
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    domain = email.rsplit("@", 1)[-1].lower()
    if user.role == "customer" and domain in current_app.config["EMPLOYEE_EMAIL_DOMAINS"]:
        user.role = "employee"
        record_audit(
            "role_changed",
            None,
            subject=user.email,
            old="customer",
            new="employee",
            via="verified company e-mail domain",
        )
        log.info("user %s verified a company address and is now an employee", user.id)
    db.session.flush()
    return user
