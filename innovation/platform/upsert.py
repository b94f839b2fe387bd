"""Insert-or-ignore and upsert on SQLite and PostgreSQL (never check-then-insert)."""

from sqlalchemy.dialects import postgresql, sqlite

from ..extensions import db


def _insert_for(model):
    dialect = db.session.get_bind().dialect.name
    # The Core table, not the ORM class: ORM bulk inserts do not report rowcount on psycopg.
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model.__table__)


def insert_or_ignore(model, values: dict, conflict_columns: list[str], also_return=None):
    """Insert a row unless one with the same unique key exists. Returns the inserted row's
    (id[, also_return]) — `also_return` is a column or scalar subquery — or None."""
    returning = [model.__table__.c.id] + ([also_return] if also_return is not None else [])
    statement = (
        _insert_for(model)
        .values(**values)
        .on_conflict_do_nothing(index_elements=conflict_columns)
        .returning(*returning)
    )
    # RETURNING, not rowcount: psycopg reports -1 for an INSERT that returns rows.
    return db.session.execute(statement).first()


def upsert(model, values: dict, conflict_columns: list[str], update: dict) -> None:
    """Insert a row, or update the existing one with the same unique key."""
    statement = _insert_for(model).values(**values)
    statement = statement.on_conflict_do_update(index_elements=conflict_columns, set_=update)
    db.session.execute(statement)


def insert_from_select_or_ignore(model, columns: list[str], query, conflict_columns: list[str]) -> None:
    """INSERT … SELECT that skips rows whose unique key exists (the query needs a WHERE on SQLite)."""
    statement = _insert_for(model).from_select(columns, query).on_conflict_do_nothing(index_elements=conflict_columns)
    db.session.execute(statement)


def insert_many_or_ignore(model, rows: list[dict], conflict_columns: list[str]) -> None:
    """A set-based insert of many rows, skipping those whose unique key exists."""
    if rows:
        statement = _insert_for(model).on_conflict_do_nothing(index_elements=conflict_columns)
        db.session.execute(statement, rows)
