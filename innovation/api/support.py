"""Request parsing and response helpers for the API views."""

import json

from flask import request
from flask_login import current_user

from ..platform.errors import NotAuthenticated, ServiceError
from ..platform.input import JSON_DEPTH_MAX, json_depth

#: The largest JSON body the API reads (the longest texts, escaped, fit several times over);
#: a larger one is a 413 before any of it is parsed.
JSON_BODY_MAX = 1024 * 1024


class MalformedJSON(ServiceError):
    status = 400
    code = "malformed_json"


class UnsupportedMediaType(ServiceError):
    status = 415
    code = "unsupported_media_type"


def json_body() -> dict:
    """The request's JSON object: 415 unless it is sent as JSON, 413 beyond `JSON_BODY_MAX`,
    400 when it is not valid UTF-8 JSON, is nested deeper than `JSON_DEPTH_MAX` or is not an object."""
    if not request.is_json:
        raise UnsupportedMediaType("Send the body as JSON, with `Content-Type: application/json`.")
    # Read no more than this (werkzeug answers 413), nor more than the app takes at all.
    request.max_content_length = min(request.max_content_length or JSON_BODY_MAX, JSON_BODY_MAX)
    raw = request.get_data(cache=True)
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise MalformedJSON("The request body must be valid JSON (UTF-8).") from None
    if json_depth(data) > JSON_DEPTH_MAX:
        raise MalformedJSON(f"The request body is nested more than {JSON_DEPTH_MAX} levels deep.", code="too_deep")
    if not isinstance(data, dict):
        raise MalformedJSON("The request body must be a JSON object.")
    return data


def current_actor():
    """The signed-in user (cookie or bearer token), or 401."""
    if not current_user.is_authenticated:
        raise NotAuthenticated("Sign in, or send `Authorization: Bearer <token>`.")
    return current_user._get_current_object()
