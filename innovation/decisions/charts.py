"""The round's two SVG charts, drawn from chart_data: served as images (no script runs in an
<img>); the page has the same numbers as tables, and on a phone as bar lists.

Both charts tell the truth at a glance: bubbles are numbered as the rows of the impact table
(with a key), bubble area follows reach, money axes are in the site's currency, results bars
come in the results table's order and the value axes end at the method's maximum."""

import math

from .chart_data import CostBenefit, Results, cost_benefit_data, results_data
from .money import format_money
from .svg import AXIS, GRID, INK, MUTED, Svg, fit, text_width

WIDTH = 760
SIDE_COLOURS = {"customer": "#b45309", "employee": "#0f766e", "combined": "#334155"}
# Bubble colours, each dark enough for a white number on it.
PALETTE = ("#1d4ed8", "#b45309", "#0f766e", "#7c3aed", "#be123c", "#4d7c0f", "#334155", "#a21caf")

# Cost/benefit: the plot frame, and the bubbles' largest and smallest radius (px).
FRAME_LEFT, FRAME_RIGHT, FRAME_TOP, FRAME_BOTTOM = 104, 736, 72, 352
R_MAX, R_MIN = 28.0, 10.0
KEY_ROW = 22


def _bubble_radius(reach: int, max_reach: int) -> float:
    """Area proportional to reach; the smallest still big enough to carry its number."""
    if max_reach <= 0:
        return R_MIN
    return max(R_MIN, R_MAX * math.sqrt(reach / max_reach))


def _key_columns(data: CostBenefit) -> int:
    """Two columns when every title fits in half the width, else one (titles stay whole)."""
    half = (WIDTH - 48) / 2 - 36
    return 2 if all(text_width(b.title, 13) <= half for b in data.bubbles) else 1


Box = tuple[float, float, float, float]
# Where a number goes when its bubble is too small or another number sits there: right, left,
# above, below, then the diagonals.
_AROUND = (0.0, math.pi, -math.pi / 2, math.pi / 2, -math.pi / 4, -3 * math.pi / 4, math.pi / 4, 3 * math.pi / 4)


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _label_positions(spots: list[tuple[float, float, float, str]], order: list[int]) -> list[tuple[float, float, bool]]:
    """A place for each bubble's number (x, y, inside its bubble?) where it covers no other
    number: inside the bubble when it fits, else the first free place around it. Ideas with
    about the same figures have bubbles on top of each other; their numbers stay apart."""
    boxes: list[Box] = []
    places: dict[int, tuple[float, float, bool]] = {}

    def box_at(x: float, y: float, text: str) -> Box:
        half = text_width(text, 12, bold=True) / 2 + 2
        return (x - half, y - 8, x + half, y + 8)

    def free(box: Box) -> bool:
        left, top, right, bottom = box
        inside_frame = left > FRAME_LEFT and right < FRAME_RIGHT and top > FRAME_TOP and bottom < FRAME_BOTTOM
        return inside_frame and not any(_overlaps(box, other) for other in boxes)

    # The bubble drawn last (on top) first: where bubbles cover each other, the number inside
    # is the one of the bubble whose colour shows; the others find a place around theirs.
    for index in reversed(order):
        x, y, radius, text = spots[index]
        box = box_at(x, y, text)
        if radius >= 9 and free(box):
            boxes.append(box)
            places[index] = (x, y, True)
    for index, (x, y, radius, text) in enumerate(spots):
        if index in places:
            continue
        half_width = text_width(text, 12, bold=True) / 2 + 2
        options = [
            (x + math.cos(angle) * (radius + 2 + half_width), y + math.sin(angle) * (radius + 2 + 8))
            for angle in _AROUND
        ]
        for distance in (1.6, 2.4):  # still crowded: a little further out
            options += [(x + (ox - x) * distance, y + (oy - y) * distance) for ox, oy in options[:8]]
        chosen = next((option for option in options if free(box_at(*option, text))), options[0])
        boxes.append(box_at(*chosen, text))
        places[index] = (*chosen, False)
    return [places[index] for index in range(len(spots))]


def cost_benefit_height(data: CostBenefit) -> int:
    rows = math.ceil(len(data.bubbles) / _key_columns(data))
    return FRAME_BOTTOM + 70 + rows * KEY_ROW


