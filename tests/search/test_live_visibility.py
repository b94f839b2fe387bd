"""Search answers from the database's live visibility, not from the index's copy of it.

Each test indexes content anyone may read, then makes it unreadable the ways the product has
(internal, hidden by a moderator, merged away, a comment hidden or deleted, a comment's idea
turned internal) and commits WITHOUT running the indexing job: the index still holds the old
audience, exactly as while the search job lags. Customers and visitors must then get nothing
from it — no result, total 0, no facet count, no snippet, no typo correction — on the page
(/search) and through the API (GET /api/v1/search), and in similar ideas and experts."""

import json

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select, update

from innovation.extensions import db
from innovation.ideas.comments import delete_comment
from innovation.ideas.models import Comment, Idea
from innovation.ideas.moderation import hide_content
from innovation.ideas.services import change_status, edit_idea, merge_ideas
from innovation.search.documents import idea_document
from innovation.search.index import SearchRequest
from innovation.search.models import SearchPending
from innovation.search.services import count_matches, search_content, similar_ideas
from innovation.search.text import parse_query

from ..ideas.helpers import Api
from .corpus import comment, idea

SECRET = "quillwort"  # only in the idea that becomes unreadable
SECRET_TYPO = "quillwurt"  # one letter off: must not be "corrected" into the hidden word
NOTE_WORD = "lanternfish"  # only in the comment that becomes unreadable
SHARED = "harbour"  # in both ideas: the query whose facets must lose the hidden one
HIDDEN_TEXT = "tide tables"  # the hidden idea's title without the secret word
OUTSIDERS = ["visitor", "customer"]


@pytest.fixture
def world(users, search_index):
    customer, employee, pm = users("customer"), users("employee"), users("pm")
    doomed = idea(customer, f"Harbour {SECRET} tide tables", f"Print the {SECRET} tables at each pier.", tags=["tides"])
    change_status(pm, doomed.id, "planned")  # a status only it has: a facet count would give it away
    other = idea(customer, "Harbour parking permits", "Permits per season.", tags=["parking"])
    vault = idea(employee, "Internal pier budget", "Costs per pier.", visibility="internal")
    note = comment(customer, doomed.id, f"The {NOTE_WORD} pier needs them too.")
    db.session.commit()
    search_index.refresh()
    assert search_content(None, SECRET).total == 1 and search_content(None, NOTE_WORD, kind="comments").total == 1
    return {
        "customer": customer,
        "employee": employee,
        "pm": pm,
        "doomed": doomed,
        "other": other,
        "vault": vault,
        "note": note,
    }


def stays_in_index(search_index, kind: str, word: str) -> None:
    """The index still finds `word` for the public when asked without the live rows: the lag is real."""
    request = SearchRequest(kind=kind, query=parse_query(word), audiences=("public",))
    assert search_index.backend.query(request).total == 1


def make_internal_in_sql(world):
    db.session.execute(update(Idea).where(Idea.id == world["doomed"].id).values(visibility="internal"))


def make_internal(world):
    edit_idea(world["pm"], world["doomed"].id, visibility="internal")


def hide_idea(world):
    hide_content(world["pm"], "idea", world["doomed"].id, "Off topic")


def merge_idea(world):
    merge_ideas(world["pm"], world["doomed"].id, world["other"].id)


IDEA_CHANGES = [make_internal_in_sql, make_internal, hide_idea, merge_idea]


def outsider(world, who):
    return world["customer"] if who == "customer" else None


def no_counts(facets) -> bool:
    return all(not values for values in facets.values())


@pytest.fixture(params=IDEA_CHANGES, ids=lambda change: change.__name__)
def unreadable_idea(request, world, search_index):
    request.param(world)
    db.session.commit()  # and the indexing job does not run
    queued = db.session.scalar(select(func.count(SearchPending.id)))
    assert queued > 0 or request.param is make_internal_in_sql  # the job would have work to do
    stays_in_index(search_index, "ideas", SECRET)
    return request.param


