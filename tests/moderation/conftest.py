"""Moderation tests run their search checks against each backend the database allows (the
same switch as tests/search: Whoosh always, PostgreSQL full text on PostgreSQL)."""

import pytest

from innovation.extensions import db
from innovation.search.jobs import index_pending

from ..search.conftest import BACKENDS


@pytest.fixture(params=BACKENDS)
def search_backend_name(request, app):
    app.config["SEARCH_BACKEND"] = request.param
    app.extensions.pop("search_backend", None)
    return request.param


def refresh_index() -> int:
    """The indexing job, run in-process as the worker would after the commit."""
    db.session.commit()
    return index_pending()
