"""Template globals and filters shared by every page."""
from datetime import UTC, datetime

from flask import current_app, has_request_context, url_for
from flask_login import current_user

from .accounts.forms import LogoutForm
from .models_base import iso
from .rendering import safe

# Navigation entries appear once the feature that serves them is installed.
NAV_ITEMS = (
    ("Ideas", "ideas.index"),
    ("Roadmap", "ideas.roadmap"),
    ("Rounds", "decisions.index"),
)  # search is the query box beside them (a search landmark), not another link


def nav_items() -> list[tuple[str, str, str]]:
    views = current_app.view_functions
    return [(label, endpoint, url_for(endpoint)) for label, endpoint in NAV_ITEMS if endpoint in views]


def relative_time(value: datetime | None) -> str:
    if value is None:
        return ""
    seconds = int((datetime.now(UTC) - value).total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''} ago"
    return "just now"


def register_template_helpers(app) -> None:
    app.jinja_env.filters["iso"] = iso
    app.jinja_env.filters["sanitized"] = safe
    app.jinja_env.filters["ago"] = relative_time
    app.jinja_env.globals["nav_items"] = nav_items
    app.jinja_env.globals["has_endpoint"] = lambda endpoint: endpoint in app.view_functions

    @app.context_processor
    def inject_common():
        # E-mails render outside any request: nobody is signed in there.
        signed_in = has_request_context() and current_user.is_authenticated
        if not signed_in:
            return {"logout_form": None, "unread_notifications": 0}
        from .notifications.services import unread_count

        return {"logout_form": LogoutForm(), "unread_notifications": unread_count(current_user)}
