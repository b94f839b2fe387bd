"""Plumbing that knows no feature: database helpers and upserts, the commit point, errors and
their pages, caching, e-mail transport, markdown rendering, security headers, jobs (queues,
worker, periodic ticker, embedded Redis), web helpers, pagination and templating helpers.

No module here imports a feature package (tests/test_layout.py checks the imports); features
build on it and register their own routes, commands, listeners and context processors.
"""

from flask import Flask, g, request


def init_app(app: Flask) -> None:
    from . import cli, error_pages, jobs, security, sqlite, templating
    from .input import DatabaseIdConverter
    from .transaction import SAFE_METHODS

    # Before any feature adds a route: every `<int:…>` is a database id (platform/input.py).
    app.url_map.converters["int"] = DatabaseIdConverter
    error_pages.register_error_handlers(app)
    templating.register_template_helpers(app)
    app.after_request(security.set_security_headers)
    cli.register_cli(app)

    @app.before_request
    def declare_write_intent():
        # A request that may write takes SQLite's write lock at its first statement (sqlite.py).
        g.sqlite_write_intent = sqlite.set_write_intent(request.method not in SAFE_METHODS)

    @app.teardown_request
    def forget_write_intent(_error=None):
        token = g.pop("sqlite_write_intent", None)
        if token is not None:
            sqlite.reset_write_intent(token)

    @app.before_request
    def start_embedded_redis():
        # The rate limiter's storage must answer before the first limited request.
        if request.endpoint not in ("home.healthz", "static"):
            jobs.ensure_redis_started(app)
