"""Background jobs: the one place that owns the Redis connection and the RQ queues.

`enqueue_after_commit` keeps queued calls in `db.session.info` until the transaction
commits (then they go to RQ) or rolls back (then they are dropped), so no job ever sees
data that was not saved.
"""
import logging
import os
import threading

import redis
from flask import current_app, has_app_context
from rq import Queue, Retry, SimpleWorker, Worker
from sqlalchemy import event
from sqlalchemy.orm import Session

from .extensions import db
from .redis_server import EmbeddedRedis

log = logging.getLogger(__name__)

PENDING_KEY = "pending_jobs"


def configure_redis(app) -> None:
    """Point REDIS_URL (and the rate limiter) at the embedded server when none is given."""
    if app.config.get("REDIS_URL"):
        app.config["EMBEDDED_REDIS"] = False
        url = app.config["REDIS_URL"]
        limiter_url = url.replace("unix://", "redis+unix://", 1) if url.startswith("unix://") else url
    else:
        server = EmbeddedRedis(app.config["EMBEDDED_REDIS_DIR"])
        app.config["EMBEDDED_REDIS"] = True
        app.config["REDIS_URL"] = server.url
        limiter_url = server.limiter_url
    app.config.setdefault("RATELIMIT_STORAGE_URI", limiter_url)


def ensure_redis_started(app) -> None:
    """Embedded mode only: start the server (daemonized) if nothing answers yet."""
    if app.config.get("EMBEDDED_REDIS") and not app.extensions.get("embedded_redis_checked"):
        EmbeddedRedis(app.config["EMBEDDED_REDIS_DIR"]).ensure(daemonize=True)
        app.extensions["embedded_redis_checked"] = True


def get_redis() -> redis.Redis:
    """The app's Redis client (one per process, created on first use)."""
    app = current_app._get_current_object()
    client = app.extensions.get("redis_client")
    if client is None:
        ensure_redis_started(app)
        client = redis.Redis.from_url(app.config["REDIS_URL"], socket_timeout=5, socket_connect_timeout=2)
        app.extensions["redis_client"] = client
    return client


def get_queue(name: str = "default") -> Queue:
    if name not in current_app.config["JOB_QUEUES"]:
        raise ValueError(f"unknown queue {name!r}")
    return Queue(name, connection=get_redis())


def enqueue_after_commit(func, *args, queue: str = "default", job_id: str | None = None,
                         retry: Retry | None = None, **kwargs) -> None:
    """Queue `func(*args, **kwargs)` on RQ once the current transaction has committed."""
    session = db.session()
    if not session.in_transaction():
        session.begin()  # so that a rollback before any SQL still drops the job
    pending = session.info.setdefault(PENDING_KEY, [])
    pending.append((func, args, kwargs, queue, job_id, retry))


def _push_pending(session: Session) -> None:
    pending = session.info.pop(PENDING_KEY, [])
    if not pending or not has_app_context():
        return
    for func, args, kwargs, queue, job_id, retry in pending:
        try:
            get_queue(queue).enqueue(func, *args, job_id=job_id, retry=retry, **kwargs)
        except redis.RedisError:
            # The change is saved; the job's own record (outbox row, sent_at column) lets
            # the sweeper re-drive it once Redis is back.
            log.warning("redis unavailable: could not enqueue %s", getattr(func, "__name__", func))


def _drop_pending(session: Session, previous_transaction) -> None:
    # A rolled-back savepoint leaves the outer transaction (and its jobs) alive.
    if not previous_transaction.nested:
        session.info.pop(PENDING_KEY, None)


event.listen(Session, "after_commit", _push_pending)
event.listen(Session, "after_soft_rollback", _drop_pending)


class AppWorker(Worker):
    """Forking RQ worker whose jobs run inside the app context made once before forking."""

    app = None

    def perform_job(self, job, queue):
        # A forked work horse must not reuse the parent's pooled database connections.
        db.engine.dispose(close=False)
        with self.app.app_context():
            try:
                return super().perform_job(job, queue)
            finally:
                db.session.remove()


class AppSimpleWorker(SimpleWorker):
    """Non-forking variant (tests, platforms without fork)."""

    app = None

    def perform_job(self, job, queue):
        with self.app.app_context():
            try:
                return super().perform_job(job, queue)
            finally:
                db.session.remove()


def run_worker(app, *, burst: bool = False, fork: bool = False, periodic: bool | None = None) -> bool:
    """Run an RQ worker for all of the project's queues (the `flask worker` command).

    A long-running worker also runs RQ's scheduler (enqueue_at/in jobs) and the periodic
    ticker; a burst worker does neither unless asked (`periodic=True`). Jobs run in the
    worker process by default: measured 9 ms per job against 55 ms for a fork per job
    (bench/notify_bench.py); `fork=True` isolates each job in a work horse instead."""
    from .scheduling import start_ticker, tick

    with app.app_context():
        connection = get_redis()
        queues = [Queue(name, connection=connection) for name in app.config["JOB_QUEUES"]]
    worker_class = AppWorker if fork and hasattr(os, "fork") else AppSimpleWorker
    worker = worker_class(queues, connection=connection)
    worker.app = app
    stop = threading.Event()
    if burst and periodic:
        tick(connection)
    elif not burst and periodic is not False:
        start_ticker(connection, stop)
    try:
        return worker.work(burst=burst, with_scheduler=not burst,
                           logging_level=app.config.get("LOG_LEVEL", "INFO"))
    finally:
        stop.set()
