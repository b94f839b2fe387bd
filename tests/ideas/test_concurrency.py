"""Against a live server: 50 people sending their support (and rating) twice, all at once."""

from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import func, select

from innovation.accounts.services import issue_api_token
from innovation.extensions import db
from innovation.ideas.models import Idea
from innovation.ideas.services import submit_idea
from innovation.voting.models import Rating, Support

from ..e2e.conftest import LiveServer

PEOPLE = 50


@pytest.fixture
def server(app):
    live = LiveServer(app)
    live.start()
    yield live
    live.stop()


def tokens_for(users, count):
    people = [users("customer" if n % 2 else "employee") for n in range(count)]
    tokens = [issue_api_token(person, 1) for person in people]
    db.session.commit()
    return tokens


def fire(server, requests_to_send):
    def send(args):
        method, path, token, body = args
        return requests.request(
            method, server.url + path, json=body, timeout=60, headers={"Authorization": f"Bearer {token}"}
        ).status_code

    with ThreadPoolExecutor(max_workers=len(requests_to_send)) as pool:
        return list(pool.map(send, requests_to_send))


@pytest.mark.slow
def test_parallel_double_support_counts_exactly(server, users):
    author = users("customer")
    idea = submit_idea(author, title="Parallel support test idea")
    db.session.commit()
    tokens = tokens_for(users, PEOPLE)
    path = f"/api/v1/ideas/{idea.id}/vote"
    statuses = fire(server, [("POST", path, token, None) for token in tokens for _ in range(2)])
    assert statuses == [200] * (2 * PEOPLE)
    db.session.expire_all()
    stored = db.session.get(Idea, idea.id)
    rows = db.session.scalar(select(func.count()).select_from(Support).where(Support.idea_id == idea.id))
    # The author (a customer) supports their idea from the start: one more than the 50.
    assert rows == PEOPLE + 1
    assert stored.support_total == PEOPLE + 1
    assert stored.support_customer + stored.support_employee == PEOPLE + 1
    assert (stored.support_customer, stored.support_employee) == (PEOPLE // 2 + 1, PEOPLE - PEOPLE // 2)


@pytest.mark.slow
def test_parallel_double_rating_counts_exactly(server, users):
    idea = submit_idea(users("employee"), title="Parallel rating test idea")
    db.session.commit()
    tokens = tokens_for(users, PEOPLE)
    path = f"/api/v1/ideas/{idea.id}/rating"
    requests_to_send = [
        ("PUT", path, token, {"value": 1 + (n + attempt) % 5}) for n, token in enumerate(tokens) for attempt in range(2)
    ]
    assert fire(server, requests_to_send) == [200] * (2 * PEOPLE)
    db.session.expire_all()
    stored = db.session.get(Idea, idea.id)
    count, total = db.session.execute(
        select(func.count(), func.sum(Rating.value)).where(Rating.idea_id == idea.id)
    ).one()
    assert count == PEOPLE == stored.rating_count
    assert total == stored.rating_sum
