"""Support from the list: the author's own support, the Support button on idea cards (a plain
form that comes back to the same list position, and the JSON path ideas.js takes), visitors'
sign-in link, and no button on an idea that takes no support."""

import re
from html import unescape
from urllib.parse import unquote

import pytest
from sqlalchemy import func, select

from innovation import events
from innovation.extensions import db
from innovation.ideas.moderation import hide_content
from innovation.ideas.services import submit_idea
from innovation.notifications.models import Notification
from innovation.voting.models import Support
from innovation.voting.services import retract_support

from ..conftest import AuthActions, csrf_from


@pytest.fixture
def people(users):
    return {
        "author": users("customer", name="Ada Author"),
        "employee": users("employee", name="Eve Engineer"),
        "pm": users("pm", name="Pat Manager"),
    }


@pytest.fixture
def idea(people):
    made = submit_idea(people["author"], title="Photos on job completion", body="**Photos** prove the job.")
    db.session.commit()
    return made


def signed_in(app, user):
    session = app.test_client()
    assert AuthActions(session).login(user.email).status_code == 302
    return session


def card(html: str, idea_id: int, prefix: str = "idea") -> str:
    """The HTML of one idea card on a list page."""
    match = re.search(rf'<article class="card idea-card" id="{prefix}-{idea_id}".*?</article>', html, re.S)
    assert match, f"no card {prefix}-{idea_id}"
    return match.group(0)


def total_on(card_html: str) -> int:
    return int(re.search(r"<span data-support-total>(\d+)</span>", card_html).group(1))


def test_the_author_supports_their_idea_quietly_and_may_withdraw(people):
    sent = []

    def heard(sender, **kwargs):
        sent.append(kwargs)

    events.support_cast.connect(heard)
    try:
        made = submit_idea(people["employee"], title="Dark mode for the technician app")
        db.session.commit()
    finally:
        events.support_cast.disconnect(heard)
    supporters = db.session.scalars(select(Support.user_id).where(Support.idea_id == made.id)).all()
    assert supporters == [people["employee"].id]
    assert (made.support_total, made.support_customer, made.support_employee) == (1, 0, 1)
    assert (made.favour_employee, made.engaged_employee) == (1, 1)  # common ground counts it too
    assert sent == []  # nobody hears about the author backing their own idea
    assert db.session.scalar(select(func.count()).select_from(Notification)) == 0

    retract_support(people["employee"], made.id)
    db.session.commit()
    assert made.support_total == 0 and made.engaged_employee == 0
    assert db.session.scalar(select(func.count()).select_from(Support).where(Support.idea_id == made.id)) == 0


def test_the_author_withdraws_from_the_list_page(app, people, idea):
    author = signed_in(app, people["author"])
    html = author.get("/ideas").get_data(as_text=True)
    assert 'aria-pressed="true"' in card(html, idea.id) and total_on(card(html, idea.id)) == 1
    answer = author.post(
        f"/ideas/{idea.id}/unsupport", data={"csrf_token": csrf_from(html), "next": f"/ideas#idea-{idea.id}"}
    )
    assert answer.status_code == 302 and answer.headers["Location"] == f"/ideas#idea-{idea.id}"
    after = card(author.get("/ideas").get_data(as_text=True), idea.id)
    assert total_on(after) == 0 and 'aria-pressed="false"' in after and ">Support<" in after


def test_the_support_form_without_javascript_comes_back_to_the_card_with_the_new_count(app, people, idea):
    employee = signed_in(app, people["employee"])
    listing = "/ideas?sort=new&constituency=customer"
    html = employee.get(listing).get_data(as_text=True)
    before = card(html, idea.id)
    assert total_on(before) == 1 and 'aria-pressed="false"' in before
    # The form carries where to come back: this list, its filters, and the card.
    assert f'name="next" value="{listing}#idea-{idea.id}"' in before.replace("&amp;", "&")
    answer = employee.post(
        f"/ideas/{idea.id}/support", data={"csrf_token": csrf_from(html), "next": f"{listing}#idea-{idea.id}"}
    )
    assert answer.status_code == 302 and answer.headers["Location"] == f"{listing}#idea-{idea.id}"
    after = card(employee.get(listing).get_data(as_text=True), idea.id)
    assert total_on(after) == 2 and 'aria-pressed="true"' in after
    assert "customers <span data-support-customer>1</span>" in after
    assert "employees <span data-support-employee>1</span>" in after
    assert f'action="/ideas/{idea.id}/unsupport"' in after  # pressing it again withdraws


@pytest.mark.parametrize("unsafe", ["https://evil.example/ideas", "//evil.example/", "/\\evil.example"])
def test_an_unsafe_next_goes_to_the_idea_page_instead(app, people, idea, unsafe):
    employee = signed_in(app, people["employee"])
    token = csrf_from(employee.get("/ideas").get_data(as_text=True))
    answer = employee.post(f"/ideas/{idea.id}/support", data={"csrf_token": token, "next": unsafe})
    assert answer.status_code == 302 and answer.headers["Location"] == f"/ideas/{idea.id}#support"
    assert db.session.scalar(select(func.count()).select_from(Support).where(Support.idea_id == idea.id)) == 2


