"""The one commit point of a request, a command or a job step.

Services flush and never commit. Whoever runs them — a view (through the platform's
`Blueprint`, which wraps every route), a CLI command or a job — commits in exactly one place:
on success the work is committed (and the jobs queued with `enqueue_after_commit` go to
Redis), on any exception it is rolled back and the exception travels on to the error handlers,
which turn refusals into the page message or the API error. The same rule everywhere means no
view forgets a commit and none commits half of its work.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, TypeVar

from blinker import Namespace
from flask import request
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..extensions import db
from .sqlite import writing

F = TypeVar("F", bound=Callable[..., Any])
WROTE_KEY = "wrote"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

signals = Namespace()
#: Sent (sender: the app) after a failed request's work was rolled back. Receivers may write
#: rows that must outlive the failure (e.g. the audit log's refused accesses) and commit them.
refusal_rolled_back = signals.signal("refusal_rolled_back")


@event.listens_for(Session, "after_flush")
def _note_flush(session: Session, _context) -> None:
    session.info[WROTE_KEY] = True


@event.listens_for(Session, "do_orm_execute")
def _note_statement(state) -> None:
    # Core INSERT/UPDATE/DELETE run through the session write without a flush.
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[WROTE_KEY] = True


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_writes(session: Session, *_args) -> None:
    session.info.pop(WROTE_KEY, None)


def has_pending_work() -> bool:
    """True when this session changed something that a commit would keep."""
    session = db.session()
    return bool(session.info.get(WROTE_KEY) or session.new or session.dirty or session.deleted)


def commit_point(view: F) -> F:
    """Wrap a view: commit what it did when it returns, roll back when it raises."""

    @wraps(view)
    def run(*args, **kwargs):
        try:
            response = view(*args, **kwargs)
        except BaseException:
            db.session.rollback()
            raise
        if has_pending_work() or (request.method not in SAFE_METHODS and db.session().in_transaction()):
            db.session.commit()
        return response

    return run  # type: ignore[return-value]


@contextmanager
def unit_of_work() -> Iterator[None]:
    """The commit point of a CLI command or a job step: commit on success, roll back on error."""
    with writing():
        try:
            yield
        except BaseException:
            db.session.rollback()
            raise
        db.session.commit()
