"""Session cookies: which user a cookie belongs to, when it stops counting, and how a
sign-in starts a fresh one."""

from flask import g, session
from flask_login import login_user

from ..extensions import db, login_manager
from .models import User


@login_manager.user_loader
def load_user_from_session(session_id: str):
    user_id, _, version = (session_id or "").partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    # Read from the database on every request, so a bumped session version (logout, password
    # change, sign out everywhere, deactivation) kills every older cookie on every node at once.
    if user is None or not user.is_active or user.session_version != int(version):
        return None
    return user


def start_session(user: User, *, remember: bool = False) -> None:
    """Sign `user` in on a fresh session: nothing from before sign-in survives (no data, no
    CSRF token, no other identity), so a cookie or token captured earlier is worth nothing."""
    session.clear()
    g.pop("csrf_token", None)  # Flask-WTF keeps this request's token here; the next page mints a new one
    login_user(user, remember=remember)
