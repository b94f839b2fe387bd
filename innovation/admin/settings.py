"""Site settings (admin): read with defaults, changed with validation. Each setting is one row
of `site_settings`; a setting never written reads as its default."""

import logging
import re
from typing import Any

from sqlalchemy import select

from .. import events
from ..accounts.models import User
from ..accounts.permissions import require_role
from ..extensions import db
from ..platform.db import utcnow
from ..platform.errors import ValidationFailed
from ..platform.upsert import upsert
from .models import SiteSetting

log = logging.getLogger(__name__)

# Who waits for a moderator before their new ideas and comments are published (ideas/approval.py).
PREMODERATION = ("off", "customers", "new_accounts", "everyone")
SITE_NAME_MAX, WELCOME_MAX, DOMAINS_MAX = 80, 2000, 50
DEFAULTS: dict[str, Any] = {
    "premoderation": "off",
    "site_name": "Innovation Commons",
    "accent_color": "#2563eb",
    "welcome_text": "",
    "employee_domains": [],
}
# A host name such as example.com (no lookahead: the API schema states this same pattern).
_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
HOSTNAME_PATTERN = f"^(?:{_LABEL}\\.)+[A-Za-z]{{2,63}}$"
HOSTNAME_MAX = 253
COLOR_PATTERN = "^#[0-9a-fA-F]{6}$"
_HOSTNAME = re.compile(HOSTNAME_PATTERN)
_COLOR = re.compile(COLOR_PATTERN)


def site_settings() -> dict[str, Any]:
    """Every setting, stored value or default."""
    stored = dict(db.session.execute(select(SiteSetting.key, SiteSetting.value)).tuples().all())
    return {key: stored.get(key, default) for key, default in DEFAULTS.items()}


def site_setting(key: str) -> Any:
    value = db.session.scalar(select(SiteSetting.value).where(SiteSetting.key == key))
    return DEFAULTS[key] if value is None else value


def _invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, fields={field: [message]})


def _clean_text(field: str, raw, limit: int, *, required: bool) -> str:
    if not isinstance(raw, str):
        raise _invalid(field, "Must be text.")
    text = raw.strip()
    if required and not text:
        raise _invalid(field, "Required.")
    if len(text) > limit:
        raise _invalid(field, f"At most {limit:,} characters.")
    return text


def _clean_domains(raw) -> list[str]:
    if not isinstance(raw, list) or len(raw) > DOMAINS_MAX:
        raise _invalid("employee_domains", f"A list of at most {DOMAINS_MAX} host names.")
    domains = []
    for item in raw:
        name = item.strip().lower() if isinstance(item, str) else ""
        if len(name) > HOSTNAME_MAX or not _HOSTNAME.match(name):
            raise _invalid("employee_domains", f"“{str(item)[:60]}” is not a host name such as example.com.")
        if name not in domains:
            domains.append(name)
    return domains


def _clean(key: str, raw) -> Any:
    if key == "premoderation":
        if raw not in PREMODERATION:
            raise _invalid(key, f"One of {', '.join(PREMODERATION)}.")
        return raw
    if key == "site_name":
        return _clean_text(key, raw, SITE_NAME_MAX, required=True)
    if key == "accent_color":
        if not isinstance(raw, str) or not _COLOR.match(raw):
            raise _invalid(key, "A colour as #rrggbb, such as #2563eb.")
        return raw.lower()
    if key == "welcome_text":
        return _clean_text(key, raw, WELCOME_MAX, required=False)
    return _clean_domains(raw)


def set_person_premoderation(actor: User, user: User, hold: bool) -> User:
    """Make one person's new ideas and comments wait for approval, or stop it (admins)."""
    require_role(actor, "admin", action="set_person_premoderation")
    if user.premoderate != hold:
        user.premoderate = hold
        db.session.flush()
        events.person_premoderation_changed.send(user, actor=actor, hold=hold)
        log.info("user %s %s premoderation of user %s", actor.id, "set" if hold else "cleared", user.id)
    return user


def update_site_settings(actor: User, changes: dict[str, Any]) -> dict[str, Any]:
    """Change some settings (admins); the ones left out (or None) stay. All or nothing."""
    require_role(actor, "admin", action="update_site_settings")
    unknown = sorted(set(changes) - set(DEFAULTS))
    if unknown:
        raise ValidationFailed(f"Unknown setting: {', '.join(unknown)}.")
    cleaned = {key: _clean(key, value) for key, value in changes.items() if value is not None}
    now = utcnow()
    for key, value in cleaned.items():
        row = {"key": key, "value": value, "updated_at": now, "updated_by_id": actor.id}
        upsert(SiteSetting, row, ["key"], {"value": value, "updated_at": now, "updated_by_id": actor.id})
    db.session.flush()
    if cleaned:
        events.site_settings_changed.send(actor, changes=cleaned)
        log.info("user %s changed site settings %s", actor.id, ", ".join(sorted(cleaned)))
    return site_settings()
