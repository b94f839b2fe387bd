"""The caller's notifications."""

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError
from typing_extensions import TypedDict

from .base import Body, Id, Query, Timestamp
from .pages import page_of


class NotificationFilters(Query):
    unread: Literal["", "1"] = Field("", description="1: only unread ones")


class MarkRead(Body):
    """`{"ids": [...]}` marks those, `{"all": true}` every one."""

    # Either is required: the document says so with `anyOf`, the validator below does the same.
    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": ["ids"], "properties": {"ids": {"type": "array"}}},
                {"required": ["all"], "properties": {"all": {"const": True}}},
            ]
        }
    )

    ids: list[Id] | None = Field(None, max_length=1000)
    all: bool | None = None

    @model_validator(mode="after")
    def ids_or_all(self) -> "MarkRead":
        if self.ids is None and self.all is not True:
            raise PydanticCustomError("invalid_value", "Send `ids` (a list of notification ids) or `all: true`.")
        return self


class Notification(TypedDict):
    id: int
    kind: str
    title: str
    url: str
    created_at: Timestamp
    read_at: Timestamp | None
    event_at: Annotated[Timestamp, Field(description="When the news happened (the comment, the outcome, …)")]
    subject: Annotated[str | None, Field(description='What it is about: "idea:<id>", "round:<id>", or null')]
    preview: Annotated[str, Field(description="A plain-text line of the news (empty when there is none to show)")]


NotificationPage = page_of(Notification, "NotificationPage", "The caller's notifications, newest first.", unread=int)


class Marked(TypedDict):
    marked: int
    unread: int
