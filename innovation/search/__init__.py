"""Search: the index of ideas, comments and people (Whoosh or PostgreSQL full text), the
search page and API, possible duplicates, related ideas, and finding experts."""
from flask import Blueprint

bp = Blueprint("search", __name__)

from . import views, views_people  # noqa: E402,F401
