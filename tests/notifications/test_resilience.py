"""Nothing is lost when Redis is down or a worker is killed: the outbox and the sweeper
re-drive everything, and every notification and e-mail exists exactly once."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from innovation.accounts.models import User
from innovation.accounts.passwords import hash_password
from innovation.decisions.models import Round
from innovation.extensions import db
from innovation.notifications.jobs import sweep_outbox
from innovation.notifications.models import Delivery, Notification, OutboxEvent
from innovation.notifications.outbox import record
from innovation.platform.redis_server import EmbeddedRedis
from innovation.platform.worker import run_worker

from ..decisions.helpers import make_round
from ..ideas.helpers import Api

ROOT = Path(__file__).resolve().parents[2]


def drain(app, times=3):
    for _ in range(times):
        run_worker(app, burst=True, fork=False)


@pytest.mark.slow
def test_with_redis_stopped_comments_and_outcomes_still_succeed_and_arrive_once(app, client, users, smtp, tmp_path):
    private = EmbeddedRedis(str(tmp_path / "private-redis"))
    private.ensure(daemonize=False)
    app.config["REDIS_URL"] = private.url
    app.extensions.pop("redis_client", None)
    pm = users("pm")
    api, round_id, cids = make_round(client, pm, users, method="approval", ideas=2)
    api.post(f"/rounds/{round_id}/open")
    voters = [users("customer", email=f"voter{n}@example.org") for n in range(3)]
    for voter in voters:
        Api(client, voter).put(f"/rounds/{round_id}/ballot", json={"approvals": [cids[0]]})
    idea_id = api.get(f"/rounds/{round_id}").get_json()["candidates"][0]["idea"]["id"]
    mentioned = users("employee", name="Mona Mentioned", email="mona@example.org")
    api.post(f"/rounds/{round_id}/close")
    drain(app)
    smtp.messages.clear()
    before = db.session.scalar(select(func.count()).select_from(Notification))

    private.stop()  # Redis is gone
    comment = Api(client, voters[0]).post(f"/ideas/{idea_id}/comments", json={"body": "Ping @Mona Mentioned"})
    assert comment.status_code == 201
    outcome = api.post(
        f"/rounds/{round_id}/outcome",
        json={
            "summary": "Adopted",
            "decisions": [
                {"candidate_id": cids[0], "decision": "adopt"},
                {"candidate_id": cids[1], "decision": "defer"},
            ],
        },
    )
    assert outcome.status_code == 200
    assert (
        db.session.scalar(select(func.count()).select_from(OutboxEvent).where(OutboxEvent.dispatched_at.is_(None))) == 3
    )  # comment, mention, outcome: all waiting

    private.ensure(daemonize=False)  # Redis is back
    app.extensions.pop("redis_client", None)
    with app.app_context():
        assert sweep_outbox(min_age_seconds=0)["events"] == 3
    drain(app)
    private.stop()
    outcome_rows = db.session.scalars(select(Notification.user_id).where(Notification.kind == "outcome_published"))
    idea_author = api.get(f"/ideas/{idea_id}").get_json()["author"]["id"]  # follows the candidate idea
    assert sorted(outcome_rows) == sorted([v.id for v in voters] + [idea_author])
    assert db.session.scalar(select(func.count()).select_from(Notification)) - before == 4 + 1 + 1
    for voter in voters:
        assert len(smtp.to(voter.email)) == 1  # outcomes are e-mailed now by default
    assert len(smtp.to(mentioned.email)) == 1  # and so are mentions
    assert db.session.scalar(select(func.count()).select_from(Delivery).where(Delivery.status != "sent")) == 0


def bulk_users(count: int) -> None:
    password = hash_password("bulk-users-password-1")
    db.session.execute(
        insert(User),
        [
            {
                "email": f"bulk{n}@example.org",
                "name": f"Bulk Person {n}",
                "password_hash": password,
                "role": "customer" if n % 3 else "employee",
            }
            for n in range(count)
        ],
    )
    db.session.commit()


def children(pid: int) -> list[int]:
    return [
        int(child) for task in Path(f"/proc/{pid}/task").glob("*") for child in (task / "children").read_text().split()
    ]


def worker_env(app) -> dict:
    return dict(
        os.environ,
        DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        REDIS_URL=app.config["REDIS_URL"],
        INSTANCE_PATH=app.instance_path,
        SECRET_KEY=app.config["SECRET_KEY"],
        NOTIFICATION_BATCH_SIZE="50",
        LOG_LEVEL="WARNING",
    )


@pytest.mark.slow
def test_worker_killed_mid_fan_out_resumes_without_duplicates(app, client, users):
    bulk_users(4000)
    pm = users("pm")
    api, round_id, cids = make_round(client, pm, users, method="approval", ideas=2)
    round_ = db.session.get(Round, round_id)
    round_.status = "voting"
    event = record("round_opened", round_id=round_id)
    db.session.commit()
    expected = db.session.scalar(select(func.count()).select_from(User))
    worker = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "worker"],
        cwd=ROOT,
        env=worker_env(app),
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    written = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        written = db.session.scalar(
            select(func.count()).select_from(Notification).where(Notification.event_id == event.id)
        )
        db.session.rollback()
        if 0 < written < expected:
            break
        time.sleep(0.01)
    # RQ puts its work horse in a process group of its own: kill the horse and the worker.
    for pid in [*children(worker.pid), worker.pid]:
        os.kill(pid, signal.SIGKILL)
    worker.wait()
    partial = db.session.scalar(select(func.count()).select_from(Notification).where(Notification.event_id == event.id))
    assert 0 < partial < expected, f"kill landed at {partial} of {expected}"
    assert db.session.get(OutboxEvent, event.id).dispatched_at is None
    db.session.rollback()

    env = worker_env(app)
    dispatch = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "notifications", "dispatch"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert dispatch.returncode == 0 and "queued 1 event" in dispatch.stdout, dispatch.stdout + dispatch.stderr
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--burst"],
        cwd=ROOT,
        env=env,
        timeout=300,
        check=True,
        capture_output=True,
    )
    total, distinct = db.session.execute(
        select(func.count(), func.count(func.distinct(Notification.user_id))).where(Notification.event_id == event.id)
    ).one()
    assert total == distinct == expected
    assert db.session.get(OutboxEvent, event.id).dispatched_at is not None


def test_the_sweeper_re_drives_abandoned_events_within_90_seconds(app, users):
    """Every worker ticks the sweeper once a minute; it takes events older than 30 seconds."""
    from datetime import timedelta

    from innovation.notifications.jobs import sweep_outbox
    from innovation.platform.db import utcnow
    from innovation.platform.periodic import PERIODIC

    entry = PERIODIC["sweep_outbox"]
    assert (entry.func, entry.every, entry.queue) == (sweep_outbox, 60, "default")
    fresh = record("status_change", idea_id=1)
    abandoned = record("status_change", idea_id=1)
    abandoned.created_at = utcnow() - timedelta(seconds=31)
    db.session.commit()
    from innovation.platform.jobs import get_queue

    get_queue("default").empty()
    assert sweep_outbox()["events"] == 1  # only the one a worker should have finished by now
    assert fresh.dispatched_at is None
