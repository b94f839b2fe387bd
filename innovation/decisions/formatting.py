"""Numbers for people on the round pages: money in the site's one currency with thousands
separators, plain numbers without trailing zeros ("4.5", never "4.500"), rounded percentages,
and each voting method's score in words. Pure functions, registered as Jinja filters."""

from flask import Flask, current_app

# Currencies whose sign goes before the amount with no space; any other shows its ISO code.
CURRENCY_SIGNS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "INR": "₹"}


def money(value: float | int | None, currency: str = "EUR") -> str:
    """€42,000 (whole units: impact figures are estimates, cents would be false precision)."""
    if value is None:
        return "—"
    amount = round(float(value))
    sign = "−" if amount < 0 else ""
    digits = f"{abs(amount):,}"
    code = currency.upper()
    prefix = CURRENCY_SIGNS.get(code)
    return f"{sign}{prefix}{digits}" if prefix else f"{sign}{code} {digits}"


def currency_sign(currency: str = "EUR") -> str:
    """ "€" for EUR; the ISO code itself for currencies without a sign of their own ("CHF")."""
    return CURRENCY_SIGNS.get(currency.upper(), currency.upper())


def number(value: float | int | None, decimals: int = 1) -> str:
    """12,500 / 4.5 / 3: thousands separators, at most `decimals` decimals, no trailing zeros."""
    if value is None:
        return "—"
    text = f"{float(value):,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text.replace("-", "−")


def percent(share: float | None) -> str:
    """A share 0..1 as "43 %"; shares that round to 0 or 100 but are not say "<1 %" / ">99 %"."""
    if share is None:
        return "—"
    value = share * 100
    if 0 < value < 0.5:
        return "<1 %"
    if 99.5 <= value < 100:
        return ">99 %"
    return f"{round(value)} %".replace("-", "−")


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def score_words(method: str, value: float | None, *, candidates: int = 0) -> str:
    """One idea's score as a voter reads it: "preferred over 2 of 3 other ideas" (ranked), "4.2 of 5"
    (score), "43 %" (approval and budget: the weighted share of the vote approving it)."""
    if value is None:
        return "—"
    if method == "ranked":
        others, beaten = max(candidates - 1, 0), int(value)
        noun = "other idea" if others == 1 else "other ideas"
        if beaten == others and others > 1:
            return f"preferred over all {others} {noun}"
        return f"preferred over {beaten} of {others} {noun}"
    if method == "score":
        return f"{number(value)} of 5"
    return percent(value)


def init_app(app: Flask) -> None:
    def money_filter(value: float | int | None) -> str:
        return money(value, current_app.config.get("CURRENCY", "EUR"))

    app.jinja_env.filters["money"] = money_filter
    app.jinja_env.globals["currency_sign"] = lambda: currency_sign(current_app.config.get("CURRENCY", "EUR"))
    app.jinja_env.filters["number"] = number
    app.jinja_env.filters["percent"] = percent
    app.jinja_env.filters["ordinal"] = ordinal
    app.jinja_env.globals["score_words"] = score_words
