"""`flask seed-demo` (and `flask bench-seed` in a checkout that has bench/)."""

import click
from flask import Flask
from flask.cli import with_appcontext


@click.command("seed-demo")
@click.option("--ideas", default=60, show_default=True, help="How many demo ideas (when ideas exist).")
@with_appcontext
def seed_demo(ideas):
    """Fill the database with realistic demo data (skipped when already seeded)."""
    from .seed import seed

    created = seed(ideas=ideas)
    if not created:
        click.echo("Demo data is already there; nothing to do.")
        return
    click.echo(f"Demo accounts (password for all: {created['password']}):")
    for email, role in created["logins"]:
        click.echo(f"  {role:<9} {email}")


def register_cli(app: Flask) -> None:
    app.cli.add_command(seed_demo)
    try:  # bench/ sits beside wsgi.py: present in a checkout, absent from an installed package
        from bench.seed import bench_seed
    except ImportError:
        return
    app.cli.add_command(bench_seed)
