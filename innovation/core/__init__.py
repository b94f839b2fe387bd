"""Site-wide pages: home, health and readiness probes."""
from flask import Blueprint

bp = Blueprint("core", __name__)

from . import views  # noqa: E402,F401
