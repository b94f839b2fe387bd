"""Admins define the statuses ideas can have: add, relabel, recolour, remove (moving its ideas).
Like every service: they flush, send a domain event and log; they never commit."""

import logging
import re

from sqlalchemy import func, select, update

from .. import events
from ..accounts.models import User
from ..accounts.permissions import require_role
from ..extensions import db
from ..platform.errors import Conflict, NotFound, ValidationFailed
from ..platform.input import text_problem
from .models import STATUSES, Idea, Status, StatusChange
from .statuses import LANES, SETTABLE_BASES, all_statuses, builtin_default, forget_statuses, status_info

log = logging.getLogger(__name__)

KEY_PATTERN = "^[a-z0-9][a-z0-9_-]{0,31}$"
COLOR_PATTERN = "^#[0-9a-fA-F]{6}$"
LABEL_MAX = 40


def clean_key(raw) -> str:
    if not isinstance(raw, str) or not re.match(KEY_PATTERN, raw):
        raise ValidationFailed(
            "A key is 1 to 32 lowercase letters, digits, dashes or underscores, e.g. next-quarter.",
            fields={"key": ["Lowercase letters, digits, - and _ (at most 32)."]},
        )
    return raw


def clean_label(raw) -> str:
    label = " ".join(raw.split()) if isinstance(raw, str) else ""
    if not label or len(label) > LABEL_MAX or text_problem(label, min_visible=1):
        raise ValidationFailed(
            f"A label has 1 to {LABEL_MAX} visible characters.", fields={"label": [f"1 to {LABEL_MAX} characters."]}
        )
    return label


def clean_color(raw) -> str:
    if not isinstance(raw, str) or not re.match(COLOR_PATTERN, raw):
        raise ValidationFailed("A colour is written #rrggbb, e.g. #0f766e.", fields={"color": ["#rrggbb."]})
    return raw.lower()


def clean_base(raw) -> str:
    if raw not in SETTABLE_BASES:
        raise ValidationFailed(
            f"The base is one of {', '.join(SETTABLE_BASES)} (rounds and merges set the others).",
            fields={"base": ["Unknown base."]},
        )
    return raw


def clean_lane(raw) -> str | None:
    if raw in (None, "", "none"):
        return None
    if raw not in LANES:
        raise ValidationFailed(
            f"The roadmap lane is one of {', '.join(LANES)}, or none.", fields={"lane": ["Unknown lane."]}
        )
    return raw


def clean_flag(raw, name: str) -> bool:
    if not isinstance(raw, bool):
        raise ValidationFailed(f"`{name}` is true or false.", fields={name: ["true or false."]})
    return raw


def _row(key: str) -> Status:
    """The row of `key` for a change; a built-in status whose row is missing gets it back."""
    row = db.session.get(Status, key) if isinstance(key, str) else None
    if row is None and key in STATUSES:
        default = builtin_default(key)
        row = Status(builtin=True, **default.as_json(), position=default.position)
        db.session.add(row)
    if row is None:
        raise NotFound("No such status.")
    return row


def ideas_with(key: str) -> int:
    """How many ideas have the custom status `key`."""
    return db.session.scalar(select(func.count()).select_from(Idea).where(Idea.status_key == key)) or 0


def define_status(actor: User, *, key, label, color, base, lane=None, takes_support=True) -> Status:
    """A new status (admins), mapped to a built-in base; it comes after the existing ones."""
    require_role(actor, "admin", action="define_status")
    row = Status(
        key=clean_key(key),
        label=clean_label(label),
        color=clean_color(color),
        base=clean_base(base),
        lane=clean_lane(lane),
        takes_support=clean_flag(takes_support, "takes_support"),
        builtin=False,
    )
    if row.key in all_statuses():
        raise Conflict(
            f"There is a status with the key “{row.key}” already.", code="status_exists", fields={"key": ["Taken."]}
        )
    row.position = (db.session.scalar(select(func.max(Status.position))) or 0) + 100
    db.session.add(row)
    db.session.flush()
    forget_statuses()
    events.status_defined.send(row, actor=actor, created=True)
    log.info("user %s defined status %s (%s)", actor.id, row.key, row.base)
    return row


