"""Signed links that work without signing in: unsubscribe and e-mail verification."""

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer, URLSafeTimedSerializer

from ..platform.errors import ServiceError


class InvalidLink(ServiceError):
    status = 400
    code = "invalid_link"


def _unsubscribe_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="unsubscribe")


def unsubscribe_token(user_id: int, kind: str) -> str:
    return _unsubscribe_serializer().dumps({"u": user_id, "k": kind})


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    try:
        data = _unsubscribe_serializer().loads(token)
        return int(data["u"]), str(data["k"])
    except (BadSignature, KeyError, TypeError, ValueError) as exc:
        raise InvalidLink(
            "This unsubscribe link is not valid. Use the link from the e-mail, or change your "
            "notification settings after signing in."
        ) from exc


def _verification_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="verify-email")


def verification_token(user_id: int, email: str) -> str:
    return _verification_serializer().dumps({"u": user_id, "e": email})


def read_verification_token(token: str) -> tuple[int, str]:
    try:
        data = _verification_serializer().loads(token, max_age=7 * 24 * 3600)
        return int(data["u"]), str(data["e"])
    except (BadSignature, KeyError, TypeError, ValueError) as exc:
        raise InvalidLink(
            "This verification link is not valid or has expired; request a new one in your settings."
        ) from exc
