"""SVG charts with pygal: served as images (no script runs in an <img>), each page also has
the same numbers as a table for screen readers and people who prefer to read."""

import pygal
from pygal.style import Style

from .impact import derived

CUSTOMER, EMPLOYEE, COMBINED = "#b45309", "#0f766e", "#334155"
_STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1f2937",
    foreground_strong="#111827",
    foreground_subtle="#6b7280",
    colors=(CUSTOMER, EMPLOYEE, COMBINED, "#7c3aed", "#2563eb"),
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=13,
    title_font_size=15,
)
_COMMON = {
    "style": _STYLE,
    "js": [],
    "disable_xml_declaration": False,
    "width": 760,
    "height": 420,
    "legend_at_bottom": True,
    "print_values": False,
    "explicit_size": True,
}


def _short(title: str, limit: int = 32) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


def cost_benefit_chart(round_) -> bytes:
    """Cost (x) against annual benefit (y); bubble size follows reach."""
    costs = [c.cost for c in round_.candidates] or [1.0]
    benefits = [c.annual_benefit for c in round_.candidates] or [1.0]
    # Room around the extremes so the biggest bubbles are not cut off at the edges.
    chart = pygal.XY(
        stroke=False,
        title="Cost vs. annual benefit (bubble size = reach)",
        x_title="Cost",
        y_title="Annual benefit",
        dots_size=6,
        xrange=(0, max(costs) * 1.2 or 1),
        range=(0, max(benefits) * 1.25 or 1),
        **_COMMON,
    )
    reaches = [c.reach for c in round_.candidates] or [1]
    biggest = max(max(reaches), 1)
    for candidate in round_.candidates:
        radius = 6 + 24 * (candidate.reach / biggest) ** 0.5
        label = f"{_short(candidate.idea.title)} — reach {candidate.reach:,}"
        roi = derived(candidate.impact)["roi"]
        if roi is not None:
            label += f", ROI {roi:.0%}"
        point = {"value": (candidate.cost, candidate.annual_benefit), "node": {"r": radius}, "label": label}
        chart.add(_short(candidate.idea.title, 28), [point])
    return chart.render()


def results_chart(round_, result: dict) -> bytes:
    """Scores per candidate: customers, employees and combined side by side."""
    titles = {c.id: _short(c.idea.title) for c in round_.candidates}
    ids = [c.id for c in round_.candidates]
    metric = {
        "approval": "share approving",
        "score": "mean score",
        "ranked": "candidates beaten",
        "budget": "approval weight",
    }[round_.method]
    chart = pygal.HorizontalBar(title=f"Results per constituency ({metric})", **_COMMON)
    chart.x_labels = [titles[cid] for cid in ids]
    for name, part in (
        ("Customers", result["by_constituency"]["customer"]),
        ("Employees", result["by_constituency"]["employee"]),
        ("Combined", result["combined"]),
    ):
        chart.add(name, [round(part["scores"].get(str(cid), 0.0), 4) for cid in ids])
    return chart.render()
