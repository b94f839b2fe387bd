"""Must hold (issue 13): a pm builds a round from scratch — four candidates ticked on the ideas
list, one found by typing its title — imports impact data from a CSV, previews the ballot and
opens voting, in at most 12 page loads (counted from the signed-in start)."""

import re

import pytest
from playwright.sync_api import expect

from innovation.extensions import db
from innovation.ideas.services import submit_idea
from innovation.search.jobs import index_pending

from ..factories import DEFAULT_PASSWORD
from .test_accounts_browser import sign_in

pytestmark = pytest.mark.e2e
MAX_PAGE_LOADS = 12
LISTED = [
    "Photos on job completion",
    "Offline mode for technicians",
    "Recurring maintenance contracts",
    "Customer signature on the tablet",
]
TYPED = "Spare parts barcode scanner"
IMPACT_CSV = """idea_id,cost,annual_benefit,effort_weeks,risk
{0},12000,30000,4,low
{1},8000,15000,,medium
{2},20000,lots,6,
{3},5000,9000,2,low
{4},15000,40000,8,high
"""


def import_impact_csv(page, csv_text: str) -> None:
    """From the round page: the import page, a preview that shows the row with a mistake, the
    mistake fixed in the text, a clean preview, then Save, which lands back on the round."""
    page.get_by_role("link", name="Import impact data (CSV)").click()
    page.get_by_label("Paste CSV").fill(csv_text)
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".import-row-error")).to_have_count(1)
    expect(page.locator(".import-row-error")).to_contain_text("“lots” is not an amount")
    expect(page.get_by_role("button", name=re.compile("^Save"))).to_have_count(0)
    text = page.get_by_label("Paste CSV")
    text.fill(text.input_value().replace("lots", "26k"))
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".import-row-error")).to_have_count(0)
    page.get_by_role("button", name="Save 5 rows").click()
    expect(page.get_by_text("Impact data imported for 5 candidates")).to_be_visible()


def test_a_pm_builds_a_round_from_scratch_in_few_page_loads(live_server, new_page, users):
    base = live_server.url
    pm, author = users("pm", name="Priya Raman"), users("customer", name="Carla Mendes")
    ideas = {title: submit_idea(author, title=title).id for title in [*LISTED, TYPED]}
    db.session.commit()
    index_pending()  # what the search worker does after the ideas were committed

    page = new_page()
    sign_in(page, base, pm.email, DEFAULT_PASSWORD)
    page.wait_for_url(lambda url: "/login" not in url)
    loads: list[str] = []
    page.on("framenavigated", lambda frame: loads.append(frame.url) if frame == page.main_frame else None)

    # 1–2: the round itself, weights as percentages that stay at 100 together.
    page.goto(f"{base}/rounds/new")
    page.get_by_label("Title").fill("Field service: what next?")
    page.get_by_label("Ballot method").select_option("approval")
    page.get_by_label("Customers (%)").fill("60")
    expect(page.get_by_label("Employees (%)")).to_have_value("40")
    page.get_by_role("button", name="Create round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Field service: what next?")
    round_id = int(re.search(r"/rounds/(\d+)", page.url).group(1))
    expect(page.get_by_role("button", name="Open voting")).to_be_disabled()

    # 3–4: four ideas ticked on the ideas list, added together.
    page.get_by_role("navigation").get_by_role("link", name="Ideas", exact=True).first.click()
    for title in LISTED:
        page.get_by_label(f"Select “{title}”").check()
    page.locator("#add-selected-round").select_option(str(round_id))
    page.get_by_role("button", name="Add selected to round").click()
    expect(page.get_by_text("Added 4 ideas to “Field service: what next?”")).to_be_visible()

    # 5: one more found by typing its title (listed as the pm types, no page load), then added.
    page.wait_for_load_state("load")
    page.locator("#manage-picker-q").press_sequentially("barcode scanner", delay=20)
    add = page.get_by_role("button", name=f"Add “{TYPED}”")
    expect(add).to_be_visible()
    add.click()
    expect(page.get_by_text("Added 1 idea")).to_be_visible()
    expect(page.locator("#not-ready")).to_contain_text("needs a cost")

    # 6–9: impact data for all five from a CSV with one mistake, fixed after the preview.
    import_impact_csv(page, IMPACT_CSV.format(*(ideas[t] for t in [*LISTED, TYPED])))
    expect(page.locator("#not-ready")).to_have_count(0)

    # 10: the ballot exactly as customers will see it, which cannot be cast.
    page.get_by_role("link", name="Preview ballot").click()
    ballot = page.locator("form.ballot-form")
    expect(ballot.locator("input[name=approvals]")).to_have_count(5)
    expect(ballot.get_by_text("effort not known yet")).to_have_count(1)
    expect(ballot.get_by_role("button", name="Cast ballot")).to_be_disabled()

    # 11: open voting from the preview.
    page.get_by_role("button", name="Open voting").click()
    expect(page.get_by_text("Voting is open.")).to_be_visible()

    print(f"{len(loads)} page loads: {loads}")
    assert len(loads) <= MAX_PAGE_LOADS, loads
    assert page.errors == []
