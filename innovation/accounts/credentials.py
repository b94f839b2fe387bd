"""Revoking credentials: a password change, "sign out everywhere" and a deactivation end every
session and every API token of a person at once, on every web node.

Nothing is cached per process: each request checks its cookie's session version and its
token's credentials version against the users row (sessions.py, services.user_for_api_token),
so the next request after the commit, on any node, is refused.
"""

import logging

from sqlalchemy import delete
from sqlalchemy.engine import CursorResult

from .. import events
from ..extensions import db
from ..platform.db import utcnow
from ..platform.errors import Conflict
from .actors import Actor, is_system
from .audit import record_audit
from .models import ApiToken, User
from .permissions import require_role

log = logging.getLogger(__name__)


def revoke_credentials(user: User, *, reason: str, actor: Actor) -> int:
    """End every session and API token of `user`; returns how many tokens were deleted.

    Both versions are bumped in SQL (`x = x + 1`), so two revocations racing each other never
    collapse into one bump. The token rows are deleted as well, and a token a racing sign-in
    inserts with the version it read before this commit is dead by its version."""
    user.session_version = User.session_version + 1
    user.credentials_version = User.credentials_version + 1
    result = db.session.execute(delete(ApiToken).where(ApiToken.user_id == user.id))
    db.session.flush()
    db.session.refresh(user, ["session_version", "credentials_version"])
    deleted = result.rowcount if isinstance(result, CursorResult) else 0
    events.credentials_revoked.send(user, reason=reason, actor=actor, tokens=deleted)
    log.info("credentials of user %s revoked (%s, %s tokens)", user.id, reason, deleted)
    return deleted


def sign_out_everywhere(actor: User) -> int:
    """The person ends all their sessions (this one too) and revokes all their API tokens."""
    record_audit("signed_out_everywhere", actor, subject=actor.email)
    return revoke_credentials(actor, reason="signed_out_everywhere", actor=actor)


def deactivate_user(actor: Actor, user: User) -> User:
    """An admin stops `user` from signing in; their sessions and tokens end at once."""
    require_role(actor, "admin", action="deactivate_user")
    if user.id == actor.id:
        raise Conflict("You cannot deactivate your own account; ask another admin.", code="own_account")
    if user.deactivated_at is not None:
        return user  # already deactivated: asking twice changes nothing
    user.deactivated_at = utcnow()
    revoke_credentials(user, reason="deactivated", actor=actor)
    record_audit("user_deactivated", actor, subject=user.email, **({"via": "cli"} if is_system(actor) else {}))
    events.user_deactivated.send(user, actor=actor)
    log.info("user %s deactivated", user.id)
    return user


def reactivate_user(actor: Actor, user: User) -> User:
    """An admin lets `user` sign in again (with their password; old sessions stay dead)."""
    require_role(actor, "admin", action="reactivate_user")
    if user.deactivated_at is None:
        return user
    user.deactivated_at = None
    db.session.flush()
    record_audit("user_reactivated", actor, subject=user.email, **({"via": "cli"} if is_system(actor) else {}))
    events.user_reactivated.send(user, actor=actor)
    log.info("user %s reactivated", user.id)
    return user
