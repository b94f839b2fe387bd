"""The audit log: one row per security-relevant event, written in the caller's transaction."""

from flask import has_request_context, request

from ..extensions import db
from .actors import Actor
from .models import AuditEvent

DENIALS_KEY = "audit_denials"


def _audit_row(action: str, actor: Actor | None, subject: str, detail: dict) -> AuditEvent:
    # The client address is part of the evidence wherever the event came from.
    ip = (request.remote_addr or "") if has_request_context() else ""
    signed_in = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent(
        action=action, actor_id=actor.id if signed_in else None, subject=subject[:254], ip=ip[:45], detail=detail
    )


def record_audit(action: str, actor: Actor | None = None, subject: str = "", **detail) -> AuditEvent:
    """Add an audit row (sign_in, role_changed, ...) to the current transaction."""
    event = _audit_row(action, actor, subject, detail)
    db.session.add(event)
    db.session.flush()
    return event


def note_denial(actor: Actor, subject: str = "", **detail) -> None:
    """Remember a refused authorization; it is written after the failed request rolls back."""
    db.session.info.setdefault(DENIALS_KEY, []).append(_audit_row("access_denied", actor, subject, detail))


def save_noted_denials(_app=None) -> None:
    """Connected to the platform's `refusal_rolled_back`: persist the refusals noted meanwhile."""
    rows = db.session.info.pop(DENIALS_KEY, [])
    if rows:
        db.session.add_all(rows)
        db.session.commit()
