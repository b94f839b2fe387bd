"""Admins see the index's state and can rebuild it in the background; nobody else can."""

import pytest

from innovation.extensions import db
from innovation.platform.jobs import get_queue
from innovation.platform.worker import run_worker
from innovation.search.services import search_content

from ..conftest import csrf_from
from .corpus import idea


def test_admin_sees_the_index_and_rebuilds_it(app, client, auth, users, search_index):
    admin = users("admin")
    created_id = idea(users("customer"), "Rebuild me from the admin page").id
    search_index.refresh()
    idea(users("customer"), "Still waiting for the indexing job")
    auth.login(admin.email)
    page = client.get("/admin/").get_data(as_text=True)
    assert "Search index" in page and "1 documents" in page and "Waiting to be indexed" in page
    token = csrf_from(page)
    response = client.post("/admin/search/reindex", data={"csrf_token": token})
    assert response.status_code == 302 and get_queue("search").count >= 1
    run_worker(app, burst=True)
    db.session.remove()
    assert [item["id"] for item in search_content(None, "rebuild").items] == [created_id]
    assert search_content(None, "waiting").total == 1
    assert "2 documents" in client.get("/admin/").get_data(as_text=True)


@pytest.mark.parametrize("role", ["customer", "employee", "pm"])
def test_only_admins_may_rebuild(client, auth, users, role):
    person = users(role)
    auth.login(person.email)
    token = csrf_from(client.get("/settings").get_data(as_text=True))
    assert client.post("/admin/search/reindex", data={"csrf_token": token}).status_code == 403
