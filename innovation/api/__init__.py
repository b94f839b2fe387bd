"""JSON API v1: thin views over the same services the pages use."""
from flask import Blueprint, request
from flask_login import current_user

from ..extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


@bp.before_request
def require_csrf_for_cookie_writes():
    # Bearer requests carry their own credential; a browser cookie alone must prove origin.
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if request.headers.get("Authorization", "").startswith("Bearer "):
        return
    if current_user.is_authenticated:
        csrf.protect()


from . import auth, ideas, rounds, spec  # noqa: E402,F401
