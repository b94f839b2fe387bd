"""In a real browser: customers and employees co-creating on one idea; hostile content inert."""

import pytest
from playwright.sync_api import expect

from innovation.extensions import db
from innovation.ideas import comments, services

from ..ideas.hostile import PAYLOADS
from .test_accounts_browser import sign_in

pytestmark = pytest.mark.e2e
PASSWORD = "violet-harbour-1842"


def test_customer_submits_employee_supports_and_replies(live_server, new_page, users):
    customer = users("customer", name="Carla Mendes")
    employee = users("employee", name="Grace Okafor")

    carla = new_page()
    sign_in(carla, live_server.url, customer.email, PASSWORD)
    carla.goto(f"{live_server.url}/ideas/new")
    carla.get_by_label("Title").fill("Let technicians attach photos before closing a job")
    carla.get_by_label("Description").fill("Photos prove the work was done.\n\n- before\n- after")
    carla.get_by_label("Tags").fill("mobile, photos")
    carla.get_by_role("button", name="Publish idea").click()
    expect(carla.get_by_role("heading", level=1)).to_have_text("Let technicians attach photos before closing a job")
    idea_url = carla.url
    carla.get_by_label("Your comment").fill("Would this help your support team too?")
    carla.get_by_role("button", name="Post comment").click()
    expect(carla.get_by_text("Would this help your support team too?")).to_be_visible()

    grace = new_page()
    sign_in(grace, live_server.url, employee.email, PASSWORD)
    grace.goto(idea_url)
    support_button = grace.locator("#support").get_by_role("button", name="Support")
    expect(support_button).to_have_attribute("aria-pressed", "false")
    support_button.click()
    expect(support_button).to_have_attribute("aria-pressed", "true")
    expect(support_button).to_contain_text("Supported")
    grace.get_by_text("Reply", exact=True).first.click()
    grace.get_by_label("Reply to Carla Mendes").fill("Yes! Half our tickets are 'was the job done?'")
    grace.get_by_role("button", name="Post reply").click()
    expect(grace.get_by_text("Half our tickets")).to_be_visible()

    carla.reload()
    expect(carla.get_by_text("Half our tickets")).to_be_visible()
    support = carla.locator("#support")
    # Carla supports her own idea from the start; Grace's support adds the employees' one.
    expect(support.locator("[data-support-total]")).to_have_text("2")
    expect(support).to_contain_text("Customers 1")
    expect(support).to_contain_text("Employees 1")
    reply = carla.locator("article.comment", has_text="Half our tickets")
    expect(reply.get_by_text("Employee", exact=True)).to_be_visible()
    assert carla.errors == [] and grace.errors == []


def test_rating_and_support_work_without_javascript(browser, live_server, users):
    customer = users("customer")
    idea = services.submit_idea(users("employee"), title="Works without JavaScript too")
    db.session.commit()
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        sign_in(page, live_server.url, customer.email, PASSWORD)
        page.goto(f"{live_server.url}/ideas/{idea.id}")
        page.locator("#support").get_by_role("button", name="Support").click()
        expect(page.locator("#support [data-support-total]")).to_have_text("2")  # the author's and hers
        expect(page.locator("#support").get_by_role("button", name="Supported")).to_have_attribute(
            "aria-pressed", "true"
        )
        page.get_by_role("radio", name="Rate 4 of 5").click()  # each star is a submit button: one click
        expect(page.get_by_text("your rating is saved")).to_be_visible()
        expect(page.get_by_role("radio", name="Rate 4 of 5")).to_have_attribute("aria-checked", "true")
    finally:
        context.close()


def test_hostile_content_fires_no_dialog(live_server, new_page, users):
    author = users("customer")
    idea = services.submit_idea(author, title="Hostile content showcase", body="\n\n".join(PAYLOADS))
    for payload in PAYLOADS:
        comments.add_comment(author, idea.id, payload)
    db.session.commit()
    page = new_page()
    page.goto(f"{live_server.url}/ideas/{idea.id}")
    page.goto(f"{live_server.url}/ideas")
    page.goto(f"{live_server.url}/ideas/{idea.id}")
    page.mouse.move(200, 300)
    page.keyboard.press("Tab")
    page.wait_for_timeout(300)
    assert page.errors == []
