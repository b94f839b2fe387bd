"""The idea page's small things: a new comment has its Reply and Edit at once (posted with
JavaScript or without), and a side's share in favour never stands beside "nobody took part"."""

import re

import pytest

from innovation.extensions import db
from innovation.ideas.services import submit_idea
from innovation.voting.services import cast_support, rate_idea

from ..conftest import AuthActions, csrf_from


@pytest.fixture
def people(users):
    return {"author": users("customer", name="Ada Author"), "employee": users("employee", name="Eve Engineer")}


@pytest.fixture
def idea(people):
    made = submit_idea(people["employee"], title="Offline mode for technicians")
    db.session.commit()
    return made


def signed_in(app, user):
    session = app.test_client()
    assert AuthActions(session).login(user.email).status_code == 302
    return session


def assert_has_its_actions(article: str, comment_id: int) -> None:
    assert "<summary>Reply</summary>" in article
    assert f'<input type="hidden" name="parent_id" value="{comment_id}">' in article
    assert f'href="/comments/{comment_id}/edit"' in article and ">Edit<" in article
    assert f'action="/comments/{comment_id}/delete"' in article


def test_a_comment_posted_with_javascript_comes_back_with_reply_and_edit(app, people, idea):
    author = signed_in(app, people["author"])
    token = csrf_from(author.get(f"/ideas/{idea.id}").get_data(as_text=True))
    answer = author.post(
        f"/ideas/{idea.id}/comments",
        data={"csrf_token": token, "body": "Offline would save **my** Mondays."},
        headers={"Accept": "application/json", "X-CSRFToken": token},
    )
    assert answer.status_code == 201
    body = answer.get_json()
    comment_id = body["comment"]["id"]
    assert body["html"].startswith(f'<article id="comment-{comment_id}"')
    assert "<strong>my</strong>" in body["html"] and "Ada Author" in body["html"]
    assert_has_its_actions(body["html"], comment_id)
    # What ideas.js inserts is what a reload shows.
    page = author.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert f'id="comment-{comment_id}"' in page


def test_a_comment_posted_without_javascript_shows_reply_and_edit_after_the_redirect(app, people, idea):
    author = signed_in(app, people["author"])
    token = csrf_from(author.get(f"/ideas/{idea.id}").get_data(as_text=True))
    answer = author.post(f"/ideas/{idea.id}/comments", data={"csrf_token": token, "body": "Plain form comment"})
    assert answer.status_code == 302
    comment_id = int(answer.headers["Location"].rsplit("#comment-", 1)[1])
    page = author.get(f"/ideas/{idea.id}").get_data(as_text=True)
    article = re.search(rf'<article id="comment-{comment_id}".*?</article>', page, re.S).group(0)
    assert_has_its_actions(article, comment_id)


def test_a_refused_comment_with_javascript_is_a_json_422(app, people, idea):
    author = signed_in(app, people["author"])
    token = csrf_from(author.get(f"/ideas/{idea.id}").get_data(as_text=True))
    answer = author.post(
        f"/ideas/{idea.id}/comments",
        data={"csrf_token": token, "body": "   "},
        headers={"Accept": "application/json"},
    )
    assert answer.status_code == 422
    error = answer.get_json()["error"]
    assert error["message"] and "body" in error["fields"]


def favour_rows(html: str) -> dict[str, str]:
    return dict(re.findall(r'<li class="favour-row" data-favour-row="(\w+)">(.*?)</li>', html, re.S))


def test_a_side_where_nobody_took_part_shows_words_not_a_share(app, people, idea, client):
    rows = favour_rows(client.get(f"/ideas/{idea.id}").get_data(as_text=True))
    # The employee author supports it: 100 % of the 1 employee who took part.
    assert "100 % in favour · 1 took part" in rows["employee"]
    assert "nobody has supported or rated it yet" in rows["customer"] and "%" not in rows["customer"]
    assert re.search(r"<svg[^>]*data-favour-bar[^>]* hidden>", rows["customer"])  # no empty bar reading "0 %"
    assert not re.search(r"<svg[^>]*data-favour-bar[^>]* hidden>", rows["employee"])

    rate_idea(people["author"], idea.id, 2)  # a customer takes part, not in favour
    cast_support(people["employee"], idea.id)  # nothing changes: already counted
    db.session.commit()
    rows = favour_rows(client.get(f"/ideas/{idea.id}").get_data(as_text=True))
    assert "0 % in favour · 1 took part" in rows["customer"]
    assert "100 % in favour · 1 took part" in rows["employee"]
