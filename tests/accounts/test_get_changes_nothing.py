"""Nothing changes state on GET: every GET route of the app, as a visitor and as each role, on
the demo data (rounds in every state, ideas public and internal, comments, notifications), with
real links for the token routes, leaves every row of every table as it was.

A route added later is walked too (its path arguments are filled from the table of the same
name), so a new GET that writes fails here. The documented exceptions, and only they:
- `audit_events`: an `access_denied` row for a refused request (the evidence of the refusal);
- `notifications` on `/notifications/<id>/open`: opening your own notification marks it read
  (the link in the list is the "read" action; nobody else's notification can be touched).
"""

import itertools
import json

import pytest
from sqlalchemy import inspect, select, text
from werkzeug.routing import IntegerConverter

from innovation.accounts import invitations
from innovation.accounts.models import User
from innovation.extensions import db
from innovation.notifications.tokens import unsubscribe_token, verification_token
from innovation.platform.input import DatabaseIdConverter
from innovation.platform.worker import run_worker

from ..conftest import AuthActions

DEMO_PASSWORD = "commons-demo-2026"
ROLES = ("visitor", "customer", "employee", "pm", "admin")
# A path argument's values come from the table it names (`idea_id` → ideas); these are the others.
TABLE_OF = {"user_id": "users", "a_id": "users", "b_id": "users"}
EXTRA_QUERIES = ("/search?q=onboarding", "/api/v1/search?q=onboarding", "/experts?q=onboarding", "/ideas?sort=top")
MAX_URLS_PER_RULE = 8

pytestmark = pytest.mark.slow


def hashable(value):
    return json.dumps(value, sort_keys=True) if isinstance(value, dict | list) else value


def snapshot() -> dict[str, set[tuple]]:
    db.session.rollback()  # read what the requests committed
    return {
        name: {tuple(hashable(value) for value in row) for row in db.session.execute(text(f'SELECT * FROM "{name}"'))}
        for name in inspect(db.engine).get_table_names()  # as migrated (some differ per database)
    }


def changes(before: dict, after: dict, endpoint: str | None) -> dict[str, tuple[set, set]]:
    """Per table, (rows gone, rows new), without the documented exceptions."""
    found = {}
    for name, rows in after.items():
        gone, new = before[name] - rows, rows - before[name]
        if name == "audit_events" and not gone:
            action = [column["name"] for column in inspect(db.engine).get_columns(name)].index("action")
            new = {row for row in new if row[action] != "access_denied"}
        if name == "notifications" and endpoint == "notifications.open_one":
            continue
        if gone or new:
            found[name] = (gone, new)
    return found


def ids_of(table: str) -> list[int]:
    ids = list(db.session.scalars(text(f'SELECT id FROM "{table}" ORDER BY id')))
    return sorted(set(ids[:2] + ids[-2:]))


def token_for(endpoint: str, viewer: User | None, someone: User) -> str:
    person = viewer or someone
    if endpoint == "accounts.accept_invite":
        invitation = invitations.invite_employee(someone, "walker@example.org")
        db.session.commit()
        return invitations.invitation_token(invitation)
    if endpoint == "notifications.unsubscribe":
        return unsubscribe_token(person.id, "digest")
    if endpoint == "notifications.verify":
        return verification_token(person.id, person.email)
    return "not-a-token"


def urls_of(app, viewer: User | None, admin: User) -> list[tuple[str, str]]:
    """(endpoint, path) for every GET route, its arguments filled with existing ids."""
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        choices = {}
        for name, converter in rule._converters.items():
            if isinstance(converter, IntegerConverter | DatabaseIdConverter):
                table = TABLE_OF.get(name, name.removesuffix("_id") + "s")
                choices[name] = ids_of(table) if table in db.metadata.tables else [1]
            else:
                choices[name] = [token_for(rule.endpoint, viewer, admin)]
        combos = itertools.product(*choices.values())
        with app.test_request_context():
            from flask import url_for

            for combo in itertools.islice(combos, MAX_URLS_PER_RULE):
                urls.append((rule.endpoint, url_for(rule.endpoint, **dict(zip(choices, combo, strict=True)))))
    return urls + [(None, path) for path in EXTRA_QUERIES]


@pytest.fixture
def demo(app, runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    run_worker(app, burst=True, fork=False)  # the notifications the demo's events fan out to
    db.session.commit()


@pytest.mark.parametrize("role", ROLES)
def test_no_get_route_changes_any_row(app, client, demo, role):
    admin = db.session.scalar(select(User).where(User.email == "admin@demo.brightfield.example"))
    viewer = None
    if role != "visitor":
        viewer = db.session.scalar(select(User).where(User.email == f"{role}@demo.brightfield.example"))
        assert AuthActions(client).login(viewer.email, DEMO_PASSWORD).status_code == 302
    walked = urls_of(app, viewer, admin)
    assert len(walked) > 60
    statuses = set()
    for endpoint, path in walked:
        before = snapshot()
        response = client.get(path)
        statuses.add(response.status_code)
        assert response.status_code < 500, (path, response.status_code)
        changed = changes(before, snapshot(), endpoint)
        assert not changed, f"GET {path} as {role} changed {changed}"
    assert 200 in statuses
