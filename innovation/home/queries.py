"""Read models for the home page."""

from sqlalchemy import select

from ..accounts.actors import Viewer
from ..accounts.models import User
from ..accounts.services import count_by_constituency
from ..extensions import db
from ..ideas.queries import idea_page


def home_page(viewer: Viewer) -> dict:
    """What the home page shows: trending ideas and who is taking part, on both sides."""
    newest = list(db.session.scalars(select(User).order_by(User.created_at.desc(), User.id.desc()).limit(8)))
    trending = idea_page(viewer, sort="hot", page=1, per_page=6).items
    return {"members": count_by_constituency(), "newest_members": newest, "trending_ideas": trending}
