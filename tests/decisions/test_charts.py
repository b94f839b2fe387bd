"""The round charts tell the truth: bubbles numbered as the impact table's rows with a key,
money axes in the site's currency, results bars in the results table's order, whole-number
ticks, score axes reaching their maximum. Rounds are built through the real API; the SVGs are
parsed and read like a reader would."""

import re

import pytest
from bs4 import BeautifulSoup

from innovation.decisions.chart_data import chart_version, nice_ticks
from innovation.decisions.models import Round
from innovation.decisions.money import format_money
from innovation.extensions import db
from innovation.ideas.services import submit_idea

from ..ideas.helpers import Api
from .helpers import make_round

EURO = re.compile(r"^€\d{1,3}(,\d{3})*$")


def svg(response) -> BeautifulSoup:
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "image/svg+xml"
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def page(client, round_id) -> BeautifulSoup:
    return BeautifulSoup(client.get(f"/rounds/{round_id}").get_data(as_text=True), "html.parser")


def tick_labels(chart: BeautifulSoup, axis: str) -> list[str]:
    return [t.get_text() for t in chart.select(f"g.{axis} text") if "axis-title" not in (t.get("class") or [])]


def money_value(label: str) -> int:
    return int(re.sub(r"[^\d]", "", label))


def assert_even_whole_ticks(values: list[int]) -> None:
    assert values[0] == 0
    steps = {b - a for a, b in zip(values, values[1:], strict=False)}
    assert len(steps) == 1 and steps.pop() >= 1, values


# ------------------------------------------------------------------ cost and benefit


def test_bubbles_are_numbered_as_the_impact_table_with_a_key_and_money_axes(client, users):
    api, round_id, cids = make_round(client, users("pm"), users, ideas=3)
    api.patch(f"/rounds/{round_id}/candidates/{cids[1]}", json={"impact": {"annual_benefit": 1234567, "reach": 200}})
    api.post(f"/rounds/{round_id}/deliberate")
    table_order = [
        int(tr["id"].removeprefix("candidate-")) for tr in page(client, round_id).select("tr[id^=candidate-]")
    ]
    assert sorted(table_order) == sorted(cids)

    chart = svg(client.get(f"/rounds/{round_id}/cost-benefit.svg"))
    numbers = {int(t["data-candidate"]): int(t.get_text()) for t in chart.select("text.bubble-label")}
    assert numbers == {cid: n for n, cid in enumerate(table_order, start=1)}
    key = {int(t["data-candidate"]): t.get_text() for t in chart.select("text.key-title")}
    titles = {c["id"]: c["idea"]["title"] for c in api.get(f"/rounds/{round_id}").get_json()["candidates"]}
    assert key == titles  # every idea named in full in the key
    assert len(chart.select("circle.bubble")) == 3

    costs, benefits = tick_labels(chart, "x-axis"), tick_labels(chart, "y-axis")
    assert costs and benefits
    assert all(EURO.match(label) for label in costs + benefits), costs + benefits
    assert_even_whole_ticks([money_value(label) for label in costs])
    assert_even_whole_ticks([money_value(label) for label in benefits])
    assert money_value(costs[-1]) >= 30000 and money_value(benefits[-1]) >= 1234567
    assert "Cost" in chart.select_one("g.x-axis text.axis-title").get_text()


def test_bubble_area_follows_reach(client, users):
    api, round_id, cids = make_round(client, users("pm"), users, ideas=2)
    api.patch(f"/rounds/{round_id}/candidates/{cids[0]}", json={"impact": {"reach": 4000}})
    api.patch(f"/rounds/{round_id}/candidates/{cids[1]}", json={"impact": {"reach": 1000}})
    api.post(f"/rounds/{round_id}/deliberate")
    chart = svg(client.get(f"/rounds/{round_id}/cost-benefit.svg"))
    radius = {int(c["data-candidate"]): float(c["r"]) for c in chart.select("circle.bubble")}
    assert radius[cids[0]] ** 2 / radius[cids[1]] ** 2 == pytest.approx(4.0, rel=0.02)


