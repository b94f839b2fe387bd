"""The notification centre: grouped by idea and round, a preview line that never shows what
the reader may no longer see, "Mark all as read" (page form and API), and event times."""

import re
from datetime import timedelta

from sqlalchemy import func, select

from innovation.extensions import db
from innovation.ideas import comments, services
from innovation.ideas.models import StatusChange
from innovation.ideas.moderation import hide_content
from innovation.notifications.centre import UNAVAILABLE_TITLE, notification_groups, preview_line
from innovation.notifications.models import Notification
from innovation.platform.db import iso, utcnow
from innovation.platform.worker import run_worker

from ..api.openapi_check import assert_matches_spec
from ..conftest import csrf_from
from ..ideas.helpers import Api

LONG_COMMENT = (
    "Photos **prove** the job was done: our technicians take them anyway, on their own phones, and the "
    "office then chases them over chat for days when a client disputes an invoice months later."
)


def comment_at(author, idea_id, body, when):
    """A comment whose own time is `when` (written now, as an import or a slow queue would)."""
    comment = comments.add_comment(author, idea_id, body)
    comment.created_at = when
    db.session.commit()
    return comment


def two_followed_ideas(users, reader):
    writer, talker = users("customer"), users("employee")
    ideas = [services.submit_idea(writer, title=title) for title in ("Photos on job completion", "Offline mode")]
    for idea in ideas:
        services.follow_idea(reader, idea.id)
    db.session.commit()
    return ideas, talker


def unread_of(user) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
    )


def test_two_ideas_become_two_groups_newest_first_with_counts(app, client, auth, users):
    reader = users("customer")
    (photos, offline), talker = two_followed_ideas(users, reader)
    now = utcnow()
    for hours in (30, 20):
        comment_at(talker, photos.id, f"Photos note {hours}", now - timedelta(hours=hours))
    for hours in (50, 10, 5):
        comment_at(talker, offline.id, f"Offline note {hours}", now - timedelta(hours=hours))
    run_worker(app, burst=True, fork=False)

    groups = notification_groups(reader, unread_only=False, page=1, per_page=15)
    assert groups.total == 2
    assert [(g.title, g.url, g.total, g.unread) for g in groups.items] == [
        ("Offline mode", f"/ideas/{offline.id}", 3, 3),  # its newest news (5 h ago) is the newest
        ("Photos on job completion", f"/ideas/{photos.id}", 2, 2),
    ]
    offline_items = groups.items[0].items
    assert [item.preview for item in offline_items] == ["Offline note 5", "Offline note 10", "Offline note 50"]
    # The newest stays open; read older ones fold away under "older notifications".
    db.session.execute(
        Notification.__table__.update()
        .where(Notification.id.in_([offline_items[1].id, offline_items[2].id]))
        .values(read_at=utcnow())
    )
    db.session.commit()
    regrouped = notification_groups(reader, unread_only=False, page=1, per_page=15).items[0]
    assert regrouped.unread == 1
    assert [i.preview for i in regrouped.shown] == ["Offline note 5"]
    assert [i.preview for i in regrouped.older] == ["Offline note 10", "Offline note 50"]
    assert [g.title for g in notification_groups(reader, unread_only=True, page=1, per_page=15).items] == [
        "Offline mode",
        "Photos on job completion",
    ]

    auth.login(reader.email)
    page = client.get("/notifications").get_data(as_text=True)
    assert page.index("Offline mode") < page.index("Photos on job completion")
    assert f'<a href="/ideas/{offline.id}">Offline mode</a>' in page
    assert "3 notifications" in page and "1 unread" in page and "2 unread" in page
    assert "2 older notifications about this" in page
    assert f"{talker.name} commented" in page  # the headline need not repeat the idea's title
    # Pagination pages through groups: one per page here.
    first = client.get("/notifications?per_page=1").get_data(as_text=True)
    second = client.get("/notifications?per_page=1&page=2").get_data(as_text=True)
    assert "Offline mode" in first and "Photos on job completion" not in first
    assert "Photos on job completion" in second and "Page 2 of 2" in second


def test_preview_lines_are_plain_and_short(app, client, users):
    reader = users("customer")
    (photos, _offline), talker = two_followed_ideas(users, reader)
    comments.add_comment(talker, photos.id, LONG_COMMENT)
    db.session.commit()
    services.change_status(users("pm"), photos.id, "planned", "Planned for the March release.")
    db.session.commit()
    run_worker(app, burst=True, fork=False)

    listing = Api(client, reader).get("/notifications")
    assert_matches_spec(client, "get", "/notifications", listing)
    items = {item["kind"]: item for item in listing.get_json()["items"]}
    assert items["status_change"]["preview"] == "Planned for the March release."
    preview = items["comment"]["preview"]
    assert preview.startswith("Photos prove the job was done") and "**" not in preview
    assert preview.endswith("…") and len(preview) <= 120
    assert items["comment"]["subject"] == f"idea:{photos.id}"
    assert preview_line("a  b\n c") == "a b c"


