"""Home: the home page, and the load balancer's health and readiness probes."""

from flask import Flask

from ..platform.web import Blueprint

bp = Blueprint("home", __name__)


def init_app(app: Flask) -> None:
    from . import views  # noqa: F401

    app.register_blueprint(bp)
