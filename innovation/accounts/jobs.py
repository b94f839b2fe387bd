"""Account jobs. They take ids, reload what they need and are safe to run twice."""

import logging

from flask import current_app

from ..extensions import db
from ..platform.db import utcnow
from ..platform.jobs import job
from ..platform.locking import lock_row
from ..platform.mail import deliver, render_message
from .models import Invitation

log = logging.getLogger(__name__)


@job(queue="mail")
def send_invitation_email(invitation_id: int) -> str | None:
    """E-mail the invitation link once; a second run finds `email_sent_at` set and stops."""
    from .invitations import invitation_token

    invitation = lock_row(Invitation, invitation_id)
    if invitation is None or invitation.email_sent_at is not None or invitation.accepted_at is not None:
        return None
    link = f"{current_app.config['BASE_URL']}/invite/{invitation_token(invitation)}"
    inviter = invitation.invited_by.name if invitation.invited_by else "The Innovation Commons team"
    message = render_message(
        invitation.email,
        f"{inviter} invites you to Innovation Commons",
        "invitation",
        invitation=invitation,
        inviter=inviter,
        link=link,
    )
    where = deliver(message)
    invitation.email_sent_at = utcnow()
    db.session.commit()
    log.info("invitation %s mailed (%s)", invitation_id, where)
    return where
