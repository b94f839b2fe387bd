"""Every search test runs against each backend the database allows: Whoosh always, and
PostgreSQL full text when the tests run on PostgreSQL (CI does both)."""

import pytest

from innovation.extensions import db
from innovation.search.index import get_backend
from innovation.search.jobs import index_pending, rebuild_index

from ..conftest import TEST_DATABASE_URL

BACKENDS = ["whoosh", "postgres"] if TEST_DATABASE_URL else ["whoosh"]


@pytest.fixture(params=BACKENDS, autouse=True)
def search_backend_name(request, app):
    app.config["SEARCH_BACKEND"] = request.param
    app.extensions.pop("search_backend", None)
    return request.param


class SearchIndex:
    """The index as the worker keeps it: `refresh()` runs the indexing job in-process."""

    def refresh(self) -> int:
        db.session.commit()
        return index_pending()

    def rebuild(self) -> dict:
        db.session.commit()
        return rebuild_index()

    @property
    def backend(self):
        return get_backend()


@pytest.fixture
def search_index(search_backend_name):
    return SearchIndex()