def update_status(actor: User, key: str, **changes) -> Status:
    """Relabel, recolour, move to another lane, take or refuse supports; the key stays, and so
    do its ideas. A built-in status keeps its base; a custom one in use keeps it too (its ideas
    would change status unseen: move them first)."""
    require_role(actor, "admin", action="update_status")
    if status_info(key) is None:
        raise NotFound("No such status.")
    row = _row(key)
    if changes.get("label") is not None:
        row.label = clean_label(changes["label"])
    if changes.get("color") is not None:
        row.color = clean_color(changes["color"])
    if "lane" in changes:
        row.lane = clean_lane(changes["lane"])
    if changes.get("takes_support") is not None:
        row.takes_support = clean_flag(changes["takes_support"], "takes_support")
    if changes.get("base") is not None and changes["base"] != row.base:
        if row.builtin:
            raise ValidationFailed("A built-in status keeps its base.", fields={"base": ["Fixed for built-in ones."]})
        base = clean_base(changes["base"])
        if ideas_with(key):
            raise Conflict(
                f"{ideas_with(key)} ideas have this status; move them to another status before changing its base.",
                code="status_in_use",
            )
        row.base = base
    db.session.flush()
    forget_statuses()
    events.status_defined.send(row, actor=actor, created=False)
    log.info("user %s changed status %s", actor.id, row.key)
    return row


def remove_status(actor: User, key: str, move_to: str | None = None) -> int:
    """Remove a custom status (admins); its ideas move to `move_to` (a status history entry
    each; followers hear of it when their idea's base status changes). Returns how many moved."""
    require_role(actor, "admin", action="remove_status")
    info = status_info(key)
    if info is None:
        raise NotFound("No such status.")
    if info.builtin:
        raise Conflict("Built-in statuses cannot be removed; relabel them instead.", code="status_builtin")
    count = ideas_with(key)
    target = status_info(move_to) if move_to else None
    if move_to and (target is None or target.key == key or target.base not in SETTABLE_BASES):
        raise ValidationFailed("Move its ideas to another status.", fields={"move_to": ["Pick another status."]})
    if count and target is None:
        raise Conflict(
            f"{count} {'idea has' if count == 1 else 'ideas have'} this status; say where they go (move_to).",
            code="status_in_use",
            fields={"move_to": ["Required while ideas have this status."]},
        )
    moved = _move_ideas(actor, key, target) if count and target is not None else []
    row = db.session.get(Status, key)
    db.session.delete(row)
    db.session.flush()
    forget_statuses()
    events.status_removed.send(row, actor=actor, moved=len(moved), move_to=move_to)
    log.info("user %s removed status %s, %s ideas moved to %s", actor.id, key, len(moved), move_to)
    return len(moved)


def _move_ideas(actor: User, key: str, target) -> list[Idea]:
    ideas = list(db.session.scalars(select(Idea).where(Idea.status_key == key).order_by(Idea.id)))
    old_label = all_statuses()[key].label
    new_key = None if target.builtin else target.key
    for idea in ideas:
        db.session.add(
            StatusChange(
                idea_id=idea.id,
                actor_id=actor.id,
                old_status=idea.status,
                new_status=target.base,
                new_key=new_key,
                note=f"The status “{old_label}” was removed.",
            )
        )
    db.session.execute(
        update(Idea)
        .where(Idea.status_key == key)
        .values(status=target.base, status_key=new_key)
        .execution_options(synchronize_session=False)
    )
    db.session.flush()
    for idea in ideas:
        old = idea.status
        db.session.refresh(idea)
        if old != idea.status:
            events.status_changed.send(idea, actor=actor, old=old, new=idea.status, note="", label=target.label)
    return ideas
