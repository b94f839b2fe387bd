"""Every page of the product, for each role, at 1280 and 390 px, in Debian's Chromium over the
demo data: the page is never wider than the window, no visible table cell is narrower than 64 px,
every table fits its box, no word is broken mid-word, axe finds no violation and no script fails.
The list of pages is the app's GET routes (site_walk.py), so a new page is walked, or named as
skipped with a reason, or this fails.

Slow by nature (about 40 pages × 5 roles × 2 widths, axe on each): one seeded app and one browser
for the module, all of it on one xdist worker."""

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from innovation.demo.seed import DEMO_DOMAIN, DEMO_PASSWORD

from ..conftest import fresh_app
from .conftest import LiveServer
from .site_walk import Facts, add_server_error_page, pages, seed_demo_site, unfilled_routes

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.xdist_group("every_page")]

ROLES = ("visitor", "customer", "employee", "pm", "admin")
WIDTHS = (1280, 390)
NARROWEST_CELL = 64  # px: a cell any narrower breaks its words letter by letter
AXE = Axe()

# What the page measures of itself: its overflow; the visible table cells that are too narrow
# (not those in a clipped box, such as a stacked table's hidden header); tables that scroll
# sideways in their box instead of fitting or stacking; and words broken inside
# although they would fit on one line of their box, the "letter by letter" breaking of a squeezed
# column (e-mail addresses, hashes and code may break anywhere).
MEASURE = """(narrowest) => {
  const shown = (el) => {
    if (!el.checkVisibility({visibilityProperty: true})) return false;
    for (let box = el; box && box !== document.body; box = box.parentElement) {
      const rect = box.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) return false;
    }
    return true;
  };
  const narrow = [...document.querySelectorAll('td, th')]
    .filter((cell) => shown(cell) && cell.getBoundingClientRect().width < narrowest)
    .map((cell) => `${Math.round(cell.getBoundingClientRect().width)} px "${cell.textContent.trim().slice(0, 30)}"`);
  const scrolling = [...document.querySelectorAll('table')]
    .filter((table) => shown(table) && table.parentElement.scrollWidth > table.parentElement.clientWidth + 1)
    .map((table) => `"${(table.caption ? table.caption.textContent : table.className).trim().slice(0, 40)}" `
      + `${table.parentElement.scrollWidth - table.parentElement.clientWidth} px`);
  const broken = [];
  const range = document.createRange();
  const blockOf = (el) => {
    while (el && getComputedStyle(el).display.startsWith('inline')) el = el.parentElement;
    return el;
  };
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (texts.nextNode()) {
    const node = texts.currentNode, parent = node.parentElement;
    if (!parent || parent.closest('code, pre, kbd, samp, .email, .hash, svg, .visually-hidden')) continue;
    if (!parent.checkVisibility({visibilityProperty: true})) continue;
    for (const word of node.data.matchAll(/[\\p{L}\\p{M}\\p{N}]{2,}/gu)) {
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
      if (new Set(rects.map((rect) => Math.round(rect.bottom))).size < 2) continue;
      const box = blockOf(parent);
      if (box && rects.reduce((sum, rect) => sum + rect.width, 0) <= box.clientWidth) {
        broken.push(`"${word[0]}" in <${box.tagName.toLowerCase()}>`);
      }
    }
  }
  return {overflow: document.documentElement.scrollWidth - window.innerWidth,
          narrow: narrow.slice(0, 5), scrolling, broken: broken.slice(0, 5)};
}"""


@dataclass
class Site:
    url: str
    pages: list[tuple[str, str]]
    facts: Facts


@pytest.fixture(scope="module")
def site(tmp_path_factory, database_template, redis_url):
    """The demo data seeded once for the module, served by one live server."""
    with fresh_app(tmp_path_factory.mktemp("walk"), database_template, redis_url, add_server_error_page) as app:
        facts = seed_demo_site()
        server = LiveServer(app)
        server.start()
        yield Site(server.url, pages(app, facts), facts)
        server.stop()


