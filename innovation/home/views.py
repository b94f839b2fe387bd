"""Home page and the load balancer's probes."""

from flask import Response, current_app, render_template
from flask_login import current_user
from sqlalchemy import text

from ..extensions import db, limiter
from ..platform.jobs import get_redis
from . import bp, queries


@bp.route("/")
def home():
    viewer = current_user._get_current_object() if current_user.is_authenticated else None
    return render_template("home/home.html", **queries.home_page(viewer))


@bp.route("/healthz")
@limiter.exempt
def healthz():
    # The baseline of every benchmark: no database, no session, no template.
    return Response("ok", mimetype="text/plain")


@bp.route("/readyz")
@limiter.exempt
def readyz():
    problems = []
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as exc:  # any driver error means "not ready", never a 500
        current_app.logger.warning("readyz: database: %s", exc)
        problems.append("database")
    finally:
        db.session.rollback()
    try:
        get_redis().ping()
    except Exception as exc:
        current_app.logger.warning("readyz: redis: %s", exc)
        problems.append("redis")
    if problems:
        return Response("not ready: " + ", ".join(problems), status=503, mimetype="text/plain")
    return Response("ok", mimetype="text/plain")
