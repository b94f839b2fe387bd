"""Short-lived caches in Redis for what many people read and nobody needs to the second:
tag clouds, list totals, and whole pages for anonymous visitors. A Redis outage only
means computing again."""

import json
import logging
from functools import wraps
from typing import cast

import redis
from flask import Response, current_app, g, request, session
from flask_login import current_user

from .jobs import get_redis

log = logging.getLogger(__name__)


def cached_json(key: str, seconds: int, compute):
    """compute() once per `seconds` for everyone who asks for `key`."""
    if current_app.config.get("CACHE_DISABLED"):
        return compute()
    full_key = f"innovation:cache:{key}"
    try:
        hit = get_redis().get(full_key)
        if hit is not None:
            return json.loads(cast(bytes, hit))
    except redis.RedisError as exc:
        log.warning("cache unavailable: %s", exc)
        return compute()
    value = compute()
    try:
        get_redis().setex(full_key, seconds, json.dumps(value))
    except redis.RedisError:
        pass
    return value


def _cacheable_request() -> bool:
    return (
        request.method == "GET"
        and not current_user.is_authenticated
        and "_flashes" not in session
        and not current_app.config.get("CACHE_DISABLED")
    )


def anonymous_page_cache(seconds: int):
    """Serve the same page (HTML or JSON) to every anonymous visitor for a few seconds. Signed-in people,
    pages with a pending flash message and pages that minted a CSRF token are never cached."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not _cacheable_request():
                return view(*args, **kwargs)
            key = f"innovation:page:{request.full_path}"
            try:
                hit = cast(bytes | None, get_redis().get(key))
            except redis.RedisError:
                hit = None
            if hit is not None:
                mimetype, _, body = hit.partition(b"\n")
                return Response(body, mimetype=mimetype.decode())
            response = current_app.make_response(view(*args, **kwargs))
            if response.status_code == 200 and not session.modified and not g.get("csrf_token"):
                try:
                    get_redis().setex(key, seconds, (response.mimetype or "").encode() + b"\n" + response.get_data())
                except redis.RedisError:
                    pass
            return response

        return wrapper

    return decorate
