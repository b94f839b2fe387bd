"""Free TCP ports for servers the tests start (SMTP sinks, `make run`'s gunicorn).

A port from bind(("127.0.0.1", 0)) comes from the kernel's ephemeral range, the same range every
outgoing connection (to PostgreSQL, Redis, a browser's server) draws from, so it can be taken
again between the moment it is chosen and the moment a server binds it; with pytest-xdist
several workers do that at once. Each worker therefore picks from its own block below that
range, starting at a random place so that two runs side by side rarely meet either."""

import os
import random
import socket

FIRST = 20000  # below Linux's default ephemeral range (32768–60999)
BLOCK = 500
MAX_WORKERS = (32768 - FIRST) // BLOCK


def worker_index() -> int:
    """0 outside pytest-xdist, N in its worker gwN."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return int(worker.removeprefix("gw")) % MAX_WORKERS


def free_port() -> int:
    """A port of this worker's block that nothing listens on right now."""
    start = FIRST + worker_index() * BLOCK
    offset = random.randrange(BLOCK)
    for step in range(BLOCK):
        port = start + (offset + step) % BLOCK
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {start}–{start + BLOCK - 1}")
