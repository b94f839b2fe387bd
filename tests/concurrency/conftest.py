"""A live multi-process server (gunicorn, two worker processes with threads) on the test's own
database and Redis, for races that only show between processes: SQLite's locks are per
connection and per process, PostgreSQL's per transaction."""

import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from innovation.accounts.services import issue_api_token
from innovation.extensions import db

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class GunicornServer:
    def __init__(self, app, instance: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = instance / "gunicorn.log"
        self.env = {
            **os.environ,
            "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
            "REDIS_URL": app.config["REDIS_URL"],
            "SECRET_KEY": app.config["SECRET_KEY"],
            "INSTANCE_PATH": str(instance),
            "LOG_LEVEL": "WARNING",
            "SEARCH_BACKEND": app.config["SEARCH_BACKEND"],
            "SEARCH_INDEX_DIR": str(instance / "index"),
        }
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            "2",
            "--threads",
            "8",
            "--worker-class",
            "gthread",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--timeout",
            "120",
            "wsgi:app",
        ]
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, process_group=0
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log.read_text()[-3000:]}")
            try:
                if requests.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer within 60 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def errors(self) -> str:
        """What the server logged about unhandled errors (a 500 is never acceptable)."""
        text = self.log.read_text(errors="replace")
        return "\n".join(line for line in text.splitlines() if "ERROR" in line or "Traceback" in line)


@pytest.fixture
def server(app, tmp_path):
    db.session.commit()
    live = GunicornServer(app, tmp_path / "server-instance")
    (tmp_path / "server-instance").mkdir()
    live.start()
    yield live
    live.stop()


def tokens_for(people) -> list[str]:
    tokens = [issue_api_token(person, 1) for person in people]
    db.session.commit()
    return tokens


def call(server, method: str, path: str, token: str, body=None) -> tuple[int, dict]:
    response = requests.request(
        method, server.url + "/api/v1" + path, json=body, timeout=120, headers={"Authorization": f"Bearer {token}"}
    )
    try:
        return response.status_code, response.json()
    except ValueError:
        return response.status_code, {"raw": response.text[:500]}


def in_parallel(tasks) -> list:
    """Run zero-argument callables at once; their results in order."""
    with ThreadPoolExecutor(max_workers=len(tasks)) as pool:
        return list(pool.map(lambda task: task(), tasks))
