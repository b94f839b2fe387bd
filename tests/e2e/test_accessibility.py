"""In a real browser: axe-core (the engine behind Lighthouse's accessibility audit) finds no
violation on the pages each kind of person uses: labels, landmarks, names, contrast, ARIA."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from innovation.extensions import db
from innovation.ideas import comments
from innovation.ideas.services import submit_idea

from ..decisions.helpers import make_round
from ..factories import DEFAULT_PASSWORD
from .test_accounts_browser import sign_in
from .test_search_browser import refresh_index

pytestmark = pytest.mark.e2e
AXE = Axe()


@pytest.fixture
def site(client, users):
    """Ideas, a discussion between both sides, an open round and a search index."""
    customer = users("customer", name="Carla Mendes")
    employee = users("employee", name="Grace Okafor")
    pm, admin = users("pm", name="Priya Raman"), users("admin", name="Ada Lindqvist")
    idea = submit_idea(
        customer,
        title="Send payment reminders before invoices are overdue",
        body="Reminders at **7, 14 and 30** days.",
        tags=["invoicing", "payments"],
    )
    submit_idea(employee, title="Multi-currency invoices for firms across borders", tags=["invoicing"])
    db.session.commit()
    comments.add_comment(employee, idea.id, "We could reuse the e-mail templates for this.")
    comments.add_comment(customer, idea.id, "Yes, and let me edit the wording per client.")
    db.session.commit()
    api, round_id, _candidates = make_round(client, pm, users)
    assert api.post(f"/rounds/{round_id}/open").status_code == 200
    refresh_index()
    return {"customer": customer, "employee": employee, "pm": pm, "admin": admin, "idea": idea, "round": round_id}


def violations(page, url: str) -> list[str]:
    response = page.goto(url)
    page.wait_for_load_state("load")
    assert response is not None and response.status < 500, url
    found = AXE.run(page).response["violations"]
    return [
        f"{url}: {v['id']} ({v['impact']}) at {[node['target'] for node in v['nodes']][:3]}: {v['help']}" for v in found
    ]


WIDTHS = (1280, 390)  # a laptop and a phone: the header folds into a menu at the second


def audit(page, base: str, paths: list[str]) -> None:
    """Every path at each width (the phone's with its header menu open once, too)."""
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        problems += [f"{width} px {problem}" for path in paths for problem in violations(page, base + path)]
    menu = page.get_by_role("banner").locator("summary", has_text="Menu")
    menu.click()
    expect(page.get_by_role("banner").get_by_role("navigation", name="Main")).to_be_visible()
    found = AXE.run(page).response["violations"]
    problems += [f"390 px, menu open: {v['id']} ({v['impact']}): {v['help']}" for v in found]
    assert problems == [], "\n".join(problems)
    assert page.errors == []


def test_pages_for_visitors(live_server, new_page, site):
    idea, customer = site["idea"], site["customer"]
    audit(
        new_page(),
        live_server.url,
        [
            "/",
            "/ideas",
            "/ideas?sort=top",
            f"/ideas/{idea.id}",
            "/roadmap",
            "/rounds",
            f"/rounds/{site['round']}",
            "/rounds/how-counting-works",
            "/search?q=invoices",
            "/search?q=invoices&type=comments",
            "/search?q=carla&type=people",
            "/experts?q=invoicing",
            f"/people/{customer.id}",
            "/login",
            "/register",
            "/ideas/999999",
        ],
    )


def test_pages_for_people_signed_in(live_server, new_page, site):
    employee, customer, idea = site["employee"], site["customer"], site["idea"]
    page = new_page()
    sign_in(page, live_server.url, employee.email, DEFAULT_PASSWORD)
    audit(
        page,
        live_server.url,
        [
            "/",
            "/ideas/new",
            f"/ideas/{idea.id}",
            f"/rounds/{site['round']}",
            "/notifications",
            "/settings",
            f"/people/{customer.id}",
            f"/people/{employee.id}/common/{customer.id}",
        ],
    )

    # The network picture is one image to assistive technology; a click on a person opens them.
    page.goto(f"{live_server.url}/people/{customer.id}")
    page.locator(f'.network-graph [data-href="/people/{employee.id}"] circle').click()
    page.wait_for_url(f"{live_server.url}/people/{employee.id}")


def test_pages_for_product_managers_and_admins(live_server, new_page, site):
    pm_page = new_page()
    sign_in(pm_page, live_server.url, site["pm"].email, DEFAULT_PASSWORD)
    audit(pm_page, live_server.url, ["/rounds/new", f"/ideas/{site['idea'].id}", "/invite"])
    admin_page = new_page()
    sign_in(admin_page, live_server.url, site["admin"].email, DEFAULT_PASSWORD)
    audit(admin_page, live_server.url, ["/admin", "/admin/deliveries", "/admin/audit"])


def test_skip_link_and_keys_operate_search_and_support(live_server, new_page, site):
    page = new_page()
    sign_in(page, live_server.url, site["employee"].email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/ideas")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main#content")).to_be_focused()

    # From the header's search box to a result, then support the idea, all with keys (focus()
    # stands in for a run of Tab presses: what is tested is that keys operate each control).
    page.get_by_role("search").get_by_label("Search", exact=True).focus()
    page.keyboard.type("reminders")
    page.keyboard.press("Enter")
    result = page.locator("ol.search-hits").get_by_role("link", name=site["idea"].title, exact=True)
    result.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/ideas/{site['idea'].id}")
    support = page.locator("#support").get_by_role("button", name="Support")
    expect(support).to_have_attribute("aria-pressed", "false")
    support.focus()
    page.keyboard.press("Enter")
    expect(support).to_have_attribute("aria-pressed", "true")
    expect(support).to_contain_text("Supported")
    expect(support).to_be_focused()  # the button stays where the keyboard left it
    assert page.errors == []
