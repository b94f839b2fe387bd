"""Short-lived caches: anonymous pages and tag clouds are shared for a few seconds; signed-in
people and pages with messages always get fresh HTML."""

from innovation.extensions import db
from innovation.ideas.services import submit_idea
from innovation.platform.jobs import get_redis


def test_anonymous_list_is_cached_but_signed_in_people_see_fresh_pages(app, client, auth, users):
    app.config["CACHE_DISABLED"] = False
    author = users("employee")
    submit_idea(author, title="First idea on the list")
    db.session.commit()
    assert "First idea on the list" in client.get("/ideas").get_data(as_text=True)
    submit_idea(author, title="Second idea, after the cache", tags=["fresh-tag"])
    db.session.commit()
    cached = client.get("/ideas").get_data(as_text=True)
    assert "Second idea, after the cache" not in cached  # the same HTML for a few seconds
    auth.login(author.email)
    fresh = client.get("/ideas").get_data(as_text=True)
    assert "Second idea, after the cache" in fresh
    get_redis().flushdb()  # the seconds have passed
    auth.logout()
    client.get("/")  # consume the "signed out" message
    assert "Second idea, after the cache" in client.get("/ideas").get_data(as_text=True)


def test_pages_carrying_a_message_are_not_cached(app, client, users):
    app.config["CACHE_DISABLED"] = False
    idea = submit_idea(users("employee"), title="A page for a flash")
    db.session.commit()
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "Only for this visitor")]
    assert "Only for this visitor" in client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Only for this visitor" not in client.get(f"/ideas/{idea.id}").get_data(as_text=True)


def test_cache_survives_a_redis_outage(app, client, users):
    app.config["CACHE_DISABLED"] = False
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    app.extensions.pop("redis_client", None)
    submit_idea(users("employee"), title="Served without Redis")
    db.session.commit()
    response = client.get("/ideas")
    assert response.status_code == 200 and "Served without Redis" in response.get_data(as_text=True)


def test_anonymous_idea_page_is_cached_and_sets_no_cookie(app, client, users):
    app.config["CACHE_DISABLED"] = False
    author = users("employee")
    idea = submit_idea(author, title="A page worth caching")
    db.session.commit()
    first = client.get(f"/ideas/{idea.id}")
    assert "Set-Cookie" not in first.headers
    from innovation.ideas.comments import add_comment

    add_comment(author, idea.id, "A comment after the first view")
    db.session.commit()
    assert "A comment after the first view" not in client.get(f"/ideas/{idea.id}").get_data(as_text=True)


def test_anonymous_api_answers_are_cached_as_json(app, client, users):
    app.config["CACHE_DISABLED"] = False
    first = client.get("/api/v1/search?q=nothing-yet")
    assert get_redis().get("innovation:cache:api:public:/api/v1/search?q=nothing-yet") is not None
    again = client.get("/api/v1/search?q=nothing-yet")
    assert first.mimetype == again.mimetype == "application/json"
    assert again.get_json() == first.get_json() and again.get_json()["total"] == 0
