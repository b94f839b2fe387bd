"""After a password change, "sign out everywhere" or a deactivation, the very next request with
an old token or session cookie is refused on every web node: two gunicorn servers (two worker
processes each) on the same database, as behind a load balancer. Each node has served the
credentials before the change, so a per-process cache would show here."""

import re

import pytest
import requests

from ..factories import DEFAULT_PASSWORD
from .conftest import GunicornServer, call, in_parallel

NEW_PASSWORD = "saffron-lantern-2291"
REQUESTS_PER_NODE = 8  # at once, each on its own connection: both worker processes of a node answer
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')

pytestmark = pytest.mark.slow


@pytest.fixture
def nodes(app, tmp_path):
    from innovation.extensions import db

    db.session.commit()
    servers = []
    try:
        for name in ("node-a", "node-b"):
            (tmp_path / name).mkdir()
            servers.append(GunicornServer(app, tmp_path / name))
            servers[-1].start()
        yield servers
    finally:
        for server in servers:
            server.stop()


def browser(node, email: str, password: str = DEFAULT_PASSWORD) -> requests.Session:
    """A browser signed in on `node` through the real form."""
    session = requests.Session()
    session.post(
        node.url + "/login", data={"email": email, "password": password, "csrf_token": csrf(session, node, "/login")}
    )
    assert session.get(node.url + "/settings", allow_redirects=False).status_code == 200
    return session


def csrf(session: requests.Session, node, path: str) -> str:
    match = CSRF.search(session.get(node.url + path).text)
    assert match, f"{path} has no form token"
    return match.group(1)


def token_statuses(nodes, token: str) -> list[int]:
    """The old token sent REQUESTS_PER_NODE times at once to every node."""
    return in_parallel([lambda node=node: call(node, "GET", "/me", token)[0] for node in nodes] * REQUESTS_PER_NODE)


def cookie_statuses(nodes, session: requests.Session) -> list[int]:
    return [session.get(node.url + "/api/v1/me").status_code for node in nodes for _ in range(3)]


def change_password(node, session):
    return session.post(
        node.url + "/settings/password",
        data={
            "pw-current_password": DEFAULT_PASSWORD,
            "pw-new_password": NEW_PASSWORD,
            "csrf_token": csrf(session, node, "/settings"),
        },
        allow_redirects=False,
    )


def sign_out_everywhere(node, session):
    return session.post(
        node.url + "/settings/sign-out-everywhere",
        data={"csrf_token": csrf(session, node, "/settings")},
        allow_redirects=False,
    )


def deactivate(node, person_id: int, admin):
    return admin.post(
        node.url + f"/admin/users/{person_id}/deactivate",
        data={"csrf_token": csrf(admin, node, "/admin/")},
        allow_redirects=False,
    )


@pytest.mark.parametrize("revocation", ["password_change", "sign_out_everywhere", "deactivation"])
def test_old_tokens_and_cookies_die_on_every_node_at_the_next_request(app, users, nodes, revocation):
    node_a, node_b = nodes
    person, admin = users("employee"), users("admin")
    script = requests.post(
        node_b.url + "/api/v1/auth/token", json={"email": person.email, "password": DEFAULT_PASSWORD}, timeout=30
    )
    token = script.json()["token"]
    actor = browser(node_a, person.email)  # the device that acts
    other_device = browser(node_b, person.email)
    assert set(token_statuses(nodes, token)) == {200}  # every node has served the token
    assert set(cookie_statuses(nodes, other_device)) == {200}

    if revocation == "password_change":
        done = change_password(node_a, actor)
    elif revocation == "sign_out_everywhere":
        done = sign_out_everywhere(node_a, actor)
    else:
        done = deactivate(node_a, person.id, browser(node_a, admin.email))
    assert done.status_code == 302

    assert set(token_statuses(nodes, token)) == {401}
    assert set(cookie_statuses(nodes, other_device)) == {401}
    if revocation == "password_change":  # the device that changed it stays signed in, on both nodes
        assert set(cookie_statuses(nodes, actor)) == {200}
    else:
        assert set(cookie_statuses(nodes, actor)) == {401}
    assert not node_a.errors() and not node_b.errors()


def test_api_sign_out_everywhere_on_one_node_kills_the_token_on_the_other(app, users, nodes):
    node_a, node_b = nodes
    person = users("customer")
    tokens = [
        requests.post(
            node.url + "/api/v1/auth/token", json={"email": person.email, "password": DEFAULT_PASSWORD}, timeout=30
        ).json()["token"]
        for node in nodes
    ]
    assert set(token_statuses(nodes, tokens[1])) == {200}
    assert call(node_a, "POST", "/auth/sign-out-everywhere", tokens[0]) == (200, {"revoked_tokens": 2})
    assert set(token_statuses(nodes, tokens[0]) + token_statuses(nodes, tokens[1])) == {401}
    assert not node_a.errors() and not node_b.errors()