def test_no_preview_leaks_once_an_idea_is_internal_or_a_comment_is_gone(app, client, auth, users):
    reader, pm = users("customer"), users("pm")
    (photos, offline), talker = two_followed_ideas(users, reader)
    comments.add_comment(talker, photos.id, "The secret supplier is Acme Optics")
    gone = comments.add_comment(talker, offline.id, "Our margin on offline sync is 12 percent")
    hidden = comments.add_comment(talker, offline.id, "Rude words about the competitor")
    db.session.commit()
    run_worker(app, burst=True, fork=False)
    auth.login(reader.email)
    before = client.get("/notifications").get_data(as_text=True)
    assert "The secret supplier is Acme Optics" in before and "Our margin on offline sync" in before

    services.edit_idea(pm, photos.id, visibility="internal")
    comments.delete_comment(talker, gone.id)
    hide_content(pm, "comment", hidden.id, "Insulting")
    db.session.commit()

    page = client.get("/notifications").get_data(as_text=True)
    for leaked in ("Acme Optics", "Photos on job completion", "margin on offline sync", "Rude words"):
        assert leaked not in page
    assert UNAVAILABLE_TITLE in page and f'href="/ideas/{photos.id}"' not in page
    assert "A comment that has since been deleted" in page
    assert "A comment that is no longer available to you" in page
    body = Api(client, reader).get("/notifications").get_json()
    assert all("Acme" not in item["preview"] + item["title"] for item in body["items"])
    assert all("margin" not in item["preview"] and "Rude" not in item["preview"] for item in body["items"])
    # The employee side still sees the internal idea's news.
    insider = users("employee")
    services.follow_idea(insider, photos.id)
    comments.add_comment(talker, photos.id, "Acme Optics quoted us")
    db.session.commit()
    run_worker(app, burst=True, fork=False)
    group = notification_groups(insider, unread_only=False, page=1, per_page=15).items[0]
    assert group.title == "Photos on job completion" and group.items[0].preview == "Acme Optics quoted us"


def test_mark_all_as_read_changes_only_the_readers_own_rows(app, client, auth, users):
    reader, neighbour = users("customer"), users("customer")
    (photos, offline), talker = two_followed_ideas(users, reader)
    services.follow_idea(neighbour, photos.id)
    db.session.commit()
    for idea in (photos, offline, photos):
        comments.add_comment(talker, idea.id, "News")
        db.session.commit()
    run_worker(app, burst=True, fork=False)
    assert unread_of(reader) == 3 and unread_of(neighbour) == 2

    auth.login(reader.email)
    page = client.get("/notifications").get_data(as_text=True)
    assert 'class="count">3<' in page and "Mark all as read" in page
    form = re.search(r'<form[^>]*data-mark-all[^>]*action="([^"]+)"', page)
    response = client.post(form.group(1).replace("&amp;", "&"), data={"all": "1", "csrf_token": csrf_from(page)})
    assert response.status_code == 302 and response.headers["Location"].endswith("/notifications")
    after = client.get("/notifications").get_data(as_text=True)
    assert "Marked 3 notifications as read." in after
    assert 'class="count"' not in after and "Mark all as read" not in after and "You are all caught up" in after
    assert unread_of(reader) == 0 and unread_of(neighbour) == 2
    # Without a CSRF token the form is refused.
    assert client.post("/notifications/read", data={"all": "1"}).status_code == 400

    comments.add_comment(talker, photos.id, "More news")
    db.session.commit()
    run_worker(app, burst=True, fork=False)
    marked = Api(client, reader).post("/notifications/read", json={"all": True})
    assert_matches_spec(client, "post", "/notifications/read", marked)
    assert marked.get_json() == {"marked": 1, "unread": 0}
    assert unread_of(neighbour) == 3


def test_times_are_when_the_news_happened_not_when_the_row_was_written(app, client, auth, users):
    reader, pm = users("customer"), users("pm")
    (photos, offline), talker = two_followed_ideas(users, reader)
    said = comment_at(talker, photos.id, "Written three days ago", utcnow() - timedelta(days=3))
    services.change_status(pm, offline.id, "planned", "")
    change = db.session.scalar(select(StatusChange).where(StatusChange.idea_id == offline.id))
    change.created_at = utcnow() - timedelta(days=9)  # as the demo back-dates its history
    db.session.commit()
    run_worker(app, burst=True, fork=False)

    rows = {n.kind: n for n in db.session.scalars(select(Notification).where(Notification.user_id == reader.id))}
    assert rows["comment"].created_at - said.created_at > timedelta(days=2)  # written just now
    assert rows["comment"].event_at == said.created_at
    assert rows["status_change"].event_at == change.created_at
    auth.login(reader.email)
    page = client.get("/notifications").get_data(as_text=True)
    assert f'<time datetime="{iso(said.created_at)}"' in page and "3 days ago" in page
    assert f'<time datetime="{iso(change.created_at)}"' in page and "9 days ago" in page
    assert f'datetime="{iso(rows["comment"].created_at)}"' not in page
    item = Api(client, reader).get("/notifications").get_json()["items"]
    assert {i["kind"]: i["event_at"] for i in item} == {
        "comment": iso(said.created_at),
        "status_change": iso(change.created_at),
    }
    # Groups are ordered by when their news happened: the 3-day-old comment before the 9-day-old change.
    assert [g.title for g in notification_groups(reader, unread_only=False, page=1, per_page=15).items] == [
        "Photos on job completion",
        "Offline mode",
    ]


def test_friendly_empty_states(client, auth, users):
    auth.login(users("customer").email)
    page = client.get("/notifications").get_data(as_text=True)
    assert "Nothing here yet." in page and "Mark all as read" not in page
    unread = client.get("/notifications?unread=1").get_data(as_text=True)
    assert "you are all caught up" in unread
