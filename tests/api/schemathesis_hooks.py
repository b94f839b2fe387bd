"""Schemathesis hooks for the rules of a round that JSON Schema cannot state (the document gives
them in words): weights add up to 1, a round closes after it opens, impact values lie within
their own low and high estimates. Generated *valid* requests are brought within them before
they are sent, so "a valid request is never refused" keeps its meaning; invalid ones are sent
as generated. Loaded by the schemathesis CLI through SCHEMATHESIS_HOOKS."""

import schemathesis
from hypothesis.internal import lambda_sources

# Hypothesis names the lambdas of its strategies by parsing their source with `ast.parse`. Under
# schemathesis's worker threads, CPython 3.11.7 sometimes fails that parse with an internal
# "SystemError: AST constructor recursion depth mismatch" (a bug in 3.11's AST recursion
# tracking, not a finding), which ends the run as a tool error although every case passed. The name is only a
# description: without the source it becomes "lambda ...: <unknown>", as Hypothesis itself does
# when it cannot find it.
_describe_lambda = lambda_sources._lambda_description


def _lambda_description(f, *args, **kwargs):
    try:
        return _describe_lambda(f, *args, **kwargs)
    except SystemError:
        return "lambda: <unknown>"


lambda_sources._lambda_description = _lambda_description

ESTIMATES = (("cost_low", "cost", "cost_high"), ("benefit_low", "annual_benefit", "benefit_high"))


def _within_one(weights: dict) -> None:
    if isinstance(weights.get("customer"), int | float) and isinstance(weights.get("employee"), int | float):
        weights["employee"] = 1.0 - weights["customer"]


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _in_order(impact: dict) -> None:
    """Low ≤ value ≤ high for each estimate the body touches, whatever is stored already: the
    whole triple is sent (a left-out value would be the stored one, or 0 for a new candidate)."""
    for low, value, high in ESTIMATES:
        if not any(name in impact for name in (low, value, high)):
            continue
        numbers = sorted(impact[name] for name in (low, value, high) if _number(impact.get(name))) or [0.0]
        has_low, has_high = _number(impact.get(low)), _number(impact.get(high))
        impact[value] = numbers[1] if has_low and len(numbers) > 1 else numbers[0]
        impact[low] = numbers[0] if has_low else None
        impact[high] = numbers[-1] if has_high else None


@schemathesis.hook
def before_call(context, case, kwargs):
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return
    _known_statuses(case)
    if not isinstance(case.body, dict):
        return
    body = case.body
    if case.path == "/rounds" and case.method == "POST":
        if isinstance(body.get("weights"), dict):
            _within_one(body["weights"])
        opens, closes = body.get("voting_opens_at"), body.get("closes_at")
        if isinstance(opens, str) and isinstance(closes, str):
            body["voting_opens_at"] = None  # opening "now" comes before any closing time the schema admits
    if "/candidates" in case.path:
        _in_order(body)
        if isinstance(body.get("impact"), dict):
            _in_order(body["impact"])


# Statuses are data (`GET /statuses`): the document admits any key of the right form, and the
# service names the known ones when it refuses another (422). Valid requests use known keys.
KNOWN_STATUSES = ("new", "under_review", "planned", "in_progress", "shipped", "declined")
ALL_BASES = (*KNOWN_STATUSES, "in_round", "merged")


def _known_statuses(case) -> None:
    body = case.body if isinstance(case.body, dict) else None
    if case.path == "/ideas/{id}/status" and body is not None and body.get("status") not in KNOWN_STATUSES:
        body["status"] = "under_review"
    query = case.query or {}
    if case.path == "/ideas" and case.method == "GET" and query.get("status", "") not in ("", *ALL_BASES):
        query["status"] = ""
    if case.path == "/statuses/{key}" and case.method == "PATCH" and body is not None:
        body.pop("base", None)  # a built-in status keeps its base; a custom one in use too (409)
    if case.path == "/statuses/{key}" and case.method == "DELETE" and case.query and case.query.get("move_to"):
        case.query["move_to"] = "new"
