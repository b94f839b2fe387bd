"""In a real browser, at 1280 and 390 px: the notification centre shows one group per idea with
preview lines, "Mark all as read" clears the bell without a reload (and with one, without
JavaScript), and the centre and the notification settings pass axe and fit the width."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from innovation.extensions import db
from innovation.ideas.comments import add_comment
from innovation.ideas.services import follow_idea, submit_idea
from innovation.platform.worker import run_worker

from ..factories import DEFAULT_PASSWORD
from .test_accounts_browser import sign_in

pytestmark = pytest.mark.e2e

NARROWEST_CELL = """() => {
  const cells = [...document.querySelectorAll('td, th')].filter(c => c.offsetParent !== null);
  const widths = cells.map(c => c.getBoundingClientRect().width).filter(w => w > 0);
  return widths.length ? Math.min(...widths) : null;
}"""


@pytest.fixture
def followed_news(app, users):
    carla, grace = users("customer", name="Carla Mendes"), users("employee", name="Grace Okafor")
    writer = users("customer", name="Tomás Ferreira")
    ideas = [submit_idea(writer, title=title) for title in ("Photos on job completion", "Offline mode for technicians")]
    for idea in ideas:
        follow_idea(carla, idea.id)
    db.session.commit()
    add_comment(grace, ideas[0].id, "Photos would settle most disputes about finished jobs.")
    db.session.commit()
    add_comment(grace, ideas[1].id, "Technicians lose signal in basements every day.")
    db.session.commit()
    add_comment(grace, ideas[1].id, "A read-only copy of today's jobs would already help.")
    db.session.commit()
    run_worker(app, burst=True, fork=False)
    return carla


def fits_and_passes_axe(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    narrowest = page.evaluate(NARROWEST_CELL)
    assert narrowest is None or narrowest >= 64
    assert Axe().run(page).response["violations"] == []


@pytest.mark.parametrize("width", [1280, 390])
def test_groups_previews_and_mark_all_as_read(browser, live_server, followed_news, width):
    base = live_server.url
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        sign_in(page, base, followed_news.email, DEFAULT_PASSWORD)
        page.goto(base + "/notifications")
        headings = page.locator(".notification-group h2")
        expect(headings).to_have_count(2)
        expect(headings.nth(0)).to_contain_text("Offline mode for technicians")  # the newest news first
        expect(headings.nth(1)).to_contain_text("Photos on job completion")
        offline = page.locator("[data-group]").nth(0)
        expect(offline).to_contain_text("2 notifications · 2 unread")
        expect(offline.get_by_text("A read-only copy of today's jobs would already help.")).to_be_visible()
        expect(page.get_by_role("link", name="Grace Okafor commented").first).to_be_visible()
        # One bell shows at each width (the phone bar's, or the wide header's); both are cleared.
        expect(page.locator("a.bell:visible .count")).to_have_text("3 unread")
        bell = page.locator("a[href='/notifications'] .count")
        fits_and_passes_axe(page)

        photos = page.locator("[data-group]").nth(1)
        photos.get_by_role("button", name="Mark read").click()  # one, in place
        expect(page.get_by_role("status")).to_have_text("Marked as read.")
        expect(bell).to_have_text(["2 unread", "2 unread"])  # both bells, in place
        expect(photos).to_contain_text("1 notification")
        expect(photos).not_to_contain_text("unread")
        expect(page.get_by_role("link", name="All", exact=True).locator(".count")).to_have_count(0)

        page.get_by_role("button", name="Mark all as read").click()
        expect(page.get_by_role("status")).to_have_text("Marked 2 notifications as read.")
        expect(bell).to_have_count(0)  # the bell is cleared in place
        expect(page.locator(".notification.is-unread")).to_have_count(0)
        expect(page.get_by_role("button", name="Mark all as read")).to_be_hidden()
        expect(offline).not_to_contain_text("unread")
        fits_and_passes_axe(page)
        page.reload()
        expect(page.locator("a[href='/notifications'] .count")).to_have_count(0)
        expect(page.get_by_text("You are all caught up.")).to_be_visible()

        page.goto(base + "/settings/notifications")
        expect(page.get_by_role("heading", name="Notification settings")).to_be_visible()
        page.locator("label[for='ch-comment-email']").click()  # the whole cell is the choice's target
        expect(page.get_by_label("E-mail now for New comments on ideas I follow")).to_be_checked()
        fits_and_passes_axe(page)
        page.get_by_role("button", name="Save settings").click()
        expect(page.get_by_label("E-mail now for New comments on ideas I follow")).to_be_checked()
        assert errors == []
    finally:
        context.close()


def test_mark_all_as_read_without_javascript(browser, live_server, followed_news):
    context = browser.new_context(viewport={"width": 390, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        sign_in(page, live_server.url, followed_news.email, DEFAULT_PASSWORD)
        page.goto(live_server.url + "/notifications?unread=1")
        expect(page.locator("a.bell:visible .count")).to_have_text("3 unread")
        page.get_by_role("button", name="Mark all as read").click()
        expect(page.get_by_text("Marked 3 notifications as read.")).to_be_visible()
        expect(page).to_have_url(live_server.url + "/notifications?unread=1")
        expect(page.locator("a[href='/notifications'] .count")).to_have_count(0)
        expect(page.get_by_text("No unread notifications — you are all caught up.")).to_be_visible()
    finally:
        context.close()
