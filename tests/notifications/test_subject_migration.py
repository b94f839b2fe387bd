"""Migration 0009 gives notifications written before it their subject (from their outbox
event) and a time, so the centre groups old and new notifications alike."""

from flask_migrate import upgrade
from sqlalchemy import Boolean, DateTime, Integer, inspect, text

from innovation import create_app
from innovation.config import TestConfig
from innovation.extensions import db


def user_insert(connection) -> str:
    """An INSERT of user 1 that fills every required column of the table as it is at 0008."""
    values = {}
    for column in inspect(connection).get_columns("users"):
        if column["nullable"] or column.get("default") is not None:
            continue
        kind = column["type"]
        values[column["name"]] = (
            "1"
            if isinstance(kind, Integer | Boolean)
            else "'2026-01-01 00:00:00'"
            if isinstance(kind, DateTime)
            else "'u@example.org'"
        )
    return f"INSERT INTO users ({', '.join(values)}) VALUES ({', '.join(values.values())})"


def test_existing_notifications_get_their_subject_and_time(tmp_path, redis_url):
    app = create_app(TestConfig(str(tmp_path / "instance"), f"sqlite:///{tmp_path / 'old.db'}", redis_url))
    with app.app_context():
        upgrade(revision="0008_round_deliberation")
        with db.engine.begin() as connection:
            connection.execute(text(user_insert(connection)))
            events = [
                (1, "comment", '{"comment_id": 5, "idea_id": 12}'),
                (2, "outcome_published", '{"round_id": 3}'),
                (3, "something_else", "{}"),
            ]
            for event_id, kind, payload in events:
                connection.execute(
                    text(
                        "INSERT INTO outbox_events (id, kind, payload, created_at, attempts, last_error)"
                        " VALUES (:id, :kind, :payload, :at, 1, '')"
                    ),
                    {"id": event_id, "kind": kind, "payload": payload, "at": f"2026-01-0{event_id} 08:00:00"},
                )
                connection.execute(
                    text(
                        "INSERT INTO notifications (event_id, user_id, kind, title, url, created_at)"
                        " VALUES (:id, 1, :kind, 'T', '/', '2026-02-01 00:00:00')"
                    ),
                    {"id": event_id, "kind": kind},
                )
        upgrade()
        with db.engine.connect() as connection:
            rows = connection.execute(
                text("SELECT event_id, subject, event_at FROM notifications ORDER BY event_id")
            ).all()
        db.engine.dispose()
    assert [(event_id, subject) for event_id, subject, _ in rows] == [(1, "idea:12"), (2, "round:3"), (3, None)]
    assert [str(at)[:16] for _, _, at in rows] == ["2026-01-01 08:00", "2026-01-02 08:00", "2026-01-03 08:00"]