@pytest.mark.parametrize("who", OUTSIDERS)
def test_a_lagging_index_reveals_nothing_of_the_idea(world, unreadable_idea, who):
    viewer = outsider(world, who)
    found = search_content(viewer, SECRET)
    assert (found.items, found.total) == ([], 0) and no_counts(found.facets)
    assert count_matches(viewer, SECRET, ["ideas", "comments"]) == {"ideas": 0, "comments": 0}
    typo = search_content(viewer, SECRET_TYPO)
    assert (typo.total, typo.corrected) == (0, False)
    shared = search_content(viewer, SHARED)
    assert [item["id"] for item in shared.items] == [world["other"].id] and shared.total == 1
    assert shared.facets == {"status": [("new", 1)], "tag": [("parking", 1)], "constituency": [("customer", 1)]}
    assert all(HIDDEN_TEXT not in item["snippet_html"] + item["title_html"] for item in shared.items)
    assert world["doomed"].id not in [item["id"] for item in similar_ideas(viewer, f"{SECRET} tide tables")]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_its_comments_follow_their_idea(world, unreadable_idea, who):
    found = search_content(outsider(world, who), NOTE_WORD, kind="comments")
    if unreadable_idea is merge_idea:
        # Merged comments are readable on the target now: found, and shown on the target only.
        assert [item["idea"]["id"] for item in found.items] == [world["other"].id] and found.total == 1
        assert HIDDEN_TEXT not in json.dumps(found.items)
    else:
        assert (found.items, found.total) == ([], 0) and no_counts(found.facets)


def test_the_page_and_the_api_reveal_nothing(world, unreadable_idea, client, auth):
    for who in OUTSIDERS:
        if who == "customer":
            auth.login(world["customer"].email)
        api = Api(client, world["customer"] if who == "customer" else None)
        for kind, word in (("ideas", SECRET), ("comments", NOTE_WORD)):
            if unreadable_idea is merge_idea and kind == "comments":
                continue  # readable on the target (above)
            answer = api.get("/search", query_string={"q": word, "type": kind})
            assert answer.status_code == 200
            body = answer.get_json()
            assert (body["items"], body["total"]) == ([], 0), (who, kind)
            assert all(values == [] for values in body["facets"].values()), (who, kind)
            assert HIDDEN_TEXT not in answer.get_data(as_text=True) and "<mark>" not in answer.get_data(as_text=True)
            page = client.get("/search", query_string={"q": word, "type": kind})
            assert page.status_code == 200
            html = page.get_data(as_text=True)
            soup = BeautifulSoup(html, "html.parser")
            assert not soup.select(".search-hit") and not soup.select(".facet-count"), (who, kind)
            assert {
                a.select_one(".count").text for a in soup.select("nav.search-tabs a") if a.select_one(".count")
            } == {"0"}
            assert HIDDEN_TEXT not in html and "<mark>" not in html, (who, kind)
        experts = api.get("/experts", query_string={"q": SECRET}).get_json()["items"]
        assert all(item["idea_id"] != world["doomed"].id for e in experts for item in e["evidence"])
        similar = api.get("/ideas/similar", query_string={"title": f"{SECRET} tide tables"}).get_json()["items"]
        assert world["doomed"].id not in [item["id"] for item in similar]


@pytest.mark.parametrize("change", [make_internal_in_sql, make_internal], ids=lambda change: change.__name__)
def test_employees_still_find_an_internal_idea(world, search_index, client, change):
    change(world)
    db.session.commit()
    # Employees may read internal ideas; the index (public, stale) and the database agree for them.
    found = search_content(world["employee"], SECRET)
    assert [item["id"] for item in found.items] == [world["doomed"].id] and found.total == 1
    assert dict(found.facets["status"]) == {"planned": 1} and "<mark>" in found.items[0]["title_html"]
    assert Api(client, world["employee"]).get(f"/search?q={SECRET}").get_json()["total"] == 1
    assert search_content(world["employee"], NOTE_WORD, kind="comments").total == 1


def hide_note(world, note):
    hide_content(world["pm"], "comment", note.id, "Off topic")


def delete_note(world, note):
    delete_comment(world["customer"], note.id)


def make_note_internal(world, note):
    db.session.execute(update(Comment).where(Comment.id == note.id).values(visibility="internal"))


def move_note_to_an_internal_idea(world, note):
    db.session.execute(update(Comment).where(Comment.id == note.id).values(idea_id=world["vault"].id))


@pytest.mark.parametrize(
    "change", [hide_note, delete_note, make_note_internal, move_note_to_an_internal_idea], ids=lambda c: c.__name__
)
@pytest.mark.parametrize("who", OUTSIDERS)
def test_a_lagging_index_reveals_nothing_of_a_comment(world, search_index, client, change, who):
    change(world, world["note"])
    db.session.commit()
    stays_in_index(search_index, "comments", NOTE_WORD)
    viewer = outsider(world, who)
    found = search_content(viewer, NOTE_WORD, kind="comments")
    assert (found.items, found.total) == ([], 0) and no_counts(found.facets)
    answer = Api(client, viewer).get("/search", query_string={"q": NOTE_WORD, "type": "comments"}).get_json()
    assert (answer["items"], answer["total"]) == ([], 0) and all(v == [] for v in answer["facets"].values())
    assert search_content(viewer, "pier", kind="comments").total == 0  # no other comment has it


