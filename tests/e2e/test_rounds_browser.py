"""In a real browser: a pm runs a ranked round with impact data; a customer and two employees
vote (with and without JavaScript); results stay hidden until close; the pm publishes an
outcome that departs from the vote; the customer sees it."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from innovation.decisions.models import Candidate
from innovation.extensions import db
from innovation.ideas.services import submit_idea

from .conftest import CHROMIUM_ARGS  # noqa: F401  (same browser set-up)
from .test_accounts_browser import sign_in

pytestmark = pytest.mark.e2e
PASSWORD = "violet-harbour-1842"
TITLES = ["Photos on job completion", "Offline mode for technicians", "Recurring maintenance contracts"]


def accepting_page(browser, *, javascript=True):
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("dialog", lambda dialog: dialog.accept())  # the pm confirms "Close round"
    return context, page


def vote_without_js(browser, base, round_url, user, places: dict[int, int]):
    context, page = accepting_page(browser, javascript=False)
    try:
        sign_in(page, base, user.email, PASSWORD)
        page.goto(round_url)
        for candidate_id, place in places.items():
            page.locator(f"#rank-{candidate_id}").select_option(str(place))
        page.get_by_role("button", name="Cast ballot").click()
        expect(page.get_by_text("Your ballot is saved")).to_be_visible()
    finally:
        context.close()


def test_ranked_round_from_creation_to_published_outcome(browser, live_server, users):
    base = live_server.url
    pm, customer = users("pm", name="Priya Raman"), users("customer", name="Carla Mendes")
    employees = [users("employee", name="Grace Okafor"), users("employee", name="Jonas Weber")]
    idea_ids = [submit_idea(customer, title=title).id for title in TITLES]
    db.session.commit()

    pm_context, pm_page = accepting_page(browser)
    sign_in(pm_page, base, pm.email, PASSWORD)
    pm_page.goto(f"{base}/rounds/new")
    pm_page.get_by_label("Title").fill("Spring planning round")
    pm_page.get_by_label("Ballot method").select_option("ranked")
    pm_page.get_by_role("button", name="Create round").click()
    expect(pm_page.get_by_role("heading", level=1)).to_have_text("Spring planning round")
    round_url = pm_page.url
    for number, idea_id in enumerate(idea_ids):
        pm_page.get_by_role("link", name="Add candidate").first.click()
        pm_page.get_by_label("Idea number").fill(str(idea_id))
        pm_page.get_by_label("Cost", exact=True).fill(str(10000 * (number + 1)))
        pm_page.get_by_label("Annual benefit", exact=True).fill("30000")
        pm_page.get_by_label("Effort (weeks)").fill("4")
        pm_page.get_by_label("Reach (people or accounts per year)").fill("500")
        pm_page.get_by_label("Confidence (%)").fill("70")
        pm_page.get_by_role("button", name="Add candidate").click()
        expect(pm_page.get_by_text("Candidate added")).to_be_visible()
    pm_page.get_by_role("button", name="Open voting").click()
    expect(pm_page.get_by_text("Voting is open")).to_be_visible()
    cids = {c.idea_id: c.id for c in db.session.scalars(select(Candidate))}
    a, b, c = (cids[i] for i in idea_ids)

    carla_context, carla = accepting_page(browser)  # the customer votes with JavaScript
    sign_in(carla, base, customer.email, PASSWORD)
    carla.goto(round_url)
    carla.get_by_role("button", name=re.compile(r"^Rank\W+" + re.escape(TITLES[1]))).click()
    carla.get_by_role("button", name=re.compile(r"^Rank\W+" + re.escape(TITLES[2]))).click()
    carla.get_by_role("button", name="Cast ballot").click()
    expect(carla.get_by_text("Your ballot is saved")).to_be_visible()
    vote_without_js(browser, base, round_url, employees[0], {b: 1, a: 2})
    vote_without_js(browser, base, round_url, employees[1], {b: 1, c: 2, a: 3})

    carla.goto(round_url)
    expect(carla.get_by_text("Results appear when the round closes")).to_be_visible()
    expect(carla.get_by_text("1 from a customer")).to_have_count(0)

    pm_page.goto(round_url)
    pm_page.get_by_role("button", name="Close round").click()
    expect(pm_page.get_by_text("The round is closed")).to_be_visible()
    expect(pm_page.get_by_text("1 from a customer")).to_be_visible()
    expect(pm_page.get_by_text("2 from employees")).to_be_visible()

    pm_page.get_by_role("link", name="Publish outcome").first.click()
    pm_page.get_by_label("Summary for everyone who took part").fill("We build the offline mode and photos.")
    winner_is_b = "recommends adopting" in pm_page.locator("fieldset", has_text=TITLES[1]).inner_text()
    assert winner_is_b
    pm_page.locator(f"#decision-{a}-adopt").check()  # departs from the vote...
    pm_page.locator(f"#rationale-{a}").fill("Photos share the sync work, so they come almost free.")
    pm_page.locator(f"#decision-{b}-adopt").check()
    pm_page.locator(f"#decision-{c}-defer").check()
    pm_page.get_by_role("button", name="Publish outcome").click()
    expect(pm_page.get_by_text("Outcome published")).to_be_visible()

    carla.goto(round_url)
    expect(carla.get_by_text("We build the offline mode and photos.")).to_be_visible()
    expect(carla.get_by_text("Departed from the vote:")).to_be_visible()
    expect(carla.get_by_text("Photos share the sync work")).to_be_visible()
    pm_context.close()
    carla_context.close()