def test_the_currency_setting_formats_every_amount(app, client, users):
    api, round_id, _cids = make_round(client, users("pm"), users, ideas=2)
    api.post(f"/rounds/{round_id}/deliberate")
    app.config["CURRENCY"] = "USD"
    chart = svg(client.get(f"/rounds/{round_id}/cost-benefit.svg"))
    assert all(re.match(r"^\$\d{1,3}(,\d{3})*$", label) for label in tick_labels(chart, "x-axis"))
    bars = page(client, round_id).select_one("[data-chart=cost-benefit] .chart-bars")
    assert "$10,000" in bars.get_text() and "€" not in bars.get_text()


@pytest.mark.parametrize(
    ("value", "currency", "text"),
    [
        (12000, "EUR", "€12,000"),
        (1250.4, "USD", "$1,250"),
        (999999.6, "GBP", "£1,000,000"),
        (900, "CHF", "CHF 900"),
        (-4500, "EUR", "−€4,500"),
        (0, "EUR", "€0"),
        (None, "EUR", "—"),
    ],
)
def test_format_money(app, value, currency, text):
    assert format_money(value, currency) == text


@pytest.mark.parametrize("maximum", [0, 0.4, 1, 3, 7, 10, 11, 99, 101, 12345, 30000, 99999, 1234567, 7.5e8])
def test_nice_ticks_are_whole_evenly_spaced_and_reach_the_maximum(maximum):
    ticks = nice_ticks(maximum)
    assert all(isinstance(t, int) for t in ticks)
    assert_even_whole_ticks(ticks)
    assert ticks[-1] >= maximum and 2 <= len(ticks) <= 7
    assert ticks[-2] < maximum or maximum <= 1  # no empty step past the largest value


# ------------------------------------------------------------------ results


def vote_ranked(client, round_id, rankings: list[tuple[str, list[int]]], users):
    for role, ranking in rankings:
        assert Api(client, users(role)).put(f"/rounds/{round_id}/ballot", json={"ranking": ranking}).status_code == 200


def results_table_order(client, round_id, titles_to_ids) -> list[int]:
    rows = page(client, round_id).select("table.results-table tbody tr th[scope=row]")
    order = []
    for th in rows:
        for chip in th.select(".chip"):
            chip.decompose()
        order.append(titles_to_ids[th.get_text(strip=True)])
    return order


def test_results_bars_follow_the_results_table_winner_first_on_whole_ticks(client, users):
    api, round_id, cids = make_round(client, users("pm"), users, method="ranked", ideas=4)
    api.post(f"/rounds/{round_id}/open")
    # The ideas added last are preferred: the order differs from the candidates' own order.
    vote_ranked(
        client,
        round_id,
        [("customer", cids[::-1]), ("customer", [cids[2], cids[3], cids[1], cids[0]]), ("employee", cids[::-1])],
        users,
    )
    api.post(f"/rounds/{round_id}/close")
    ranking = api.get(f"/rounds/{round_id}/results").get_json()["combined"]["ranking"]
    expected = [cid for tier in ranking for cid in tier]
    assert expected != cids
    titles = {c["idea"]["title"]: c["id"] for c in api.get(f"/rounds/{round_id}").get_json()["candidates"]}
    assert results_table_order(client, round_id, titles) == expected

    chart = svg(client.get(f"/rounds/{round_id}/results.svg"))
    rows = chart.select("g.row")
    assert [int(row["data-candidate"]) for row in rows] == expected
    tops = [float(row.select_one("rect.bar")["y"]) for row in rows]
    assert tops == sorted(tops)  # drawn top to bottom in that order
    assert rows[0].select_one(".row-mark").get_text().strip(" ·") == "winner"
    assert all(row.select_one(".row-mark") is None for row in rows[1:])
    assert tick_labels(chart, "x-axis") == ["0", "1", "2", "3"]  # ideas beaten: whole numbers, up to the 3 others
    # Customers tied the top two; employees and the combined count put it above all 3 others,
    # and such a bar ends on the axis' last tick.
    assert [t.get_text() for t in rows[0].select("text.bar-value")] == ["2 of 3", "3 of 3", "3 of 3"]
    last_tick = float(chart.select("g.x-axis text")[3]["x"])
    full = rows[0].select_one("rect.bar-combined")
    assert float(full["x"]) + float(full["width"]) == pytest.approx(last_tick, abs=0.2)

    phone = [
        li.select_one(".chart-bars-title").get_text(" ", strip=True)
        for li in page(client, round_id).select("[data-chart=results] .chart-bars-item")
    ]
    by_id = {cid: title for title, cid in titles.items()}
    assert [text.split(". ", 1)[1].removesuffix(" winner") for text in phone] == [by_id[cid] for cid in expected]


