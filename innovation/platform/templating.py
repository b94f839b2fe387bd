"""Template globals and filters shared by every page; features add navigation entries and
context processors of their own in their `init_app`."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import Flask, current_app, g, url_for

from .db import iso
from .markdown import safe

NAV_KEY = "innovation.nav_items"


def add_nav_item(app: Flask, label: str, endpoint: str, order: int) -> None:
    """Show `label` in the header's navigation, linking to `endpoint` (lower `order` first).
    Search is the query box beside them (a search landmark), not another link."""
    items = app.extensions.setdefault(NAV_KEY, {})
    items[endpoint] = (order, label)


def nav_items() -> list[tuple[str, str, str]]:
    items = current_app.extensions.get(NAV_KEY, {})
    views = current_app.view_functions
    return [
        (label, endpoint, url_for(endpoint))
        for endpoint, (_order, label) in sorted(items.items(), key=lambda item: item[1][0])
        if endpoint in views
    ]


def relative_time(value: datetime | None) -> str:
    if value is None:
        return ""
    seconds = int((datetime.now(UTC) - value).total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''} ago"
    return "just now"


VIEWER_ZONE_KEY = "viewer_time_zone"


def viewer_time_zone() -> ZoneInfo:
    """The zone the current reader's times are shown in. A feature that knows the reader's own
    setting puts its name in `g.viewer_time_zone`; until then everyone reads UTC."""
    name = g.get(VIEWER_ZONE_KEY) or "UTC"
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError):  # an unknown or malformed zone name is shown as UTC
        return ZoneInfo("UTC")


def local_time(value: datetime | None, with_date: bool = True) -> str:
    """'7 Dec 2026, 16:45 UTC' in the reader's zone, the zone always named."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    local = value.astimezone(viewer_time_zone())
    zone = local.tzname() or str(local.tzinfo)
    clock = f"{local:%H:%M} {zone}"
    return f"{local.day} {local:%b %Y}, {clock}" if with_date else clock


def local_date(value: datetime | None) -> str:
    """'7 December 2026' in the reader's zone."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    local = value.astimezone(viewer_time_zone())
    return f"{local.day} {local:%B %Y}"


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.filters["iso"] = iso
    app.jinja_env.filters["sanitized"] = safe
    app.jinja_env.filters["ago"] = relative_time
    app.jinja_env.filters["local_time"] = local_time
    app.jinja_env.filters["local_date"] = local_date
    app.jinja_env.globals["nav_items"] = nav_items
    app.jinja_env.globals["has_endpoint"] = lambda endpoint: endpoint in app.view_functions
