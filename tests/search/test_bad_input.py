"""Hostile and broken search input gets a clear message or an empty page, never a 500."""

import pytest

from .corpus import idea

QUERIES = [
    "",
    "   ",
    "x" * 5000,
    "title:(",
    "*",
    "body:*",
    '"unclosed phrase',
    "-",
    "--",
    "()",
    "a AND OR NOT",
    "'; DROP TABLE ideas; --",
    "<script>alert(1)</script>",
    "\u0000",
    "ñandú ü ß",
    "%",
    "\\",
    "!!:*&|",
]


@pytest.fixture
def indexed(users, search_index):
    idea(users("customer"), "Scheduling assistant for dispatchers")
    search_index.refresh()


def test_api_and_page_never_fail_on_odd_queries(indexed, client):
    for query in QUERIES:
        for kind in ("ideas", "comments", "people"):
            response = client.get("/api/v1/search", query_string={"q": query, "type": kind})
            assert response.status_code in (200, 422), (query, response.get_data(as_text=True)[:300])
            body = response.get_json()
            if response.status_code == 422:
                assert "200 characters" in body["error"]["message"]
            else:
                assert isinstance(body["items"], list) and body["total"] >= 0
        response = client.get("/search", query_string={"q": query})
        assert response.status_code in (200, 422), query
        page = response.get_data(as_text=True)
        assert "<script>alert(1)</script>" not in page
        assert response.status_code == 200 or "at most 200 characters" in page


def test_empty_and_operator_only_queries_ask_for_a_word(indexed, client):
    for query in ("", "*", "title:(", "()"):
        body = client.get("/api/v1/search", query_string={"q": query}).get_json()
        if query == "title:(":
            assert body["message"] == "" and body["total"] == 0  # "title" is a word; nothing has it
        else:
            assert body["items"] == [] and "Type a word" in body["message"]


def test_pages_out_of_range(indexed, client):
    assert client.get("/api/v1/search?q=scheduling&page=0").status_code == 422
    assert client.get("/api/v1/search?q=scheduling&page=-3").status_code == 422
    assert client.get("/api/v1/search?q=scheduling&page=two").get_json()["error"]["fields"]["page"]
    far = client.get(f"/api/v1/search?q=scheduling&page={10**9}").get_json()
    assert far["items"] == [] and far["total"] == 1 and "first 500 pages" in far["message"]
    past_end = client.get("/api/v1/search?q=scheduling&page=3").get_json()
    assert past_end["items"] == [] and past_end["total"] == 1 and "only 1 pages" in past_end["message"]
    page = client.get("/search?q=scheduling&page=0")
    assert page.status_code == 422 and "Pages start at 1" in page.get_data(as_text=True)
    assert client.get(f"/search?q=scheduling&page={10**9}").status_code == 200


def test_unknown_type_and_filters_are_refused_clearly(indexed, client):
    response = client.get("/api/v1/search?q=scheduling&type=secrets")
    assert response.status_code == 422 and "ideas, comments or people" in response.get_json()["error"]["message"]
    assert client.get("/api/v1/search?q=scheduling&status=bogus").status_code == 422
    assert client.get("/api/v1/search?q=scheduling&tag=%3Cb%3E").status_code == 422
    assert client.get("/search?q=scheduling&type=secrets").status_code == 200  # the page falls back to ideas


def test_similar_ideas_with_odd_titles(indexed, client):
    for title in ("", "*", "title:(", "x" * 140, "<script>", "the of and", "nul\u0000byte", "\x01\x02"):
        response = client.get("/api/v1/ideas/similar", query_string={"title": title})
        assert response.status_code == 200 and isinstance(response.get_json()["items"], list)
    assert client.get("/api/v1/ideas/similar", query_string={"title": "x" * 5000}).status_code == 422
