"""Joint-decision rounds: shared impact data, secret ballots, transparent tallies, outcomes."""
from flask import Blueprint

bp = Blueprint("decisions", __name__)

from . import views, views_manage  # noqa: E402,F401
