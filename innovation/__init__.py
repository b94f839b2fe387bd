"""Innovation Commons: customers and employees co-creating ideas and deciding together."""
import logging

from flask import Flask, request

from . import jobs
from .config import Config, instance_path_from_env
from .extensions import csrf, db, limiter, login_manager, migrate


def create_app(config=None) -> Flask:
    """Build the app. `config` is a Config instance, a mapping of overrides, or None."""
    instance_path = getattr(config, "INSTANCE_PATH", None) or instance_path_from_env()
    app = Flask(__name__, instance_relative_config=True, instance_path=instance_path,
                template_folder="../templates", static_folder="../static")
    if config is None or isinstance(config, dict):
        app.config.from_object(Config(app.instance_path))
        app.config.update(config or {})
    else:
        app.config.from_object(config)
    logging.basicConfig(level=app.config.get("LOG_LEVEL", "INFO"),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    jobs.configure_redis(app)
    from .search.index import check_backend_config

    check_backend_config(app)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"), render_as_batch=True)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = "Please sign in to continue."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    csrf.init_app(app)
    limiter.init_app(app)

    _register_blueprints(app)
    _register_hooks(app)
    from .cli import register_cli

    register_cli(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from . import models  # noqa: F401  (every model registered before Alembic looks)
    from .accounts import bp as accounts_bp
    from .admin import bp as admin_bp
    from .api import bp as api_bp
    from .core import bp as core_bp
    from .decisions import bp as decisions_bp
    from .ideas import bp as ideas_bp
    from .notifications import bp as notifications_bp
    from .notifications.outbox import connect_listeners
    from .search import bp as search_bp
    from .search.listeners import connect_listeners as connect_search_listeners

    connect_listeners()
    connect_search_listeners()
    for blueprint in (core_bp, accounts_bp, admin_bp, ideas_bp, decisions_bp, notifications_bp, search_bp, api_bp):
        app.register_blueprint(blueprint)


def _register_hooks(app: Flask) -> None:
    from . import security
    from .error_pages import register_error_handlers
    from .templating import register_template_helpers

    register_error_handlers(app)
    register_template_helpers(app)
    app.after_request(security.set_security_headers)

    @app.before_request
    def start_embedded_redis():
        # The rate limiter's storage must answer before the first limited request.
        if request.endpoint not in ("core.healthz", "static"):
            jobs.ensure_redis_started(app)
