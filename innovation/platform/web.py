"""Small pieces every page view uses: the committing blueprint, service refusals onto forms,
safe redirects, paging arguments and the current viewer."""

from collections.abc import Callable, Container
from typing import Any
from urllib.parse import urlsplit

import flask
from flask import request
from flask_login import current_user

from ..extensions import db
from .errors import ServiceError
from .transaction import commit_point

FORM_ERROR_STATUS = 422


class Blueprint(flask.Blueprint):
    """A blueprint whose every route runs inside the platform's commit point."""

    def add_url_rule(
        self,
        rule: str,
        endpoint: str | None = None,
        view_func: Callable[..., Any] | None = None,
        provide_automatic_options: bool | None = None,
        **options: Any,
    ) -> None:
        if view_func is not None:
            view_func = commit_point(view_func)
        super().add_url_rule(rule, endpoint, view_func, provide_automatic_options, **options)


def attach_error(form, exc: ServiceError) -> None:
    """Show a service's refusal next to the fields it names (or at the top of the form)."""
    placed = False
    for name, messages in exc.fields.items():
        field = getattr(form, name, None)
        if field is not None:
            field.errors = list(field.errors) + [exc.message if len(messages) == 1 else m for m in messages]
            placed = True
    if not placed:
        form.form_errors.append(exc.message)


def attempt(action: Callable[[], Any], *, show: Container[int] | None = None) -> tuple[Any, ServiceError | None]:
    """Run one service call whose refusal the page shows itself (as a message, or on a form).
    A refusal rolls the work back and is returned as (None, refusal); one whose status is not
    in `show` (when given) goes on to the error pages instead. The commit point commits what
    succeeded. Returns (what the service returned, None) on success."""
    try:
        return action(), None
    except ServiceError as exc:
        db.session.rollback()
        if show is not None and exc.status not in show:
            raise
        return None, exc


def submit_form(form, action: Callable[[], Any], *, refusals_as_pages: bool = False) -> tuple[bool, Any]:
    """`attempt` for a submitted form: the refusal is shown on the form; with
    `refusals_as_pages`, only 422s are, and 403/404/409 become error pages. Returns (saved,
    what the service returned)."""
    result, refusal = attempt(action, show=(FORM_ERROR_STATUS,) if refusals_as_pages else None)
    if refusal is not None:
        attach_error(form, refusal)
        return False, None
    return True, result


def safe_next(default: str) -> str:
    """The `next` target when it stays on this site, else `default` (no open redirects)."""
    target = request.args.get("next") or request.form.get("next") or ""
    parts = urlsplit(target)
    if target.startswith("/") and not target.startswith("//") and not parts.netloc and "\\" not in target:
        return target
    return default


def page_args(default_per_page: int = 20, max_per_page: int = 100) -> tuple[int, int]:
    """`page` and `per_page` from the query string, clamped to sane values."""
    page = request.args.get("page", 1, type=int) or 1
    per_page = request.args.get("per_page", default_per_page, type=int) or default_per_page
    return max(1, min(page, 10**6)), max(1, min(per_page, max_per_page))


def current_viewer():
    """The signed-in user, or None for a visitor (what the visibility helpers expect)."""
    return current_user._get_current_object() if current_user.is_authenticated else None
