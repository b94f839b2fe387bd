"""How an API view declares itself: one decorator routes it and records what it takes and answers.

    @operation("/ideas", "POST", summary="Submit an idea", body=NewIdea, responses={201: Idea},
               errors=(403,), limit=POST_LIMIT)
    def create_idea(body: NewIdea): ...

What is recorded (`OPERATIONS`) is what the OpenAPI document is generated from and what tests
check every response against. Before a view with a `body` or a `query` runs, the caller is
authenticated (401) and, with `roles`, authorized (403) — so a customer posting a round learns
that they may not, not what is wrong with the round — and then the input is parsed: a body not
sent as JSON is a 415, a larger one than the API reads a 413, malformed or too deeply nested
JSON or a non-object a 400 `malformed_json`, and a value that breaks its schema (type, length,
range, enum, pattern, control characters) a 422 `validation_failed` naming each field by its
dotted path. Lists (`page_size`) have their `page` and `per_page` read the same way. A view
with none of these runs as it is: nothing is added to the hot bodiless ones (the vote).
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import wraps
from typing import Any

from flask import request
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..accounts.permissions import require_role
from ..extensions import limiter
from ..platform.errors import ValidationFailed
from . import bp
from .schemas.pages import paging_model
from .support import current_actor, json_body


@dataclass(frozen=True)
class Operation:
    """One method of one API route, as the document describes it."""

    endpoint: str
    method: str
    summary: str
    responses: Mapping[int, Any]  # success status → the TypedDict (or type) of its body
    errors: frozenset[int]  # every error status it may answer, each with the Error body
    body: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    page_size: int | None = None  # a list taking `page`/`per_page`: its default `per_page`
    public: bool = False  # needs no credentials
    roles: tuple[str, ...] = ()
    description: str = ""


#: (endpoint, HTTP method) → its declaration.
OPERATIONS: dict[tuple[str, str], Operation] = {}


def operation(
    rule: str,
    method: str,
    *,
    summary: str,
    responses: Mapping[int, Any],
    body=None,
    query=None,
    page_size: int | None = None,
    errors: Iterable[int] = (),
    public: bool = False,
    roles: tuple[str, ...] = (),
    limit: str | Callable[[], str] | None = None,
    description: str = "",
) -> Callable:
    """Route `rule` for `method` to the decorated view and record its declaration.

    `errors` lists the refusals particular to it; the ones every route of its kind can answer
    are added: 401 (a bad bearer token, or not signed in), 400 for a change (CSRF, malformed
    JSON), 404 when the path names something, 403 with `roles`, 422 with a body or a query,
    413 with a body, 429 with a `limit`."""
    statuses = {401, *errors}
    if method != "GET":
        statuses.add(400)
    if "<" in rule:
        statuses.add(404)
    if roles:
        statuses.add(403)
    if body is not None or query is not None or page_size is not None:
        statuses.add(422)
    if body is not None:
        statuses |= {400, 413, 415}
    if limit is not None:
        statuses.add(429)

    def register(view: Callable) -> Callable:
        paging = paging_model(page_size) if page_size is not None else None
        handler = _with_input(view, body=body, query=query, paging=paging, public=public, roles=roles)
        if limit is not None:
            handler = limiter.limit(limit)(handler)
        bp.add_url_rule(rule, view.__name__, handler, methods=[method])
        endpoint = f"{bp.name}.{view.__name__}"
        OPERATIONS[(endpoint, method)] = Operation(
            endpoint=endpoint,
            method=method,
            summary=summary,
            responses=dict(responses),
            errors=frozenset(statuses),
            body=body,
            query=query,
            page_size=page_size,
            public=public,
            roles=roles,
            description=description,
        )
        return view

    return register


def _with_input(view: Callable, *, body, query, paging, public: bool, roles: tuple[str, ...]) -> Callable:
    if body is None and query is None and paging is None and not roles:
        return view

    @wraps(view)
    def with_input(**kwargs):
        if not public:
            actor = current_actor()
            if roles:
                require_role(actor, *roles, action=view.__name__)
        if paging is not None:  # checked only: the view reads them with `page_args`, as pages do
            parse(paging, request.args.to_dict())
        if query is not None:
            kwargs["query"] = parse(query, request.args.to_dict())
        if body is not None:
            kwargs["body"] = parse(body, json_body())
        return view(**kwargs)

    return with_input


def parse(model: type[BaseModel], data: dict) -> Any:
    """`data` as `model`, or a 422 whose `fields` name each wrong value by its dotted path."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise refusal(exc) from None


