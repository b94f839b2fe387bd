"""The round's chart images and their URLs. Each URL carries the version of the data the chart
shows (`?v=`, chart_data.chart_version): a page always points at the picture of its own
numbers, and a picture at its current URL may be kept for a year.

Caching: the current version of a chart of a round everyone may see is `public, immutable`
for a year (the URL changes whenever what it shows changes). A stale or missing `v` gets the
current picture with `no-store` (no redirect: the <img> of a page cached before the change
still shows the numbers as they are now, and nothing keeps that answer). Charts of rounds not
everyone may see (drafts, internal rounds) are never stored."""

from dataclasses import dataclass

from flask import Response, request, url_for

from ..extensions import db
from ..platform.locking import MAX_ID
from ..platform.web import current_viewer
from . import bp, charts
from .chart_data import CostBenefit, Results, chart_version, cost_benefit_data, results_data
from .export import live_result
from .models import Round
from .permissions import can_see_round, get_visible_round, results_visible

# Chart images may style themselves; nothing in an <img> can run script.
CHART_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
FOREVER = "public, max-age=31536000, immutable"


@dataclass(frozen=True)
class Figure:
    """One chart as the round page places it: its versioned URL, its size, and its numbers
    (for the bar list that replaces the picture on a phone)."""

    url: str
    width: int
    height: int
    data: CostBenefit | Results


def chart_figures(round_: Round, result: dict | None) -> dict[str, Figure | None]:
    """The round page's charts; `result` is the result the page shows (None while hidden)."""
    candidates = round_.candidates
    cost = cost_benefit_data(candidates)
    figures: dict[str, Figure | None] = {
        "cost_benefit": Figure(
            url_for("decisions.cost_benefit_svg", round_id=round_.id, v=chart_version(round_, candidates)),
            charts.WIDTH,
            charts.cost_benefit_height(cost),
            cost,
        ),
        "results": None,
    }
    if result is not None:
        scores = results_data(round_, candidates, result)
        figures["results"] = Figure(
            url_for("decisions.results_svg", round_id=round_.id, v=chart_version(round_, candidates, result)),
            charts.WIDTH,
            charts.results_height(scores),
            scores,
        )
    return figures


def _chart_round(round_id: int) -> tuple[Round, bool]:
    """The round and whether everyone may see it. Asked first as a visitor, so that a chart of
    a public round does not depend on who is signed in (and may be cached as such); otherwise
    as the viewer (404 for those who may not see it)."""
    round_ = db.session.get(Round, round_id) if 0 < round_id <= MAX_ID else None
    if round_ is not None and can_see_round(None, round_):
        return round_, True
    return get_visible_round(current_viewer(), round_id), False


def _svg(body: bytes, version: str, *, public: bool) -> Response:
    response = Response(body, mimetype="image/svg+xml")
    response.headers["Content-Security-Policy"] = CHART_CSP
    current = request.args.get("v") == version
    response.headers["Cache-Control"] = FOREVER if current and public else "private, no-store"
    return response


@bp.route("/rounds/<int:round_id>/cost-benefit.svg")
def cost_benefit_svg(round_id: int):
    round_, public = _chart_round(round_id)
    version = chart_version(round_, round_.candidates)
    return _svg(charts.cost_benefit_chart(round_), version, public=public)


@bp.route("/rounds/<int:round_id>/results.svg")
def results_svg(round_id: int):
    round_, public = _chart_round(round_id)
    if not results_visible(round_):
        return Response("Results are hidden until the round closes.", status=409, mimetype="text/plain")
    result = round_.result if round_.result is not None else live_result(round_)
    version = chart_version(round_, round_.candidates, result)
    return _svg(charts.results_chart(round_, result), version, public=public)
