"""Imports every feature's models so that Alembic and the app see one complete metadata."""
from .accounts.models import ApiToken, AuditEvent, ExpertiseTag, Invitation, User

__all__ = ["ApiToken", "AuditEvent", "ExpertiseTag", "Invitation", "User"]
