"""Possible duplicates on submit: shown before anything is saved; publishing again confirms."""
from sqlalchemy import func, select

from innovation.extensions import db
from innovation.ideas.models import Idea

from ..conftest import csrf_from
from .corpus import idea


def test_submit_shows_possible_duplicates_first(client, auth, users, search_index):
    customer = users("customer")
    existing = idea(users("employee"), "Let technicians attach photos to jobs")
    search_index.refresh()
    auth.login(customer.email)
    token = csrf_from(client.get("/ideas/new").get_data(as_text=True))
    form = {"csrf_token": token, "title": "Technicians should attach photos", "body": "", "tags": "",
            "visibility": "public"}
    first = client.post("/ideas/new", data=form)
    page = first.get_data(as_text=True)
    assert first.status_code == 200 and "Before you publish" in page and "Publish anyway" in page
    assert f'href="/ideas/{existing.id}"' in page
    assert db.session.scalar(select(func.count(Idea.id))) == 1  # nothing saved yet

    confirmed = client.post("/ideas/new", data={**form, "duplicates_checked": "1"})
    assert confirmed.status_code == 302
    assert db.session.scalar(select(func.count(Idea.id))) == 2


def test_a_distinct_title_is_published_at_once(client, auth, users, search_index):
    idea(users("employee"), "Let technicians attach photos to jobs")
    search_index.refresh()
    auth.login(users("customer").email)
    token = csrf_from(client.get("/ideas/new").get_data(as_text=True))
    response = client.post("/ideas/new", data={"csrf_token": token, "title": "Dark mode for the dispatch board",
                                               "body": "", "tags": "", "visibility": "public"})
    assert response.status_code == 302
