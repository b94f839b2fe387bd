"""People: profiles with their topic cloud and collaborators, "who knows about X" (experts),
the network picture and common contacts. Builds on ideas and the search index."""

from flask import Flask

from ..platform.web import Blueprint

bp = Blueprint("people", __name__)


def init_app(app: Flask) -> None:
    from . import views  # noqa: F401  (routes register on import)

    app.register_blueprint(bp)
