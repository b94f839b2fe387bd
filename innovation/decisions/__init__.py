"""Joint-decision rounds: shared impact data, secret ballots, transparent tallies, outcomes."""

from flask import Flask

from .. import events
from ..platform.templating import add_nav_item
from ..platform.web import Blueprint

bp = Blueprint("decisions", __name__)


def init_app(app: Flask) -> None:
    from . import jobs, models, views, views_manage  # noqa: F401  (jobs: the periodic round transitions)
    from .cli import register_cli
    from .permissions import can_manage_rounds
    from .services import refuse_hiding_candidates

    app.register_blueprint(bp)
    register_cli(app)
    add_nav_item(app, "Rounds", "decisions.index", order=30)
    app.jinja_env.globals["can_manage_rounds"] = can_manage_rounds
    events.idea_narrowing.connect(refuse_hiding_candidates)
