"""Paginated, database-counted lists for the admin pages."""
from sqlalchemy import func, or_, select

from ..accounts.models import ROLES, AuditEvent, User
from ..extensions import db


def _page(query, page: int, per_page: int) -> dict:
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    items = list(db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)))
    pages = max(1, -(-total // per_page))
    return {"items": items, "page": page, "per_page": per_page, "total": total, "pages": pages}


def users_page(q: str, role: str, page: int, per_page: int) -> dict:
    query = select(User).order_by(User.created_at.desc(), User.id.desc())
    if role in ROLES:
        query = query.where(User.role == role)
    if q:
        pattern = f"%{q.strip().lower()[:100]}%"
        query = query.where(or_(func.lower(User.name).like(pattern), User.email.like(pattern)))
    return _page(query, page, per_page)


def audit_page(action: str, page: int, per_page: int) -> dict:
    query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if action:
        query = query.where(AuditEvent.action == action[:40])
    return _page(query, page, per_page)


def audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))
