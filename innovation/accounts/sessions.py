"""Session cookies: which user a cookie belongs to, and when it stops counting."""

from ..extensions import db, login_manager
from .models import User


@login_manager.user_loader
def load_user_from_session(session_id: str):
    user_id, _, version = (session_id or "").partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    # A bumped session version (logout, password change) kills every older cookie.
    if user is None or user.session_version != int(version):
        return None
    return user
