"""In a real browser: a customer signs in, finds the open round under "Rounds waiting for your
vote", follows the link to the ballot, votes and sees the confirmation; the round then leaves
their home. The member home passes axe and fits a phone's width."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from innovation.extensions import db
from innovation.ideas.comments import add_comment

from ..factories import DEFAULT_PASSWORD
from ..home.helpers import ideas_by, open_round
from .test_accounts_browser import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def open_spring_round(users):
    pm, carla = users("pm", name="Priya Raman"), users("customer", name="Carla Mendes")
    grace = users("employee", name="Grace Okafor")
    ideas = ideas_by(carla, "Photos on job completion", "Offline mode for technicians")
    add_comment(grace, ideas[0].id, "Photos would settle most disputes about finished jobs.")
    db.session.commit()
    round_, candidates = open_round(pm, ideas, title="Spring planning round")
    return {"customer": carla, "round": round_, "candidates": candidates}


@pytest.mark.parametrize("width", [1280, 390])
def test_a_customer_is_led_from_home_to_the_ballot(browser, live_server, open_spring_round, width):
    base, round_ = live_server.url, open_spring_round["round"]
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        sign_in(page, base, open_spring_round["customer"].email, DEFAULT_PASSWORD)
        page.goto(base + "/")
        waiting = page.get_by_role("region", name="Rounds waiting for your vote")
        link = waiting.get_by_role("link", name="Spring planning round", exact=True)
        expect(link).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert Axe().run(page).response["violations"] == []

        link.click()
        page.wait_for_url(f"{base}/rounds/{round_.id}#ballot")
        expect(page.locator("#ballot")).to_be_in_viewport()
        page.locator(f"#approve-{open_spring_round['candidates'][0].id}").check()
        page.get_by_role("button", name="Cast ballot").click()
        expect(page.get_by_text("Your ballot is saved")).to_be_visible()
        expect(page.locator("[data-turnout]")).to_contain_text("1 person has voted so far")

        page.goto(base + "/")
        expect(waiting.get_by_text("No round is waiting for your vote")).to_be_visible()
        expect(waiting.get_by_role("link", name="Spring planning round", exact=True)).to_have_count(0)
        followed = page.get_by_role("region", name="Your ideas and ideas you follow")
        expect(followed.get_by_role("link", name="Photos on job completion")).to_be_visible()
        expect(followed.get_by_text("1 new comment")).to_be_visible()
        assert errors == []
    finally:
        context.close()
