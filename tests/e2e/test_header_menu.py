"""The header in a real browser: one bar on a wide screen; on a phone the brand, the bell with
its unread count and a "Menu" button that opens navigation, search and the account links, with
and without JavaScript, by mouse and by keys."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from innovation.extensions import db
from innovation.ideas.services import change_status, submit_idea
from innovation.platform.worker import run_worker

from ..factories import DEFAULT_PASSWORD
from .test_accounts_browser import sign_in

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}


@pytest.fixture
def open_page(browser, live_server):
    """Pages at a given size, with or without JavaScript; each fails on a script error."""
    contexts = []

    def make(viewport, javascript=True):
        context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def customer_with_news(app, users):
    """A customer with one unread notification (a status change of their idea)."""
    customer = users("customer", name="Carla Mendes")
    idea = submit_idea(customer, title="Send payment reminders before invoices are overdue")
    db.session.commit()
    change_status(users("pm"), idea.id, "under_review", "")
    db.session.commit()
    run_worker(app, burst=True, fork=False)
    return customer


def header_parts(page):
    header = page.get_by_role("banner")
    return {
        "menu": header.locator("summary", has_text="Menu"),
        "ideas": header.get_by_role("navigation", name="Main").get_by_role("link", name="Ideas"),
        "search": header.get_by_role("search").get_by_label("Search", exact=True),
        "bell": header.get_by_role("link", name="Notifications"),
        "sign_out": header.get_by_role("button", name="Sign out"),
    }


def test_on_a_phone_the_menu_holds_navigation_search_and_account(open_page, live_server, customer_with_news):
    page = open_page(PHONE)
    sign_in(page, live_server.url, customer_with_news.email, DEFAULT_PASSWORD)
    parts = header_parts(page)
    # One row: brand, the bell with its count, the Menu button; the rest is folded away.
    expect(parts["bell"]).to_be_visible()
    expect(parts["bell"].locator(".count")).to_have_text("1 unread")
    expect(parts["menu"]).to_be_visible()
    for name in ("ideas", "search", "sign_out"):
        expect(parts[name]).to_be_hidden()
    brand = page.get_by_role("banner").get_by_role("link", name="Innovation Commons").bounding_box()
    bell, menu = parts["bell"].bounding_box(), parts["menu"].bounding_box()
    assert brand and bell and menu
    assert abs(brand["y"] + brand["height"] / 2 - (menu["y"] + menu["height"] / 2)) < 4
    assert brand["x"] + brand["width"] <= bell["x"] < menu["x"]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    parts["menu"].click()
    for name in ("ideas", "search", "sign_out"):
        expect(parts[name]).to_be_visible()
    expect(page.get_by_role("banner").get_by_role("link", name="Settings")).to_be_visible()
    found = Axe().run(page).response["violations"]
    assert found == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in found]

    # Escape closes it and gives the focus back to the button; a click outside closes it too.
    parts["search"].focus()
    page.keyboard.press("Escape")
    expect(parts["search"]).to_be_hidden()
    expect(parts["menu"]).to_be_focused()
    page.keyboard.press("Enter")
    expect(parts["ideas"]).to_be_visible()
    page.mouse.click(PHONE["width"] / 2, PHONE["height"] - 10)  # on the page, below the open menu
    expect(parts["ideas"]).to_be_hidden()

    # From the menu to a page, by keys.
    parts["menu"].focus()
    page.keyboard.press("Enter")
    parts["ideas"].focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/ideas")
    assert page.errors == []


def test_the_phone_menu_works_without_javascript(open_page, live_server, users):
    customer = users("customer", name="Carla Mendes")
    page = open_page(PHONE, javascript=False)
    sign_in(page, live_server.url, customer.email, DEFAULT_PASSWORD)
    parts = header_parts(page)
    expect(parts["sign_out"]).to_be_hidden()
    parts["menu"].click()
    expect(parts["ideas"]).to_be_visible()
    parts["search"].fill("reminders")
    parts["search"].press("Enter")
    expect(page).to_have_url(f"{live_server.url}/search?q=reminders")
    header_parts(page)["menu"].click()
    header_parts(page)["sign_out"].click()
    expect(page.get_by_text("You are signed out")).to_be_visible()


def test_visitors_on_a_phone_find_sign_in_and_join_in_the_menu(open_page, live_server):
    page = open_page(PHONE)
    page.goto(live_server.url + "/ideas")
    header = page.get_by_role("banner")
    expect(header.get_by_role("link", name="Notifications")).to_have_count(0)
    header.locator("summary", has_text="Menu").click()
    expect(header.get_by_role("link", name="Sign in")).to_be_visible()
    header.get_by_role("link", name="Join").click()
    expect(page).to_have_url(f"{live_server.url}/register")
    assert page.errors == []


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_wide_screen_the_header_is_one_bar_without_a_menu_button(
    open_page, live_server, customer_with_news, javascript
):
    page = open_page(WIDE, javascript=javascript)
    sign_in(page, live_server.url, customer_with_news.email, DEFAULT_PASSWORD)
    parts = header_parts(page)
    expect(parts["menu"]).to_be_hidden()
    for name in ("ideas", "search", "bell", "sign_out"):
        expect(parts[name]).to_be_visible()
    expect(parts["bell"]).to_have_count(1)  # the phone's bell is not shown beside it
    expect(parts["bell"].locator(".count")).to_have_text("1 unread")
    ideas, sign_out = parts["ideas"].bounding_box(), parts["sign_out"].bounding_box()
    assert ideas and sign_out and abs(ideas["y"] - sign_out["y"]) < 12  # one row
    parts["search"].fill("reminders")
    parts["search"].press("Enter")
    expect(page).to_have_url(f"{live_server.url}/search?q=reminders")
    assert page.errors == []


@pytest.mark.parametrize("role", ["pm", "admin"])
def test_staff_headers_with_more_links_stay_one_row_at_1280(open_page, live_server, users, role):
    """Moderation, Invite and Admin make the bar longer: the logo stands alone, the name is
    still the link's accessible name, and the bar keeps one row."""
    person = users(role, name="Priya Raman")
    page = open_page(WIDE)
    sign_in(page, live_server.url, person.email, DEFAULT_PASSWORD)
    parts = header_parts(page)
    moderation = page.get_by_role("banner").get_by_role("link", name="Moderation")
    expect(moderation).to_be_visible()
    expect(page.get_by_role("banner").get_by_role("link", name="Innovation Commons")).to_be_visible()
    ideas, sign_out = parts["ideas"].bounding_box(), parts["sign_out"].bounding_box()
    assert ideas and sign_out and abs(ideas["y"] - sign_out["y"]) < 12  # one row
    assert page.errors == []
