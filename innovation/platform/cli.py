"""`flask worker` and `flask redis start|stop`."""

import sys

import click
from flask import Flask, current_app
from flask.cli import AppGroup

redis_cli = AppGroup("redis", help="The embedded Redis server (used when REDIS_URL is unset).")


def fail(message: str) -> None:
    """Print `Error: message` to stderr and exit 1 (what every command does on a refusal)."""
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


@click.command("worker")
@click.option("--burst", is_flag=True, help="Work until the queues are empty, then exit.")
@click.option(
    "--fork/--no-fork",
    default=False,
    show_default=True,
    help="Fork a work horse per job (isolation) or run jobs in the worker process (speed).",
)
def worker(burst, fork):
    """Run an RQ worker for all of the project's queues."""
    from .worker import run_worker

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    run_worker(app, burst=burst, fork=fork)


@redis_cli.command("start")
def redis_start():
    """Start the embedded Redis (daemonized) unless it already runs."""
    from .redis_server import EmbeddedRedis

    if not current_app.config.get("EMBEDDED_REDIS"):
        fail("REDIS_URL is set; there is no embedded Redis to start")
    server = EmbeddedRedis(current_app.config["EMBEDDED_REDIS_DIR"])
    started = server.ensure(daemonize=True)
    click.echo(("started " if started else "already running at ") + str(server.socket_path))


@redis_cli.command("stop")
def redis_stop():
    """Stop the embedded Redis (its queue is saved to instance/redis.rdb)."""
    from .redis_server import stop_daemon

    stopped = stop_daemon(current_app.config["EMBEDDED_REDIS_DIR"])
    click.echo("stopped" if stopped else "not running")


def register_cli(app: Flask) -> None:
    app.cli.add_command(worker)
    app.cli.add_command(redis_cli)
