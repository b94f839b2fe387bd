"""`flask worker`: an RQ worker for all of the project's queues, with RQ's scheduler and the
periodic ticker; jobs run inside the app context made once by the worker."""

import os
import threading

from flask import Flask
from rq import Queue, SimpleWorker, Worker

from ..extensions import db
from .jobs import QUEUES, get_redis
from .periodic import start_ticker, tick
from .sqlite import writing


class AppWorker(Worker):
    """Forking RQ worker whose jobs run inside the app context made once before forking."""

    app: Flask | None = None

    def perform_job(self, job, queue):
        # A forked work horse must not reuse the parent's pooled database connections.
        db.engine.dispose(close=False)
        with self.app.app_context(), writing():  # type: ignore[union-attr]
            try:
                return super().perform_job(job, queue)
            finally:
                db.session.remove()


class AppSimpleWorker(SimpleWorker):
    """Non-forking variant (tests, platforms without fork)."""

    app: Flask | None = None

    def perform_job(self, job, queue):
        with self.app.app_context(), writing():  # type: ignore[union-attr]
            try:
                return super().perform_job(job, queue)
            finally:
                db.session.remove()


def run_worker(app: Flask, *, burst: bool = False, fork: bool = False, periodic: bool | None = None) -> bool:
    """Run an RQ worker for all of the project's queues (the `flask worker` command).

    A long-running worker also runs RQ's scheduler (enqueue_at/in jobs) and the periodic
    ticker; a burst worker does neither unless asked (`periodic=True`). Jobs run in the
    worker process by default: measured 9 ms per job against 55 ms for a fork per job
    (bench/notify_bench.py); `fork=True` isolates each job in a work horse instead."""
    with app.app_context():
        connection = get_redis()
        queues = [Queue(name, connection=connection) for name in QUEUES]
    worker_class = AppWorker if fork and hasattr(os, "fork") else AppSimpleWorker
    worker = worker_class(queues, connection=connection)
    worker.app = app
    stop = threading.Event()
    if burst and periodic:
        tick(connection)
    elif not burst and periodic is not False:
        start_ticker(connection, stop)
    try:
        return worker.work(burst=burst, with_scheduler=not burst, logging_level=app.config.get("LOG_LEVEL", "INFO"))
    finally:
        stop.set()
