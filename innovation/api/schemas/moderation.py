"""Site settings (admin) and the approval queue (pms, admins)."""

from typing import Annotated, Literal

from pydantic import Field
from typing_extensions import TypedDict

from ...admin.settings import (
    COLOR_PATTERN,
    DOMAINS_MAX,
    HOSTNAME_MAX,
    HOSTNAME_PATTERN,
    PREMODERATION,
    SITE_NAME_MAX,
    WELCOME_MAX,
)
from ...ideas.approval import REASON_MAX
from .accounts import Author
from .base import Body, Timestamp, mirrors, text

Premoderation = Literal["off", "customers", "new_accounts", "everyone"]
mirrors(Premoderation, PREMODERATION)
Hostname = Annotated[str, Field(pattern=HOSTNAME_PATTERN, max_length=HOSTNAME_MAX)]


class SiteSettings(TypedDict):
    """The site's settings. `premoderation`: whose new ideas and comments wait for a moderator —
    nobody (`off`), `customers`, `new_accounts` (younger than 7 days or nothing published yet), `everyone`."""

    premoderation: Premoderation
    site_name: str
    accent_color: str
    welcome_text: str
    employee_domains: list[str]


class SiteSettingsChange(Body):
    """The settings to change; the ones left out (or `null`) stay as they are."""

    premoderation: Premoderation | None = None
    site_name: Annotated[str, text(SITE_NAME_MAX, min_visible=1)] | None = None
    accent_color: Annotated[str, Field(pattern=COLOR_PATTERN, description="#rrggbb")] | None = None
    welcome_text: Annotated[str, text(WELCOME_MAX, multiline=True, description="markdown")] | None = None
    employee_domains: (
        Annotated[list[Hostname], Field(max_length=DOMAINS_MAX, description="host names such as example.com")] | None
    ) = None


class Rejection(Body):
    reason: Annotated[str, text(REASON_MAX, min_visible=1, description="shown to the author")]


class QueueEntry(TypedDict):
    """A waiting idea or comment. `title`: the idea's (a comment's: the idea it is on);
    `body`: the idea's description or the comment's text; `idea_id`: the idea (itself, or the
    comment's)."""

    kind: Literal["idea", "comment"]
    id: int
    title: str
    body: str
    idea_id: int
    author: Author
    created_at: Timestamp


class ApprovalQueue(TypedDict):
    """Waiting ideas and comments, newest first."""

    items: list[QueueEntry]


class Decision(TypedDict):
    kind: Literal["idea", "comment"]
    id: int
    moderation: Literal["approved", "rejected"]
    reason: str
