"""Paginated, database-counted lists for the admin pages."""

from sqlalchemy import func, or_, select

from ..accounts.models import ROLES, AuditEvent, User
from ..extensions import db
from ..platform.pagination import Page, paginate


def users_page(q: str, role: str, page: int, per_page: int) -> Page[User]:
    query = select(User).order_by(User.created_at.desc(), User.id.desc())
    if role in ROLES:
        query = query.where(User.role == role)
    if q:
        pattern = f"%{q.strip().lower()[:100]}%"
        query = query.where(or_(func.lower(User.name).like(pattern), User.email.like(pattern)))
    return paginate(query, page, per_page)


def audit_page(action: str, page: int, per_page: int) -> Page[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if action:
        query = query.where(AuditEvent.action == action[:40])
    return paginate(query, page, per_page)


def audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))
