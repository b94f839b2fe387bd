"""Read models for the home page."""
from sqlalchemy import select

from ..accounts.models import User
from ..accounts.services import count_by_constituency
from ..extensions import db


def home_page() -> dict:
    """What the home page shows: who is taking part, on both sides of the company wall."""
    newest = list(db.session.scalars(select(User).order_by(User.created_at.desc(), User.id.desc()).limit(8)))
    return {"members": count_by_constituency(), "newest_members": newest}
