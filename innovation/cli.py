"""Command-line interface: `flask --app wsgi users|seed-demo|worker|redis|search ...`."""
import sys

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from .errors import ServiceError
from .extensions import db

users_cli = AppGroup("users", help="Create users and change their roles.")
decisions_cli = AppGroup("decisions", help="Recompute and verify decision rounds from ballot exports.")
notifications_cli = AppGroup("notifications", help="The notification outbox.")
redis_cli = AppGroup("redis", help="The embedded Redis server (used when REDIS_URL is unset).")


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


@users_cli.command("create")
@click.argument("email")
@click.option("--name", required=True, help="Display name.")
@click.option("--role", default="customer", show_default=True, help="customer, employee, pm or admin.")
@click.option("--password", required=True, help="10-128 characters; common passwords are refused.")
def users_create(email, name, role, password):
    """Create a user and print its id."""
    from .accounts.services import create_user

    try:
        user = create_user(None, email, name, password, role)
        db.session.commit()
    except ServiceError as exc:
        db.session.rollback()
        _fail(exc.message)
    click.echo(user.id)


@users_cli.command("set-role")
@click.argument("email")
@click.argument("role")
def users_set_role(email, role):
    """Change the role of the user with EMAIL to ROLE."""
    from .accounts.services import find_user_by_email, set_role_by_system

    user = find_user_by_email(email)
    if user is None:
        _fail(f"no user with e-mail {email}")
    try:
        set_role_by_system(user, role)
        db.session.commit()
    except ServiceError as exc:
        db.session.rollback()
        _fail(exc.message)
    click.echo(f"{user.email} is now {user.role}")


@click.command("seed-demo")
@click.option("--ideas", default=60, show_default=True, help="How many demo ideas (when ideas exist).")
@with_appcontext
def seed_demo(ideas):
    """Fill the database with realistic demo data (skipped when already seeded)."""
    from .demo import seed

    created = seed(ideas=ideas)
    if not created:
        click.echo("Demo data is already there; nothing to do.")
        return
    click.echo(f"Demo accounts (password for all: {created['password']}):")
    for email, role in created["logins"]:
        click.echo(f"  {role:<9} {email}")


@click.command("worker")
@click.option("--burst", is_flag=True, help="Work until the queues are empty, then exit.")
@click.option("--fork/--no-fork", default=False, show_default=True,
              help="Fork a work horse per job (isolation) or run jobs in the worker process (speed).")
def worker(burst, fork):
    """Run an RQ worker for all of the project's queues."""
    from .jobs import run_worker

    run_worker(current_app._get_current_object(), burst=burst, fork=fork)


@redis_cli.command("start")
def redis_start():
    """Start the embedded Redis (daemonized) unless it already runs."""
    from .redis_server import EmbeddedRedis

    if not current_app.config.get("EMBEDDED_REDIS"):
        _fail("REDIS_URL is set; there is no embedded Redis to start")
    server = EmbeddedRedis(current_app.config["EMBEDDED_REDIS_DIR"])
    started = server.ensure(daemonize=True)
    click.echo(("started " if started else "already running at ") + str(server.socket_path))


@redis_cli.command("stop")
def redis_stop():
    """Stop the embedded Redis (its queue is saved to instance/redis.rdb)."""
    from .redis_server import stop_daemon

    stopped = stop_daemon(current_app.config["EMBEDDED_REDIS_DIR"])
    click.echo("stopped" if stopped else "not running")


def _read_export(path: str) -> dict:
    import json

    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        click.echo(f"Error: cannot read {path}: {exc}", err=True)
        sys.exit(2)


@decisions_cli.command("tally", with_appcontext=False)
@click.argument("file", type=click.Path(dir_okay=False))
def decisions_tally(file):
    """Recompute a round's result from a ballot export FILE; prints the result JSON."""
    from .decisions.export import ExportError, canonical_json, recompute

    try:
        result = recompute(_read_export(file))
    except ExportError as exc:
        click.echo(f"Error: {file} is not a valid ballot export: {exc}", err=True)
        sys.exit(2)
    click.echo(canonical_json(result))


@decisions_cli.command("verify", with_appcontext=False)
@click.argument("file", type=click.Path(dir_okay=False))
def decisions_verify(file):
    """Recompute FILE's result and compare it with the one inside; exit 0 if equal, 1 if not."""
    from .decisions.export import ExportError, verify_export

    try:
        found = verify_export(_read_export(file))
    except ExportError as exc:
        click.echo(f"Error: {file} is not a valid ballot export: {exc}", err=True)
        sys.exit(2)
    if found:
        click.echo(f"MISMATCH: {len(found)} difference(s) between the file and a fresh recount:")
        for line in found[:50]:
            click.echo(f"  {line}")
        sys.exit(1)
    click.echo("OK: the result in the file matches a fresh recount of its ballots.")


@notifications_cli.command("dispatch")
def notifications_dispatch():
    """Enqueue every pending outbox event and unsent e-mail (what the periodic sweeper does)."""
    from .notifications.jobs import sweep_outbox

    result = sweep_outbox(min_age_seconds=0)
    click.echo(f"queued {result['events']} event(s) and {result['email_batches']} e-mail batch(es); "
               f"{result['unstuck']} stuck e-mail(s) released")


def register_cli(app) -> None:
    app.cli.add_command(users_cli)
    app.cli.add_command(notifications_cli)
    app.cli.add_command(decisions_cli)
    app.cli.add_command(redis_cli)
    app.cli.add_command(seed_demo)
    app.cli.add_command(worker)
    from .search.cli import search_cli

    app.cli.add_command(search_cli)
    try:  # bench/ sits beside wsgi.py: present in a checkout, absent from an installed package
        from bench.seed import bench_seed
    except ImportError:
        bench_seed = None
    if bench_seed is not None:  # no early return: commands registered below must not depend on bench/
        app.cli.add_command(bench_seed)
