"""Notifications: outbox, fan-out jobs, in-app centre, e-mail and digests, preferences."""

from flask import Flask, has_request_context
from flask_login import current_user

from ..platform.web import Blueprint

bp = Blueprint("notifications", __name__)


def init_app(app: Flask) -> None:
    from . import jobs, models, scheduled, views  # noqa: F401  (jobs, scheduled: periodic jobs)
    from .cli import register_cli
    from .outbox import connect_listeners
    from .services import unread_count

    app.register_blueprint(bp)
    register_cli(app)
    connect_listeners()

    @app.context_processor
    def unread_notifications():
        signed_in = has_request_context() and current_user.is_authenticated
        return {"unread_notifications": unread_count(current_user) if signed_in else 0}
