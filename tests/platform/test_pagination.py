"""One Page type for every list: its arithmetic, and the API body it answers."""

from sqlalchemy import select

from innovation.accounts.models import User
from innovation.platform.pagination import Page, paginate


def test_page_arithmetic():
    assert Page(page=1, per_page=20, total=0).pages == 1
    middle = Page(page=2, per_page=20, total=41)
    assert (middle.pages, middle.has_previous, middle.has_next, middle.offset) == (3, True, True, 20)
    last = Page(page=3, per_page=20, total=41)
    assert not last.has_next
    capped = Page(page=1, per_page=10, total=10_000, max_pages=500)
    assert capped.pages == 500


def test_paginate_counts_and_fetches_one_page(app, users):
    made = [users("customer") for _ in range(5)]
    result = paginate(select(User).order_by(User.id), page=2, per_page=2)
    assert result.total == 5 and [u.id for u in result.items] == [made[2].id, made[3].id]
    assert result.as_json(lambda user: user.id) == {
        "items": [made[2].id, made[3].id],
        "page": 2,
        "per_page": 2,
        "total": 5,
    }
    assert paginate(select(User), page=1, per_page=2, total=99).total == 99  # a known total is not recounted
