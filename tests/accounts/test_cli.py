"""`flask users create|set-role` and `flask seed-demo`."""

from sqlalchemy import func, select

from innovation.accounts.models import AuditEvent, User
from innovation.extensions import db


def test_users_create_prints_the_id(runner):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "pm@example.org",
            "--name",
            "Pat M",
            "--role",
            "pm",
            "--password",
            "orchid-bicycle-9021",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "pm@example.org"))
    assert result.output.strip() == str(user.id) and user.role == "pm"


def test_users_create_duplicate_email_exits_1(runner, users):
    users("customer", email="dup@example.org")
    result = runner.invoke(
        args=[
            "users",
            "create",
            "dup@example.org",
            "--name",
            "D",
            "--role",
            "customer",
            "--password",
            "orchid-bicycle-9021",
        ]
    )
    assert result.exit_code == 1
    assert "already exists" in result.output


def test_users_create_bad_role_exits_1(runner):
    result = runner.invoke(
        args=["users", "create", "x@example.org", "--name", "X", "--role", "boss", "--password", "orchid-bicycle-9021"]
    )
    assert result.exit_code == 1
    assert "Unknown role" in result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_users_set_role(runner, users):
    user = users("customer")
    result = runner.invoke(args=["users", "set-role", user.email, "employee"])
    assert result.exit_code == 0
    db.session.refresh(user)
    assert user.role == "employee"
    assert db.session.scalar(select(AuditEvent.action)) == "role_changed"
    assert runner.invoke(args=["users", "set-role", user.email, "boss"]).exit_code == 1
    assert runner.invoke(args=["users", "set-role", "nobody@example.org", "pm"]).exit_code == 1


def test_seed_demo_creates_every_role_once(runner):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    roles = set(db.session.scalars(select(User.role)))
    assert roles == {"customer", "employee", "pm", "admin"}
    second = runner.invoke(args=["seed-demo"])
    assert "already there" in second.output


def test_every_command_has_help(runner):
    for args in (["users", "create"], ["users", "set-role"], ["seed-demo"], ["worker"], ["redis", "start"]):
        result = runner.invoke(args=[*args, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output
