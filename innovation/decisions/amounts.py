"""Amounts as people type them ("12k", "€12,000", "12 000", "EUR 1.5m", "12.000,50") read as
numbers, for the pages and the CSV import (the JSON API keeps plain numbers).

The rules, in the order they apply:
- A currency sign (€ $ £ ¥ ₹) or a three-letter code may stand before or after the number; it
  must be the site's currency (Config CURRENCY): an amount in another currency is refused,
  never silently taken as ours.
- A suffix k (thousand), m / mn (million) or bn (billion) multiplies.
- Spaces (also no-break and thin spaces) and apostrophes group thousands: "12 000", "1'500".
- With both "," and ".", the last one is the decimal separator: "12,000.50" and "12.000,50".
- A comma followed by exactly three digits groups thousands ("12,000", "1,234,567"); a comma
  followed by one or two digits is a decimal comma ("12,5").
- Dots grouping thousands need at least two groups ("1.000.000"); one dot followed by exactly
  three digits ("12.000") is refused as ambiguous — 12 or 12,000? — unless a suffix makes it
  a decimal ("1.500k"). Any other single dot is a decimal point.
- Negative amounts, NaN/infinity, words and amounts above the maximum are refused with a
  message that says what to write instead.
"""

import math
import re

from .formatting import CURRENCY_SIGNS

MAXIMUM = 1e12
EXAMPLES = "e.g. 12000, 12,000, 12k or 1.5m"
_SIGN_CODES = {sign: code for code, sign in CURRENCY_SIGNS.items()}
_CURRENCY = r"[€$£¥₹]|[A-Za-z]{3}"
_LEADING = re.compile(rf"^(?P<cur>{_CURRENCY})(?=[\s\d.,\-−–])\s*")
_TRAILING = re.compile(rf"(?:(?<=[\s\d.,])|(?<=\d[kKmM])|(?<=\d[bBmM][nN]))\s*(?P<cur>{_CURRENCY})$")
_SUFFIX = re.compile(r"(?<=[\d.,])\s*(?P<suffix>k|mn|m|bn)$", re.IGNORECASE)
_MULTIPLIERS = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9}
_MINUS = ("-", "−", "–")
_GROUP_SPACES = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f\u2009'’]\d{3})+(?:[.,]\d+)?$")
_SPACE_CHARS = re.compile(r"[ \u00a0\u202f\u2009'’]")


class AmountError(ValueError):
    """An amount that cannot be read; the message is meant for the person who typed it."""


def parse_amount(text: str, *, currency: str = "EUR", maximum: float = MAXIMUM) -> float:
    """The amount `text` stands for, in whole currency units; AmountError says why not."""
    if not isinstance(text, str):
        raise AmountError("An amount is text such as 12000 or 12k.")
    shown = text.strip()
    if not shown:
        raise AmountError(f"Enter an amount ({EXAMPLES}).")
    if len(shown) > 40:
        raise AmountError(f"“{shown[:20]}…” is too long for an amount ({EXAMPLES}).")
    rest = _strip_currency(shown, currency.upper())
    if rest.startswith(_MINUS):
        raise AmountError(f"“{shown}” is negative; amounts are zero or more.")
    multiplier = 1.0
    match = _SUFFIX.search(rest)
    if match:
        multiplier = _MULTIPLIERS[match["suffix"].lower()]
        rest = rest[: match.start()]
    value = _plain_number(rest, shown, decimal_dot=match is not None) * multiplier
    if not math.isfinite(value):
        raise AmountError(f"“{shown}” is not an amount ({EXAMPLES}).")
    if value > maximum:
        raise AmountError(f"“{shown}” is more than the largest amount taken ({maximum:,.0f}).")
    return value


def _strip_currency(shown: str, currency: str) -> str:
    rest, named = shown, []
    if rest.startswith(_MINUS):  # "-€12": the sign before the currency
        return rest[0] + _strip_currency(rest[1:].lstrip(), currency)
    for pattern in (_LEADING, _TRAILING):
        match = pattern.search(rest)
        if match:
            named.append(match["cur"])
            rest = (rest[: match.start()] + rest[match.end() :]).strip()
    for cur in named:
        code = _SIGN_CODES.get(cur, cur.upper())
        if code != currency:
            raise AmountError(f"“{shown}” is in {code}; amounts here are in {currency}.")
    return rest


def _plain_number(raw: str, shown: str, *, decimal_dot: bool) -> float:
    """Digits with at most the separators of the module's rules → a float."""
    if _GROUP_SPACES.match(raw):
        raw = _SPACE_CHARS.sub("", raw)
    if not re.fullmatch(r"[\d.,]+", raw) or not raw[0].isdigit() or not raw[-1].isdigit():
        raise AmountError(f"“{shown}” is not an amount ({EXAMPLES}).")
    commas, dots = raw.count(","), raw.count(".")
    if commas and dots:
        decimal, group = (".", ",") if raw.rfind(".") > raw.rfind(",") else (",", ".")
        whole, _, fraction = raw.rpartition(decimal)
        if not re.fullmatch(rf"\d{{1,3}}(?:{re.escape(group)}\d{{3}})*", whole) or not fraction.isdigit():
            raise AmountError(f"“{shown}” mixes commas and dots in a way that cannot be read ({EXAMPLES}).")
        return float(whole.replace(group, "") + "." + fraction)
    if commas:
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+", raw):
            return float(raw.replace(",", ""))
        if re.fullmatch(r"\d+,\d{1,2}", raw):
            return float(raw.replace(",", "."))
        raise AmountError(f"“{shown}”: a comma either groups thousands (12,000) or marks cents (12,50).")
    if dots > 1:
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):
            return float(raw.replace(".", ""))
        raise AmountError(f"“{shown}” has more than one decimal point.")
    if dots and not decimal_dot and re.fullmatch(r"[1-9]\d{0,2}\.\d{3}", raw):
        thousands = f"{raw.replace('.', '')} or {raw.replace('.', ',')}"
        raise AmountError(f"“{shown}” is ambiguous: write {thousands} for thousands.")
    return float(raw)


def amount_text(value: float | None) -> str:
    """The form's text for a stored amount: "12,000", "1,234.5", "" for none; reads back the same."""
    if value is None:
        return ""
    text = f"{float(value):,.2f}".rstrip("0").rstrip(".")
    return text or "0"
