"""Outcome fan-out benchmark: publish an outcome to a round with N voters and measure, with
ONE real RQ worker process, how long until every in-app notification is written and every
e-mail has been handed to a local SMTP server (aiosmtpd). Also compares job overhead of the
forking worker with the non-forking one.

    .venv/bin/python bench/notify_bench.py --sizes 1000 10000 50000
    DATABASE_URL=postgresql+psycopg://127.0.0.1:5432/bench_notify .venv/bin/python bench/notify_bench.py
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aiosmtpd.controller import Controller  # noqa: E402


class CountingSink:
    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
        return "250 OK"


def noop() -> None:
    """A job that does nothing: measures the worker's own cost per job."""


def prepare(app, n: int) -> tuple[int, int]:
    """N voters (and followers) of a closed round; returns the round and pm ids."""
    from sqlalchemy import insert

    from innovation.accounts.models import User
    from innovation.accounts.passwords import hash_password
    from innovation.decisions.ballots import new_receipt, voter_key
    from innovation.decisions.export import close_round
    from innovation.decisions.models import Ballot, Candidate, Round
    from innovation.extensions import db
    from innovation.ideas.models import Follow, Idea

    tag = f"{n}-{time.time_ns()}"
    password = hash_password("bench-password-4471")
    db.session.execute(
        insert(User),
        [
            {
                "email": f"v{tag}-{i}@bench.example",
                "name": f"Voter {i}",
                "password_hash": password,
                "role": "customer" if i % 3 else "employee",
            }
            for i in range(n)
        ],
    )
    db.session.commit()
    user_ids = [u.id for u in db.session.query(User.id).filter(User.email.like(f"v{tag}-%"))]
    pm = User(email=f"pm{tag}@bench.example", name="Bench PM", password_hash=password, role="pm")
    db.session.add(pm)
    db.session.flush()
    ideas = [Idea(title=f"Bench idea {k} {tag}", author_id=pm.id, author_constituency="employee") for k in range(2)]
    db.session.add_all(ideas)
    round_ = Round(title=f"Bench round {tag}", method="approval", status="voting", created_by_id=pm.id)
    db.session.add(round_)
    db.session.flush()
    db.session.add_all(Candidate(round_id=round_.id, idea_id=idea.id, cost=1000.0) for idea in ideas)
    db.session.flush()
    cid = round_.candidates[0].id
    receipts = set()
    while len(receipts) < n:
        receipts.add(new_receipt())
    db.session.execute(
        insert(Ballot),
        [
            {
                "round_id": round_.id,
                "voter_key": voter_key(round_.id, uid),
                "receipt": receipt,
                "constituency": "customer",
                "content": {"approvals": [cid]},
                "impact_versions": {},
            }
            for uid, receipt in zip(user_ids, receipts, strict=True)
        ],
    )
    db.session.execute(insert(Follow), [{"idea_id": ideas[0].id, "user_id": uid} for uid in user_ids[: n // 2]])
    db.session.commit()
    close_round(pm, round_.id)
    db.session.commit()
    return round_.id, pm.id


def run_size(app, env, n: int, sink: CountingSink) -> dict:
    from sqlalchemy import func, select

    from innovation.decisions.models import Round
    from innovation.decisions.outcomes import publish_outcome
    from innovation.extensions import db
    from innovation.notifications.models import Notification, OutboxEvent

    round_id, pm_id = prepare(app, n)
    from innovation.accounts.models import User

    round_ = db.session.get(Round, round_id)
    decisions = [
        {"candidate_id": c.id, "decision": "adopt" if i == 0 else "defer"} for i, c in enumerate(round_.candidates)
    ]
    sink.count = 0
    start = time.perf_counter()
    publish_outcome(db.session.get(User, pm_id), round_id, "Bench outcome", decisions)
    db.session.commit()  # the fan-out job is queued after this commit
    event_id = db.session.scalar(select(OutboxEvent.id).order_by(OutboxEvent.id.desc()))
    worker = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--burst"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    in_app_at = None
    deadline = time.perf_counter() + 900
    while time.perf_counter() < deadline:
        if in_app_at is None:
            written = db.session.scalar(
                select(func.count()).select_from(Notification).where(Notification.event_id == event_id)
            )
            db.session.rollback()
            if written >= n:
                in_app_at = time.perf_counter() - start
        if sink.count >= n:
            break
        time.sleep(0.05)
    mails_at = time.perf_counter() - start
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    worker.wait(timeout=600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"voters": n, "in_app_s": in_app_at, "emails_s": mails_at, "emails": sink.count, "worker_cpu_s": cpu}


def job_overhead(app, env, jobs: int = 300) -> dict:
    from innovation.platform.jobs import get_queue

    results = {}
    for label, args in (("forking worker (--fork)", ["--fork"]), ("non-forking worker (default)", ["--no-fork"])):
        queue = get_queue("low")
        for _ in range(jobs):
            queue.enqueue("bench.notify_bench.noop")
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--burst", *args],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        results[label] = (time.perf_counter() - start) / jobs * 1000
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    instance = tempfile.mkdtemp(prefix="notify-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{instance}/bench.db")
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/12")
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(CountingSink(), hostname="127.0.0.1", port=port)
    controller.start()
    sink = controller.handler
    os.environ.update(
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=str(port),
        INSTANCE_PATH=instance,
        LOG_LEVEL="WARNING",
        SECRET_KEY="bench-secret",
    )
    from flask_migrate import upgrade

    from innovation import create_app
    from innovation.platform.jobs import get_redis

    app = create_app()
    with app.app_context():
        upgrade()
        get_redis().flushdb()
        env = dict(os.environ)
        print("| voters | in-app notifications written | e-mails handed to SMTP | worker CPU |\n|---|---|---|---|")
        for n in args.sizes:
            row = run_size(app, env, n, sink)
            print(
                f"| {n:,} | {row['in_app_s']:.1f} s | {row['emails_s']:.1f} s ({row['emails']:,} e-mails) "
                f"| {row['worker_cpu_s']:.1f} s |",
                flush=True,
            )
        print("\n| worker | ms per job |\n|---|---|")
        for label, ms in job_overhead(app, env).items():
            print(f"| {label} | {ms:.1f} |")
    controller.stop()


if __name__ == "__main__":
    main()
