"""In a real browser: possible duplicates while typing and before publishing, the header search
with highlighted (stemmed) words, and internal ideas that customers never find."""

import re

import pytest
from playwright.sync_api import expect

from innovation.extensions import db
from innovation.ideas import comments, services
from innovation.ideas.models import Idea
from innovation.search.jobs import index_pending

from ..factories import DEFAULT_PASSWORD
from .test_accounts_browser import sign_in

pytestmark = pytest.mark.e2e


def refresh_index() -> int:
    """What the search worker does: take every committed change into the index."""
    db.session.commit()
    return index_pending()


def signed_in_page(new_page, live_server, user):
    page = new_page()
    sign_in(page, live_server.url, user.email, DEFAULT_PASSWORD)
    expect(page.get_by_text(f"Signed in as {user.name}")).to_be_visible()
    return page


def search_from_header(page, words: str) -> None:
    box = page.get_by_role("search").get_by_label("Search", exact=True)
    expect(box).to_have_id("site-search-q")
    box.fill(words)
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")


def ideas_tab(page):
    return page.get_by_role("navigation", name="What to search").get_by_role("link", name=re.compile(r"^Ideas"))


def test_possible_duplicate_while_typing_and_before_publishing(live_server, new_page, users):
    employee = users("employee")
    existing = services.submit_idea(
        employee,
        title="Self-service onboarding checklist for new customers",
        body="A checklist customers tick off during their first week.",
        tags=["onboarding"],
    )
    services.submit_idea(employee, title="Dark mode for the technician app")
    db.session.commit()
    assert refresh_index() > 0
    customer = users("customer")

    page = signed_in_page(new_page, live_server, customer)
    page.goto(f"{live_server.url}/ideas/new")
    suggestions = page.locator("#similar-ideas")
    expect(suggestions.get_by_role("link")).to_have_count(0)

    page.get_by_label("Title").press_sequentially("Onboarding checklist for customers")
    suggestion = suggestions.get_by_role("link", name=existing.title, exact=True)
    expect(suggestion).to_be_visible()
    expect(suggestion).to_have_attribute("href", f"/ideas/{existing.id}")
    expect(suggestions.get_by_role("heading")).to_have_text("A similar idea exists — support it instead?")
    expect(suggestions.get_by_role("link")).to_have_count(1)  # the dark mode idea is not similar
    expect(page.get_by_role("button", name="Publish idea")).to_be_visible()  # only a hint: nothing blocks

    # The server checks again on submit, whatever the script did: a page without the hint.
    page.goto(f"{live_server.url}/ideas/new")
    page.get_by_label("Title").fill("An onboarding checklist for new customers")
    page.get_by_label("Description").fill("Different from the existing one: it is for partners too.")
    page.get_by_role("button", name="Publish idea").click()
    before = page.get_by_role("region", name=re.compile("^Before you publish"))
    expect(before).to_be_visible()
    expect(before.get_by_role("heading")).to_have_text("Before you publish: this idea looks similar")
    expect(before.get_by_role("link", name=existing.title, exact=True)).to_have_attribute(
        "href", f"/ideas/{existing.id}"
    )
    assert db.session.scalar(db.select(db.func.count()).select_from(Idea)) == 2  # nothing saved yet
    expect(page.get_by_label("Title")).to_have_value("An onboarding checklist for new customers")
    expect(page.get_by_label("Description")).to_have_value("Different from the existing one: it is for partners too.")

    page.get_by_role("button", name="Publish anyway").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("An onboarding checklist for new customers")
    expect(page.get_by_text("Your idea is published")).to_be_visible()
    match = re.search(r"/ideas/(\d+)$", page.url)
    assert match and int(match.group(1)) != existing.id
    db.session.expire_all()
    published = db.session.get(Idea, int(match.group(1)))
    assert published.author_id == customer.id and published.visibility == "public"
    assert page.errors == []


def test_editing_the_title_after_the_warning_still_publishes(live_server, new_page, users):
    """The script re-renders the suggestions box the server filled; pressing "Publish anyway"
    after changing the title must still publish, not stop at the warning a second time."""
    existing = services.submit_idea(users("employee"), title="Offline mode for the field technician app")
    db.session.commit()
    refresh_index()
    customer = users("customer")

    page = signed_in_page(new_page, live_server, customer)
    page.goto(f"{live_server.url}/ideas/new")
    page.get_by_label("Title").fill("Offline mode for the technician app")
    page.get_by_role("button", name="Publish idea").click()
    expect(page.get_by_role("region", name=re.compile("^Before you publish"))).to_be_visible()
    page.wait_for_load_state("load")  # the deferred script listens from DOMContentLoaded on

    title = page.get_by_label("Title")
    title.press("End")
    title.press_sequentially(" in tunnels")
    suggestions = page.locator("#similar-ideas")
    expect(suggestions.get_by_role("heading")).to_have_text("A similar idea exists — support it instead?")
    expect(suggestions.get_by_role("link", name=existing.title, exact=True)).to_be_visible()
    page.get_by_role("button", name="Publish anyway").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Offline mode for the technician app in tunnels")
    assert page.errors == []


