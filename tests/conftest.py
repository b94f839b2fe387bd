"""Fixtures: an app per test on a fresh database (SQLite file, or PostgreSQL when
TEST_DATABASE_URL is set) and a real Redis (embedded, or TEST_REDIS_URL). No mocks.

Under pytest-xdist (`make test` runs `-n auto`) every worker has a database and a Redis of its
own: on PostgreSQL the database `<name>_gwN` on the same server, with TEST_REDIS_URL the Redis
database number given minus N (CI's /15 gives 15, 14, …), otherwise its own embedded Redis."""

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
import redis
from flask import Flask
from flask.globals import _cv_app
from flask.testing import FlaskClient
from sqlalchemy import create_engine, make_url, text

from innovation import create_app
from innovation.config import TestConfig, _normalize_database_url
from innovation.extensions import db
from innovation.platform.redis_server import EmbeddedRedis

from .factories import DEFAULT_PASSWORD, UserFactory
from .ports import worker_index

XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER")  # gw0, gw1, … inside a pytest-xdist worker


def worker_database_url(url: str | None) -> str | None:
    """The given PostgreSQL URL, or under xdist the same server's database `<name>_<worker>`."""
    if not url or not XDIST_WORKER:
        return url
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{XDIST_WORKER}").render_as_string(hide_password=False)


def worker_redis_url(url: str | None) -> str | None:
    """The given Redis URL, or under xdist its database number minus the worker's number."""
    if not url or not XDIST_WORKER:
        return url
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    on_socket = parts.scheme == "unix"  # unix:///path/redis.sock?db=N; otherwise redis://host:port/N
    number = int((query.get("db", ["0"])[0] if on_socket else parts.path.strip("/")) or 0) - worker_index()
    if number < 0:
        pytest.fail(
            f"TEST_REDIS_URL={url}: worker {XDIST_WORKER} would need Redis database {number}; "
            "give a higher database number (such as /15) or fewer workers (-n)",
            pytrace=False,
        )
    if on_socket:
        return f"unix://{parts.path}?{urlencode({**query, 'db': [number]}, doseq=True)}"
    return urlunsplit(parts._replace(path=f"/{number}"))


TEST_DATABASE_URL = worker_database_url(os.environ.get("TEST_DATABASE_URL"))
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL")


def migrate_to_head(database_url: str, instance: Path, redis_url: str) -> None:
    from flask_migrate import upgrade

    app = create_app(TestConfig(str(instance), database_url, redis_url))
    with app.app_context():
        upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    if TEST_REDIS_URL:
        yield worker_redis_url(TEST_REDIS_URL)
        return
    server = EmbeddedRedis(str(tmp_path_factory.mktemp("redis")))
    server.ensure(daemonize=False)
    yield server.url
    server.stop()


def create_database(url: str, via: str) -> None:
    """Create the database of `url` unless it exists, connected to the database of `via`."""
    name = make_url(url).database
    engine = create_engine(_normalize_database_url(via), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        if not connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}):
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()


@pytest.fixture(scope="session")
def postgresql_url():
    """This process's PostgreSQL database (created first in an xdist worker), or None for SQLite."""
    if TEST_DATABASE_URL and XDIST_WORKER:
        create_database(TEST_DATABASE_URL, via=os.environ["TEST_DATABASE_URL"])
    return TEST_DATABASE_URL


@pytest.fixture(scope="session")
def database_template(tmp_path_factory, redis_url, postgresql_url):
    """Migrate once per session; each test then gets a copy (SQLite) or a truncation (PostgreSQL)."""
    instance = tmp_path_factory.mktemp("template-instance")
    if postgresql_url:
        engine = create_engine(_normalize_database_url(postgresql_url))
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        migrate_to_head(postgresql_url, instance, redis_url)
        return postgresql_url
    template = instance / "template.db"
    migrate_to_head(f"sqlite:///{template}", instance, redis_url)
    return template


def truncate_all() -> None:
    tables = [table.name for table in db.metadata.sorted_tables]
    if tables:
        db.session.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
        db.session.commit()


@contextmanager
def fresh_app(folder: Path, database_template, redis_url: str, prepare=None) -> Iterator[Flask]:
    """An app on an empty migrated database (a copy of the template on SQLite, this worker's
    database on PostgreSQL, emptied afterwards) and an empty Redis, inside its app context.
    `prepare(app)` runs before the app context (to add routes, for instance)."""
    instance = folder / "instance"
    instance.mkdir(exist_ok=True)
    if TEST_DATABASE_URL:
        database_url = TEST_DATABASE_URL
    else:
        shutil.copy(database_template, folder / "test.db")
        database_url = f"sqlite:///{folder / 'test.db'}"
    redis.Redis.from_url(redis_url).flushdb()
    app = create_app(TestConfig(str(instance), database_url, redis_url))
    if prepare:
        prepare(app)
    with app.app_context():
        try:
            yield app
        finally:
            db.session.remove()
            if TEST_DATABASE_URL:
                truncate_all()
            db.engine.dispose()


@pytest.fixture
def app(tmp_path, database_template, redis_url):
    with fresh_app(tmp_path, database_template, redis_url) as app:
        yield app


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, as in production.

    The `app` fixture keeps an app context open for the test body; without this, Flask would
    reuse it for requests, sharing `g` (the signed-in user) and the database session with them.
    """

    def open(self, *args, **kwargs):
        outer = _cv_app.set(None)
        try:
            return super().open(*args, **kwargs)
        finally:
            _cv_app.reset(outer)


@pytest.fixture
def client(app):
    app.test_client_class = IsolatedClient
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def users(app):
    return UserFactory()


CSRF_PATTERN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = CSRF_PATTERN.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)


class AuthActions:
    """Sign in and out through the real forms (CSRF included)."""

    def __init__(self, client):
        self._client = client

    def csrf(self, path: str = "/login") -> str:
        return csrf_from(self._client.get(path).get_data(as_text=True))

    def login(self, email: str, password: str = DEFAULT_PASSWORD, remember: bool = False):
        data = {"email": email, "password": password, "csrf_token": self.csrf("/login")}
        if remember:
            data["remember"] = "y"
        return self._client.post("/login", data=data)

    def logout(self):
        token = self.csrf("/logout")
        return self._client.post("/logout", data={"csrf_token": token})


@pytest.fixture
def auth(client):
    return AuthActions(client)
