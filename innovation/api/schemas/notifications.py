"""The caller's notifications."""

from pydantic import Field
from typing_extensions import TypedDict

from .base import Body, Query, Timestamp, documented
from .pages import page_of


class NotificationFilters(Query):
    unread: str = Field("", json_schema_extra=documented(enum=["", "1"], description="1: only unread ones"))


class MarkRead(Body):
    """`{"ids": [...]}` marks those, `{"all": true}` every one."""

    ids: list[int] | None = None
    all: bool | None = None


class Notification(TypedDict):
    id: int
    kind: str
    title: str
    url: str
    created_at: Timestamp
    read_at: Timestamp | None


NotificationPage = page_of(Notification, "NotificationPage", "The caller's notifications, newest first.", unread=int)


class Marked(TypedDict):
    marked: int
    unread: int
