"""What every API schema builds on.

Request bodies and query strings are pydantic models checked here, at the edge: JSON types,
every length, range, enum and pattern the document states (the document is generated from these
very constraints, so the two cannot disagree), whole numbers within the database's range and text
without control characters or lone surrogates (`platform.input`). The services, which pages, CLI
and jobs share, still apply the rules of the domain (existence, state, cross-field rules such as
weights adding up to 1); `documented` states such a rule in the document when JSON Schema can.

Responses are TypedDicts: the serializers build plain dicts (cheap on hot paths such as the
vote) annotated with these types, the OpenAPI document is generated from them, and in tests
every response is validated against them.
"""

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, get_args

from annotated_types import GroupedMetadata, MaxLen, MinLen
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

from ...platform.input import DB_INT_MAX, DB_INT_MIN, text_pattern, text_problem


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
        if raw is None or raw == "":
            return self.default
        value = whole_number(raw)
        return max(self.low, min(value or self.default, self.high))

    def __iter__(self) -> Iterator[object]:
        yield BeforeValidator(self.parse)
        yield WithJsonSchema(
            {
                "type": "integer",
                "default": self.default,
                "description": f"any whole number: values outside {self.low}..{self.high} are brought inside",
            }
        )


def clamped(default: int, low: int, high: int) -> GroupedMetadata:
    """A lenient whole-number query parameter, `Annotated[int, clamped(20, 1, 50)]`: missing
    gives `default`, anything outside `low`..`high` is brought inside (what the list views have
    always done); text that is not a whole number is refused (422), as the document says."""
    return _Clamped(default, low, high)


_WHOLE_NUMBER = re.compile(r"-?[0-9]+")


def whole_number(raw: Any) -> int:
    """A query string's whole number: ASCII digits with an optional minus only (`int()` would also
    read "١٢", " 12", "1_000" and "+5", which the document's `integer` does not admit). Beyond
    the database's range it is pinned to just outside it, so a bound refuses it by name."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if not isinstance(raw, str) or not _WHOLE_NUMBER.fullmatch(raw):
        raise PydanticCustomError("int_parsing", "should be a whole number")
    if len(raw.lstrip("-")) > len(str(DB_INT_MAX)):
        return DB_INT_MIN - 1 if raw.startswith("-") else DB_INT_MAX + 1
    return int(raw)


#: Reads a query string's whole number: `Annotated[int, Field(ge=1, le=10), WHOLE_NUMBER]` (the bounds
#: first, so the document shows them as `minimum`/`maximum`).
WHOLE_NUMBER = BeforeValidator(whole_number)


def _integral(value: Any) -> Any:
    """JSON has one kind of number: `3.0` *is* the integer 3 to JSON Schema, so it is taken as 3
    (`3.5`, `true` and `"3"` still are not integers)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


#: Takes a JSON number with a zero fraction as the integer it is.
INTEGRAL = BeforeValidator(_integral)


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
#: An id in a body: what an INTEGER primary key can hold (a larger one is refused, not overflowed).
Id = Annotated[int, Field(ge=1, le=DB_INT_MAX, description="an id"), INTEGRAL]
#: A whole number the database stores (32-bit INTEGER on PostgreSQL).
DbInt = Annotated[int, Field(ge=DB_INT_MIN, le=DB_INT_MAX), INTEGRAL]


@dataclass(frozen=True)
class _SchemaKeywords:
    """Metadata that adds JSON Schema keywords to a field's schema (and checks nothing itself)."""

    keywords: tuple[tuple[str, Any], ...]

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict:
        schema = handler(core_schema)
        schema.update(self.keywords)
        return schema


@dataclass(frozen=True)
class _Text(GroupedMetadata):
    max_length: int
    multiline: bool
    min_visible: int
    description: str | None

    def check(self, value: str) -> str:
        problem = text_problem(value, multiline=self.multiline, min_visible=self.min_visible)
        if problem:
            raise PydanticCustomError("bad_text", problem)
        return value

    def __iter__(self) -> Iterator[object]:
        yield MaxLen(self.max_length)
        if self.min_visible:
            yield MinLen(self.min_visible)
        yield AfterValidator(self.check)
        keywords: dict[str, Any] = {"pattern": text_pattern(multiline=self.multiline, min_visible=self.min_visible)}
        if self.description:
            keywords["description"] = self.description
        yield _SchemaKeywords(tuple(keywords.items()))


def text(max_length: int, *, multiline: bool = False, min_visible: int = 0, description: str | None = None) -> Any:
    """A text field, `Annotated[str, text(140, min_visible=5)]`: at most `max_length` characters,
    no control characters (\\t \\n \\r allowed when `multiline`), no lone surrogates and, with
    `min_visible`, at least that many characters that show (zero-width ones do not). The
    document states it as `maxLength`, `minLength` and the `pattern` the check is equal to."""
    return _Text(max_length, multiline, min_visible, description)


# RFC 3339 (what `format: date-time` means), with years from 1970 to 2999: an offset can then
# never carry a time past what Python's datetime holds when the service turns it into UTC.
MOMENT_PATTERN = (
    "^(?:19[7-9][0-9]|2[0-9]{3})-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(?:[.][0-9]+)?"
    "(?:[Zz]|[+-][0-9]{2}:[0-9]{2})$"
)
_MOMENT = re.compile(MOMENT_PATTERN)


def _moment(value: str) -> str:
    """An RFC 3339 time as the ISO text the services read (`datetime.fromisoformat`)."""
    if not _MOMENT.match(value):
        raise PydanticCustomError(
            "timestamp", "should be an RFC 3339 time with its time zone, e.g. 2026-05-01T09:00:00Z"
        )
    date, _t, rest = value.upper().partition("T")
    clock, zone = (rest[:-1], "+00:00") if rest.endswith("Z") else (rest[:-6], rest[-6:])
    seconds, _dot, fraction = clock.partition(".")
    try:
        parsed = datetime.fromisoformat(f"{date}T{seconds}{'.' + fraction[:6].ljust(6, '0') if fraction else ''}{zone}")
    except ValueError:
        raise PydanticCustomError("timestamp", "is not a real time (check the month, day, hour and offset)") from None
    return parsed.isoformat()


#: A time in a request body: RFC 3339 text, handed on as ISO text.
Moment = Annotated[
    str,
    AfterValidator(_moment),
    WithJsonSchema({"type": "string", "format": "date-time", "pattern": MOMENT_PATTERN}),
]
