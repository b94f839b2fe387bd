"""The one way to serialize a check-then-write: lock the rows it depends on, on both databases.

Every state change that must not interleave with another (a ballot against a close, two
closes, two outcomes, two merges, two votes on one idea's counters) reads its rows through
`lock_row` / `lock_rows` / `locked` before it checks anything:

- PostgreSQL: `SELECT … FOR UPDATE`. The second transaction waits for the first to commit and
  then reads the committed row (READ COMMITTED takes a new snapshot per statement), so its
  check sees the first one's result. Several rows are locked lowest id first, so two
  transactions that need the same rows wait for each other instead of deadlocking.
- SQLite ignores `FOR UPDATE`; its lock is the whole database. A request that may write, a
  job and a `unit_of_work` begin with `BEGIN IMMEDIATE` (platform/sqlite.py), so they already
  hold it at their first read. Anything else (a service called from a shell or a test outside
  those) takes it here by writing nothing to the row (`UPDATE … SET id = id`): either the lock
  comes at once with a snapshot that is still current, or SQLite refuses the transaction
  (SQLITE_BUSY_SNAPSHOT) — it may fail, but it never acts on a stale read.

The guarded conditional UPDATE (`… WHERE status = 'voting'`, the row count decides) is used
on top where a transition must be decided exactly once whatever the caller holds.
"""

from collections.abc import Iterable
from typing import Any, TypeVar

from sqlalchemy import Select, false, update

from ..extensions import db
from .input import DB_INT_MAX
from .sqlite import may_write

M = TypeVar("M")

MAX_ID = DB_INT_MAX  # ids are INTEGER on PostgreSQL: anything larger cannot name a row


def _take_sqlite_lock(model, ids: list[int]) -> None:
    session = db.session()
    if session.get_bind().dialect.name != "sqlite" or may_write():
        return
    table = model.__table__
    session.execute(
        update(table).where(table.c.id.in_(ids)).values(id=table.c.id),
        execution_options={"synchronize_session": False},
    )


def valid_ids(ids: Iterable[Any]) -> list[int]:
    """The ids that can name a row, ascending, each once (booleans and out-of-range numbers dropped)."""
    return sorted({i for i in ids if isinstance(i, int) and not isinstance(i, bool) and 0 < i <= MAX_ID})


def lock_row(model: type[M], row_id: Any) -> M | None:
    """The row with this id, locked until the commit point; None when there is none."""
    ids = valid_ids([row_id])
    if not ids:
        return None
    _take_sqlite_lock(model, ids)
    return db.session.get(model, ids[0], with_for_update=True, populate_existing=True)


def lock_rows(model: type[M], row_ids: Iterable[Any]) -> dict[int, M]:
    """The rows with these ids (those that exist), locked lowest id first, by id."""
    ids = valid_ids(row_ids)
    if not ids:
        return {}
    _take_sqlite_lock(model, ids)
    statement: Select = (
        Select(model)
        .where(model.id.in_(ids))  # type: ignore[attr-defined]
        .order_by(model.id)  # type: ignore[attr-defined]
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return {row.id: row for row in db.session.scalars(statement)}


def locked(statement: Select, model) -> Select:
    """`statement` (rows of `model`, e.g. due jobs) with FOR UPDATE, and SQLite's lock taken."""
    session = db.session()
    if session.get_bind().dialect.name == "sqlite" and not may_write():
        table = model.__table__
        session.execute(update(table).where(false()).values(id=table.c.id))  # takes the write lock, touches nothing
    return statement.with_for_update()
