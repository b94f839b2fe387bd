"""Ideas: submit, discuss, support, rate, follow, moderate, merge; the public roadmap."""

from flask import Flask

from ..platform.templating import add_nav_item
from ..platform.web import Blueprint

bp = Blueprint("ideas", __name__)


def init_app(app: Flask) -> None:
    from ..voting.services import takes_support
    from . import models, views, views_discussion, views_statuses  # noqa: F401
    from .approval import pending_count
    from .permissions import is_moderator
    from .statuses import all_statuses, status_display, status_of

    app.register_blueprint(bp)
    add_nav_item(app, "Ideas", "ideas.index", order=10)
    add_nav_item(app, "Roadmap", "ideas.roadmap", order=20)
    app.jinja_env.globals["can_moderate"] = is_moderator
    app.jinja_env.globals["takes_support"] = takes_support
    app.jinja_env.globals["status_of"] = status_of
    app.jinja_env.globals["status_display"] = status_display
    app.jinja_env.globals["all_statuses"] = all_statuses
    app.jinja_env.globals["statuses_css_version"] = views_statuses.stylesheet_version
    app.jinja_env.globals["approvals_waiting"] = pending_count  # the header's count, for moderators