def test_header_search_highlights_the_stemmed_word(live_server, new_page, users):
    employee = users("employee")
    idea = services.submit_idea(
        employee,
        title="Guided tour for customers being onboarded",
        body="A short tour of the **dashboard** on the first sign-in.",
        tags=["ux"],
    )
    services.submit_idea(employee, title="Export invoices as CSV", body="Accounting asks for it every month.")
    db.session.commit()
    refresh_index()
    customer = users("customer")

    page = signed_in_page(new_page, live_server, customer)
    page.goto(f"{live_server.url}/ideas")
    search_from_header(page, "onboarding")

    expect(page).to_have_url(re.compile(r"/search\?q=onboarding$"))
    expect(page.get_by_label("Search for")).to_have_value("onboarding")
    expect(ideas_tab(page).locator(".count")).to_have_text("1")
    hits = page.locator("ol.search-hits > li")
    expect(hits).to_have_count(1)
    hit = hits.filter(has=page.get_by_role("link", name=idea.title, exact=True))
    expect(hit).to_have_count(1)
    link = hit.get_by_role("link", name=idea.title, exact=True)
    expect(link).to_have_attribute("href", f"/ideas/{idea.id}")
    mark = link.locator("mark")
    expect(mark).to_have_count(1)
    expect(mark).to_have_text("onboarded")  # "onboarding" found its stem in another form
    expect(hit.get_by_text("Export invoices")).to_have_count(0)

    # An idea published through the browser is found once the index job has run.
    page.goto(f"{live_server.url}/ideas/new")
    page.get_by_label("Title").fill("Checklist for onboarding new technicians")
    page.get_by_label("Description").fill("Week one: safety, tools, shadowing a senior technician.")
    page.get_by_role("button", name="Publish idea").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Checklist for onboarding new technicians")
    new_id = int(re.search(r"/ideas/(\d+)$", page.url).group(1))
    assert refresh_index() > 0
    search_from_header(page, "onboarding")
    expect(ideas_tab(page).locator(".count")).to_have_text("2")
    new_hit = page.locator("ol.search-hits > li").filter(has=page.locator(f'a[href="/ideas/{new_id}"]'))
    expect(new_hit.locator("h3 mark")).to_have_text("onboarding")
    assert page.errors == []


def test_customers_never_find_internal_ideas(live_server, new_page, users):
    employee = users("employee", name="Grace Okafor")
    secret = services.submit_idea(
        employee,
        title="Zephyrine pricing experiment for renewals",
        body="Try the zephyrine discount on a tenth of the renewals.",
        visibility="internal",
    )
    comments.add_comment(employee, secret.id, "Zephyrine worked in the pilot region.")
    public = services.submit_idea(employee, title="Clearer pricing page for renewals")
    db.session.commit()
    refresh_index()
    customer = users("customer")

    carla = signed_in_page(new_page, live_server, customer)
    search_from_header(carla, "zephyrine")
    expect(ideas_tab(carla).locator(".count")).to_have_text("0")
    expect(carla.get_by_text("Nothing you can see matches “zephyrine”")).to_be_visible()
    expect(carla.locator("ol.search-hits")).to_have_count(0)
    expect(carla.get_by_text(secret.title)).to_have_count(0)
    carla.get_by_role("navigation", name="What to search").get_by_role("link", name="Comments").click()
    expect(carla).to_have_url(re.compile(r"type=comments"))
    expect(
        carla.get_by_role("navigation", name="What to search")
        .get_by_role("link", name=re.compile("^Comments"))
        .locator(".count")
    ).to_have_text("0")
    expect(carla.get_by_text("Nothing you can see matches “zephyrine”")).to_be_visible()
    expect(carla.get_by_text("worked in the pilot region")).to_have_count(0)

    # Words both ideas share find only the public one.
    search_from_header(carla, "pricing renewals")
    expect(ideas_tab(carla).locator(".count")).to_have_text("1")
    expect(carla.get_by_role("link", name=public.title, exact=True)).to_be_visible()
    expect(carla.get_by_role("link", name=secret.title, exact=True)).to_have_count(0)

    # Nor among the possible duplicates while typing.
    carla.goto(f"{live_server.url}/ideas/new")
    carla.get_by_label("Title").fill("Zephyrine pricing page for renewals")
    suggestions = carla.locator("#similar-ideas")
    expect(suggestions.get_by_role("link", name=public.title, exact=True)).to_be_visible()
    expect(suggestions.get_by_role("link")).to_have_count(1)
    expect(suggestions.get_by_role("link", name=secret.title, exact=True)).to_have_count(0)

    grace = signed_in_page(new_page, live_server, employee)
    search_from_header(grace, "zephyrine")
    expect(ideas_tab(grace).locator(".count")).to_have_text("1")
    hit = grace.locator("ol.search-hits > li")
    expect(hit).to_have_count(1)
    expect(hit.get_by_role("link", name=secret.title, exact=True)).to_have_attribute("href", f"/ideas/{secret.id}")
    expect(hit.get_by_text("Internal", exact=True)).to_be_visible()
    expect(hit.locator("h3 mark")).to_have_text("Zephyrine")
    assert carla.errors == [] and grace.errors == []


def test_facets_fold_away_on_a_phone(live_server, browser, new_page, users):
    employee = users("employee")
    for n in range(3):
        services.submit_idea(employee, title=f"Invoice export number {n}", tags=["invoicing"])
    db.session.commit()
    refresh_index()

    wide = new_page()
    wide.goto(f"{live_server.url}/search?q=invoice")
    expect(wide.get_by_role("complementary").get_by_role("link", name=re.compile("^#invoicing"))).to_be_visible()
    expect(wide.get_by_text("Filter results")).to_be_hidden()

    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        phone = context.new_page()
        phone.goto(f"{live_server.url}/search?q=invoice")
        expect(phone.locator("ol.search-hits > li")).to_have_count(3)
        tag_filter = phone.get_by_role("complementary").get_by_role("link", name=re.compile("^#invoicing"))
        expect(tag_filter).to_be_hidden()
        phone.get_by_text("Filter results").click()
        expect(tag_filter).to_be_visible()
    finally:
        context.close()
