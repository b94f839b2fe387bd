"""Administration: users and roles, invitations, the audit log."""

from flask import Flask

from ..platform.web import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")


def init_app(app: Flask) -> None:
    from . import models, views  # noqa: F401

    app.register_blueprint(bp)