@pytest.fixture(scope="module")
def signed_in_states(site, browser):
    """Each role's signed-in browser state, made once (sign-ins are rate-limited)."""
    states: dict[str, dict] = {}

    def state_for(role: str) -> dict | None:
        if role == "visitor":
            return None
        if role not in states:
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{site.url}/login")
            page.get_by_label("E-mail address").fill(f"{role}@{DEMO_DOMAIN}")
            page.get_by_label("Password").fill(DEMO_PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_load_state()
            assert page.get_by_role("button", name="Sign out").count() == 1, f"{role} could not sign in"
            states[role] = context.storage_state()
            context.close()
        return states[role]

    return state_for


def test_every_page_with_parameters_is_walked_or_skipped_with_a_reason(app):
    unfilled = unfilled_routes(app)
    assert unfilled == [], (
        "GET routes the walk does not open: give each paths in tests/e2e/site_walk.py PATHS, "
        "or a reason in SKIPPED (and drop entries of routes that are gone):\n" + "\n".join(unfilled)
    )


def test_the_route_check_sees_a_page_it_would_miss(app):
    app.add_url_rule("/ideas/<int:idea_id>/timeline", "ideas.timeline_for_this_test", lambda idea_id: "")
    assert unfilled_routes(app) == ["ideas.timeline_for_this_test (/ideas/<int:idea_id>/timeline): no paths"]


def _seen_as(url: str, status: int) -> str:
    """One key per page seen: refusals look alike (one error page), redirects land on one page."""
    if status >= 400:
        return f"error {status}"
    parts = urlsplit(url)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k != "next"])
    return parts.path + ("?" + query if query else "")


def _check(page, path: str, status: int, console: list[str]) -> list[str]:
    problems = []
    if status >= 500 and not path.startswith("/walk/"):
        problems.append(f"answered {status}")
    numbers = page.evaluate(MEASURE, NARROWEST_CELL)
    if numbers["overflow"] > 0:
        problems.append(f"{numbers['overflow']} px wider than the window")
    if numbers["narrow"]:
        problems.append(f"table cells narrower than {NARROWEST_CELL} px: {', '.join(numbers['narrow'])}")
    if numbers["scrolling"]:
        problems.append(f"tables wider than their box (fit them, or stack them): {', '.join(numbers['scrolling'])}")
    if numbers["broken"]:
        problems.append(f"words broken mid-word: {', '.join(numbers['broken'])}")
    for violation in AXE.run(page).response["violations"]:
        targets = [node["target"] for node in violation["nodes"]][:3]
        problems.append(f"axe {violation['id']} ({violation['impact']}) at {targets}: {violation['help']}")
    problems.extend(f"script error: {message}" for message in console)
    return problems


@pytest.mark.timeout(900)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("role", ROLES)
def test_every_page_fits_and_passes_axe(site, browser, signed_in_states, role, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, storage_state=signed_in_states(role))
    page = context.new_page()
    page.set_default_timeout(15_000)
    console: list[str] = []
    page.on("pageerror", lambda error: console.append(str(error)))
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    page.on("dialog", lambda dialog: dialog.dismiss())
    failures, seen = [], set()
    try:
        for _endpoint, path in site.pages:
            console.clear()
            response = page.goto(site.url + path)
            page.wait_for_load_state("load")
            status = response.status if response is not None else 0
            key = _seen_as(page.url, status)
            if key in seen:
                continue
            seen.add(key)
            # The browser reports the error status of the page itself as a failed load.
            errors = [m for m in console if not (status >= 400 and m.startswith("Failed to load resource"))]
            failures.extend(f"{path} [{status}]: {problem}" for problem in _check(page, path, status, errors))
    finally:
        context.close()
    assert failures == [], f"{role} at {width} px, {len(failures)} problems:\n" + "\n".join(failures)
