"""enqueue_after_commit: jobs reach Redis only after commit, never after a rollback."""

import logging

from rq import Queue

from innovation.accounts.models import AuditEvent
from innovation.extensions import db
from innovation.platform.jobs import enqueue_after_commit, get_redis, job
from innovation.platform.worker import run_worker

RESULT_KEY = "test:job-ran"


def mark_ran(value: str) -> str:
    """A job that leaves a trace in Redis (module-level so RQ can import it)."""
    from innovation.platform.jobs import get_redis

    get_redis().rpush(RESULT_KEY, value)
    return value


@job(queue="low")
def log_a_line(text: str) -> str:
    """A job on a declared queue that writes one log line."""
    logging.getLogger("innovation.test").warning("working on %s", text)
    return text


def queued_count(name: str = "default") -> int:
    return Queue(name, connection=get_redis()).count


def test_job_is_queued_only_after_commit(app):
    db.session.add(AuditEvent(action="probe"))
    enqueue_after_commit(mark_ran, "a")
    db.session.flush()
    assert queued_count() == 0
    db.session.commit()
    assert queued_count() == 1


def test_rollback_drops_pending_jobs(app):
    enqueue_after_commit(mark_ran, "b")
    db.session.rollback()
    db.session.commit()
    assert queued_count() == 0


def test_savepoint_rollback_keeps_the_outer_transactions_jobs(app):
    enqueue_after_commit(mark_ran, "outer")
    savepoint = db.session.begin_nested()
    db.session.add(AuditEvent(action="inner"))
    savepoint.rollback()
    db.session.commit()
    assert queued_count() == 1


def test_burst_worker_runs_the_job(app):
    enqueue_after_commit(mark_ran, "c")
    db.session.commit()
    run_worker(app, burst=True, fork=False)
    assert get_redis().lrange(RESULT_KEY, 0, -1) == [b"c"]


def test_forking_worker_runs_the_job(app):
    enqueue_after_commit(mark_ran, "d")
    db.session.commit()
    run_worker(app, burst=True, fork=True)
    assert get_redis().lrange(RESULT_KEY, 0, -1) == [b"d"]


def test_commit_succeeds_when_redis_is_down(app, caplog):
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    app.extensions.pop("redis_client", None)
    db.session.add(AuditEvent(action="saved-anyway"))
    enqueue_after_commit(mark_ran, "e")
    with caplog.at_level(logging.WARNING):
        db.session.commit()
    assert db.session.query(AuditEvent).filter_by(action="saved-anyway").count() == 1
    assert "could not enqueue" in caplog.text


def test_the_same_call_queued_twice_before_commit_is_queued_once(app):
    enqueue_after_commit(mark_ran, "f")
    enqueue_after_commit(mark_ran, "f")
    enqueue_after_commit(mark_ran, "g")  # other arguments: another job
    db.session.commit()
    assert queued_count() == 2


def test_a_job_goes_to_the_queue_it_declares(app):
    enqueue_after_commit(log_a_line, "declared")
    db.session.commit()
    assert (queued_count("low"), queued_count("default")) == (1, 0)


def test_every_line_a_job_logs_carries_its_job_id(app, caplog):
    enqueue_after_commit(log_a_line, "traced", job_id="trace-me-1")
    db.session.commit()
    with caplog.at_level(logging.WARNING, logger="innovation.test"):
        run_worker(app, burst=True, fork=False)
    lines = [record for record in caplog.records if record.name == "innovation.test"]
    assert [record.job for record in lines] == [" [job trace-me-1]"]
    formatted = logging.Formatter("%(name)s%(job)s: %(message)s").format(lines[0])
    assert formatted == "innovation.test [job trace-me-1]: working on traced"
    outside = logging.getLogRecordFactory()("innovation.test", logging.INFO, __file__, 1, "no job", None, None)
    assert outside.job == ""
