"""Request parsing and response helpers for the API views."""

from flask import request
from flask_login import current_user

from ..platform.errors import NotAuthenticated, ServiceError


class MalformedJSON(ServiceError):
    status = 400
    code = "malformed_json"


def json_body() -> dict:
    """The request's JSON object; 400 when it is not valid JSON or not an object."""
    data = request.get_json(silent=True, force=True)
    if data is None:
        raise MalformedJSON("The request body must be valid JSON.")
    if not isinstance(data, dict):
        raise MalformedJSON("The request body must be a JSON object.")
    return data


def current_actor():
    """The signed-in user (cookie or bearer token), or 401."""
    if not current_user.is_authenticated:
        raise NotAuthenticated("Sign in, or send `Authorization: Bearer <token>`.")
    return current_user._get_current_object()
