"""Tokens and the caller's own account."""

from flask import current_app, jsonify
from flask_login import logout_user
from typing_extensions import TypedDict

from ..accounts import credentials, services
from ..platform.error_pages import error_response
from .operations import operation
from .schemas.accounts import Me, TokenRequest, TokenResponse
from .serializers.accounts import me_json, user_json
from .support import current_actor


@operation(
    "/auth/token",
    "POST",
    summary="Exchange e-mail and password for a bearer token",
    public=True,
    body=TokenRequest,
    responses={200: TokenResponse},
    limit=lambda: current_app.config["RATELIMIT_LOGIN"],
)
def issue_token(body: TokenRequest):
    user = services.authenticate(body.email, body.password)
    if user is None:  # answered, not raised: the commit point keeps the failed sign-in's audit row
        return error_response(401, "Wrong e-mail address or password.", "invalid_credentials")
    token = services.issue_api_token(user, current_app.config["API_TOKEN_DAYS"])
    return jsonify({"token": token, "user": user_json(user)})


@operation("/me", "GET", summary="The caller's account", responses={200: Me})
def me():
    return jsonify(me_json(current_actor()))


class SignedOutEverywhere(TypedDict):
    """Every session and API token of the caller was revoked, the one of this request too."""

    revoked_tokens: int


@operation(
    "/auth/sign-out-everywhere",
    "POST",
    summary="Revoke every session and API token of the caller",
    description="Ends the caller's sessions on every device and deletes every API token they hold, "
    "the one sent with this request too: the next request with any of them gets 401 `invalid_token`.",
    responses={200: SignedOutEverywhere},
)
def sign_out_everywhere():
    revoked = credentials.sign_out_everywhere(current_actor())
    logout_user()  # a cookie-authenticated caller leaves with a signed-out session
    return jsonify({"revoked_tokens": revoked})
