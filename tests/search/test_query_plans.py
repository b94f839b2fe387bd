"""PostgreSQL backend: every statement of a search is served by the GIN index on the weighted
tsvector, never by reading all documents (captured from a real query, then EXPLAINed); the
live-visibility join then looks the matches up in `ideas` by primary key."""

import pytest
from sqlalchemy import event, insert, text

from innovation.extensions import db
from innovation.search.services import search_content, similar_ideas

from ..conftest import TEST_DATABASE_URL

pytestmark = pytest.mark.skipif(not TEST_DATABASE_URL, reason="query plans are checked on PostgreSQL")


@pytest.fixture
def many_documents(search_backend_name, users, search_index):
    if search_backend_name != "postgres":
        pytest.skip("plans of the PostgreSQL backend")
    from innovation.ideas.models import Idea
    from innovation.search.documents import Document

    author = users("customer")
    # Realistic selectivity: each word in well under 1 % of the documents.
    words = ["route", "invoice", "photo", "calendar", "export", "signal", "crew", "boiler"]
    words += [f"topic{k}" for k in range(400 - len(words))]
    search_index.backend.add(
        "ideas",
        [
            Document(
                ref_id=n,
                title=f"{words[n % 400]} idea {n}",
                body=f"About {words[(n * 7) % 400]} and more.",
                tags=[words[n % 400]],
                status="new",
                audience="internal" if n % 5 == 0 else "public",
                constituency="customer",
            )
            for n in range(1, 6001)
        ],
    )
    # Each document's live row: search joins them (the live visibility).
    db.session.execute(
        insert(Idea),
        [
            {
                "id": n,
                "title": f"idea {n}",
                "visibility": "internal" if n % 5 == 0 else "public",
                "author_id": author.id,
                "author_constituency": "customer",
            }
            for n in range(1, 6001)
        ],
    )
    db.session.commit()
    db.session.execute(text("ANALYZE search_documents"))
    db.session.execute(text("ANALYZE ideas"))
    # A few thousand rows fit in a few pages, so the planner rightly prefers reading them all;
    # forbidding that shows whether the GIN index *can* serve each statement (as at 400k rows).
    db.session.execute(text("SET enable_seqscan = off"))


def captured_statements(action) -> list[tuple[str, dict]]:
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if "search_documents" in statement and statement.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return statements


def plans(statements) -> list[str]:
    found = []
    connection = db.session.connection()
    connection.exec_driver_sql("SET enable_seqscan = off")
    for statement, parameters in statements:
        cursor = connection.connection.cursor()
        cursor.execute("EXPLAIN " + statement, parameters)
        found.append("\n".join(row[0] for row in cursor.fetchall()))
    return found


@pytest.mark.parametrize("query", ["route", "route invoice", '"route idea"', "rotue"])
def test_search_statements_use_the_gin_index(many_documents, query):
    statements = captured_statements(lambda: search_content(None, query, per_page=20))
    assert statements
    for plan in plans(statements):
        if "search_documents" in plan:
            assert "ix_search_documents_ideas" in plan and "Seq Scan on search_documents" not in plan, plan
            assert "Index Scan using pk_ideas on ideas" in plan, plan  # the live row of each match


def test_similar_ideas_use_the_gin_index(many_documents):
    statements = captured_statements(lambda: similar_ideas(None, "Route calendar export"))
    assert statements
    for plan in plans(statements):
        assert "Seq Scan on search_documents" not in plan, plan
