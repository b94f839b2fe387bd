"""The site's amounts for code that has no Jinja filter at hand (the charts): the one currency
of Config CURRENCY, formatted by `formatting.money`."""

from flask import current_app

from .formatting import money


def currency_code() -> str:
    return str(current_app.config.get("CURRENCY") or "EUR")


def format_money(value: float | None, currency: str | None = None) -> str:
    """ "€12,000" for 12000 (whole units); "—" when there is no amount."""
    return money(value, currency or currency_code())