def draw_cost_benefit(data: CostBenefit) -> bytes:
    height = cost_benefit_height(data)
    svg = Svg(
        WIDTH,
        height,
        "Cost and annual benefit of each idea",
        "Each idea is a numbered bubble placed by its cost (across) and annual benefit (up); "
        "its area shows how many people it reaches. The key below names the numbered ideas.",
    )
    svg.text(24, 28, "Cost and annual benefit of each idea", size=16, font_weight="600")
    svg.text(24, 50, "Bubble area shows how many people an idea reaches; numbers match the key", size=13, fill=MUTED)

    pad = R_MAX + 6
    x_max, y_max = data.cost_ticks[-1], data.benefit_ticks[-1]

    def x_of(value: float) -> float:
        return FRAME_LEFT + pad + (FRAME_RIGHT - FRAME_LEFT - 2 * pad) * value / x_max

    def y_of(value: float) -> float:
        return FRAME_BOTTOM - pad - (FRAME_BOTTOM - FRAME_TOP - 2 * pad) * value / y_max

    svg.open_group(class_="grid", stroke=GRID, stroke_width=1)
    for tick in data.cost_ticks:
        svg.add("line", x1=x_of(tick), x2=x_of(tick), y1=FRAME_TOP, y2=FRAME_BOTTOM)
    for tick in data.benefit_ticks:
        svg.add("line", x1=FRAME_LEFT, x2=FRAME_RIGHT, y1=y_of(tick), y2=y_of(tick))
    svg.close_group()
    svg.add(
        "rect",
        x=FRAME_LEFT,
        y=FRAME_TOP,
        width=FRAME_RIGHT - FRAME_LEFT,
        height=FRAME_BOTTOM - FRAME_TOP,
        fill="none",
        stroke=AXIS,
        stroke_width=1,
    )

    svg.open_group(class_="x-axis", fill=INK)
    for tick in data.cost_ticks:
        svg.text(x_of(tick), FRAME_BOTTOM + 18, format_money(tick), text_anchor="middle")
    svg.text(
        (FRAME_LEFT + FRAME_RIGHT) / 2,
        FRAME_BOTTOM + 40,
        "Cost",
        size=13,
        text_anchor="middle",
        font_weight="600",
        class_="axis-title",
    )
    svg.close_group()
    svg.open_group(class_="y-axis")
    for tick in data.benefit_ticks:
        svg.text(FRAME_LEFT - 8, y_of(tick) + 4, format_money(tick), text_anchor="end")
    middle = (FRAME_TOP + FRAME_BOTTOM) / 2
    svg.text(
        20,
        middle,
        "Annual benefit",
        size=13,
        text_anchor="middle",
        font_weight="600",
        transform=f"rotate(-90 20 {middle:.0f})",
        class_="axis-title",
    )
    svg.close_group()

    # Biggest bubbles first, so smaller ones stay visible on top; every number after them.
    order = sorted(range(len(data.bubbles)), key=lambda i: (-data.bubbles[i].reach, i))
    for bubble in (data.bubbles[i] for i in order):
        colour = PALETTE[(bubble.number - 1) % len(PALETTE)]
        radius = _bubble_radius(bubble.reach, data.max_reach)
        svg.add(
            "circle",
            cx=x_of(bubble.cost),
            cy=y_of(bubble.benefit),
            r=radius,
            fill=colour,
            fill_opacity="0.85",
            stroke="#ffffff",
            stroke_width=1.5,
            class_="bubble",
            data_candidate=bubble.candidate_id,
        )
    spots = [
        (x_of(b.cost), y_of(b.benefit), _bubble_radius(b.reach, data.max_reach), str(b.number)) for b in data.bubbles
    ]
    svg.open_group(class_="bubble-labels", font_weight="700", text_anchor="middle")
    for bubble, (x, y, inside) in zip(data.bubbles, _label_positions(spots, order), strict=True):
        # A number beside its bubble is in ink with a white halo, readable over a neighbour.
        halo = {} if inside else {"stroke": "#ffffff", "stroke_width": 3, "paint_order": "stroke"}
        svg.text(
            x,
            y + 4,
            str(bubble.number),
            size=12,
            fill="#ffffff" if inside else INK,
            class_="bubble-label",
            data_candidate=bubble.candidate_id,
            **halo,
        )
    svg.close_group()

    svg.open_group(class_="key")
    columns = _key_columns(data)
    column = (WIDTH - 48) / columns
    top = FRAME_BOTTOM + 70
    for index, bubble in enumerate(data.bubbles):
        x = 24 + (index % columns) * column
        y = top + (index // columns) * KEY_ROW
        colour = PALETTE[(bubble.number - 1) % len(PALETTE)]
        svg.add("circle", cx=x + 9, cy=y - 4, r=9, fill=colour)
        svg.text(x + 9, y, str(bubble.number), size=11, fill="#ffffff", font_weight="700", text_anchor="middle")
        svg.text(
            x + 26,
            y,
            fit(bubble.title, column - 36, 13),
            size=13,
            class_="key-title",
            data_candidate=bubble.candidate_id,
        )
    svg.close_group()
    if not data.bubbles:
        svg.text(WIDTH / 2, middle, "No candidates yet", size=14, fill=MUTED, text_anchor="middle")
    return svg.render()


# ------------------------------------------------------------------ results

PLOT_LEFT, PLOT_RIGHT = 24, WIDTH - 96
BAR, BAR_GAP, TITLE_LINE, ROW_GAP = 14, 3, 22, 14
ROWS_TOP = 100


def _row_height(data: Results) -> int:
    return TITLE_LINE + len(data.sides) * (BAR + BAR_GAP) + ROW_GAP


def results_height(data: Results) -> int:
    return ROWS_TOP + len(data.rows) * _row_height(data) + 52


def _x(data: Results, value: float) -> float:
    return PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * min(max(value / data.axis_max, 0.0), 1.0)


def draw_results(data: Results) -> bytes:
    height = results_height(data)
    axis_y = ROWS_TOP + len(data.rows) * _row_height(data)
    svg = Svg(
        WIDTH,
        height,
        "Results, best first",
        f"{data.axis_title}, per idea, for each group of voters and combined, "
        "in the order of the results table (best first).",
    )
    svg.text(24, 28, "Results, best first", size=16, font_weight="600")
    svg.text(24, 50, f"{data.axis_title} · same order as the results table", size=13, fill=MUTED)

    svg.open_group(class_="legend", font_size=13)
    x = 24.0
    for side, label, ballots in data.sides:
        text = label if ballots is None else f"{label} ({ballots:,} {'ballot' if ballots == 1 else 'ballots'})"
        svg.add("rect", x=x, y=66, width=14, height=14, rx=2, fill=SIDE_COLOURS[side])
        svg.text(x + 20, 78, text, size=13, class_="legend-label")
        x += 20 + text_width(text, 13) + 20
    for label in data.silent_sides:
        text = f"{label}: no ballots, so no bars"
        svg.text(x, 78, text, size=13, fill=MUTED, class_="legend-silent")
        x += text_width(text, 13) + 20
    svg.close_group()

    svg.open_group(class_="grid", stroke=GRID, stroke_width=1)
    for value, _label in data.ticks:
        svg.add("line", x1=_x(data, value), x2=_x(data, value), y1=ROWS_TOP - 6, y2=axis_y)
    svg.close_group()

    for index, row in enumerate(data.rows):
        top = ROWS_TOP + index * _row_height(data)
        svg.open_group(class_="row", data_candidate=row.candidate_id, data_place=row.place)
        mark = {"winner": " · winner", "funded": " · funded"}.get(row.mark, "")
        tie = " (tie)" if row.tied else ""
        room = PLOT_RIGHT - PLOT_LEFT + 60 - text_width(tie + mark, 13, bold=True)
        svg.text_runs(
            PLOT_LEFT,
            top + 15,
            [
                (fit(f"{row.place}. {row.title}", room, 13, bold=True), {}),
                (tie, {"fill": MUTED, "class_": "row-tie"}),
                (mark, {"fill": "#047857", "class_": "row-mark"}),
            ],
            size=13,
            font_weight="600",
            class_="row-title",
        )
        for n, bar in enumerate(row.bars):
            y = top + TITLE_LINE + n * (BAR + BAR_GAP)
            end = _x(data, bar.value)
            svg.add(
                "rect",
                x=PLOT_LEFT,
                y=y,
                width=max(end - PLOT_LEFT, 2.0),  # a zero still shows its side's colour
                height=BAR,
                fill=SIDE_COLOURS[bar.side],
                class_=f"bar bar-{bar.side}",
            )
            svg.text(end + 6, y + BAR - 3, bar.text, size=12, class_="bar-value")
        svg.close_group()

    svg.add("line", x1=PLOT_LEFT, x2=PLOT_RIGHT, y1=axis_y, y2=axis_y, stroke=AXIS, stroke_width=1)
    svg.open_group(class_="x-axis")
    for value, label in data.ticks:
        svg.text(_x(data, value), axis_y + 16, label, text_anchor="middle")
    svg.close_group()
    svg.text(
        (PLOT_LEFT + PLOT_RIGHT) / 2,
        axis_y + 38,
        data.axis_title,
        size=13,
        fill=MUTED,
        text_anchor="middle",
        class_="axis-title",
    )
    return svg.render()


def cost_benefit_chart(round_) -> bytes:
    """Cost (across) against annual benefit (up) of every candidate; bubble area = reach."""
    return draw_cost_benefit(cost_benefit_data(round_.candidates))


def results_chart(round_, result: dict) -> bytes:
    """Scores per candidate for customers, employees and combined, in the results table's order."""
    return draw_results(results_data(round_, round_.candidates, result))
