"""Hostile input is refused at the edge with a clear 4xx, on pages and in the API, never a 500:
numbers beyond the database's range, digits that are not ASCII, control characters and lone
surrogates, invisible-only titles, oversized and deeply nested JSON, the wrong content type,
values outside their enum — and the caller's permission is checked before any of it."""

import json

import pytest

from innovation.extensions import db
from innovation.ideas.services import submit_idea
from innovation.platform.input import DB_INT_MAX, text_pattern, text_problem

from ..conftest import csrf_from
from ..ideas.helpers import Api

BIG = DB_INT_MAX + 1


@pytest.fixture
def idea_id(users):
    idea = submit_idea(users("customer"), title="Attach photos to jobs")
    db.session.commit()
    return idea.id


def error_of(response, status):
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    return response.get_json()["error"]


@pytest.mark.parametrize("raw_id", [str(BIG), "9" * 30, "9" * 5000])
def test_an_id_beyond_the_database_is_the_404_of_a_missing_idea(client, users, idea_id, raw_id):
    missing = error_of(Api(client).get("/ideas/999999"), 404)
    assert error_of(Api(client).get(f"/ideas/{raw_id}"), 404) == missing
    assert error_of(Api(client, users("pm")).post(f"/ideas/{raw_id}/vote"), 404) == missing
    assert client.get(f"/ideas/{raw_id}").status_code == 404  # the page too


@pytest.mark.parametrize("digits", ["١٢", "１２", "²", "-1"])
def test_digits_that_are_not_ascii_are_no_id(client, idea_id, digits):
    assert error_of(Api(client).get(f"/ideas/{digits}"), 404)["code"] == "not_found"
    assert client.get(f"/ideas/{digits}").status_code == 404


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/ideas/{id}/merge", {"into": BIG}, "into"),
        ("/ideas/{id}/comments", {"body": "A reply", "parent_id": 2**63}, "parent_id"),
        ("/notifications/read", {"ids": [1, BIG]}, "ids.1"),
        ("/rounds", {"title": "Big quorum", "method": "approval", "quorum": {"customer": BIG}}, "quorum.customer"),
    ],
)
def test_numbers_beyond_the_database_are_422_naming_the_field(client, users, idea_id, path, body, field):
    error = error_of(Api(client, users("pm")).post(path.format(id=idea_id), json=body), 422)
    assert list(error["fields"]) == [field] and f"`{field}` must be at most {DB_INT_MAX}." in error["message"]


def test_query_numbers_are_ascii_and_bounded(client, idea_id):
    for query in ("limit=１２", "limit=12.0", "limit=%2B5", f"limit={BIG}"):
        assert error_of(client.get(f"/api/v1/ideas/similar?title=photos&{query}"), 422)["fields"].keys() == {"limit"}
    assert error_of(client.get(f"/api/v1/search?q=photos&page={'9' * 5000}"), 422)["fields"].keys() == {"page"}
    assert client.get(f"/api/v1/ideas?page={'9' * 5000}&per_page=-4").get_json()["per_page"] == 1


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("Nul\u0000byte title", "control characters"),
        ("Bell\u0007 ringing", "control characters"),
        ("Two\nlines here", "control characters"),
        ("\u200b\u200b\u200b\u200b\u200b\u200b", "5 visible characters"),
        ("\ufeff \u2060\u00ad\u200d  \u3000", "5 visible characters"),
        ("a    b    ", "5 visible characters"),
    ],
)
def test_titles_with_control_or_only_invisible_characters_are_refused(client, users, title, words):
    error = error_of(Api(client, users("customer")).post("/ideas", json={"title": title}), 422)
    assert list(error["fields"]) == ["title"] and error["message"].startswith("`title` ") and words in error["message"]


def test_multi_line_fields_keep_line_breaks_but_no_other_control_characters(client, users):
    api = Api(client, users("customer"))
    kept = api.post("/ideas", json={"title": "Line breaks stay", "body": "One\n\ttwo\r\nthree"})
    assert kept.status_code == 201 and kept.get_json()["body"] == "One\n\ttwo\r\nthree"
    error = error_of(api.post("/ideas", json={"title": "Escape codes go", "body": "\u001b[31mred"}), 422)
    assert list(error["fields"]) == ["body"]


def test_a_lone_surrogate_is_not_text(client, users, idea_id):
    raw = b'{"title": "Broken \\ud800 unicode here"}'
    error = error_of(Api(client, users("customer")).post("/ideas", data=raw, content_type="application/json"), 422)
    assert list(error["fields"]) == ["title"] and "Unicode" in error["message"]
    raw = b'{"body": "\\udfff"}'
    path = f"/ideas/{idea_id}/comments"
    assert error_of(Api(client, users("employee")).post(path, data=raw, content_type="application/json"), 422)


def test_the_python_rule_and_the_documented_pattern_agree():
    import re

    samples = ["Hello", "a b c d e", "\u200bHello", "Hel\u0000lo", "\u3000\u3000abcde", "x\ty", "x\ny", "é" * 5, ""]
    for multiline in (False, True):
        for minimum in (0, 1, 5):
            pattern = re.compile(text_pattern(multiline=multiline, min_visible=minimum))
            for sample in samples:
                problem = text_problem(sample, multiline=multiline, min_visible=minimum)
                assert (problem is None) == bool(pattern.match(sample)), (sample, multiline, minimum)


