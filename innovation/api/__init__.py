"""JSON API v1: thin views over the same services the pages use. Each view declares its input
and answers (`operations`); the OpenAPI document is generated from those declarations."""

from flask import Flask, g, request
from flask_login import current_user

from ..extensions import csrf
from ..platform.web import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


@bp.before_request
def authenticate_api_request():
    """A bearer token, when sent, is the only credential: never fall back to a session cookie
    (a request could otherwise skip the CSRF check by adding any Authorization header)."""
    header = request.headers.get("Authorization", "")
    if header:
        from ..accounts.services import user_for_api_token
        from ..platform.errors import NotAuthenticated

        user = user_for_api_token(header[len("Bearer ") :].strip()) if header.startswith("Bearer ") else None
        if user is None:
            raise NotAuthenticated("The bearer token is missing, invalid or expired.", code="invalid_token")
        g._login_user = user  # what Flask-Login's current_user reads for this request only
        return
    # A browser cookie alone must prove the request came from our own pages.
    if request.method not in ("GET", "HEAD", "OPTIONS") and current_user.is_authenticated:
        csrf.protect()


def init_app(app: Flask) -> None:
    from . import (  # noqa: F401  (routes register on import)
        amendments,
        auth,
        comments,
        ideas,
        impact_import,
        moderation,
        notifications,
        openapi,
        rounds,
        search,
        statuses,
    )

    app.register_blueprint(bp)
    if app.config.get("API_CHECK_RESPONSES"):
        from .response_check import check_response

        app.after_request(check_response)
