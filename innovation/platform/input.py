"""What any input must be before a feature sees it, for pages and the API alike.

- Whole numbers fit the database's INTEGER (32-bit on PostgreSQL; SQLite's 64-bit would
  otherwise accept what PostgreSQL refuses, and Python's unbounded ints overflow both).
- Text holds no control characters (NUL above all: PostgreSQL refuses it in text) — line
  breaks and tabs only where a field is multi-line — and no lone surrogates (`"\\ud800"` in JSON
  is valid JSON but not Unicode, and no database stores it).
- A title is not blank once the invisible characters (zero-width spaces, BOM, …) are left out.

The rules are written once as regular expressions in the common subset of Python's `re`,
ECMA-262 and Rust's `regex` (explicit `\\uXXXX` classes, no `\\s`, no look-around), so the
OpenAPI document can state them as `pattern` exactly as the server applies them.
"""

import re

from werkzeug.routing import BaseConverter

DB_INT_MAX = 2**31 - 1
DB_INT_MIN = -(2**31)

_CONTROL = r"\u0000-\u001f\u007f-\u009f"  # C0, DEL and C1
_CONTROL_BUT_LINES = r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f"  # keeps \t \n \r
_SPACE = r" \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_LINES = r"\t\n\r"
# Characters that show nothing: zero-width spaces and joiners, direction marks and overrides,
# word joiners, soft hyphen, BOM, variation selectors, fillers (Hangul, Braille blank).
_INVISIBLE = (
    r"\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0"
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
