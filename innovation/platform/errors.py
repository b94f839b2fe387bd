"""Exceptions services raise; pages and the API turn them into 4xx responses."""


class ServiceError(Exception):
    """A refusal a person can understand; `code` is the API's snake_case error code."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None, fields: dict | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.fields = fields or {}


class NotFound(ServiceError):
    status = 404
    code = "not_found"


class PermissionDenied(ServiceError):
    status = 403
    code = "forbidden"


class NotAuthenticated(ServiceError):
    status = 401
    code = "not_authenticated"


class Conflict(ServiceError):
    status = 409
    code = "conflict"


class ValidationFailed(ServiceError):
    status = 422
    code = "validation_failed"
