"""In a real browser: a pm pastes impact data for two candidates as CSV, the preview marks the
row with an error, the pm fixes it in the text, previews again and saves; the round's impact
table shows the imported numbers."""

import pytest
from playwright.sync_api import expect

from innovation.decisions import services as rounds
from innovation.extensions import db
from innovation.ideas.services import submit_idea

from ..factories import DEFAULT_PASSWORD
from .test_accounts_browser import sign_in

pytestmark = pytest.mark.e2e


def test_csv_preview_shows_the_error_row_then_the_fixed_csv_is_saved(live_server, browser, users):
    pm, author = users("pm"), users("customer")
    ideas = [submit_idea(author, title=t) for t in ("Photos on job completion", "Offline mode for technicians")]
    round_ = rounds.create_round(pm, title="Spring planning round", method="approval")
    for idea in ideas:
        rounds.add_candidate(pm, round_.id, idea.id)
    db.session.commit()
    first, second = (idea.id for idea in ideas)

    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, live_server.url, pm.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/rounds/{round_.id}")
    page.get_by_role("link", name="Import impact data (CSV)").click()
    text = page.get_by_label("Paste CSV")
    text.fill(f'idea_id,cost,annual_benefit\n{first},12k,"€40,000"\n{second},lots,1.5m\n')
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#row-3.import-row-error")).to_contain_text("cost: “lots” is not an amount")
    expect(page.locator("#row-2")).to_contain_text("€12,000")
    expect(page.get_by_role("button", name="Save")).to_have_count(0)

    text = page.get_by_label("Paste CSV")  # the page came back with the text, to be fixed there
    text.fill(text.input_value().replace("lots", "20k"))
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".import-row-error")).to_have_count(0)
    page.get_by_role("button", name="Save 2 rows").click()
    expect(page.get_by_text("Impact data imported for 2 candidates")).to_be_visible()
    table = page.locator("table.impact-table")
    expect(table).to_contain_text("€20,000")
    expect(table).to_contain_text("€1,500,000")
    context.close()
