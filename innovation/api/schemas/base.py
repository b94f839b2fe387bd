"""What every API schema builds on.

Request bodies and query strings are pydantic models: the JSON *types* are checked here, at the
edge, so services receive an `int` where they expect one. The rules of the domain (lengths,
ranges, known statuses, existence) stay in the services, which pages, CLI and jobs share; a
schema only *documents* them (`documented`), so a refusal reads the same wherever it comes from.

Responses are TypedDicts: the serializers build plain dicts (cheap on hot paths such as the
vote) annotated with these types, the OpenAPI document is generated from them, and in tests
every response is validated against them.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, get_args

from annotated_types import GroupedMetadata
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    WithJsonSchema,
    WrapValidator,
)
from pydantic_core import PydanticCustomError


class Body(BaseModel):
    """A JSON request body. Types are strict (an integer refuses `true`, `2.5` and `"3"`, text
    refuses numbers); NaN and infinities are refused; unknown fields are ignored."""

    model_config = ConfigDict(strict=True, allow_inf_nan=False, extra="ignore")


class Query(BaseModel):
    """Query-string parameters: text is converted to the declared types; unknown ones are ignored."""

    model_config = ConfigDict(extra="ignore")


def documented(**schema: Any) -> dict:
    """JSON Schema keywords for a rule the service enforces (and words itself), shown in the
    document only: `Field(json_schema_extra=documented(maxLength=140))`."""
    return schema


def _drop_default(schema: dict) -> None:
    schema.pop("default", None)


def absent(**schema: Any) -> Any:
    """A field that may be left out but, when sent, must have its type (`null` refused unless the
    type allows it). Left-out fields are not passed on (`model_dump(exclude_unset=True)`)."""

    def extra(field_schema: dict) -> None:
        _drop_default(field_schema)
        field_schema.update(schema)

    return Field(default=None, json_schema_extra=extra)


def one_error(message: str) -> WrapValidator:
    """Report any problem inside a compound value as one error on the field itself: `weights`
    (not `weights.customer`), as the services and pages name it."""

    def validate(value: Any, handler: Callable[[Any], Any]) -> Any:
        try:
            return handler(value)
        except ValidationError:
            raise PydanticCustomError("invalid_value", message) from None

    return WrapValidator(validate)


@dataclass(frozen=True)
class _Clamped(GroupedMetadata):
    default: int
    low: int
    high: int

    def parse(self, raw: Any) -> int:
        try:
            value = int(raw)
        except (TypeError, ValueError):
            return self.default
        return max(self.low, min(value or self.default, self.high))

    def __iter__(self) -> Iterator[object]:
        yield BeforeValidator(self.parse)
        yield WithJsonSchema({"type": "integer", "minimum": self.low, "maximum": self.high, "default": self.default})


def clamped(default: int, low: int, high: int) -> GroupedMetadata:
    """A lenient whole-number query parameter, `Annotated[int, clamped(20, 1, 50)]`: missing or
    unreadable gives `default`, anything outside `low`..`high` is brought inside (what the list
    views have always done)."""
    return _Clamped(default, low, high)


def mirrors(literal: Any, values: Iterable[str]) -> None:
    """Fail at import when a spelled-out `Literal` and the tuple of a model it copies differ.

    The type checker only reads values written inside `Literal[...]`, while the models keep the
    tuples the database and the services use; this keeps the two one list, in the same order
    (the order the document's `enum` shows)."""
    if get_args(literal) != tuple(values):
        raise TypeError(f"{literal} does not list exactly {tuple(values)}")


_AWARE_TIME = TypeAdapter(AwareDatetime)


def _aware_iso(value: str) -> str:
    try:
        _AWARE_TIME.validate_strings(value)
    except ValidationError:
        raise PydanticCustomError("timestamp", "should be an ISO 8601 time with its time zone") from None
    return value


#: A time as the API writes it: ISO 8601 text with its time zone (`platform.db.iso` writes UTC with a
#: `Z`). The serializers hand over the text itself, so the type is `str`; the document still says
#: `format: date-time`, and the response check still refuses anything but such a time.
Timestamp = Annotated[str, AfterValidator(_aware_iso), WithJsonSchema({"type": "string", "format": "date-time"})]
Id = Annotated[int, Field(description="an id")]
