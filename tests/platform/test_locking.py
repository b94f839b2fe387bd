"""platform.locking: a locked row really is locked against a second connection, on both
databases, whether or not the transaction began with SQLite's write lock."""

import sqlite3

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import OperationalError

from innovation.extensions import db
from innovation.ideas.models import Idea
from innovation.ideas.services import submit_idea
from innovation.platform.locking import MAX_ID, lock_row, lock_rows, valid_ids
from innovation.platform.sqlite import writing


def _second_connection_cannot_write(app, idea_id: int) -> bool:
    """Try, from another connection and without waiting, to lock or write the same row."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("sqlite"):
        # The bare driver: the app's connect hook would set a 30 s busy timeout first.
        connection = sqlite3.connect(make_url(url).database, timeout=0, isolation_level=None)
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            connection.close()
    other = create_engine(url)
    try:
        with other.connect() as connection:
            connection.execute(text("SELECT id FROM ideas WHERE id = :id FOR UPDATE NOWAIT"), {"id": idea_id})
            connection.rollback()
            return False
    except OperationalError:
        return True
    finally:
        other.dispose()


@pytest.mark.parametrize("intent", [False, True], ids=["plain", "writing"])
def test_a_locked_row_holds_off_a_second_connection_until_commit(app, users, intent):
    idea_id = submit_idea(users("customer"), title="Lock me while I check").id
    db.session.commit()
    with writing(intent):
        assert lock_row(Idea, idea_id).id == idea_id
        assert _second_connection_cannot_write(app, idea_id)
        db.session.commit()
    assert not _second_connection_cannot_write(app, idea_id)


def test_lock_rows_returns_what_exists_lowest_first(app, users):
    author = users("customer")
    ids = [submit_idea(author, title=f"Lockable idea number {n}").id for n in range(3)]
    db.session.commit()
    rows = lock_rows(Idea, [ids[2], ids[0], 10**12, True, -1, ids[0]])
    assert list(rows) == [ids[0], ids[2]]
    assert _second_connection_cannot_write(app, ids[0])
    db.session.rollback()


def test_ids_that_cannot_name_a_row_lock_nothing(app):
    assert valid_ids([0, -3, MAX_ID + 1, True, "7", 7.0, None, 7, MAX_ID]) == [7, MAX_ID]
    assert lock_row(Idea, MAX_ID + 1) is None and lock_row(Idea, "1") is None
