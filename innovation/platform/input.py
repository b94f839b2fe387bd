"""What any input must be before a feature sees it, for pages and the API alike.

- Whole numbers fit the database's INTEGER (32-bit on PostgreSQL; SQLite's 64-bit would
  otherwise accept what PostgreSQL refuses, and Python's unbounded ints overflow both).
- Text holds no control characters (NUL above all: PostgreSQL refuses it in text) — line
  breaks and tabs only where a field is multi-line — and no lone surrogates (`"\\ud800"` in JSON
  is valid JSON but not Unicode, and no database stores it).
- A title is not blank once the invisible characters (zero-width spaces, BOM, …) are left out.

The rules are written once as regular expressions in the common subset of Python's `re`,
ECMA-262 and Rust's `regex` (classes of explicit `\\u` code points, no `\\s`, no look-around), so the
OpenAPI document can state them as `pattern` exactly as the server applies them.
"""

import re

from werkzeug.routing import BaseConverter

DB_INT_MAX = 2**31 - 1
DB_INT_MIN = -(2**31)


def _ranges(*spans: tuple[int, int]) -> str:
    """Members of a character class, each written as a range of `\\u` code points (even of one
    character): every regex dialect reads it alike, and so do the generators that build
    examples from a pattern (schemathesis's misreads a negated class of single characters)."""
    return "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in spans)


_CONTROL = _ranges((0x00, 0x1F), (0x7F, 0x9F))  # C0, DEL and C1
_CONTROL_BUT_LINES = _ranges((0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x9F))  # keeps \t \n \r
_SPACE = _ranges((0x20, 0x20), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A), (0x2028, 0x2029), (0x202F, 0x202F))
_SPACE += _ranges((0x205F, 0x205F), (0x3000, 0x3000))
_LINES = _ranges((0x09, 0x0A), (0x0D, 0x0D))
# Characters that show nothing: soft hyphen, combining grapheme joiner, direction marks and
# overrides, zero-width spaces and joiners, word joiners, fillers (Hangul, Braille blank),
# variation selectors, BOM.
_INVISIBLE = _ranges(
    (0xAD, 0xAD),
    (0x34F, 0x34F),
    (0x61C, 0x61C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x2800, 0x2800),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
)
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def text_pattern(*, multiline: bool = False, min_visible: int = 0) -> str:
    """The pattern of acceptable text: no control characters (but \\t \\n \\r when `multiline`)
    and, with `min_visible`, at least that many characters that show."""
    control = _CONTROL_BUT_LINES if multiline else _CONTROL
    if not min_visible:
        return f"^[^{control}]*$"
    blank = _SPACE + _INVISIBLE + (_LINES if multiline else "")
    return f"^[{blank}]*(?:[^{blank}{control}][{blank}]*){{{min_visible},}}$"


_CONTROL_CHARACTER = {
    False: re.compile(f"[{_CONTROL}]"),
    True: re.compile(f"[{_CONTROL_BUT_LINES}]"),
}
_SHOWS = {
    False: re.compile(f"[^{_SPACE}{_INVISIBLE}]"),
    True: re.compile(f"[^{_SPACE}{_INVISIBLE}{_LINES}]"),
}


def text_problem(value: str, *, multiline: bool = False, min_visible: int = 0) -> str | None:
    """Why `value` is not acceptable text (words that follow a field's name), or None.
    Exactly `text_pattern` with the same arguments, plus the lone surrogates no pattern can show."""
    if _SURROGATE.search(value):
        return "is not valid Unicode (it holds a lone surrogate)"
    if _CONTROL_CHARACTER[multiline].search(value):
        return "must not contain control characters" if multiline else "must be one line without control characters"
    if min_visible and len(_SHOWS[multiline].findall(value)) < min_visible:
        if min_visible == 1:
            return "must not be blank"
        return f"needs at least {min_visible} visible characters"
    return None


#: JSON nested deeper than this is refused: no request of ours needs more than a few levels.
JSON_DEPTH_MAX = 20


def json_depth(value: object) -> int:
    """How deeply lists and objects nest in a parsed JSON value (a scalar is 0), without recursion."""
    deepest, pending = 0, [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict | list):
            depth += 1
            deepest = max(deepest, depth)
            if depth > JSON_DEPTH_MAX:
                return depth
            pending.extend((child, depth) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def is_clean_text(value: str, *, multiline: bool = False) -> bool:
    return text_problem(value, multiline=multiline) is None


class DatabaseIdConverter(BaseConverter):
    """`<int:…>` in every route: ASCII digits only (Python's `int()` also reads "١٢" and "１２"),
    and a number the database cannot hold is the id of nothing, so it gets the very 404 a
    missing object gets ("No such idea.") instead of an overflow in the query."""

    regex = r"[0-9]+"
    weight = 50
    part_isolating = True

    def to_python(self, value: str) -> int:
        if len(value) > len(str(DB_INT_MAX)) or int(value) > DB_INT_MAX:
            return 0  # ids start at 1: no row has 0
        return int(value)

    def to_url(self, value: int) -> str:
        return str(int(value))


class CleanText:
    """WTForms validator: the same rule as the API's text fields (`text_problem`), so a page
    that posts a NUL, another control character or an invisible-only title gets its form back
    with the message next to the field."""

    def __init__(self, *, multiline: bool = False, min_visible: int = 0):
        self.multiline = multiline
        self.min_visible = min_visible

    def __call__(self, form, field) -> None:
        from wtforms.validators import StopValidation

        value = field.data
        if not isinstance(value, str):
            return
        problem = text_problem(value, multiline=self.multiline, min_visible=self.min_visible)
        if problem:
            raise StopValidation(f"{field.label.text} {problem}.")
