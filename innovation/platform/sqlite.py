"""SQLite as a database that serializes writers the way PostgreSQL's row locks do.

SQLite ignores `SELECT … FOR UPDATE`, and Python's sqlite3 driver by default starts a
transaction only at the first INSERT/UPDATE/DELETE, so the reads before it (is the round still
open? is this idea already merged?) each see the database of their own moment: a ballot
checked "open" could commit after the close froze the export, and be lost.

So work that may write — a request whose method is not GET/HEAD/OPTIONS, a job, a command
inside `writing()` — begins its transaction with `BEGIN IMMEDIATE` at its first statement,
reads included: it takes SQLite's single write lock at once, so a second writer waits
(busy_timeout) and then reads what the first one committed. Check-then-write is serialized
exactly like PostgreSQL's `FOR UPDATE`. Everything else (pages that only read, code run
outside a request such as tests and maintenance commands) keeps the driver's usual behaviour:
reads see the latest commit, and a transaction starts at the first write. PostgreSQL is not
touched by any of this.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

_writing: ContextVar[bool] = ContextVar("sqlite_writing", default=False)


def may_write() -> bool:
    return _writing.get()


@contextmanager
def writing(intent: bool = True) -> Iterator[None]:
    """Transactions begun inside take SQLite's write lock at their first statement."""
    token = _writing.set(intent)
    try:
        yield
    finally:
        _writing.reset(token)


def set_write_intent(intent: bool):
    """For a request's lifetime: returns the token that `reset_write_intent` takes."""
    return _writing.set(intent)


def reset_write_intent(token) -> None:
    _writing.reset(token)


@event.listens_for(Engine, "connect")
def _configure_connection(dbapi_connection, _record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        # Enforce foreign keys, let readers run beside one writer, wait instead of failing.
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        # WAL + NORMAL: a commit survives a crash of the process (not of the OS) without an fsync.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()


@event.listens_for(Engine, "begin")
def _begin(connection: Connection) -> None:
    if connection.dialect.name != "sqlite":
        return
    raw = connection.connection.dbapi_connection
    assert isinstance(raw, sqlite3.Connection)
    if may_write():
        raw.isolation_level = None  # the driver must not begin on its own: we do, at once
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        raw.isolation_level = ""  # the driver's default: BEGIN (deferred) before the first write
