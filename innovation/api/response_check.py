"""In tests, every API response must be what its route declares (`API_CHECK_RESPONSES`).

Registered as an `after_request` hook only when the flag is on (TestConfig), so production
pays nothing. A mismatch raises `ResponseMismatch`, which the test client re-raises: the test
that caused it fails, naming the route, the status and what is wrong.
"""

from functools import cache

from flask import Response, request
from pydantic import ConfigDict, TypeAdapter, ValidationError

from .operations import OPERATIONS, Operation
from .schemas.errors import Error


class ResponseMismatch(AssertionError):
    """A response the API's declarations do not describe."""


@cache
def _checker(shape) -> TypeAdapter:
    # The document lets responses grow new fields (API.md: add freely); the check does not: a
    # field nobody declared is a field nobody documented. Types are strict (no "3" for 3). A
    # config reaches the TypedDicts only through a container, hence the one-item tuple.
    return TypeAdapter(tuple[shape], config=ConfigDict(extra="forbid", strict=True))


def mismatch(declared: Operation, status: int, body: bytes) -> str | None:
    """What is wrong with answering `body` with `status` for `declared`, or None."""
    if status in declared.responses:
        shape = declared.responses[status]
    elif status in declared.errors:
        shape = Error
    else:
        return f"{declared.method} {declared.endpoint} answered {status}, which it does not declare"
    try:
        _checker(shape).validate_json(b"[" + body + b"]")
    except ValidationError as exc:
        return f"{declared.method} {declared.endpoint} answered {status} with a body that breaks its schema: {exc}"
    return None


def check_response(response: Response) -> Response:
    """The `after_request` hook: raise when an API response breaks its declaration."""
    endpoint = request.endpoint  # None when no route matched (a 404 or 405 of Werkzeug's)
    declared = OPERATIONS.get((endpoint, request.method)) if endpoint is not None else None
    if declared is not None:
        problem = mismatch(declared, response.status_code, response.get_data())
        if problem:
            raise ResponseMismatch(problem)
    return response
