"""Notifications: outbox, fan-out jobs, in-app centre, e-mail and digests, preferences."""
from flask import Blueprint

bp = Blueprint("notifications", __name__)

from . import views  # noqa: E402,F401
