"""`flask notifications dispatch`."""

import click
from flask import Flask
from flask.cli import AppGroup

notifications_cli = AppGroup("notifications", help="The notification outbox.")


@notifications_cli.command("dispatch")
def notifications_dispatch():
    """Enqueue every pending outbox event and unsent e-mail (what the periodic sweeper does)."""
    from .jobs import sweep_outbox

    result = sweep_outbox(min_age_seconds=0)
    click.echo(
        f"queued {result['events']} event(s) and {result['email_batches']} e-mail batch(es); "
        f"{result['unstuck']} stuck e-mail(s) released"
    )


def register_cli(app: Flask) -> None:
    app.cli.add_command(notifications_cli)
