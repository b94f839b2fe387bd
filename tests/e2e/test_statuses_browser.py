"""In a real browser: an admin adds the status "Next quarter" (counting as Planned, in the
roadmap's Planned lane), a pm gives it to an idea, and a customer sees its label on the idea's
card and in the roadmap's Planned lane."""

import pytest
from playwright.sync_api import expect

from innovation.extensions import db
from innovation.ideas.services import submit_idea

from ..factories import DEFAULT_PASSWORD
from .conftest import shoot
from .test_accounts_browser import sign_in

pytestmark = pytest.mark.e2e


def _as(browser, base: str, email: str):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, base, email, DEFAULT_PASSWORD)
    return context, page


def test_a_status_the_admin_adds_reaches_the_customer(live_server, browser, users):
    admin, pm, customer = users("admin"), users("pm"), users("customer")
    idea = submit_idea(customer, title="Offline mode for technicians")
    db.session.commit()
    idea_id, base = idea.id, live_server.url

    context, page = _as(browser, base, admin.email)
    page.goto(f"{base}/admin/statuses")
    form = page.locator("#add-status form")
    form.get_by_label("Label").fill("Next quarter")
    form.get_by_label("Key").fill("next-quarter")
    form.get_by_label("Colour").fill("#7c3aed")
    form.get_by_label("Counts as").select_option("planned")
    form.get_by_label("Roadmap lane").select_option("planned")
    form.get_by_role("button", name="Add status").click()
    expect(page.get_by_text("“Next quarter” added")).to_be_visible()
    expect(page.locator("#status-next-quarter .status-chip")).to_have_text("Next quarter")
    shoot(page, "admin-statuses")
    context.close()

    context, page = _as(browser, base, pm.email)
    page.goto(f"{base}/ideas/{idea_id}")
    page.get_by_label("New status").select_option("next-quarter")
    page.get_by_role("button", name="Change status").click()
    expect(page.get_by_text("Status updated")).to_be_visible()
    context.close()

    context, page = _as(browser, base, customer.email)
    page.goto(f"{base}/ideas")
    chip = page.locator(f"#idea-{idea_id} .status-chip")
    expect(chip).to_have_text("Next quarter")
    # Coloured by the status stylesheet: a wash of violet, and text dark enough to read on it.
    assert chip.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert chip.locator(".status-dot").evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(124, 58, 237)"
    shoot(page, "card-custom-status")
    page.goto(f"{base}/roadmap")
    lane = page.locator("section.roadmap-planned")
    expect(lane.locator(f"#roadmap-{idea_id} .status-chip")).to_have_text("Next quarter")
    shoot(page, "roadmap-custom-status")
    page.goto(f"{base}/ideas?status=next-quarter")
    expect(page.locator(".idea-card")).to_have_count(1)
    context.close()
