"""`make run`: migrate, seed on first start, then run Redis, one RQ worker and the web
server together; Ctrl-C (or SIGTERM) stops every process this started."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping

from .. import create_app
from ..extensions import db
from ..platform.redis_server import EmbeddedRedis


def _prepare(app) -> dict | None:
    from flask_migrate import upgrade
    from sqlalchemy import func, select

    from ..accounts.models import User
    from .seed import seed

    with app.app_context():
        upgrade()
        first_run = db.session.scalar(select(func.count()).select_from(User)) == 0
        created = seed() if first_run else None
        from ..search.index import get_backend
        from ..search.jobs import rebuild_index

        if created or get_backend().count("ideas") == 0:
            rebuild_index()  # searchable at once, not a worker tick later (and after deleting the index)
        db.engine.dispose()
    return created


def _print_banner(port: int, created: dict | None) -> None:
    from .seed import DEMO_DOMAIN, DEMO_PASSWORD

    print(f"\n  Innovation Commons is running at http://127.0.0.1:{port}/", flush=True)
    print(f"  Demo logins (password {DEMO_PASSWORD}):")
    for local in ("admin", "pm", "employee", "customer"):
        print(f"    {local:<9} {local}@{DEMO_DOMAIN}")
    print("  Press Ctrl-C to stop the web server, the worker and Redis.\n", flush=True)
    del created


def dev_base_url(config: Mapping) -> str:
    """Where e-mail links point: BASE_URL when it is set, else this server's own port."""
    return config["BASE_URL"] if config["BASE_URL_GIVEN"] else f"http://127.0.0.1:{config['PORT']}"


def child_environment(environ: Mapping[str, str], config: Mapping) -> dict[str, str]:
    """The environment of the worker and the web server this starts: the caller's, with the
    app named and BASE_URL pointing at the port they serve on (unless BASE_URL was given)."""
    return dict(environ, FLASK_APP="wsgi", BASE_URL=dev_base_url(config))


def _stop(children: list[subprocess.Popen], redis_server: EmbeddedRedis | None) -> None:
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 15
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    if redis_server is not None:
        redis_server.stop()


def main() -> int:
    app = create_app()
    port = app.config["PORT"]
    app.config["BASE_URL"] = dev_base_url(app.config)  # what the seeding process links to as well
    redis_server = None
    if app.config["EMBEDDED_REDIS"]:
        redis_server = EmbeddedRedis(app.config["EMBEDDED_REDIS_DIR"])
        if not redis_server.ensure(daemonize=False):
            redis_server = None  # someone else's server: leave it running
    children: list[subprocess.Popen] = []

    def on_signal(signum, _frame):
        raise KeyboardInterrupt

    # Explicit, because a shell that starts us in the background leaves SIGINT ignored.
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        created = _prepare(app)
        env = child_environment(os.environ, app.config)
        flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
        # Own process groups: a terminal's Ctrl-C reaches only this script, which then stops
        # each child once, in order (two signals at once make gunicorn kill its workers).
        children.append(subprocess.Popen([*flask, "worker"], env=env, process_group=0))
        children.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "--workers",
                    "2",
                    "--threads",
                    "4",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--graceful-timeout",
                    "5",
                    "--access-logfile",
                    "-",
                    "wsgi:app",
                ],
                env=env,
                process_group=0,
            )
        )
        _print_banner(port, created)
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not skip the cleanup
        _stop(children, redis_server)


if __name__ == "__main__":
    sys.exit(main())
