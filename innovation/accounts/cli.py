"""`flask users create|set-role`."""

import click
from flask import Flask
from flask.cli import AppGroup

from ..platform.cli import fail
from ..platform.errors import ServiceError
from ..platform.transaction import unit_of_work

users_cli = AppGroup("users", help="Create users and change their roles.")


@users_cli.command("create")
@click.argument("email")
@click.option("--name", required=True, help="Display name.")
@click.option("--role", default="customer", show_default=True, help="customer, employee, pm or admin.")
@click.option("--password", required=True, help="10-128 characters; common passwords are refused.")
def users_create(email, name, role, password):
    """Create a user and print its id."""
    from .actors import SYSTEM
    from .services import create_user

    try:
        with unit_of_work():
            user = create_user(SYSTEM, email, name, password, role)
    except ServiceError as exc:
        fail(exc.message)
    click.echo(user.id)


@users_cli.command("set-role")
@click.argument("email")
@click.argument("role")
def users_set_role(email, role):
    """Change the role of the user with EMAIL to ROLE."""
    from .actors import SYSTEM
    from .services import change_role, find_user_by_email

    user = find_user_by_email(email)
    if user is None:
        fail(f"no user with e-mail {email}")
    try:
        with unit_of_work():
            change_role(SYSTEM, user, role)
    except ServiceError as exc:
        fail(exc.message)
    click.echo(f"{user.email} is now {user.role}")


def register_cli(app: Flask) -> None:
    app.cli.add_command(users_cli)
