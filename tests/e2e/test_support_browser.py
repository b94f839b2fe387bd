"""In a real browser, at 1280 and 390 px: Support from the list changes the card's count in
place with JavaScript (no navigation) and through a plain post and reload without it; a star
rates with one click; a new comment has its Reply and Edit at once; the pages pass axe and fit."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from innovation.extensions import db
from innovation.ideas.services import submit_idea

from ..factories import DEFAULT_PASSWORD
from .test_accounts_browser import sign_in

pytestmark = pytest.mark.e2e
WIDTHS = [1280, 390]
MARKER = "window.__stillTheSamePage"


@pytest.fixture
def ideas(users):
    carla = users("customer", name="Carla Mendes")
    grace = users("employee", name="Grace Okafor")
    photos = submit_idea(
        carla,
        title="Photos on job completion",
        body="Technicians attach **before and after** photos, so nobody argues about a finished job. " * 4,
        tags=["mobile"],
    )
    offline = submit_idea(grace, title="Offline mode for technicians", tags=["mobile"])
    db.session.commit()
    return {"carla": carla, "grace": grace, "photos": photos, "offline": offline}


@pytest.fixture
def open_page(browser):
    contexts = []

    def make(width, javascript=True):
        context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()


def fits_and_passes_axe(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url
    assert Axe().run(page).response["violations"] == [], page.url


@pytest.mark.parametrize("width", WIDTHS)
def test_support_from_the_list_changes_the_count_in_place(live_server, open_page, ideas, width):
    page = open_page(width)
    sign_in(page, live_server.url, ideas["grace"].email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/ideas?sort=new")
    fits_and_passes_axe(page)
    url = page.url
    page.evaluate(f"{MARKER} = true")
    loads = []
    page.on("load", lambda: loads.append(page.url))

    card = page.locator(f"#idea-{ideas['photos'].id}")
    button = card.get_by_role("button", name="Support")
    expect(card.locator("[data-support-total]")).to_have_text("1")  # Carla's own support
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(card.locator("[data-support-total]")).to_have_text("2")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_contain_text("Supported")
    expect(card.locator("[data-support-employee]")).to_have_text("1")
    other = page.locator(f"#idea-{ideas['offline'].id}")
    expect(other.locator("[data-support-total]")).to_have_text("1")  # only the one card changed
    assert page.url == url and loads == [] and page.evaluate(MARKER) is True  # no navigation

    button.click()  # pressed again: withdrawn, still in place
    expect(card.locator("[data-support-total]")).to_have_text("1")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    assert page.evaluate(MARKER) is True and loads == []

    page.reload()
    expect(page.locator(f"#idea-{ideas['photos'].id} [data-support-total]")).to_have_text("2")
    page.goto(f"{live_server.url}/")
    trending = page.locator(f"#trending-{ideas['photos'].id}")
    expect(trending.get_by_role("button", name="Supported")).to_have_attribute("aria-pressed", "true")
    fits_and_passes_axe(page)
    assert page.errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_support_from_the_list_without_javascript_posts_and_comes_back(live_server, open_page, ideas, width):
    page = open_page(width, javascript=False)
    sign_in(page, live_server.url, ideas["grace"].email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/ideas?sort=new")
    card = page.locator(f"#idea-{ideas['photos'].id}")
    expect(card.locator("[data-support-total]")).to_have_text("1")
    with page.expect_navigation():
        card.get_by_role("button", name="Support").click()
    assert page.url == f"{live_server.url}/ideas?sort=new#idea-{ideas['photos'].id}"
    card = page.locator(f"#idea-{ideas['photos'].id}")
    expect(card.locator("[data-support-total]")).to_have_text("2")
    expect(card.get_by_role("button", name="Supported")).to_have_attribute("aria-pressed", "true")
    # axe needs JavaScript in the page; the same page is audited with it in the test above.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
def test_visitors_see_sign_in_to_support(live_server, open_page, ideas, width):
    page = open_page(width)
    page.goto(f"{live_server.url}/ideas")
    card = page.locator(f"#idea-{ideas['photos'].id}")
    expect(card.get_by_role("button")).to_have_count(0)
    card.get_by_role("link", name="Sign in to support").click()
    sign_in_form = page.get_by_role("button", name="Sign in")
    expect(sign_in_form).to_be_visible()
    page.get_by_label("E-mail address").fill(ideas["grace"].email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    sign_in_form.click()
    expect(page).to_have_url(f"{live_server.url}/ideas#idea-{ideas['photos'].id}")
    page.goto(f"{live_server.url}/")
    fits_and_passes_axe(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_one_click_on_a_star_rates_and_a_new_comment_has_its_actions(live_server, open_page, ideas, width):
    page = open_page(width)
    sign_in(page, live_server.url, ideas["carla"].email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/ideas/{ideas['offline'].id}")
    fits_and_passes_axe(page)
    page.evaluate(f"{MARKER} = true")
    rating = page.locator("#rating")
    rating.get_by_role("radio", name="Rate 4 of 5").click()
    expect(rating.get_by_text("Saved: you rated it 4 of 5.")).to_be_visible()
    expect(rating.get_by_role("radio", name="Rate 4 of 5")).to_have_attribute("aria-checked", "true")
    expect(rating.locator("[data-rating-count]")).to_have_text("1")
    expect(rating.locator("[data-rating-customer-mean]")).to_have_text("4.0")
    # Keys: the arrows move between the stars, Enter rates.
    rating.get_by_role("radio", name="Rate 4 of 5").focus()
    page.keyboard.press("ArrowRight")
    expect(rating.get_by_role("radio", name="Rate 5 of 5")).to_be_focused()
    page.keyboard.press("Enter")
    expect(rating.get_by_text("Saved: you rated it 5 of 5.")).to_be_visible()
    expect(rating.get_by_role("radio", name="Rate 5 of 5")).to_have_attribute("aria-checked", "true")
    expect(rating.get_by_role("radio", name="Rate 4 of 5")).to_have_attribute("aria-checked", "false")
    # Common ground now counts Carla's 5 for the customers' side.
    expect(page.locator("[data-favour-row=customer]")).to_contain_text("100 % in favour · 1 took part")

    page.get_by_label("Your comment").fill("Offline would save my Mondays in the basement.")
    page.get_by_role("button", name="Post comment").click()
    comment = page.locator("article.comment", has_text="save my Mondays")
    expect(comment).to_be_visible()
    expect(comment.get_by_text("Reply", exact=True)).to_be_visible()
    expect(comment.get_by_role("link", name="Edit your comment")).to_be_visible()
    comment.get_by_text("Reply", exact=True).click()
    expect(comment.get_by_label("Reply to Carla Mendes")).to_be_visible()
    assert page.evaluate(MARKER) is True  # all of it without a reload
    fits_and_passes_axe(page)
    assert page.errors == []
