"""Amounts of money as people read them: the site's currency (Config CURRENCY) and thousands
separators, whole units ("€12,000", "$1,250", "CHF 900")."""

from flask import current_app

# Symbols written before the number; any other ISO code is written as "CHF 900".
SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "INR": "₹"}


def currency_code() -> str:
    return str(current_app.config.get("CURRENCY") or "EUR")


def format_money(value: float | None, currency: str | None = None) -> str:
    """ "€12,000" for 12000 (rounded to whole units); "—" when there is no amount."""
    if value is None:
        return "—"
    code = currency or currency_code()
    sign = "−" if round(value) < 0 else ""
    number = f"{abs(value):,.0f}"
    symbol = SYMBOLS.get(code)
    return f"{sign}{symbol}{number}" if symbol else f"{sign}{code} {number}"
