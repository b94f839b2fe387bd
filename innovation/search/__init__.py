"""Search: the index of ideas, comments and people (Whoosh or PostgreSQL full text), the
search page and API, possible duplicates and related ideas."""

from flask import Flask

from ..platform.web import Blueprint

bp = Blueprint("search", __name__)


def init_app(app: Flask) -> None:
    from . import jobs, models, views  # noqa: F401  (jobs: the periodic sweeper)
    from .cli import search_cli
    from .index import check_backend_config
    from .listeners import connect_listeners

    check_backend_config(app)
    app.register_blueprint(bp)
    app.cli.add_command(search_cli)
    connect_listeners()