def test_json_too_large_too_deep_or_not_json_gets_a_json_error(client, users, idea_id):
    api = Api(client, users("customer"))
    too_large = api.post(
        "/ideas", data=b'{"title": "' + b"x" * (2 * 1024 * 1024) + b'"}', content_type="application/json"
    )
    assert error_of(too_large, 413)["code"] == "too_large"
    deep = {"title": "Deeply nested idea", "tags": None}
    for _ in range(25):
        deep = {"tags": deep}
    assert error_of(api.post("/ideas", json=deep), 400)["code"] == "too_deep"
    abyss = b"[" * 200_000 + b"]" * 200_000  # deeper than Python's parser recurses
    assert error_of(api.post("/ideas", data=abyss, content_type="application/json"), 400)["code"] == "malformed_json"
    assert error_of(api.post("/ideas", data=b"\xff\xfe{", content_type="application/json"), 400)
    form = api.post("/ideas", data={"title": "Sent as a form"})
    assert error_of(form, 415)["code"] == "unsupported_media_type"
    text = api.post("/ideas", data=json.dumps({"title": "Sent as text"}), content_type="text/plain")
    assert error_of(text, 415)["code"] == "unsupported_media_type"


@pytest.mark.parametrize(
    "body",
    [{}, {"title": "\u0000", "method": "nope"}, {"title": 2**80, "quorum": {"customer": -(2**70)}}],
)
def test_permission_comes_before_the_body(client, users, idea_id, body):
    assert error_of(Api(client).post("/rounds", json=body), 401)["code"] == "not_authenticated"
    assert error_of(Api(client, users("customer")).post("/rounds", json=body), 403)["code"] == "forbidden"
    assert error_of(Api(client, users("employee")).post(f"/ideas/{idea_id}/status", json=body), 403)
    raw = b'{"title": "\\ud800", ' + b"[" * 50
    assert error_of(Api(client, users("customer")).post("/rounds", data=raw, content_type="application/json"), 403)


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/ideas", {"title": "Shouting visibility", "visibility": "PUBLIC"}, "visibility"),
        ("/ideas", {"title": "Sneaky visibility", "visibility": "internal "}, "visibility"),
        ("/ideas/{id}/status", {"status": "merged"}, "status"),
        ("/rounds", {"title": "Unknown method", "method": "dictator"}, "method"),
        ("/rounds", {"title": "Unknown access", "method": "score", "eligibility": "friends"}, "eligibility"),
    ],
)
def test_enumerated_fields_take_exactly_their_values(client, users, idea_id, path, body, field):
    error = error_of(Api(client, users("pm")).post(path.format(id=idea_id), json=body), 422)
    assert list(error["fields"]) == [field] and "must be one of" in error["message"]
    assert error_of(client.get("/api/v1/ideas?sort=best"), 422)["fields"].keys() == {"sort"}


def test_a_json_number_with_a_zero_fraction_is_the_integer_it_is(client, users, idea_id):
    rated = Api(client, users("employee")).put(f"/ideas/{idea_id}/rating", json={"value": 4.0})
    assert rated.status_code == 200 and rated.get_json()["my_rating"] == 4


def test_the_document_states_what_the_server_enforces(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    schemas = spec["components"]["schemas"]
    title = schemas["NewIdea"]["properties"]["title"]
    assert (title["minLength"], title["maxLength"]) == (5, 140) and title["pattern"] == text_pattern(min_visible=5)
    assert schemas["NewIdea"]["properties"]["visibility"]["anyOf"][0]["enum"] == ["public", "internal"]
    assert schemas["MergeRequest"]["properties"]["into"]["maximum"] == DB_INT_MAX
    rating = schemas["RatingValue"]["properties"]["value"]
    assert (rating["minimum"], rating["maximum"]) == (1, 5)
    idea_path = spec["paths"]["/ideas/{id}"]["get"]["parameters"][0]["schema"]
    assert idea_path == {"type": "integer", "minimum": 1, "maximum": DB_INT_MAX}
    limit = next(p for p in spec["paths"]["/ideas/similar"]["get"]["parameters"] if p["name"] == "limit")
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, 10)
    assert "415" in spec["paths"]["/ideas"]["post"]["responses"]


def test_a_page_form_with_a_nul_gets_the_form_back(client, users, auth):
    author = users("customer")
    auth.login(author.email)
    token = csrf_from(client.get("/ideas/new").get_data(as_text=True))
    for title, words in (("Nul\u0000in a title", "control characters"), ("\u200b" * 8, "5 visible characters")):
        page = client.post("/ideas/new", data={"title": title, "body": "", "csrf_token": token})
        assert page.status_code == 422 and words in page.get_data(as_text=True)
    page = client.post("/ideas/new", data={"title": "Fine title here", "body": "x\u0000y", "csrf_token": token})
    assert page.status_code == 422 and "control characters" in page.get_data(as_text=True)
