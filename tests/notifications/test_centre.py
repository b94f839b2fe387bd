"""The notification centre over API and pages, preferences, digests, closing reminders and
impact-change notices."""

from datetime import timedelta

from sqlalchemy import func, select

from innovation.decisions.models import Round
from innovation.extensions import db
from innovation.ideas import services
from innovation.notifications.models import Delivery, Notification, Preference
from innovation.notifications.preferences import set_preferences
from innovation.notifications.scheduled import remind_closing_rounds, send_digests
from innovation.platform.db import utcnow
from innovation.platform.transaction import unit_of_work
from innovation.platform.worker import run_worker

from ..api.openapi_check import assert_matches_spec
from ..conftest import csrf_from
from ..decisions.helpers import make_round
from ..ideas.helpers import Api


def as_job(function):
    """Run a periodic job as the worker does: one unit of work (it holds the write lock until the end)."""
    with unit_of_work():
        return function()


def notify(app, users, *, count=3):
    author = users("customer", email="author@example.org")
    idea = services.submit_idea(author, title="Photos on job completion")
    db.session.commit()
    pm = users("pm")
    for status in ("under_review", "planned", "in_progress")[:count]:
        services.change_status(pm, idea.id, status, "")
        db.session.commit()
    run_worker(app, burst=True, fork=False)
    return author


def test_api_lists_and_marks_read(app, client, users):
    author = notify(app, users)
    api = Api(client, author)
    listing = api.get("/notifications?unread=1")
    assert_matches_spec(client, "get", "/notifications", listing)
    body = listing.get_json()
    assert body["total"] == 3 and body["unread"] == 3
    first = body["items"][0]["id"]
    marked = api.post("/notifications/read", json={"ids": [first]})
    assert_matches_spec(client, "post", "/notifications/read", marked)
    assert marked.get_json() == {"marked": 1, "unread": 2}
    assert api.post("/notifications/read", json={"all": True}).get_json() == {"marked": 2, "unread": 0}
    bad = api.post("/notifications/read", json={"ids": "all"})
    assert_matches_spec(client, "post", "/notifications/read", bad)
    assert bad.status_code == 422
    assert_matches_spec(client, "get", "/notifications", Api(client).get("/notifications"))
    other = Api(client, users("customer"))
    assert other.post("/notifications/read", json={"ids": [first]}).get_json()["marked"] == 0


def test_page_bell_and_open_marks_read(app, client, auth, users):
    author = notify(app, users, count=2)
    auth.login(author.email)
    page = client.get("/notifications").get_data(as_text=True)
    assert '2<span class="visually-hidden"> unread' in page
    newest = db.session.scalars(select(Notification).order_by(Notification.id.desc())).first()
    response = client.get(f"/notifications/{newest.id}/open")
    assert response.status_code == 302 and response.headers["Location"] == newest.url
    token = csrf_from(client.get("/notifications").get_data(as_text=True))
    client.post("/notifications/read", data={"all": "1", "csrf_token": token})
    assert db.session.scalar(select(func.count()).select_from(Notification).where(Notification.read_at.is_(None))) == 0
    stranger = users("customer")
    auth.logout()
    auth.login(stranger.email)
    assert client.get(f"/notifications/{newest.id}/open").status_code == 404


def test_preferences_page_saves_choices(client, auth, users):
    user = users("customer")
    auth.login(user.email)
    page = client.get("/settings/notifications")
    assert page.status_code == 200
    data = {
        "csrf_token": csrf_from(page.get_data(as_text=True)),
        "channel-comment": "digest",
        "channel-mention": "off",
        "digest_frequency": "weekly",
    }
    assert client.post("/settings/notifications", data=data).status_code == 302
    stored = dict(
        db.session.execute(select(Preference.kind, Preference.channel).where(Preference.user_id == user.id)).all()
    )
    assert stored["comment"] == "digest" and stored["mention"] == "off"
    bad = client.post("/settings/notifications", data={**data, "channel-comment": "carrier-pigeon"})
    assert bad.status_code == 422


def test_digest_collects_updates_into_one_mail(app, users, smtp):
    author = users("customer", email="digest@example.org")
    set_preferences(author, {"status_change": "digest"})
    db.session.commit()
    idea = services.submit_idea(author, title="Photos on job completion")
    db.session.commit()
    for status in ("under_review", "planned"):
        services.change_status(users("pm"), idea.id, status, "")
        db.session.commit()
    run_worker(app, burst=True, fork=False)
    assert smtp.to(author.email) == []  # not e-mailed now
    assert as_job(send_digests) == {"digests": 1}
    assert as_job(send_digests) == {"digests": 0}  # once per period
    mails = smtp.to(author.email)
    assert len(mails) == 1 and "2 updates" in mails[0]["Subject"]
    assert db.session.scalar(select(func.count()).select_from(Delivery).where(Delivery.status == "pending")) == 0


def test_closing_reminders_reach_only_people_who_have_not_voted(app, client, users):
    pm = users("pm")
    api, round_id, cids = make_round(client, pm, users, method="approval")
    api.post(f"/rounds/{round_id}/open")
    voted, waiting = users("customer"), users("employee")
    Api(client, voted).put(f"/rounds/{round_id}/ballot", json={"approvals": [cids[0]]})
    round_ = db.session.get(Round, round_id)
    round_.closes_at = utcnow() + timedelta(hours=5)
    db.session.commit()
    assert as_job(remind_closing_rounds) == {"reminders": 1}
    assert as_job(remind_closing_rounds) == {"reminders": 0}
    run_worker(app, burst=True, fork=False)
    reminded = set(db.session.scalars(select(Notification.user_id).where(Notification.kind == "round_closing")))
    assert waiting.id in reminded and voted.id not in reminded


def test_impact_change_tells_those_who_voted_before_it(app, client, users):
    pm = users("pm")
    api, round_id, cids = make_round(client, pm, users, method="approval")
    api.post(f"/rounds/{round_id}/open")
    early = users("customer")
    Api(client, early).put(f"/rounds/{round_id}/ballot", json={"approvals": [cids[0]]})
    api.patch(f"/rounds/{round_id}/candidates/{cids[0]}", json={"impact": {"cost": 99000}})
    late = users("customer")
    Api(client, late).put(f"/rounds/{round_id}/ballot", json={"approvals": [cids[0]]})
    run_worker(app, burst=True, fork=False)
    told = set(db.session.scalars(select(Notification.user_id).where(Notification.kind == "impact_changed")))
    assert told == {early.id}
