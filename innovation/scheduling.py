"""Periodic jobs, run by every `flask worker` without a separate scheduler process.

A ticker thread in each worker enqueues each periodic job at most once per interval across
all workers (a Redis `SET NX` with expiry decides who), so scaling workers never duplicates
a tick and a dead worker's ticks are taken over by the others.
"""
import logging
import threading

import redis
from rq import Queue

log = logging.getLogger(__name__)

# (name, "module:function", interval in seconds, queue)
PERIODIC = [
    ("advance_rounds", "innovation.decisions.jobs.advance_rounds", 60, "high"),
    ("sweep_outbox", "innovation.notifications.jobs.sweep_outbox", 60, "default"),
    ("sweep_search", "innovation.search.jobs.sweep_pending", 60, "search"),
    ("remind_closing_rounds", "innovation.notifications.scheduled.remind_closing_rounds", 300, "low"),
    ("send_digests", "innovation.notifications.scheduled.send_digests", 3600, "low"),
]


def tick(connection: redis.Redis) -> list[str]:
    """Enqueue every periodic job whose interval has passed; returns the names enqueued."""
    enqueued = []
    for name, dotted, interval, queue in PERIODIC:
        if connection.set(f"innovation:periodic:{name}", "1", nx=True, ex=interval):
            Queue(queue, connection=connection).enqueue(dotted, job_timeout=interval * 5)
            enqueued.append(name)
    return enqueued


def start_ticker(connection: redis.Redis, stop: threading.Event, every: float = 5.0) -> threading.Thread:
    def loop():
        while not stop.is_set():
            try:
                tick(connection)
            except redis.RedisError as exc:  # Redis down: try again on the next tick
                log.warning("periodic tick failed: %s", exc)
            stop.wait(every)

    thread = threading.Thread(target=loop, name="periodic-ticker", daemon=True)
    thread.start()
    return thread
