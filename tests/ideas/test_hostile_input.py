"""36 hostile inputs in titles, bodies, comments, names and tags render inert everywhere."""

import pytest

from innovation.extensions import db
from innovation.ideas import comments, services

from .helpers import Api
from .hostile import PAYLOADS, assert_inert

PAGES = ("/", "/ideas", "/ideas?sort=new", "/roadmap")


@pytest.fixture
def hostile_site(app, users):
    """Every payload as a person's name, an idea's title and body, and a comment and reply."""
    pm = users("pm")
    ideas = []
    for number, payload in enumerate(PAYLOADS):
        person = users("customer" if number % 2 else "employee", name=(payload[:70] or "x") + f" {number}")
        title = (payload + " idea")[:140] if len(payload) >= 2 else f"Hostile {payload}"
        idea = services.submit_idea(person, title=title, body=f"Body {number}: {payload}\n\n{payload}")
        top = comments.add_comment(person, idea.id, payload)
        comments.add_comment(pm, idea.id, f"Reply with {payload}", top.id)
        if number % 3 == 0:
            services.change_status(pm, idea.id, "planned", payload)
        ideas.append((idea.id, person.id))
    db.session.commit()
    return ideas


def test_payloads_count():
    assert len(PAYLOADS) >= 30


def test_every_page_renders_payloads_inert(client, users, auth, hostile_site):
    viewer = users("pm")
    auth.login(viewer.email)  # a pm sees the most: moderation tools, history, merge targets
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_inert(response.get_data(as_text=True), path)
    for idea_id, person_id in hostile_site:
        for path in (f"/ideas/{idea_id}", f"/people/{person_id}", f"/ideas/{idea_id}/edit"):
            response = client.get(path)
            assert response.status_code == 200, path
            assert_inert(response.get_data(as_text=True), path)


def test_api_html_fields_are_inert(client, hostile_site):
    api = Api(client)
    for idea_id, _person in hostile_site:
        idea = api.get(f"/ideas/{idea_id}").get_json()
        assert_inert(idea["body_html"], f"idea {idea_id}")
        for comment in api.get(f"/ideas/{idea_id}/comments").get_json()["items"]:
            assert_inert(comment["body_html"], f"comment {comment['id']}")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_tags_are_refused(client, users, payload):
    api = Api(client, users("employee"))
    response = api.post("/ideas", json={"title": "A fine title here", "tags": [payload]})
    assert response.status_code == 422
