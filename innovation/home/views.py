"""Home page and the load balancer's probes."""

from flask import Response, current_app, render_template
from sqlalchemy import text

from ..extensions import db, limiter
from ..platform.cache import anonymous_page_cache
from ..platform.jobs import get_redis
from ..platform.web import current_viewer
from . import bp, queries


@bp.route("/")
@anonymous_page_cache(5)  # visitors share one page; a member's home is theirs alone, never cached
def home():
    viewer = current_viewer()
    template = "home/member.html" if viewer else "home/home.html"
    return render_template(template, **queries.home_page(viewer))


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