def test_the_json_path_of_the_button_changes_the_count_the_list_shows(app, people, idea):
    employee = signed_in(app, people["employee"])
    token = csrf_from(employee.get("/ideas").get_data(as_text=True))
    headers = {"X-CSRFToken": token, "Accept": "application/json"}
    refused = employee.post(f"/api/v1/ideas/{idea.id}/vote", headers={"Accept": "application/json"})
    assert refused.status_code in (400, 403)  # a session without the CSRF header changes nothing
    voted = employee.post(f"/api/v1/ideas/{idea.id}/vote", headers=headers)
    assert voted.status_code == 200
    assert voted.get_json()["support"] == {"customer": 1, "employee": 1, "total": 2} and voted.get_json()["my_vote"]
    assert total_on(card(employee.get("/ideas").get_data(as_text=True), idea.id)) == 2
    withdrawn = employee.delete(f"/api/v1/ideas/{idea.id}/vote", headers=headers)
    assert withdrawn.get_json()["support"]["total"] == 1 and withdrawn.get_json()["my_vote"] is False


def test_visitors_get_a_sign_in_link_back_to_the_card(client, idea):
    html = client.get("/ideas?sort=top").get_data(as_text=True)
    visitor_card = card(html, idea.id)
    assert "<form" not in visitor_card and "aria-pressed" not in visitor_card
    login = re.search(r'href="/login\?next=([^"]+)"', visitor_card).group(1)
    assert unquote(login) == f"/ideas?sort=top#idea-{idea.id}" and "Sign in to support" in visitor_card
    assert total_on(visitor_card) == 1
    home = client.get("/").get_data(as_text=True)
    assert "Sign in to support" in card(home, idea.id, prefix="trending")


def test_home_cards_carry_the_button_and_come_back_to_home(app, people, idea):
    employee = signed_in(app, people["employee"])
    html = employee.get("/").get_data(as_text=True)
    trending = card(html, idea.id, prefix="trending")
    assert 'aria-pressed="false"' in trending and f'value="/#trending-{idea.id}"' in trending
    answer = employee.post(
        f"/ideas/{idea.id}/support", data={"csrf_token": csrf_from(html), "next": f"/#trending-{idea.id}"}
    )
    assert answer.headers["Location"] == f"/#trending-{idea.id}"
    assert total_on(card(employee.get("/").get_data(as_text=True), idea.id, prefix="trending")) == 2


def test_an_idea_that_takes_no_support_shows_its_count_without_a_button(app, people, idea):
    hide_content(people["pm"], "idea", idea.id, "Duplicate of a planned idea")
    db.session.commit()
    author = signed_in(app, people["author"])
    page = author.get(f"/ideas/{idea.id}").get_data(as_text=True)  # its author still sees it
    support_box = re.search(r'<section class="card side-box support-box".*?</section>', page, re.S).group(0)
    assert "<span data-support-total>1</span>" in support_box
    assert "<form" not in support_box and "Sign in to support" not in support_box
    assert 'name="value"' not in page  # no stars either: the services refuse votes on it (409)
    home = author.get("/").get_data(as_text=True)
    start = home.index(f'id="followed-{idea.id}"')
    followed = home[start : home.index("</section>", start)]
    assert "data-support-total>1<" in followed and f"/ideas/{idea.id}/unsupport" not in followed
    refused = author.post(
        f"/ideas/{idea.id}/unsupport", data={"csrf_token": csrf_from(home), "next": "/"}, follow_redirects=False
    )
    assert refused.status_code == 409


def test_cards_show_a_plain_text_excerpt(app, people, users):
    long_body = "**Bold** start, a [link](https://example.com) and <b>tags</b>.\n\n" + "word " * 200
    made = submit_idea(people["author"], title="An idea with a long description", body=long_body)
    db.session.commit()
    visitor_card = card(app.test_client().get("/ideas").get_data(as_text=True), made.id)
    excerpt = re.search(r'<p class="idea-excerpt">(.*?)</p>', visitor_card, re.S).group(1)
    # Markdown is read as text; raw HTML in it stays text, as on the idea page.
    assert excerpt.startswith("Bold start, a link and &lt;b&gt;tags&lt;/b&gt;. word word")
    assert "<" not in excerpt and excerpt.endswith("…") and len(unescape(excerpt)) <= 240


def test_one_sort_control_keeps_the_filters_and_explains_common_ground(client, idea):
    html = client.get("/ideas?constituency=customer&status=new").get_data(as_text=True).replace("&amp;", "&")
    assert 'name="sort"' in html and "<select" in html
    assert not re.search(r'<select[^>]*name="sort"', html)  # no second Sort control in the filter form
    assert '<input type="hidden" name="sort" value="hot">' in html  # Apply keeps the chosen tab
    tab = re.search(r'<a href="([^"]*sort=common_ground[^"]*)"', html).group(1)
    assert "constituency=customer" in tab and "status=new" in tab
    assert "Common ground: ideas both customers and employees support" in html
    chosen = client.get("/ideas?sort=common_ground").get_data(as_text=True)
    assert "Common ground: ideas both customers and employees support, first." in chosen


def test_a_page_shown_in_answer_to_a_post_sends_support_back_to_the_idea_page(app, people, idea):
    employee = signed_in(app, people["employee"])
    token = csrf_from(employee.get(f"/ideas/{idea.id}").get_data(as_text=True))
    refused = employee.post(f"/ideas/{idea.id}/comments", data={"csrf_token": token, "body": " "})
    assert refused.status_code == 422  # the idea page again, with the comment's error
    html = refused.get_data(as_text=True)
    assert f'name="next" value="/ideas/{idea.id}#support"' in html  # not the POST-only comments URL
    assert f'value="/ideas/{idea.id}/comments' not in html
