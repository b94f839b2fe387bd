"""The index follows the database after commit: edits, visibility changes, hides, merges,
deletions and profile changes; through a real RQ worker; lost jobs re-driven by the sweeper;
and `flask search reindex` rebuilds everything."""

import shutil
from datetime import timedelta

import redis
from sqlalchemy import func, select, update

from innovation.accounts.services import update_profile
from innovation.extensions import db
from innovation.ideas.comments import delete_comment, edit_comment
from innovation.ideas.moderation import hide_content, restore_content
from innovation.ideas.services import edit_idea, merge_ideas
from innovation.platform.db import utcnow
from innovation.platform.jobs import get_queue
from innovation.platform.worker import run_worker
from innovation.search.jobs import STALE_AFTER, sweep_pending
from innovation.search.models import SearchPending
from innovation.search.services import search_content

from .corpus import comment, idea


def ids(result) -> list[int]:
    return [item["id"] for item in result.items]


def test_nothing_is_indexed_before_the_job_runs(users, search_index):
    author = users("customer")
    created = idea(author, "Quarterly maintenance reminders")
    assert search_content(None, "maintenance").total == 0
    assert db.session.scalar(select(func.count(SearchPending.id))) >= 2  # the idea and its author
    search_index.refresh()
    assert ids(search_content(None, "maintenance")) == [created.id]
    assert db.session.scalar(select(func.count(SearchPending.id))) == 0
    assert search_index.refresh() == 0  # running again finds nothing to do


def test_edits_and_visibility_changes_follow(users, search_index):
    customer, pm = users("customer"), users("pm")
    created = idea(customer, "Quarterly maintenance reminders", tags=["reminders"])
    note = comment(customer, created.id, "Maintenance windows differ per site.")
    search_index.refresh()
    edit_idea(pm, created.id, title="Seasonal boiler service reminders")
    db.session.commit()
    search_index.refresh()
    assert search_content(None, "quarterly").total == 0
    assert ids(search_content(None, "boiler")) == [created.id]
    edit_idea(pm, created.id, visibility="internal")
    db.session.commit()
    search_index.refresh()
    assert search_content(customer, "boiler").total == 0
    assert search_content(customer, "windows", kind="comments").total == 0
    assert ids(search_content(pm, "windows", kind="comments")) == [note.id]


def test_hidden_and_restored_ideas_and_comments(users, search_index):
    customer, pm = users("customer"), users("pm")
    created = idea(customer, "Bulk import of customer sites")
    note = comment(customer, created.id, "Spreadsheets with thousands of sites.")
    search_index.refresh()
    hide_content(pm, "idea", created.id, "Spam")
    db.session.commit()
    search_index.refresh()
    assert search_content(pm, "bulk").total == 0
    assert search_content(pm, "spreadsheets", kind="comments").total == 0
    restore_content(pm, "idea", created.id, "Not spam after all")
    db.session.commit()
    search_index.refresh()
    assert ids(search_content(None, "bulk")) == [created.id]
    assert ids(search_content(None, "spreadsheets", kind="comments")) == [note.id]
    hide_content(pm, "comment", note.id, "Off topic")
    db.session.commit()
    search_index.refresh()
    assert search_content(pm, "spreadsheets", kind="comments").total == 0


def test_merges_move_comments_and_drop_the_source(users, search_index):
    customer, pm = users("customer"), users("pm")
    source = idea(customer, "Photos on completed jobs")
    target = idea(customer, "Attach photos to work orders")
    note = comment(customer, source.id, "Before and after pictures settle disputes.")
    search_index.refresh()
    merge_ideas(pm, source.id, target.id)
    db.session.commit()
    search_index.refresh()
    assert ids(search_content(None, "photos")) == [target.id]
    found = search_content(None, "disputes", kind="comments")
    assert ids(found) == [note.id] and found.items[0]["idea"]["id"] == target.id


def test_edited_and_deleted_comments(users, search_index):
    customer = users("customer")
    created = idea(customer, "Crew chat inside the app")
    note = comment(customer, created.id, "Radios are unreliable underground.")
    search_index.refresh()
    edit_comment(customer, note.id, "Walkie-talkies are unreliable underground.")
    db.session.commit()
    search_index.refresh()
    assert search_content(None, "radios", kind="comments").total == 0
    assert ids(search_content(None, "walkie", kind="comments")) == [note.id]
    delete_comment(customer, note.id)
    db.session.commit()
    search_index.refresh()
    assert search_content(None, "underground", kind="comments").total == 0


def test_profile_changes_are_found(users, search_index):
    person = users("customer", name="Tomas Berg")
    search_index.refresh()
    update_profile(person, person, name="Tomas Berg", bio="Fleet manager for heat pumps.", expertise="heat-pumps")
    db.session.commit()
    search_index.refresh()
    assert [item["name"] for item in search_content(None, "fleet", kind="people").items] == ["Tomas Berg"]


def test_a_real_worker_indexes_after_commit(app, client, users):
    from ..ideas.helpers import Api, new_idea

    api = Api(client, users("customer"))
    created = new_idea(api, title="Signature capture on delivery", tags=[])
    assert client.get("/api/v1/search?q=signature").get_json()["total"] == 0
    assert get_queue("search").count >= 1
    run_worker(app, burst=True)
    db.session.remove()
    found = client.get("/api/v1/search?q=signatures").get_json()
    assert [item["id"] for item in found["items"]] == [created["id"]]
    assert found["items"][0]["highlights"]["title"] == "<mark>Signature</mark> capture on delivery"


def test_the_sweeper_redrives_changes_whose_job_was_lost(app, users, redis_url):
    author = users("customer")
    created_id = idea(author, "Lost job recovery drill").id
    redis.Redis.from_url(redis_url).flushdb()  # as if Redis had lost the queued job
    assert sweep_pending() is False  # too fresh: the job may still be on its way
    db.session.execute(update(SearchPending).values(queued_at=utcnow() - timedelta(seconds=STALE_AFTER + 1)))
    db.session.commit()
    assert sweep_pending() is True
    run_worker(app, burst=True)
    db.session.remove()
    assert ids(search_content(None, "drill")) == [created_id]


def test_reindex_rebuilds_everything(app, runner, users, search_index):
    author = users("customer")
    created = idea(author, "Rebuild drill idea")
    comment(author, created.id, "A comment to rebuild.")
    search_index.refresh()
    if search_index.backend.name == "whoosh":
        search_index.backend._local.__dict__.clear()
        shutil.rmtree(app.config["SEARCH_INDEX_DIR"])
        assert search_content(None, "rebuild").total == 0
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexed" in result.output and "documents/s" in result.output
    assert ids(search_content(None, "rebuild")) == [created.id]
    assert search_content(None, "rebuild", kind="comments").total == 1
    status = runner.invoke(args=["search", "status"])
    assert "ideas: 1 documents" in status.output and "pending changes: 0" in status.output
