"""Employee invitations: a pm or admin invites an address; a signed link creates the account."""

import logging
from datetime import timedelta

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select

from .. import events
from ..extensions import db
from ..platform.db import utcnow
from ..platform.errors import Conflict, NotFound, ServiceError
from ..platform.jobs import enqueue_after_commit
from .audit import record_audit
from .models import Invitation, User
from .permissions import STAFF, require_role
from .services import _create_user, find_user_by_email, normalize_email

log = logging.getLogger(__name__)

_SALT = "invitation"


class InvalidInvitation(ServiceError):
    status = 400
    code = "invalid_invitation"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def invitation_token(invitation: Invitation) -> str:
    return _serializer().dumps({"invitation": invitation.id, "email": invitation.email})


def invite_employee(actor: User, email: str) -> Invitation:
    """Invite `email` to join as an employee; the e-mail leaves after commit."""
    require_role(actor, *STAFF, action="invite_employee")
    email = normalize_email(email)
    if find_user_by_email(email):
        raise Conflict(
            "Someone with this e-mail address already has an account.",
            code="email_taken",
            fields={"email": ["Already registered."]},
        )
    invitation = Invitation(
        email=email,
        role="employee",
        invited_by_id=actor.id,
        expires_at=utcnow() + timedelta(seconds=current_app.config["INVITATION_MAX_AGE"]),
    )
    db.session.add(invitation)
    db.session.flush()
    record_audit("invitation_created", actor, subject=email)
    events.invitation_created.send(invitation, actor=actor)
    from .jobs import send_invitation_email

    enqueue_after_commit(send_invitation_email, invitation.id, job_id=f"invitation-mail-{invitation.id}")
    log.info("user %s invited %s (invitation %s)", actor.id, email, invitation.id)
    return invitation


def load_invitation(token: str) -> Invitation:
    """The open invitation behind a link; InvalidInvitation when tampered, expired or used."""
    max_age = current_app.config["INVITATION_MAX_AGE"]
    try:
        payload = _serializer().loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise InvalidInvitation("This invitation has expired; ask for a new one.", code="invitation_expired") from exc
    except BadSignature as exc:
        raise InvalidInvitation("This invitation link is not valid. Check that you copied all of it.") from exc
    invitation = db.session.get(Invitation, payload.get("invitation") if isinstance(payload, dict) else None)
    if invitation is None or invitation.email != payload.get("email"):
        raise InvalidInvitation("This invitation link is not valid.")
    if invitation.expires_at <= utcnow():
        raise InvalidInvitation("This invitation has expired; ask for a new one.", code="invitation_expired")
    if invitation.accepted_at is not None:
        raise InvalidInvitation("This invitation has already been used. Sign in instead.", code="invitation_used")
    return invitation


def accept_invitation(token: str, name: str, password: str) -> User:
    """Create the employee account an invitation promises."""
    invitation = load_invitation(token)
    user = _create_user(invitation.email, name, password, invitation.role)
    user.email_verified_at = utcnow()  # the link proved the address
    invitation.accepted_at = utcnow()
    invitation.accepted_user_id = user.id
    db.session.flush()
    record_audit("invitation_accepted", user, subject=user.email, invitation=invitation.id)
    events.invitation_accepted.send(invitation, user=user)
    log.info("invitation %s accepted by user %s", invitation.id, user.id)
    return user


def pending_invitations(limit: int = 50) -> list[Invitation]:
    return list(
        db.session.scalars(
            select(Invitation)
            .where(Invitation.accepted_at.is_(None))
            .order_by(Invitation.created_at.desc())
            .limit(limit)
        )
    )


def get_invitation(invitation_id: int) -> Invitation:
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None:
        raise NotFound("No such invitation.")
    return invitation


def resend_invitation(actor: User, invitation: Invitation) -> Invitation:
    """Send an open invitation's e-mail again (after a bounce, or when Redis was down)."""
    require_role(actor, *STAFF, action="resend_invitation")
    if invitation.accepted_at is not None:
        raise Conflict("This invitation has already been accepted.")
    invitation.email_sent_at = None
    invitation.expires_at = utcnow() + timedelta(seconds=current_app.config["INVITATION_MAX_AGE"])
    db.session.flush()
    from .jobs import send_invitation_email

    enqueue_after_commit(send_invitation_email, invitation.id)
    log.info("user %s re-sent invitation %s", actor.id, invitation.id)
    return invitation
