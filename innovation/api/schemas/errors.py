"""The one error body of API.md."""

from typing import Annotated, NotRequired

from pydantic import Field
from typing_extensions import TypedDict


class ErrorDetail(TypedDict):
    """What went wrong: a stable snake_case `code`, a `message` for a person, and for invalid
    input the `fields` it concerns (dotted paths into the body, e.g. `decisions.0.candidate_id`)."""

    code: Annotated[str, Field(pattern="^[a-z_]+$")]
    message: str
    fields: NotRequired[dict[str, list[str]]]


class Error(TypedDict):
    """Every 4xx answer of the API."""

    error: ErrorDetail


#: What each error status means, as the document describes it.
ERROR_STATUSES = {
    400: "Malformed JSON, or a cookie-authenticated change without its CSRF token",
    401: "Not signed in, or the bearer token is invalid",
    403: "Not allowed",
    404: "Not found, or not visible to the caller",
    409: "Conflicts with the current state",
    413: "The body is too large",
    415: "The body is not sent as JSON",
    422: "Validation failed",
    429: "Rate-limited",
}