# What a person reads for the usual problems; anything else keeps pydantic's own words.
PHRASES = {
    "missing": ("is required", "Required."),
    "string_type": ("must be text", "Text."),
    "int_type": ("must be a whole number", "A whole number."),
    "int_parsing": ("must be a whole number", "A whole number."),
    "float_type": ("must be a number", "A number."),
    "float_parsing": ("must be a number", "A number."),
    "finite_number": ("must be a finite number", "A finite number."),
    "bool_type": ("must be true or false", "true or false."),
    "list_type": ("must be a list", "A list."),
    "dict_type": ("must be an object", "An object."),
    "model_type": ("must be an object", "An object."),
    "model_attributes_type": ("must be an object", "An object."),
    "extra_forbidden": ("is not a known field", "Unknown field."),
    "blank": ("must not be empty", "Required."),
    "string_unicode": ("is not valid Unicode", "Not valid Unicode."),
}
# Errors whose limit pydantic gives in `ctx`: (sentence after the field's name, short text).
LIMITS = {
    "string_too_long": ("has at most {max_length} characters", "At most {max_length} characters."),
    "string_too_short": ("has at least {min_length} characters", "At least {min_length} characters."),
    "too_long": ("has at most {max_length} items", "At most {max_length} items."),
    "too_short": ("has at least {min_length} items", "At least {min_length} items."),
    "greater_than_equal": ("must be at least {ge}", "At least {ge}."),
    "greater_than": ("must be more than {gt}", "More than {gt}."),
    "less_than_equal": ("must be at most {le}", "At most {le}."),
    "less_than": ("must be less than {lt}", "Less than {lt}."),
    "literal_error": ("must be one of {expected}", "One of {expected}."),
    "string_pattern_mismatch": ("does not have the form the document gives ({pattern})", "Wrong form."),
}


def _words(path: str, error: ErrorDetails) -> tuple[str, str]:
    """(a sentence for the message, a short text for `fields`) about one pydantic error."""
    kind = error["type"]
    if kind in PHRASES:
        phrase, short = PHRASES[kind]
        return f"`{path}` {phrase}.", short
    if kind in LIMITS and "ctx" in error:
        context = dict(error["ctx"])
        if kind == "literal_error":  # "'', 'customer' or 'employee'" reads as "empty, customer or employee"
            context["expected"] = str(context["expected"]).replace("''", "empty").replace("'", "")
        phrase, short = (part.format(**context) for part in LIMITS[kind])
        return f"`{path}` {phrase}.", short
    text = error["msg"].rstrip(".") + "."
    if kind == "invalid_value":  # written for a person already (see schemas.base.one_error)
        return text, text
    if kind in ("bad_text", "timestamp", "int_parsing"):  # platform.input's words follow the name
        return f"`{path}` {text}", text[0].upper() + text[1:]
    return f"`{path}`: {text.replace('Input should', 'should')}", text


def refusal(exc: ValidationError) -> ValidationFailed:
    """The API's 422 for a pydantic error: one message, and messages per dotted field path."""
    fields: dict[str, list[str]] = {}
    sentences = []
    for error in exc.errors(include_url=False, include_input=False):
        path = ".".join(str(part) for part in error["loc"]) or "body"
        sentence, short = _words(path, error)
        fields.setdefault(path, []).append(short)
        sentences.append(sentence)
    more = f" (and {len(sentences) - 3} more)" if len(sentences) > 3 else ""
    return ValidationFailed(" ".join(sentences[:3]) + more, fields=fields)
