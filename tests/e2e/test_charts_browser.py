"""In a real browser: the round charts load as pictures on a laptop (under the page's content
security policy), and on a 390 px phone give way to bar lists that fit the width, every value
readable as text, with no axe violation in them."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from ..decisions.helpers import make_round
from ..ideas.helpers import Api

pytestmark = pytest.mark.e2e
AXE = Axe()


@pytest.fixture
def decided_round(client, users):
    api, round_id, cids = make_round(client, users("pm"), users, method="ranked", ideas=3)
    api.patch(f"/rounds/{round_id}/candidates/{cids[2]}", json={"impact": {"annual_benefit": 1250000, "cost": 98000}})
    api.post(f"/rounds/{round_id}/open")
    for role in ("customer", "employee", "employee"):
        Api(client, users(role)).put(f"/rounds/{round_id}/ballot", json={"ranking": cids[::-1]})
    api.post(f"/rounds/{round_id}/close")
    return round_id


def open_round_page(browser, base, round_id, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{base}/rounds/{round_id}")
    page.wait_for_load_state("load")
    return context, page


def test_charts_are_pictures_on_a_laptop(browser, live_server, decided_round):
    context, page = open_round_page(browser, live_server.url, decided_round, 1280)
    try:
        for kind in ("cost-benefit", "results"):
            picture = page.locator(f"figure[data-chart={kind}] img.chart-picture")
            assert picture.is_visible()
            assert picture.evaluate("img => img.complete && img.naturalWidth") == 760  # the SVG loaded
            assert not page.locator(f"figure[data-chart={kind}] .chart-bars").is_visible()
    finally:
        context.close()


def test_charts_become_readable_bar_lists_on_a_phone(browser, live_server, decided_round):
    context, page = open_round_page(browser, live_server.url, decided_round, 390)
    try:
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
        for kind in ("cost-benefit", "results"):
            figure = page.locator(f"figure[data-chart={kind}]")
            assert not figure.locator("img.chart-picture").is_visible()
            assert figure.locator(".chart-bars").is_visible()
            # Every value and label is real text inside the screen, none cut off or squeezed.
            boxes = figure.locator(".chart-value, .chart-bars-line dt, .chart-bars-title").evaluate_all(
                "nodes => nodes.map(n => { const r = n.getBoundingClientRect();"
                " return {left: r.left, right: r.right, width: r.width, text: n.textContent,"
                " clipped: n.scrollWidth > n.clientWidth + 1}; })"
            )
            assert boxes
            for box in boxes:
                assert box["left"] >= 0 and box["right"] <= 390, box
                assert box["width"] >= 30 and not box["clipped"], box
        assert "€1,250,000" in page.locator("figure[data-chart=cost-benefit] .chart-bars").inner_text()
        found = AXE.run(page, context="figure.chart").response["violations"]
        assert found == [], [f"{v['id']}: {v['help']}" for v in found]
    finally:
        context.close()
