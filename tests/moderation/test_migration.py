"""Migration 0011 adds the moderation state in place: existing ideas and comments are approved
and nothing hanging off them (comments, follows, notifications) is lost on SQLite, where
rebuilding a table would run its children's ON DELETE CASCADE."""

from flask_migrate import upgrade
from sqlalchemy import Boolean, DateTime, Float, Integer, inspect, text

from innovation import create_app
from innovation.config import TestConfig
from innovation.extensions import db


def insert(connection, table: str, **given) -> None:
    """An INSERT filling every required column of `table` as it is now, `given` winning."""
    values = {}
    for column in inspect(connection).get_columns(table):
        if column["nullable"] or column.get("default") is not None or column["name"] == "id":
            continue
        kind = column["type"]
        values[column["name"]] = (
            1
            if isinstance(kind, Integer | Boolean | Float)
            else "2026-01-01 00:00:00"
            if isinstance(kind, DateTime)
            else "public"
            if column["name"] == "visibility"
            else "x"
        )
    values.update(given)
    names = ", ".join(values)
    connection.execute(text(f"INSERT INTO {table} ({names}) VALUES ({', '.join(':' + n for n in values)})"), values)


def test_existing_content_is_approved_and_nothing_cascades(tmp_path, redis_url):
    app = create_app(TestConfig(str(tmp_path / "instance"), f"sqlite:///{tmp_path / 'old.db'}", redis_url))
    with app.app_context():
        upgrade(revision="0009_notification_subjects")
        with db.engine.begin() as connection:
            insert(connection, "users", id=1, email="u@example.org")
            insert(connection, "ideas", id=1, author_id=1, title="An old idea")
            insert(connection, "comments", id=1, idea_id=1, author_id=1)
            insert(connection, "follows", idea_id=1, user_id=1)
        upgrade()
        with db.engine.connect() as connection:
            ideas = connection.execute(text("SELECT moderation, moderation_reason FROM ideas")).all()
            comments = connection.execute(text("SELECT moderation FROM comments")).all()
            follows = connection.execute(text("SELECT count(*) FROM follows")).scalar()
            premoderate = connection.execute(text("SELECT premoderate FROM users")).scalar()
        db.engine.dispose()
    assert ideas == [("approved", None)] and comments == [("approved",)]
    assert follows == 1 and not premoderate
