"""Accounts: registration, sign-in, invitations, profiles and roles, sessions and API tokens,
the audit log."""

from flask import Flask, Response, g, has_request_context, request
from flask_login import current_user

from ..platform.web import Blueprint

bp = Blueprint("accounts", __name__)


def init_app(app: Flask) -> None:
    from ..platform.transaction import refusal_rolled_back
    from . import sessions, views  # noqa: F401  (routes and the session loader register on import)
    from .audit import save_noted_denials
    from .cli import register_cli
    from .forms import LogoutForm
    from .models import ROLES
    from .permissions import is_admin, is_staff, role_label

    app.register_blueprint(bp)
    register_cli(app)
    # Templates ask what a person may do, never which role they have.
    app.jinja_env.globals.update(is_admin=is_admin, can_invite=is_staff, role_label=role_label, ROLES=ROLES)
    refusal_rolled_back.connect(save_noted_denials)
    app.after_request(never_store_personal_answers)

    @app.context_processor
    def sign_out_form():
        # E-mails render outside any request: nobody is signed in there.
        signed_in = has_request_context() and current_user.is_authenticated
        # It only renders a token: reading the request's form here would turn the 413 page for
        # a too-large post into a 500 (the body is refused again as the page is drawn).
        return {"logout_form": LogoutForm(formdata=None) if signed_in else None}


def never_store_personal_answers(response: Response) -> Response:
    """A page or API answer for a signed-in person (cookie or bearer token), or for a request
    that sent credentials at all, is kept by no browser or shared cache: after a sign-out the
    back button or a proxy must not show it. Visitors' public answers keep their headers. A
    request that never asked who is signed in (static files, /healthz) did not depend on it."""
    loaded = g.get("_login_user")
    if "Authorization" in request.headers or (loaded is not None and loaded.is_authenticated):
        response.headers["Cache-Control"] = "private, no-store"
    return response