def test_a_newly_readable_idea_waits_for_the_index(world, search_index):
    """Lag only delays: an internal idea made public is found once the index has caught up,
    never from the internal copy (its text may have been written for employees only)."""
    db.session.execute(update(Idea).where(Idea.id == world["vault"].id).values(visibility="public"))
    db.session.commit()
    assert search_content(world["customer"], "budget").total == 0
    db.session.add(SearchPending(kind="ideas", ref_id=world["vault"].id))
    search_index.refresh()
    assert [item["id"] for item in search_content(world["customer"], "budget").items] == [world["vault"].id]


def test_typos_are_never_corrected_into_a_word_the_reader_may_not_see(world):
    """The vocabulary holds every indexed word, internal ones too: "one letter different" is
    only said when the corrected search finds something the reader may see."""
    for viewer in (None, world["customer"]):
        found = search_content(viewer, "budgte")
        assert (found.total, found.corrected) == (0, False)
    found = search_content(world["employee"], "budgte")
    assert (found.total, found.corrected) == (1, True)


@pytest.mark.parametrize("who", OUTSIDERS)
def test_snippets_come_only_from_the_text_as_it_is_now(world, client, who):
    """An edit the index has not taken in yet: the idea is still found by its old word, but no
    title, snippet or highlight shows the old text (on the page, in the API)."""
    new_title, new_body = "Harbour tide tables", "Print the tide tables at each pier."
    db.session.execute(
        update(Idea)
        .where(Idea.id == world["doomed"].id)
        .values(title=new_title, body=new_body, body_html=f"<p>{new_body}</p>")
    )
    db.session.commit()
    found = search_content(outsider(world, who), SECRET)
    assert [item["id"] for item in found.items] == [world["doomed"].id]  # the index lags: found by the old word
    hit = found.items[0]
    assert (hit["title_html"], hit["snippet_html"], hit["highlights"]) == (new_title, new_body, {})
    answer = Api(client, outsider(world, who)).get("/search", query_string={"q": SECRET})
    assert answer.get_json()["items"][0]["highlights"] == {}
    page = client.get("/search", query_string={"q": SECRET}).get_data(as_text=True)
    assert "<mark>" not in page and new_body in page


def test_a_whoosh_index_from_before_the_key_column(world, search_index, search_backend_name):
    """An index written before the key column still filters (through the stored ids), and the
    next rebuild writes the current schema."""
    if search_backend_name != "whoosh":
        pytest.skip("Whoosh's own files")
    from whoosh import fields, index

    from innovation.search.whoosh_backend import make_schema

    backend = search_index.backend
    old_schema = make_schema()
    old_schema.remove("key")
    old_schema.add("key", fields.ID(unique=True, stored=True))
    index.create_in(backend._path("ideas"), old_schema)
    search_index.rebuild()
    assert index.open_dir(backend._path("ideas")).schema["key"].column_type is not None
    index.create_in(backend._path("ideas"), old_schema)
    backend.add("ideas", [idea_document(world["doomed"])])
    backend._local.__dict__.clear()  # the searchers of the index just replaced
    assert not backend._searcher("ideas").reader().has_column("key")
    assert [item["id"] for item in search_content(None, SECRET).items] == [world["doomed"].id]
    hide_idea(world)
    db.session.commit()
    assert search_content(None, SECRET).total == 0
    assert search_content(world["employee"], SECRET).total == 0


def test_the_live_check_takes_any_number_of_ids_in_one_lookup(world):
    """Whoosh checks every match against the database: 40,000 ids (more than SQLite's 32,766
    parameters) are one statement, and only the readable ones come back."""
    from sqlalchemy import event

    from innovation.search.index import live_ids
    from innovation.search.visibility import visible_rows

    statements = []

    def record(conn, cursor, statement, *_):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        found = live_ids(visible_rows(None, "ideas"), range(1, 40_001))
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert found == {world["doomed"].id, world["other"].id}
    assert len([s for s in statements if "FROM ideas" in s]) == 1
