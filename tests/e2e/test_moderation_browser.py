"""In a real browser, approval before publishing: a customer posts an idea and sees it waiting;
another customer cannot open it; a pm approves it from /moderation (the header shows the
count); then the other customer finds it in the list and opens it."""

import pytest
from playwright.sync_api import expect

from innovation.admin.settings import update_site_settings
from innovation.extensions import db

from .test_accounts_browser import sign_in

pytestmark = pytest.mark.e2e
PASSWORD = "violet-harbour-1842"
TITLE = "Print the route sheet for each driver"


def test_a_waiting_idea_is_approved_from_the_queue_and_then_seen(live_server, new_page, users):
    update_site_settings(users("admin"), {"premoderation": "customers"})
    db.session.commit()
    author, other, pm = users("customer", name="Carla Mendes"), users("customer"), users("pm", name="Pat Manager")

    carla = new_page()
    sign_in(carla, live_server.url, author.email, PASSWORD)
    carla.goto(f"{live_server.url}/ideas/new")
    carla.get_by_label("Title").fill(TITLE)
    carla.get_by_label("Description").fill("Drivers lose signal in the valley.")
    carla.get_by_role("button", name="Publish idea").click()
    expect(carla.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(carla.get_by_role("note")).to_contain_text("Waiting for approval")
    idea_url = carla.url

    otto = new_page()
    sign_in(otto, live_server.url, other.email, PASSWORD)
    assert otto.goto(idea_url).status == 404
    otto.goto(f"{live_server.url}/ideas?sort=new")
    expect(otto.get_by_text(TITLE)).to_have_count(0)

    pat = new_page()
    sign_in(pat, live_server.url, pm.email, PASSWORD)
    pat.get_by_role("link", name="Moderation 1 waiting for approval").first.click()
    item = pat.locator("article.moderation-item", has_text=TITLE)
    expect(item).to_contain_text("Carla Mendes")
    expect(item).to_contain_text("before: 0 published, 0 not published")
    item.get_by_role("button", name="Approve").click()
    expect(pat.get_by_text("Approved: the idea is published")).to_be_visible()
    expect(pat.get_by_text("Nothing waits for approval.")).to_be_visible()

    otto.goto(f"{live_server.url}/ideas?sort=new")
    otto.get_by_role("link", name=TITLE).first.click()
    expect(otto.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(otto.get_by_text("Waiting for approval")).to_have_count(0)
    carla.reload()
    expect(carla.get_by_text("Waiting for approval")).to_have_count(0)
    assert carla.errors == [] and otto.errors == [] and pat.errors == []
