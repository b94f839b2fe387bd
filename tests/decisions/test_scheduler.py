"""Rounds open and close on time through the worker's scheduler, even if nobody visits."""

from datetime import timedelta

from innovation.decisions.jobs import advance_rounds
from innovation.decisions.models import Round
from innovation.extensions import db
from innovation.platform.db import utcnow
from innovation.platform.jobs import get_redis
from innovation.platform.periodic import tick
from innovation.platform.worker import run_worker

from ..ideas.helpers import Api
from .helpers import make_round


def test_advance_rounds_opens_and_closes_due_rounds(client, users):
    pm = users("pm")
    soon = (utcnow() + timedelta(hours=1)).isoformat()
    api, round_id, cids = make_round(client, pm, users, method="approval", voting_opens_at=soon)
    assert advance_rounds() == {"opened": [], "closed": []}
    round_ = db.session.get(Round, round_id)
    round_.voting_opens_at = utcnow() - timedelta(seconds=1)
    round_.closes_at = utcnow() + timedelta(hours=1)
    db.session.commit()
    assert advance_rounds() == {"opened": [round_id], "closed": []}
    Api(client, users("customer")).put(f"/rounds/{round_id}/ballot", json={"approvals": [cids[0]]})
    round_ = db.session.get(Round, round_id)
    round_.closes_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert advance_rounds() == {"opened": [], "closed": [round_id]}
    assert advance_rounds() == {"opened": [], "closed": []}  # running twice changes nothing
    db.session.expire_all()
    closed = db.session.get(Round, round_id)
    assert closed.status == "closed" and closed.result["turnout"]["customer"] == 1 and closed.export_sha256


def test_a_round_without_candidates_does_not_open_and_says_why(client, users, caplog):
    pm = users("pm")
    response = Api(client, pm).post(
        "/rounds",
        json={
            "title": "Too early round",
            "method": "approval",
            "voting_opens_at": (utcnow() - timedelta(minutes=1)).isoformat(),
        },
    )
    assert response.status_code == 201
    assert advance_rounds()["opened"] == []
    assert "could not open on time" in caplog.text


def test_real_worker_ticks_and_closes_the_round(app, client, users):
    pm = users("pm")
    api, round_id, cids = make_round(client, pm, users, method="approval")
    api.post(f"/rounds/{round_id}/open")
    round_ = db.session.get(Round, round_id)
    round_.closes_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    run_worker(app, burst=True, fork=False, periodic=True)  # the tick enqueues advance_rounds, the worker runs it
    db.session.expire_all()
    assert db.session.get(Round, round_id).status == "closed"
    assert tick(get_redis()) == []  # once per interval, however many workers tick
