"""Periodic jobs, run by every `flask worker` without a separate scheduler process.

A job becomes periodic with `@periodic(every=seconds)` where it is defined (under its `@job`
declaration, which names the queue). A ticker thread in each worker enqueues each periodic job
at most once per interval across all workers (a Redis `SET NX` with expiry decides who), so
scaling workers never duplicates a tick and a dead worker's ticks are taken over by the others.
"""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import redis
from rq import Queue

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class PeriodicJob:
    func: Callable[..., Any]
    every: int  # seconds

    @property
    def name(self) -> str:
        return self.func.__name__

    @property
    def queue(self) -> str:
        return getattr(self.func, "job_queue", "default")


PERIODIC: dict[str, PeriodicJob] = {}


def periodic(*, every: int) -> Callable[[F], F]:
    """Run the decorated job every `every` seconds (at most once per interval, cluster-wide)."""

    def register(func: F) -> F:
        PERIODIC[func.__name__] = PeriodicJob(func, every)
        return func

    return register


def tick(connection: redis.Redis) -> list[str]:
    """Enqueue every periodic job whose interval has passed; returns the names enqueued."""
    enqueued = []
    for entry in list(PERIODIC.values()):
        if connection.set(f"innovation:periodic:{entry.name}", "1", nx=True, ex=entry.every):
            Queue(entry.queue, connection=connection).enqueue(entry.func, job_timeout=entry.every * 5)
            enqueued.append(entry.name)
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
