"""Impact data: validation and the derived figures shown to everyone (formulas on the page)."""

from ..platform.errors import ValidationFailed
from .models import IMPACT_FIELDS, RISKS

NUMBER_FIELDS = (
    "cost",
    "cost_low",
    "cost_high",
    "annual_benefit",
    "benefit_low",
    "benefit_high",
    "effort_weeks",
    "confidence",
)
# What a candidate has before anyone gives a figure: every number "not known yet" (None).
# Only cost and annual benefit are needed before voting opens (readiness.py); the rest may
# stay unknown and is shown as such to voters.
UNKNOWN_IMPACT: dict = {
    "cost": None,
    "cost_low": None,
    "cost_high": None,
    "annual_benefit": None,
    "benefit_low": None,
    "benefit_high": None,
    "effort_weeks": None,
    "reach": None,
    "confidence": None,
    "risk": None,
    "sources": "",
}
FORMULAS = {
    "roi": "ROI = (annual benefit − cost) ÷ cost (first year)",
    # Not the standard RICE (its impact is a 0.25–3 scale): the annual benefit stands in for
    # impact, so the page names it for what it is; the API field keeps the name `rice`.
    "rice": "Priority score = reach × confidence × annual benefit in thousands ÷ effort in weeks "
    "(RICE-style, with the annual benefit in place of RICE's impact scale)",
    "payback_months": "Payback = cost ÷ (annual benefit ÷ 12), in months",
}


def _number(name: str, value, *, minimum: float = 0.0, maximum: float = 1e12) -> float:
    try:
        number = float(value)
    except ValueError as exc:
        raise ValidationFailed(f"`{name}` must be a number.", fields={name: ["A number."]}) from exc
    if number != number or not minimum <= number <= maximum:  # NaN, or out of range
        raise ValidationFailed(
            f"`{name}` must be between {minimum:g} and {maximum:g}.", fields={name: [f"{minimum:g} to {maximum:g}."]}
        )
    return number


def clean_impact(raw, *, partial: bool = False) -> dict:
    """Validated impact values; `partial` keeps only the fields given (for edits). A null value
    means "not known yet" for every field but `sources`."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ValidationFailed("`impact` must be an object.", fields={"impact": ["An object."]})
    unknown = set(raw) - set(IMPACT_FIELDS)
    if unknown:
        raise ValidationFailed(
            f"Unknown impact fields: {', '.join(sorted(unknown))}.", fields={"impact": ["Unknown field."]}
        )
    values = {} if partial else dict(UNKNOWN_IMPACT)
    for name, value in raw.items():
        if value is None:
            values[name] = "" if name == "sources" else None
        elif name in NUMBER_FIELDS:
            values[name] = _number(name, value, maximum=100.0 if name == "confidence" else 1e12)
        elif name == "reach":
            values[name] = int(_number(name, value, maximum=1e10))
        elif name == "risk":
            if value not in RISKS:
                raise ValidationFailed("Risk is low, medium or high.", fields={"risk": ["low, medium or high."]})
            values[name] = value
        elif name == "sources":
            if not isinstance(value, str) or len(value) > 5000:
                raise ValidationFailed("Sources are text (at most 5,000 characters).", fields={"sources": ["Text."]})
            values[name] = value.strip()
    return values


def check_ranges(impact: dict) -> None:
    for low, high, value in (("cost_low", "cost_high", "cost"), ("benefit_low", "benefit_high", "annual_benefit")):
        lo, hi = impact.get(low), impact.get(high)
        if lo is not None and hi is not None and lo > hi:
            raise ValidationFailed(f"`{low}` must not exceed `{high}`.", fields={low: ["Above the high value."]})
        if lo is not None and impact.get(value) is not None and impact[value] < lo:
            raise ValidationFailed(f"`{value}` is below its low estimate.", fields={value: ["Below the range."]})
        if hi is not None and impact.get(value) is not None and impact[value] > hi:
            raise ValidationFailed(f"`{value}` is above its high estimate.", fields={value: ["Above the range."]})


def derived(impact: dict) -> dict:
    """ROI, RICE and payback months (None where an input is unknown or a divisor is zero)."""
    cost, benefit = impact.get("cost"), impact.get("annual_benefit")
    effort, reach, confidence = impact.get("effort_weeks"), impact.get("reach"), impact.get("confidence")
    roi = payback = rice = None
    if cost is not None and benefit is not None:
        roi = round((benefit - cost) / cost, 4) if cost > 0 else None
        payback = round(cost / (benefit / 12.0), 1) if benefit > 0 else None
    known = benefit is not None and reach is not None and confidence is not None
    if known and effort is not None and effort > 0:
        rice = round(reach * (confidence / 100.0) * (benefit / 1000.0) / effort, 2)
    return {"roi": roi, "rice": rice, "payback_months": payback}
