"""Possible duplicates on submit: shown before anything is saved; publishing again confirms."""

from bs4 import BeautifulSoup
from sqlalchemy import func, select

from innovation.extensions import db
from innovation.ideas.models import Idea
from innovation.search.services import related_ideas

from ..conftest import csrf_from
from .corpus import idea


def test_submit_shows_possible_duplicates_first(client, auth, users, search_index):
    customer = users("customer")
    existing = idea(users("employee"), "Let technicians attach photos to jobs")
    search_index.refresh()
    auth.login(customer.email)
    token = csrf_from(client.get("/ideas/new").get_data(as_text=True))
    form = {
        "csrf_token": token,
        "title": "Technicians should attach photos",
        "body": "",
        "tags": "",
        "visibility": "public",
    }
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
    response = client.post(
        "/ideas/new",
        data={
            "csrf_token": token,
            "title": "Dark mode for the dispatch board",
            "body": "",
            "tags": "",
            "visibility": "public",
        },
    )
    assert response.status_code == 302


def test_related_ideas_are_possible_duplicates_then_ideas_sharing_tags(client, auth, users, search_index):
    customer, employee = users("customer"), users("employee")
    subject = idea(employee, "Let technicians attach photos to jobs", tags=["mobile", "photos"])
    duplicate = idea(customer, "Technicians should attach photos to jobs")
    both_tags = idea(customer, "Offline mode in basements", tags=["photos", "mobile"])
    one_tag = idea(customer, "Bigger buttons in the app", tags=["mobile"])
    newer_one_tag = idea(customer, "Scan barcodes of spare parts", tags=["mobile"])
    idea(customer, "Dark mode for the dispatch board", tags=["ux"])
    secret = idea(employee, "Internal pricing of the photo add-on", tags=["mobile", "photos"], visibility="internal")
    search_index.refresh()

    related = related_ideas(customer, subject)
    assert [item["id"] for item in related] == [duplicate.id, both_tags.id, newer_one_tag.id, one_tag.id]
    assert [item["shared_tags"] for item in related] == [[], ["mobile", "photos"], ["mobile"], ["mobile"]]
    assert [item["id"] for item in related_ideas(employee, subject)][:3] == [duplicate.id, secret.id, both_tags.id]
    assert len(related_ideas(employee, subject, limit=2)) == 2

    page = client.get(f"/ideas/{subject.id}").get_data(as_text=True)
    box = BeautifulSoup(page, "html.parser").select_one("#related")
    assert [a["href"] for a in box.select("a")] == [f"/ideas/{item['id']}" for item in related]
    assert "similar title" in box.text and "shares #mobile, #photos" in " ".join(box.text.split())
    assert secret.title not in page
