"""Innovation Commons: customers and employees co-creating ideas and deciding together."""

import logging
from importlib import import_module

from flask import Flask

from .config import Config, instance_path_from_env
from .extensions import csrf, db, limiter, login_manager, migrate
from .platform import sqlite  # noqa: F401  (SQLite's transactions, before any connection)
from .platform.jobs import configure_redis, install_job_logging

# Each feature package has `init_app(app)`, which registers its blueprint, CLI commands,
# event listeners and context processors. The order is the order of their blueprints.
FEATURES = (
    "home",
    "accounts",
    "admin",
    "people",
    "ideas",
    "voting",
    "decisions",
    "notifications",
    "search",
    "api",
    "demo",
)


def create_app(config=None) -> Flask:
    """Build the app. `config` is a Config instance, a mapping of overrides, or None."""
    instance_path = getattr(config, "INSTANCE_PATH", None) or instance_path_from_env()
    app = Flask(
        __name__,
        instance_relative_config=True,
        instance_path=instance_path,
        template_folder="../templates",
        static_folder="../static",
    )
    if config is None or isinstance(config, dict):
        app.config.from_object(Config(app.instance_path))
        app.config.update(config or {})
    else:
        app.config.from_object(config)
    install_job_logging()  # before any handler formats a record: the format names `job`
    logging.basicConfig(
        level=app.config.get("LOG_LEVEL", "INFO"), format="%(asctime)s %(levelname)s %(name)s%(job)s: %(message)s"
    )
    configure_redis(app)  # before the rate limiter reads its storage URL
    _init_extensions(app)
    from . import platform

    platform.init_app(app)
    for name in FEATURES:
        import_module(f".{name}", __name__).init_app(app)
    return app


def _init_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"), render_as_batch=True)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = "Please sign in to continue."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    csrf.init_app(app)
    limiter.init_app(app)
