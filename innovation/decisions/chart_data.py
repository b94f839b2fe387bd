"""What the round's charts show, worked out once for both pictures of it: the SVG images
(charts.py) and the bar lists that replace them on a phone (templates/decisions/_charts.html);
and the version of it that each chart's URL carries, so a browser never keeps a picture of
numbers that have since changed."""

import hashlib
import json
import math
from dataclasses import dataclass

from .money import currency_code, format_money

# Part of every chart version: raise it when the drawing changes, so the pictures browsers
# keep for a year (immutable URLs) are fetched again.
DRAWING_VERSION = 2

SIDES = (("customer", "Customers"), ("employee", "Employees"), ("combined", "Combined"))


def chart_version(round_, candidates, result: dict | None = None) -> str:
    """A short digest of everything a chart of the round shows: its status and method, every
    candidate's id, title and impact version, the site's currency and, for the results chart,
    the result itself (live results change with each ballot; hidden ones are never passed)."""
    payload = {
        "drawing": DRAWING_VERSION,
        "currency": currency_code(),
        "round": [round_.id, round_.status, round_.method],
        "candidates": [[c.id, c.impact_version, c.idea.title] for c in candidates],
        "result": result,
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def nice_ticks(maximum: float, *, target: int = 5) -> list[int]:
    """Whole-number ticks from 0 in steps of 1, 2, 2.5 or 5 × 10ⁿ, about `target` of them,
    the last one at or above `maximum`."""
    top = max(float(maximum), 1.0)
    raw = top / target
    magnitude = 10 ** math.floor(math.log10(raw))
    step = 1
    for factor in (1, 2, 2.5, 5, 10):
        candidate = factor * magnitude
        if candidate >= raw and float(candidate).is_integer():
            step = int(candidate)
            break
    step = max(step, 1)
    return [i * step for i in range(math.ceil(top / step - 1e-9) + 1)]


def share(value: float, maximum: float) -> float:
    """`value` as a fraction (0–1) of an axis that ends at `maximum`."""
    return min(max(value / maximum, 0.0), 1.0) if maximum > 0 else 0.0


# ------------------------------------------------------------------ cost and benefit


@dataclass(frozen=True)
class Bubble:
    """One candidate in the cost/benefit chart, numbered as its row in the impact table."""

    number: int
    candidate_id: int
    title: str
    cost: float
    benefit: float
    reach: int

    @property
    def cost_text(self) -> str:
        return format_money(self.cost)

    @property
    def benefit_text(self) -> str:
        return format_money(self.benefit)

    @property
    def reach_text(self) -> str:
        return f"{self.reach:,}"


@dataclass(frozen=True)
class CostBenefit:
    bubbles: list[Bubble]
    cost_ticks: list[int]
    benefit_ticks: list[int]
    money_ticks: list[int]  # one scale for cost and benefit side by side (the phone's bars)
    max_reach: int

    def cost_share(self, bubble: Bubble) -> float:
        return share(bubble.cost, self.money_ticks[-1])

    def benefit_share(self, bubble: Bubble) -> float:
        return share(bubble.benefit, self.money_ticks[-1])


def cost_benefit_data(candidates) -> CostBenefit:
    # A candidate whose cost or benefit is not known yet has no place on the chart; the others
    # keep their row number of the impact table.
    bubbles = [
        Bubble(n, c.id, c.idea.title, float(c.cost), float(c.annual_benefit), int(c.reach or 0))
        for n, c in enumerate(candidates, start=1)
        if c.cost is not None and c.annual_benefit is not None
    ]
    costs = [b.cost for b in bubbles] or [0.0]
    benefits = [b.benefit for b in bubbles] or [0.0]
    return CostBenefit(
        bubbles=bubbles,
        cost_ticks=nice_ticks(max(costs)),
        benefit_ticks=nice_ticks(max(benefits)),
        money_ticks=nice_ticks(max(costs + benefits)),
        max_reach=max([b.reach for b in bubbles] or [0]),
    )


# ------------------------------------------------------------------ results


@dataclass(frozen=True)
class Bar:
    side: str  # customer, employee or combined
    value: float  # in the axis's unit (percent for approval shares)
    text: str
    share: float  # of the axis, 0–1


@dataclass(frozen=True)
class ResultRow:
    candidate_id: int
    place: int
    tied: bool
    title: str
    mark: str  # "winner", "funded" or ""
    bars: list[Bar]


@dataclass(frozen=True)
class Results:
    method: str
    axis_title: str
    ticks: list[tuple[float, str]]
    axis_max: float
    sides: list[tuple[str, str, int | None]]  # side, label, ballots (None for combined)
    silent_sides: list[str]  # labels of the constituencies without a ballot (no bars drawn)
    rows: list[ResultRow]


def _trimmed(number: float) -> str:
    return f"{number:.2f}".rstrip("0").rstrip(".")


def _scale(method: str, count: int) -> tuple[str, list[tuple[float, str]], float]:
    """Axis title, ticks (value, label) and maximum of a method's results chart: scores reach 5,
    approval shares 100 %, ranked counts the number of other ideas."""
    if method == "score":
        return "Mean score (0 to 5)", [(v, str(v)) for v in range(6)], 5.0
    if method == "ranked":
        others = max(count - 1, 1)
        ticks = nice_ticks(others, target=10)
        return f"Number of the other {others} ideas each idea is preferred to", [(v, str(v)) for v in ticks], ticks[-1]
    return "Share of ballots approving", [(v, f"{v} %") for v in range(0, 101, 25)], 100.0


def _value(method: str, score: float, count: int) -> tuple[float, str]:
    if method == "score":
        return score, _trimmed(score)
    if method == "ranked":
        return score, f"{round(score)} of {max(count - 1, 1)}"
    percent = score * 100.0
    return percent, f"{percent:.0f} %"


def result_order(result: dict, candidate_ids: list[int]) -> list[tuple[int, int, bool]]:
    """(candidate id, place, tied) in the results table's order: the combined ranking, best
    tier first; candidates missing from it (none in a well-formed result) at the end."""
    order, seen = [], set()
    for place, tier in enumerate(result["combined"]["ranking"], start=1):
        for cid in tier:
            if cid in candidate_ids and cid not in seen:
                order.append((cid, place, len(tier) > 1))
                seen.add(cid)
    last = len(result["combined"]["ranking"]) + 1
    order.extend((cid, last, False) for cid in candidate_ids if cid not in seen)
    return order


def results_data(round_, candidates, result: dict) -> Results:
    method = round_.method
    count = len(candidates)
    titles = {c.id: c.idea.title for c in candidates}
    axis_title, ticks, axis_max = _scale(method, count)
    turnout = result.get("turnout") or {}
    sides: list[tuple[str, str, int | None]] = []
    silent = []
    for side, label in SIDES:
        if side == "combined":
            sides.append((side, label, None))
        elif turnout.get(side):
            sides.append((side, label, int(turnout[side])))
        else:
            silent.append(label)
    parts = {**result["by_constituency"], "combined": result["combined"]}
    # The table's marks: the funded ideas of a budget round, the winners of any other.
    marked, mark = (
        (set(result.get("funded") or []), "funded")
        if method == "budget"
        else (set(result["combined"].get("winners") or []), "winner")
    )
    rows = []
    for cid, place, tied in result_order(result, list(titles)):
        bars = []
        for side, _label, _ballots in sides:
            value, text = _value(method, float(parts[side]["scores"].get(str(cid), 0.0)), count)
            bars.append(Bar(side, value, text, share(value, axis_max)))
        rows.append(ResultRow(cid, place, tied, titles[cid], mark if cid in marked else "", bars))
    return Results(method, axis_title, ticks, axis_max, sides, silent, rows)
