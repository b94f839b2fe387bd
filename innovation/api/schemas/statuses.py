"""Statuses: the built-in ones and those the team defines (API.md, "custom statuses")."""

from typing import Annotated, Literal

from pydantic import Field
from typing_extensions import TypedDict

from ...ideas.status_services import COLOR_PATTERN, KEY_PATTERN, LABEL_MAX
from ...ideas.statuses import LANES, SETTABLE_BASES
from .base import Body, Query, mirrors, text
from .ideas import Status

Key = Annotated[str, Field(pattern=KEY_PATTERN, max_length=32, description="lowercase letters, digits, - and _")]
Label = Annotated[str, text(LABEL_MAX, min_visible=1, description="what people read; spaces are collapsed")]
Color = Annotated[str, Field(pattern=COLOR_PATTERN, description="#rrggbb")]
Base = Literal["new", "under_review", "planned", "in_progress", "shipped", "declined"]
mirrors(Base, SETTABLE_BASES)
Lane = Literal["planned", "in_progress", "shipped"]
mirrors(Lane, LANES)


class StatusItem(TypedDict):
    """A status: `base` is the built-in status it counts as (what an idea's `status` says);
    `lane` the roadmap lane its ideas show in (null: not on the roadmap)."""

    key: str
    label: str
    color: str
    base: Status
    lane: Lane | None
    takes_support: bool


class StatusList(TypedDict):
    items: list[StatusItem]


class NewStatus(Body):
    key: Key
    label: Label
    color: Color
    base: Base = Field(description="`in_round` and `merged` are set by rounds and merges only")
    lane: Lane | None = None
    takes_support: bool = True


class StatusEdit(Body):
    """The fields to change; left out (or `null`) stay as they are, but `lane: null` takes the
    status off the roadmap. A built-in status keeps its base; a custom one in use too (409)."""

    label: Label | None = None
    color: Color | None = None
    base: Base | None = None
    lane: Lane | None = None
    takes_support: bool | None = None


class RemoveStatus(Query):
    move_to: Annotated[Key, Field(description="where its ideas go; required while ideas have it (409)")] | None = None


class RemovedStatus(TypedDict):
    """The removed status's key and how many of its ideas moved where."""

    key: str
    moved: int
    move_to: str | None
