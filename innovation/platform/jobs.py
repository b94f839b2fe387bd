"""Background jobs: the one place that owns the Redis connection and the RQ queues.

A job is a plain function declared with `@job(queue=...)` where it is defined. It is queued
with `enqueue_after_commit`, which keeps the call in `db.session.info` until the transaction
commits (then it goes to RQ) or rolls back (then it is dropped), so no job ever sees data that
was not saved; the same call queued twice in one transaction is queued once. Every log line
written while a job runs carries that job's id (`[job …]`).
"""

import logging
from collections.abc import Callable
from typing import Any, TypeVar

import redis
from flask import Flask, current_app, has_app_context
from rq import Queue, Retry, get_current_job
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..extensions import db
from .redis_server import EmbeddedRedis

log = logging.getLogger(__name__)

PENDING_KEY = "pending_jobs"
QUEUES = ("high", "default", "search", "mail", "low")  # the order a worker takes them in
F = TypeVar("F", bound=Callable[..., Any])


def job(
    *, queue: str = "default", timeout: int | None = None, retry: Callable[[], Retry] | None = None
) -> Callable[[F], F]:
    """Declare a function as a job on `queue`, with RQ's `job_timeout` and a retry policy
    factory; `enqueue_after_commit`, `enqueue_now` and the periodic ticker read them."""
    if queue not in QUEUES:
        raise ValueError(f"unknown queue {queue!r}")

    def declare(func: F) -> F:
        func.job_queue = queue  # type: ignore[attr-defined]
        func.job_timeout = timeout  # type: ignore[attr-defined]
        func.job_retry = retry  # type: ignore[attr-defined]
        return func

    return declare


def _job_options(func: Callable, job_id: str | None, timeout: int | None) -> tuple[str, dict[str, Any]]:
    queue = getattr(func, "job_queue", "default")
    retry = getattr(func, "job_retry", None)
    options: dict[str, Any] = {"job_id": job_id, "retry": retry() if retry else None}
    timeout = timeout or getattr(func, "job_timeout", None)
    if timeout:
        options["job_timeout"] = timeout
    return queue, options


def configure_redis(app: Flask) -> None:
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


def ensure_redis_started(app: Flask) -> None:
    """Embedded mode only: start the server (daemonized) if nothing answers yet."""
    if app.config.get("EMBEDDED_REDIS") and not app.extensions.get("embedded_redis_checked"):
        EmbeddedRedis(app.config["EMBEDDED_REDIS_DIR"]).ensure(daemonize=True)
        app.extensions["embedded_redis_checked"] = True


def get_redis() -> redis.Redis:
    """The app's Redis client (one per process, created on first use)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    client = app.extensions.get("redis_client")
    if client is None:
        ensure_redis_started(app)
        client = redis.Redis.from_url(app.config["REDIS_URL"], socket_timeout=5, socket_connect_timeout=2)
        app.extensions["redis_client"] = client
    return client


def get_queue(name: str = "default") -> Queue:
    if name not in QUEUES:
        raise ValueError(f"unknown queue {name!r}")
    return Queue(name, connection=get_redis())


def enqueue_now(func: Callable, *args: Any, job_id: str | None = None, timeout: int | None = None) -> None:
    """Queue a job at once, on its declared queue (for jobs queueing follow-up jobs)."""
    queue, options = _job_options(func, job_id, timeout)
    get_queue(queue).enqueue(func, *args, **options)


def enqueue_after_commit(func: Callable, *args: Any, job_id: str | None = None, timeout: int | None = None) -> None:
    """Queue `func(*args)` on its declared queue once the current transaction has committed.
    The same call (function, arguments, job id) queued again before the commit is queued once."""
    session = db.session()
    if not session.in_transaction():
        session.begin()  # so that a rollback before any SQL still drops the job
    pending: dict[str, tuple] = session.info.setdefault(PENDING_KEY, {})
    key = repr((func.__module__, func.__qualname__, args, job_id))
    pending.setdefault(key, (func, args, job_id, timeout))


def _push_pending(session: Session) -> None:
    pending = session.info.pop(PENDING_KEY, {})
    if not pending or not has_app_context():
        return
    for func, args, job_id, timeout in pending.values():
        try:
            enqueue_now(func, *args, job_id=job_id, timeout=timeout)
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


_default_record_factory = logging.getLogRecordFactory()


def _record_with_job_id(*args: Any, **kwargs: Any) -> logging.LogRecord:
    record = _default_record_factory(*args, **kwargs)
    current = get_current_job()
    record.job = f" [job {current.id}]" if current is not None else ""
    return record


def install_job_logging() -> None:
    """Give every log record a `job` attribute (" [job <id>]" inside a job, else empty), so
    that the log format can carry the job id in every line a job writes."""
    if logging.getLogRecordFactory() is not _record_with_job_id:
        logging.setLogRecordFactory(_record_with_job_id)