def test_score_axis_reaches_five(client, users):
    api, round_id, cids = make_round(client, users("pm"), users, method="score", ideas=2)
    api.post(f"/rounds/{round_id}/open")
    for role in ("customer", "employee"):
        ballot = {"scores": {str(cids[0]): 5, str(cids[1]): 2}}
        assert Api(client, users(role)).put(f"/rounds/{round_id}/ballot", json=ballot).status_code == 200
    api.post(f"/rounds/{round_id}/close")
    chart = svg(client.get(f"/rounds/{round_id}/results.svg"))
    assert tick_labels(chart, "x-axis") == ["0", "1", "2", "3", "4", "5"]
    ticks = chart.select("g.x-axis text")
    row = chart.select("g.row")[0]
    assert int(row["data-candidate"]) == cids[0]
    bar = row.select_one("rect.bar-combined")
    assert float(bar["x"]) + float(bar["width"]) == pytest.approx(float(ticks[5]["x"]), abs=0.2)
    second = chart.select("g.row")[1].select_one("rect.bar-combined")
    assert float(second["width"]) == pytest.approx(float(bar["width"]) * 2 / 5, abs=0.2)


def test_approval_axis_reaches_100_percent_and_a_silent_side_gets_no_bars(client, users):
    api, round_id, cids = make_round(client, users("pm"), users, method="approval", ideas=3)
    api.post(f"/rounds/{round_id}/open")
    for _ in range(2):
        Api(client, users("employee")).put(f"/rounds/{round_id}/ballot", json={"approvals": [cids[1]]})
    api.post(f"/rounds/{round_id}/close")
    chart = svg(client.get(f"/rounds/{round_id}/results.svg"))
    assert tick_labels(chart, "x-axis") == ["0 %", "25 %", "50 %", "75 %", "100 %"]
    assert not chart.select("rect.bar-customer")  # no customer voted: no bars that would read as 0 %
    assert "Customers: no ballots" in chart.select_one(".legend-silent").get_text()
    assert "Employees (2 ballots)" in [t.get_text() for t in chart.select(".legend-label")]
    top = chart.select("g.row")[0]
    assert int(top["data-candidate"]) == cids[1]
    assert [t.get_text() for t in top.select("text.bar-value")] == ["100 %", "100 %"]
    caption = page(client, round_id).select_one("[data-chart=results] figcaption").get_text(" ", strip=True)
    assert "Customers cast no ballots" in caption


# ------------------------------------------------------------------ the version


def test_chart_version_changes_with_what_a_chart_shows_and_only_then(client, users):
    pm = users("pm")
    api, round_id, cids = make_round(client, pm, users, method="approval", ideas=2)

    def version(result=None):
        db.session.expire_all()
        round_ = db.session.get(Round, round_id)
        return chart_version(round_, round_.candidates, result)

    first = version()
    assert first == version() and re.fullmatch(r"[0-9a-f]{12}", first)
    api.patch(f"/rounds/{round_id}/candidates/{cids[0]}", json={"impact": {"cost": 777}})
    impact_changed = version()
    assert impact_changed != first
    idea = submit_idea(users("customer"), title="A late idea")
    db.session.commit()
    api.post(f"/rounds/{round_id}/candidates", json={"idea_id": idea.id, "impact": {"cost": 1, "annual_benefit": 2}})
    added = version()
    assert added not in (first, impact_changed)
    api.post(f"/rounds/{round_id}/open")
    opened = version()
    assert opened != added
    result = {"combined": {"ranking": [[cids[0]]]}}
    assert version(result) != opened
    assert version({"combined": {"ranking": [[cids[1]]]}}) != version(result)
