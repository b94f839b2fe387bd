"""In a real browser: a follower sees the bell count rise after an outcome is published, and
the notification opens the outcome page."""

import pytest
from playwright.sync_api import expect

from innovation.extensions import db
from innovation.ideas.services import follow_idea
from innovation.platform.worker import run_worker

from ..decisions.helpers import make_round
from ..ideas.helpers import Api
from .test_accounts_browser import sign_in

pytestmark = pytest.mark.e2e


def test_bell_count_rises_and_opens_the_outcome(app, client, live_server, new_page, users):
    follower = users("customer", name="Carla Mendes")
    pm = users("pm")
    api, round_id, cids = make_round(client, pm, users, method="approval", ideas=2)
    idea_id = api.get(f"/rounds/{round_id}").get_json()["candidates"][0]["idea"]["id"]
    follow_idea(follower, idea_id)
    db.session.commit()
    api.post(f"/rounds/{round_id}/open")
    Api(client, users("employee")).put(f"/rounds/{round_id}/ballot", json={"approvals": [cids[0]]})
    api.post(f"/rounds/{round_id}/close")
    run_worker(app, burst=True, fork=False)

    page = new_page()
    sign_in(page, live_server.url, follower.email, "violet-harbour-1842")
    bell = page.get_by_role("link", name="Notifications")
    expect(bell).to_be_visible()
    expect(bell.locator(".count")).to_have_count(0)

    api.post(
        f"/rounds/{round_id}/outcome",
        json={
            "summary": "We adopt photos on jobs.",
            "decisions": [
                {"candidate_id": cids[0], "decision": "adopt"},
                {"candidate_id": cids[1], "decision": "defer"},
            ],
        },
    )
    run_worker(app, burst=True, fork=False)  # the fan-out job
    page.reload()
    expect(bell.locator(".count")).to_have_text("1 unread")
    bell.click()
    # Under its round's heading, the notification says what happened without repeating the title.
    group = page.locator("[data-group]", has=page.get_by_role("heading", name="Which should we build next?"))
    group.get_by_role("link", name="Outcome published").click()
    expect(page).to_have_url(f"{live_server.url}/rounds/{round_id}#outcome")
    expect(page.get_by_text("We adopt photos on jobs.")).to_be_visible()
    expect(page.get_by_role("link", name="Notifications").locator(".count")).to_have_count(0)
    assert page.errors == []
