"""Outbox rows in the same transaction; fan-out to the right people, with visibility,
preferences and idempotence."""

import pytest
from sqlalchemy import func, select

from innovation.extensions import db
from innovation.ideas import comments, services
from innovation.notifications.jobs import fan_out
from innovation.notifications.models import Delivery, Notification, OutboxEvent
from innovation.notifications.preferences import set_preferences
from innovation.platform.jobs import get_queue
from innovation.voting.services import cast_support


def count(model, **where) -> int:
    query = select(func.count()).select_from(model)
    for key, value in where.items():
        query = query.where(getattr(model, key) == value)
    return db.session.scalar(query)


def latest_event(kind):
    query = select(OutboxEvent).where(OutboxEvent.kind == kind).order_by(OutboxEvent.id.desc())
    return db.session.scalars(query).first()


@pytest.fixture
def idea_with_people(app, users):
    author, follower, other = users("customer"), users("employee"), users("customer")
    idea = services.submit_idea(author, title="Photos on job completion")
    services.follow_idea(follower, idea.id)
    db.session.commit()
    return author, follower, other, idea


def test_outbox_row_is_written_with_the_comment_and_dropped_with_a_rollback(app, idea_with_people):
    author, follower, other, idea = idea_with_people
    comments.add_comment(other, idea.id, "Great idea")
    db.session.rollback()
    assert count(OutboxEvent, kind="comment") == 0
    assert get_queue("default").count == 0
    comments.add_comment(other, idea.id, "Great idea")
    assert get_queue("default").count == 0  # nothing leaves before commit
    db.session.commit()
    assert count(OutboxEvent, kind="comment") == 1
    assert get_queue("default").count == 1


def test_comment_reaches_followers_but_not_its_author_and_twice_changes_nothing(app, idea_with_people):
    author, follower, other, idea = idea_with_people
    comments.add_comment(other, idea.id, "Great idea")
    db.session.commit()
    event = latest_event("comment")
    assert fan_out(event.id)["notifications"] == 2  # the idea's author and the follower
    event.dispatched_at = None  # as if the worker died before marking it
    db.session.commit()
    fan_out(event.id)
    assert count(Notification) == 2
    assert set(db.session.scalars(select(Notification.user_id))) == {author.id, follower.id}


def test_reply_and_mention_kinds(app, users, idea_with_people):
    author, follower, _other, idea = idea_with_people
    other = users("customer", name="Olivia Brooks")
    top = comments.add_comment(follower, idea.id, "Question for the author")
    db.session.commit()
    comments.add_comment(author, idea.id, f"Thanks @{other.name}, see above", top.id)
    db.session.commit()
    for kind in ("comment", "mention"):
        for event in db.session.scalars(select(OutboxEvent).where(OutboxEvent.kind == kind)):
            fan_out(event.id)
    kinds = dict(
        db.session.execute(
            select(Notification.user_id, Notification.kind).where(Notification.title.contains(author.name))
        ).all()
    )
    assert kinds[follower.id] == "reply"
    assert kinds[other.id] == "mention"  # mentioned, so not also told about "a comment"
    own = (
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == author.id, Notification.title.startswith(author.name))
    )
    assert db.session.scalar(own) == 0  # nobody is told about their own words


def test_internal_ideas_never_notify_customers(app, users):
    employee, customer = users("employee"), users("customer", name="Carla Customer")
    idea = services.submit_idea(employee, title="Internal support macros", visibility="internal")
    db.session.commit()
    services.follow_idea(users("pm"), idea.id)
    db.session.commit()
    from innovation.ideas.models import Follow

    db.session.add(Follow(idea_id=idea.id, user_id=customer.id))  # even a stale follow row
    db.session.commit()
    comments.add_comment(users("employee"), idea.id, "Internal note @Carla Customer")
    services.change_status(users("pm"), idea.id, "planned", "Next sprint")
    db.session.commit()
    for event in db.session.scalars(select(OutboxEvent)):
        fan_out(event.id)
    assert count(Notification, user_id=customer.id) == 0
    assert count(Notification, user_id=employee.id) >= 1


def test_status_change_reaches_supporters_with_their_preferences(app, users, idea_with_people):
    author, follower, other, idea = idea_with_people
    supporter, silent = users("customer"), users("employee")
    cast_support(supporter, idea.id)
    cast_support(silent, idea.id)
    set_preferences(supporter, {"status_change": "email"})
    set_preferences(silent, {"status_change": "off"})
    db.session.commit()
    services.change_status(users("pm"), idea.id, "planned", "Scheduled")
    db.session.commit()
    fan_out(latest_event("status_change").id)
    assert count(Notification, user_id=supporter.id) == 1
    assert count(Notification, user_id=silent.id) == 0
    assert count(Delivery, user_id=supporter.id, channel="email") == 1
    assert count(Delivery, user_id=follower.id) == 0  # in-app only by default
