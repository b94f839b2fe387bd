"""Ideas: submit, discuss, support, rate, follow, moderate, merge; the public roadmap."""
from flask import Blueprint

bp = Blueprint("ideas", __name__)

from . import views, views_discussion  # noqa: E402,F401
