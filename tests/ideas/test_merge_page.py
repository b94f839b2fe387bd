"""The merge form without JavaScript: no preselected target, and a confirmation page naming both
ideas before anything moves."""

import re

from innovation.extensions import db
from innovation.ideas.models import Idea
from innovation.ideas.services import submit_idea

from ..conftest import csrf_from


def _ideas(users):
    customer = users("customer")
    source = submit_idea(customer, title="Photos on job completion")
    target = submit_idea(customer, title="Attach pictures to finished jobs")
    db.session.commit()
    return source, target


def test_no_target_is_preselected(client, users, auth):
    source, _target = _ideas(users)
    auth.login(users("pm").email)
    html = client.get(f"/ideas/{source.id}").get_data(as_text=True)
    select = re.search(r'<select name="into".*?</select>', html, re.S).group(0)
    options = re.findall(r"<option[^>]*>[^<]*</option>", select)
    assert options[0] == '<option value="" selected>Choose the idea to merge into</option>'
    assert sum(" selected" in option for option in options) == 1


def test_the_first_post_asks_with_both_titles_and_the_second_merges(client, users, auth):
    source, target = _ideas(users)
    auth.login(users("pm").email)
    token = csrf_from(client.get(f"/ideas/{source.id}").get_data(as_text=True))
    asked = client.post(f"/ideas/{source.id}/merge", data={"into": target.id, "csrf_token": token})
    html = asked.get_data(as_text=True)
    assert asked.status_code == 200
    assert "Merge “Photos on job completion” into “Attach pictures to finished jobs”?" in html
    assert "supporters, ratings, followers and comments move to “Attach pictures to finished jobs”" in html
    assert 'name="confirm" value="1"' in html
    db.session.expire_all()
    assert db.session.get(Idea, source.id).status != "merged"  # nothing happened yet
    merged = client.post(
        f"/ideas/{source.id}/merge", data={"into": target.id, "confirm": "1", "csrf_token": csrf_from(html)}
    )
    assert merged.status_code == 302 and merged.headers["Location"].endswith(f"/ideas/{target.id}")
    db.session.expire_all()
    assert db.session.get(Idea, source.id).status == "merged"


def test_no_choice_or_the_idea_itself_is_refused_on_the_form(client, users, auth):
    source, _target = _ideas(users)
    auth.login(users("pm").email)
    token = csrf_from(client.get(f"/ideas/{source.id}").get_data(as_text=True))
    empty = client.post(f"/ideas/{source.id}/merge", data={"into": "", "csrf_token": token})
    assert empty.status_code == 422 and "Choose the idea to merge into." in empty.get_data(as_text=True)
    itself = client.post(f"/ideas/{source.id}/merge", data={"into": source.id, "csrf_token": token})
    assert itself.status_code == 422 and "cannot be merged into itself" in itself.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Idea, source.id).status != "merged"
