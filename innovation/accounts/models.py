"""Users, roles, invitations, API tokens, expertise tags and the audit log."""

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from ..platform.db import UTCDateTime, utcnow

ROLES = ("customer", "employee", "pm", "admin")
EMPLOYEE_SIDE = ("employee", "pm", "admin")


def constituency_of(role: str) -> str:
    """A user's constituency in votes and counts: customers, or everyone inside the company."""
    return "customer" if role == "customer" else "employee"


def employee_side_clause(user_model=None):
    """SQL condition on users: the employee side (employees, pms, admins), as `is_employee_side`."""
    return (user_model or User).role.in_(EMPLOYEE_SIDE)


class User(UserMixin, Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="customer", index=True)
    # Bumped on logout and whenever credentials are revoked: every cookie carrying an older
    # value is dead, on every node (the loader compares it with the database on each request).
    session_version: Mapped[int] = mapped_column(default=1)
    # Bumped when credentials are revoked (password change, sign out everywhere, deactivation):
    # a token issued under an older value is dead, even one a racing sign-in inserts afterwards.
    credentials_version: Mapped[int] = mapped_column(default=1, server_default="1")
    # Set by an admin: no sign-in, no session, no token counts while it is set.
    deactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set by an admin: this person's new ideas and comments wait for a moderator's approval
    # whatever the site's premoderation setting (ideas/approval.py).
    premoderate: Mapped[bool] = mapped_column(default=False, server_default="0")
    bio: Mapped[str] = mapped_column(Text, default="")
    department: Mapped[str] = mapped_column(String(80), default="")
    title: Mapped[str] = mapped_column(String(80), default="")
    company: Mapped[str] = mapped_column(String(80), default="")
    segment: Mapped[str] = mapped_column(String(80), default="")
    email_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    expertise: Mapped[list["ExpertiseTag"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="ExpertiseTag.tag"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login: an inactive user is never signed in
        return self.deactivated_at is None

    @property
    def constituency(self) -> str:
        return constituency_of(self.role)

    @property
    def is_employee_side(self) -> bool:
        return self.role in EMPLOYEE_SIDE

    @property
    def expertise_tags(self) -> list[str]:
        return [item.tag for item in self.expertise]

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


class ExpertiseTag(Model):
    __tablename__ = "expertise_tags"
    __table_args__ = (UniqueConstraint("user_id", "tag"), Index("ix_expertise_tags_tag", "tag"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    tag: Mapped[str] = mapped_column(String(40))

    user: Mapped[User] = relationship(back_populates="expertise")


class Invitation(Model):
    """An employee invitation; the e-mailed link is a signed token naming this row."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    role: Mapped[str] = mapped_column(String(16), default="employee")
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    email_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    accepted_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id])


class ApiToken(Model):
    """A bearer token for the JSON API; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The owner's `credentials_version` when issued; the token counts only while they match.
    credentials_version: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()


class AuditEvent(Model):
    """Security-relevant events (sign-ins, failures, role changes, refusals), kept in UTC."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    action: Mapped[str] = mapped_column(String(40), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    subject: Mapped[str] = mapped_column(String(254), default="")
    ip: Mapped[str] = mapped_column(String(45), default="")
    detail: Mapped[dict] = mapped_column(JSON, default=dict)

    actor: Mapped[User | None] = relationship()
