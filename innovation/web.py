"""Small pieces every page view uses: service errors onto forms, safe redirects, paging."""
from urllib.parse import urlsplit

from flask import request
from flask_login import current_user

from .errors import ServiceError
from .extensions import db

FORM_ERROR_STATUS = 422


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


def commit_form(form, action, *, refusals_as_pages: bool = False) -> tuple[bool, object]:
    """Run `action` (one service call) for a submitted form and commit. A refusal rolls back
    and is shown on the form; with `refusals_as_pages`, only 422s are, and 403/404/409 become
    error pages. Returns (saved, what the service returned)."""
    try:
        result = action()
        db.session.commit()
    except ServiceError as exc:
        db.session.rollback()
        if refusals_as_pages and exc.status != 422:
            raise
        attach_error(form, exc)
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
