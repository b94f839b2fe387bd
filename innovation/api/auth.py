"""Tokens and the caller's own account."""
from flask import current_app, jsonify

from ..accounts import services
from ..extensions import limiter
from ..platform.error_pages import error_response
from . import bp
from .support import current_actor, json_body, string_field


def user_json(user) -> dict:
    return {"id": user.id, "name": user.name, "role": user.role, "constituency": user.constituency}


@bp.route("/auth/token", methods=["POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_LOGIN"])
def issue_token():
    data = json_body()
    user = services.authenticate(string_field(data, "email"), string_field(data, "password"))
    if user is None:  # answered, not raised: the commit point keeps the failed sign-in's audit row
        return error_response(401, "Wrong e-mail address or password.", "invalid_credentials")
    token = services.issue_api_token(user, current_app.config["API_TOKEN_DAYS"])
    return jsonify({"token": token, "user": user_json(user)})


@bp.route("/me")
def me():
    user = current_actor()
    return jsonify({"id": user.id, "name": user.name, "email": user.email, "role": user.role,
                    "constituency": user.constituency})
