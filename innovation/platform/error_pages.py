"""Turn refusals and HTTP errors into pages, or into API.md's JSON errors under /api."""

import logging

from flask import current_app, jsonify, make_response, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError
from werkzeug.exceptions import HTTPException, InternalServerError

from ..extensions import db
from .errors import ServiceError
from .transaction import refusal_rolled_back

log = logging.getLogger(__name__)

CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "validation_failed",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}
TITLES = {
    400: "That request was not understood",
    401: "Please sign in",
    403: "Not allowed",
    404: "Page not found",
    405: "Not allowed here",
    409: "That conflicts with the current state",
    413: "Too large",
    422: "Please check your input",
    429: "Slow down",
    500: "Something went wrong on our side",
}
FRIENDLY = {
    404: "We could not find that page. It may have moved, or you may not have access to it.",
    429: "Too many attempts in a short time. Please wait a minute and try again.",
    413: "What you sent is larger than we accept.",
    500: "The error has been logged. Please try again in a moment.",
}


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(status: int, message: str, code: str | None = None, fields: dict | None = None):
    if wants_json():
        error: dict[str, object] = {"code": code or CODES.get(status, "error"), "message": message}
        if fields:
            error["fields"] = fields
        return jsonify({"error": error}), status
    return render_template(
        "errors/error.html", status=status, title=TITLES.get(status, "Error"), message=message
    ), status


def _reset_session() -> None:
    db.session.rollback()
    try:
        refusal_rolled_back.send(current_app._get_current_object())  # type: ignore[attr-defined]
    except Exception:  # what a receiver keeps (the audit) must never turn a 403 into a 500
        log.exception("could not save what outlives a refused request")
        db.session.rollback()


def register_error_handlers(app) -> None:
    @app.errorhandler(ServiceError)
    def service_error(exc: ServiceError):
        _reset_session()
        return error_response(exc.status, exc.message, exc.code, exc.fields)

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        _reset_session()
        return error_response(
            400, "The form's security token is missing or expired. Reload the page and try again.", "csrf_failed"
        )

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        _reset_session()
        status = exc.code or 500
        message = FRIENDLY.get(status) or exc.description or TITLES.get(status, "Error")
        if status == 429 and not wants_json():
            message = FRIENDLY[429]
        response = make_response(*error_response(status, message))
        for name, value in exc.get_headers():
            if name in ("Allow", "Retry-After"):
                response.headers[name] = value
        return response

    @app.errorhandler(DataError)
    def unstorable_value(exc: DataError):
        # The last line of defence behind the edge checks (platform/input.py): a value the
        # database refuses to store (NUL in text, a number beyond its column) is the caller's
        # input, so a 422 — logged, since the edge should have caught it first.
        log.warning("database refused a value on %s %s: %s", request.method, request.path, exc.orig)
        _reset_session()
        return error_response(422, "Something you sent has characters or numbers we cannot store.")

    @app.errorhandler(InternalServerError)
    def internal_error(exc):
        log.error(
            "unhandled error on %s %s", request.method, request.path, exc_info=getattr(exc, "original_exception", None)
        )
        db.session.rollback()
        return error_response(500, FRIENDLY[500])
