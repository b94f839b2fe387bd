"""In a real browser: a pm merges an internal idea into a public one. No target is preselected;
the page asks for the comments' confirmation first (the discussion was written for employees),
then a confirmation page names both ideas, and only then are the comments moved, which a
customer never sees."""

import pytest
from playwright.sync_api import expect

from innovation.extensions import db
from innovation.ideas.comments import add_comment
from innovation.ideas.services import submit_idea

from ..factories import DEFAULT_PASSWORD
from .conftest import shoot
from .test_accounts_browser import sign_in

pytestmark = pytest.mark.e2e


def test_merging_internal_into_public_asks_first_and_keeps_comments_internal(live_server, browser, users):
    employee, customer, pm = users("employee"), users("customer"), users("pm")
    internal = submit_idea(employee, title="Route planner for field staff", visibility="internal")
    public = submit_idea(customer, title="Route planner for my technicians")
    add_comment(employee, internal.id, "Our margin on routes is four percent, keep that inside.")
    db.session.commit()
    internal_id, public_id = internal.id, public.id

    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server.url, pm.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/ideas/{internal_id}")
    merge = page.locator("form[action$='/merge']")
    expect(merge.get_by_label("Merge into")).to_have_value("")  # nothing preselected
    merge.get_by_label("Merge into").select_option(str(public_id))
    merge.get_by_role("button", name="Merge").click()
    confirm = page.get_by_label("Move its employee-only comments too")
    expect(page.get_by_text("its comments were written for employees").first).to_be_visible()
    expect(confirm).to_have_attribute("aria-invalid", "true")
    shoot(page, "merge-needs-confirmation")
    page.locator("form[action$='/merge']").get_by_label("Merge into").select_option(str(public_id))
    confirm.check()
    page.locator("form[action$='/merge']").get_by_role("button", name="Merge").click()
    heading = "Merge “Route planner for field staff” into “Route planner for my technicians”?"
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    shoot(page, "merge-confirmation")
    page.get_by_role("button", name="Merge into “Route planner for my technicians”").click()
    expect(page.get_by_text("Merged into “Route planner for my technicians”")).to_be_visible()
    expect(page.get_by_text("margin on routes")).to_be_visible()  # the pm is on the employee side
    context.close()

    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    sign_in(page, live_server.url, customer.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/ideas/{public_id}")
    expect(page.get_by_role("heading", name="Route planner for my technicians")).to_be_visible()
    expect(page.get_by_text("margin on routes")).to_have_count(0)
    context.close()
