"""The commit point: a view's work is committed when it returns and rolled back when it
raises; a refusal the page shows itself rolls back the work so far, and what the view does
after it (e.g. an audit row) is committed."""

import pytest
from sqlalchemy import select

from innovation.accounts.models import AuditEvent
from innovation.extensions import csrf, db
from innovation.platform.errors import Conflict
from innovation.platform.web import Blueprint, attempt


def saved_actions() -> list[str]:
    db.session.rollback()
    return list(
        db.session.scalars(select(AuditEvent.action).where(AuditEvent.action.like("probe%")).order_by(AuditEvent.id))
    )


def write(action: str) -> None:
    db.session.add(AuditEvent(action=action))
    db.session.flush()


def write_then_refuse() -> None:
    write("probe-refused-part")
    raise Conflict("Refused after writing.")


@pytest.fixture
def probe_client(app):
    bp = Blueprint("probe", __name__)

    @bp.route("/probe/<action>", methods=["GET", "POST"])
    def probe(action: str):
        write(f"probe-{action}")
        if action == "refuse":
            raise Conflict("Refused.")
        if action == "crash":
            raise RuntimeError("boom")
        if action == "shown":
            _result, refusal = attempt(write_then_refuse)
            write("probe-after-refusal")
            return refusal.message, 409
        return "ok"

    csrf.exempt(bp)
    app.register_blueprint(bp)
    return app.test_client()


def test_a_view_that_returns_is_committed(probe_client):
    assert probe_client.post("/probe/done").status_code == 200
    assert probe_client.get("/probe/read").status_code == 200  # a GET that wrote is committed too
    assert saved_actions() == ["probe-done", "probe-read"]


def test_a_refusal_rolls_everything_back(probe_client):
    assert probe_client.post("/probe/refuse").status_code == 409
    assert saved_actions() == []


def test_an_error_rolls_everything_back(probe_client):
    with pytest.raises(RuntimeError):  # TESTING propagates; in production the 500 page
        probe_client.post("/probe/crash")
    assert saved_actions() == []


def test_a_refusal_the_page_shows_rolls_back_and_what_follows_commits(probe_client):
    response = probe_client.post("/probe/shown")
    assert response.status_code == 409
    assert saved_actions() == ["probe-after-refusal"]
