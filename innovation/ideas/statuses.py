"""The statuses ideas can have, read from one place: the `statuses` table (the eight built-in
ones, relabelled at will, and those the team defines), looked up once per request.

Every page, the API and notifications ask `status_of(idea)` for an idea's label, colour, lane
and whether it takes supports; nothing else keeps a copy of these. The lookup is one small
query per request (kept in `g`), so a change made by one web node shows on every node at once:
there is no shared cache to invalidate. The services that change statuses drop the request's
copy (`forget_statuses`)."""

from dataclasses import dataclass
from functools import cached_property

from flask import g
from sqlalchemy import and_, false, or_, select

from ..extensions import db
from .models import STATUSES, Idea, Status

# The roadmap's lanes (key, heading), in order; a status shows its ideas in one of them or none.
ROADMAP_LANES = (("planned", "Planned"), ("in_progress", "In progress"), ("shipped", "Shipped"))
LANES = tuple(key for key, _heading in ROADMAP_LANES)
# Only the system puts ideas into these (a round takes a candidate, a merge merges): no status
# the team defines maps to them, and the status form does not offer them.
SYSTEM_BASES = ("in_round", "merged")
SETTABLE_BASES = tuple(base for base in STATUSES if base not in SYSTEM_BASES)

# The built-in statuses as migration 0012 seeds them: (key, label, colour, lane, takes supports).
# Used only when a built-in row is missing (a database emptied by hand); the rows are the truth.
BUILTIN_DEFAULTS = (
    ("new", "New", "#1849a9", None, True),
    ("under_review", "Under review", "#5925dc", None, True),
    ("in_round", "In a round", "#b54708", None, True),
    ("planned", "Planned", "#0f766e", "planned", True),
    ("in_progress", "In progress", "#0e7090", "in_progress", True),
    ("shipped", "Shipped", "#067647", "shipped", True),
    ("declined", "Declined", "#57606a", None, True),
    ("merged", "Merged", "#57606a", None, False),
)


def _channels(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def _hex(channels) -> str:
    return "#" + "".join(f"{round(c):02x}" for c in channels)


def _mix(color: str, other: str, share: float) -> str:
    """`share` of `color`, the rest `other`."""
    return _hex(a * share + b * (1 - share) for a, b in zip(_channels(color), _channels(other), strict=True))


def luminance(color: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g_, b = (linear(c) for c in _channels(color))
    return 0.2126 * r + 0.7152 * g_ + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@dataclass(frozen=True)
class StatusInfo:
    key: str
    label: str
    color: str
    base: str
    lane: str | None
    takes_support: bool
    position: int
    builtin: bool

    @cached_property
    def tint(self) -> str:
        """The chip's background: a light wash of the colour."""
        return _mix(self.color, "#ffffff", 0.12)

    @cached_property
    def border(self) -> str:
        return _mix(self.color, "#ffffff", 0.45)

    @cached_property
    def text_color(self) -> str:
        """The colour itself, darkened until it reads on the tint (WCAG AA, 4.5:1): a pale
        yellow chosen by an admin still gives legible text."""
        for step in range(11):
            candidate = _mix(self.color, "#000000", 1 - step / 10)
            if contrast(candidate, self.tint) >= 4.5:
                return candidate
        return "#000000"

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "color": self.color,
            "base": self.base,
            "lane": self.lane,
            "takes_support": self.takes_support,
        }


def _info(row: Status) -> StatusInfo:
    return StatusInfo(row.key, row.label, row.color, row.base, row.lane, row.takes_support, row.position, row.builtin)


def status_json(row: Status) -> dict:
    """A status row as the API shows it."""
    return _info(row).as_json()


def builtin_default(key: str) -> StatusInfo:
    number, (key, label, color, lane, takes) = next(
        (n, item) for n, item in enumerate(BUILTIN_DEFAULTS) if item[0] == key
    )
    return StatusInfo(key, label, color, key, lane, takes, number * 100, True)


def all_statuses() -> dict[str, StatusInfo]:
    """Every status by key, built-in and custom, in the admins' order (once per request)."""
    cached = g.get("_statuses")
    if cached is None:
        rows = {row.key: _info(row) for row in db.session.scalars(select(Status).order_by(Status.position, Status.key))}
        for base in STATUSES:
            rows.setdefault(base, builtin_default(base))
        cached = dict(sorted(rows.items(), key=lambda item: (item[1].position, item[0])))
        g._statuses = cached
    return cached


def forget_statuses() -> None:
    g.pop("_statuses", None)


def status_display(base: str, key: str | None = None) -> StatusInfo:
    """The status `key` when it is a custom one of `base`, else `base`'s own (a string that is
    neither: shown as "New", never an error on a page)."""
    statuses = all_statuses()
    custom = statuses.get(key) if key else None
    if custom is not None and custom.base == base:
        return custom
    return statuses[base] if base in statuses else builtin_default("new")


def status_of(idea: Idea) -> StatusInfo:
    """What an idea's status is called and does: its custom status, else its base's own."""
    return status_display(idea.status, idea.status_key)


def status_info(key: str | None) -> StatusInfo | None:
    return all_statuses().get(key) if key else None


def label_of(key: str) -> str:
    info = status_info(key)
    return info.label if info is not None else key.replace("_", " ").capitalize()


def grouped_by_base(bases=SETTABLE_BASES) -> list[tuple[StatusInfo, list[StatusInfo]]]:
    """(the base's own status, the custom statuses mapped to it) for each of `bases`."""
    statuses = all_statuses()
    return [(statuses[base], [s for s in statuses.values() if s.base == base and not s.builtin]) for base in bases]


def status_clause(key: str):
    """SQL condition: ideas with status `key` — for a base, every idea whose base it is (custom
    statuses included); for a custom status, only the ideas that have it. None: unknown."""
    if key in STATUSES:
        return Idea.status == key
    info = status_info(key)
    return Idea.status_key == key if info is not None else None


def lane_clause(lane: str):
    """SQL condition: the ideas a roadmap lane shows — those whose status (custom, else the
    base's own) has that lane."""
    statuses = all_statuses().values()
    custom = [s.key for s in statuses if not s.builtin and s.lane == lane]
    bases = [s.base for s in statuses if s.builtin and s.lane == lane]
    parts = []
    if custom:
        parts.append(Idea.status_key.in_(custom))
    if bases:
        parts.append(and_(Idea.status_key.is_(None), Idea.status.in_(bases)))
    return or_(*parts) if parts else false()
