"""PostgreSQL: the list pages and the vote recount are served by indexes, never a
sequential scan of ideas or votes, and the list order comes from an index (no Sort)."""

import random
from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select, text

from innovation.extensions import db
from innovation.ideas.models import Idea
from innovation.ideas.queries import SORTS, list_statements
from innovation.platform.db import utcnow
from innovation.voting.models import Rating, Support

from ..conftest import TEST_DATABASE_URL

pytestmark = pytest.mark.skipif(not TEST_DATABASE_URL, reason="query plans are checked on PostgreSQL")


def explain(statement) -> str:
    compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
    rows = db.session.execute(text(f"EXPLAIN {compiled}")).scalars()
    return "\n".join(rows)


@pytest.fixture
def populated(app, users):
    author = users("employee")
    voters = [users("customer") for _ in range(3)]
    now = utcnow()
    db.session.execute(
        insert(Idea),
        [
            {
                "title": f"Idea {n}",
                "body": "",
                "body_html": "",
                "author_id": author.id,
                "author_constituency": "employee",
                "visibility": "internal" if n % 10 == 0 else "public",
                "created_at": now - timedelta(minutes=n),
                "hot_score": random.random(),
                "support_total": n % 50,
                "bayes_score": random.random() * 5,
                "common_ground_score": random.random(),
            }
            for n in range(1500)
        ],
    )
    ids = db.session.scalars(select(Idea.id)).all()
    db.session.execute(
        insert(Support), [{"idea_id": i, "user_id": v.id, "constituency": "customer"} for i in ids for v in voters]
    )
    db.session.execute(
        insert(Rating), [{"idea_id": i, "user_id": voters[0].id, "constituency": "customer", "value": 4} for i in ids]
    )
    db.session.commit()
    db.session.execute(text("ANALYZE"))
    db.session.execute(text("SET enable_seqscan = off"))  # only an index can serve the query now
    yield {"customer": voters[0], "employee": author, "idea_id": ids[100]}
    db.session.rollback()


@pytest.mark.parametrize("viewer", ["customer", "employee", None])
@pytest.mark.parametrize("sort", SORTS)
def test_list_pages_use_an_ordered_index(populated, viewer, sort):
    count, page = list_statements(populated.get(viewer), sort)
    plan = explain(page.limit(20).offset(40))
    assert "Seq Scan" not in plan, plan
    assert "Index" in plan and "Sort  (" not in plan, plan
    assert "Seq Scan on ideas" not in explain(count)


def test_vote_recount_uses_indexes(populated):
    idea_id = populated["idea_id"]
    for statement in (
        select(Support.constituency, func.count()).where(Support.idea_id == idea_id).group_by(Support.constituency),
        select(Rating.constituency, func.count(), func.sum(Rating.value))
        .where(Rating.idea_id == idea_id)
        .group_by(Rating.constituency),
        select(Idea).where(Idea.id == idea_id).with_for_update(),
    ):
        plan = explain(statement)
        assert "Seq Scan" not in plan, plan
