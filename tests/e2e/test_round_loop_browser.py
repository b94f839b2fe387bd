"""The loop as a customer lives it, in a real browser at 1280 and 390 px: signed in, they find
the open round under "Rounds waiting for your vote", follow it, see a Vote link in the first
screen, vote and see the confirmation where they are looking; once the round is closed and the
outcome published, the round page puts "Outcome" before "Results" and their home shows the
decision on the idea they follow. The round page passes axe, fits the width and has no table
cell narrower than 64 px, while voting and once decided."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from innovation.decisions.export import close_round
from innovation.decisions.outcomes import publish_outcome
from innovation.extensions import db

from ..factories import DEFAULT_PASSWORD
from ..home.helpers import ideas_by, open_round, vote
from .test_accounts_browser import sign_in

pytestmark = pytest.mark.e2e

# Cells inside a 1-px clipped box (a stacked table's visually hidden thead) are not seen.
NARROWEST_CELL = """() => {
  const clipped = c => { for (let e = c; e; e = e.parentElement) { const s = getComputedStyle(e);
    if (s.overflow === 'hidden' && e.getBoundingClientRect().width <= 1) return true; } return false; };
  const widths = [...document.querySelectorAll('td, th')]
    .filter(c => c.offsetParent !== null && !clipped(c))
    .map(c => c.getBoundingClientRect().width).filter(w => w > 0);
  return widths.length ? Math.min(...widths) : null;
}"""


def assert_fits_and_passes_axe(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "horizontal scroll"
    narrowest = page.evaluate(NARROWEST_CELL)
    assert narrowest is None or narrowest >= 64, f"a table cell is {narrowest:.0f} px wide"
    violations = Axe().run(page).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


def in_first_screen(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]


@pytest.fixture
def spring_round(users):
    pm, carla = users("pm", name="Priya Raman"), users("customer", name="Carla Mendes")
    grace = users("employee", name="Grace Okafor")
    ideas = ideas_by(carla, "Photos on job completion", "Offline mode for technicians")
    round_, candidates = open_round(pm, ideas, title="Spring planning round")
    vote(grace, round_, candidates[0])
    return {"pm": pm, "customer": carla, "round": round_, "candidates": candidates}


@pytest.mark.parametrize("width", [1280, 390])
def test_a_customer_votes_and_then_sees_the_outcome_first(browser, live_server, spring_round, width):
    base, round_, candidates = live_server.url, spring_round["round"], spring_round["candidates"]
    round_url = f"{base}/rounds/{round_.id}"
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        sign_in(page, base, spring_round["customer"].email, DEFAULT_PASSWORD)
        page.goto(base + "/")
        waiting = page.get_by_role("region", name="Rounds waiting for your vote")
        waiting.get_by_role("link", name="Spring planning round", exact=True).click()
        page.wait_for_url(f"{round_url}#ballot")
        expect(page.locator("#ballot")).to_be_in_viewport()

        # Read from the top: a one-screen summary with the turnout and a Vote link to the ballot.
        page.goto(round_url)
        assert in_first_screen(page, "a.btn-vote"), "the Vote link is below the first screen"
        expect(page.locator("[data-turnout]")).to_contain_text("1 person has voted so far")
        assert_fits_and_passes_axe(page)
        page.locator("a.btn-vote").click()
        expect(page.locator("#ballot-title")).to_be_in_viewport()
        choice = page.locator(f"label[for='approve-{candidates[1].id}']")
        expect(choice).to_contain_text("cost €12,000")
        page.locator(f"#approve-{candidates[1].id}").check()
        page.get_by_role("button", name="Cast ballot").click()
        saved = page.get_by_text("Your ballot is saved")
        expect(saved).to_be_visible()
        expect(saved).to_be_in_viewport()
        expect(page.locator("[data-turnout]")).to_contain_text("2 people have voted so far")

        close_round(spring_round["pm"], round_.id)
        publish_outcome(
            spring_round["pm"],
            round_.id,
            "We build offline mode next quarter; photos wait for the app rewrite.",
            [
                {"candidate_id": candidates[0].id, "decision": "defer", "rationale": "Waits for the app rewrite."},
                {"candidate_id": candidates[1].id, "decision": "adopt", "rationale": "Customers asked for it most."},
            ],
        )
        db.session.commit()

        page.goto(round_url)
        outcome = page.get_by_role("heading", name="Outcome", level=2)
        results = page.get_by_role("heading", name="Results", level=2)
        expect(outcome).to_be_visible()
        assert outcome.bounding_box()["y"] < results.bounding_box()["y"]
        assert page.evaluate(
            "document.getElementById('outcome-title').compareDocumentPosition("
            "document.getElementById('results-title')) & Node.DOCUMENT_POSITION_FOLLOWING"
        )
        expect(page.locator("#outcome")).to_contain_text("Offline mode for technicians")
        expect(page.locator(".result-sentence").first).to_be_visible()
        assert_fits_and_passes_axe(page)

        page.goto(base + "/")
        followed = page.get_by_role("region", name="Your ideas and ideas you follow")
        offline = followed.locator("li.followed-idea", has_text="Offline mode for technicians")
        expect(offline).to_contain_text("adopted")
        expect(offline.get_by_role("link", name="Spring planning round")).to_be_visible()
        assert errors == []
    finally:
        context.close()
