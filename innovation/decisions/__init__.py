"""Joint-decision rounds: shared impact data, secret ballots, transparent tallies, outcomes."""

from flask import Flask

from .. import events
from ..platform.templating import add_nav_item
from ..platform.web import Blueprint, current_viewer

bp = Blueprint("decisions", __name__)


def init_app(app: Flask) -> None:
    from . import (  # noqa: F401  (jobs: periodic transitions)
        formatting,
        jobs,
        models,
        views,
        views_amend,
        views_build,
        views_charts,
        views_import,
        views_manage,
    )
    from .building import rounds_taking_candidates
    from .cli import register_cli
    from .permissions import can_manage_rounds
    from .queries import round_links
    from .services import refuse_hiding_candidates
    from .summary import side_share_text

    app.register_blueprint(bp)
    formatting.init_app(app)
    register_cli(app)
    add_nav_item(app, "Rounds", "decisions.index", order=30)
    app.jinja_env.globals["can_manage_rounds"] = can_manage_rounds
    app.jinja_env.globals["side_share"] = side_share_text

    def idea_round_links(ideas) -> dict:
        """For idea cards and pages (templates of a feature decisions builds on): idea id →
        the rounds the viewer may see it in, newest first, in one query for the whole list."""
        return round_links(current_viewer(), [idea.id for idea in ideas])

    app.jinja_env.globals["idea_round_links"] = idea_round_links
    # "Add to round" on idea pages, the ideas list and search results: [] for all but pms.
    app.jinja_env.globals["rounds_taking_candidates"] = lambda: rounds_taking_candidates(current_viewer())
    events.idea_narrowing.connect(refuse_hiding_candidates)
