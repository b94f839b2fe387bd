"""The seeded demo read back from a real database: join dates precede activity, every history runs
forward in time, the rounds' phases and impact numbers add up, and each person has read the
notifications that reached them before their last visit (the demo customer comes back to a
handful of recent ones, and to a round waiting for her vote).

One seed for the module (it takes a while); the tests only read it."""

import json
from collections import defaultdict
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from innovation.accounts.models import User
from innovation.decisions.ballots import has_voted, voter_key
from innovation.decisions.impact import derived
from innovation.decisions.models import Ballot, Candidate, ImpactRevision, Outcome, Round
from innovation.demo.seed import DEMO_DOMAIN, DEMO_PASSWORD, seed
from innovation.extensions import db
from innovation.ideas.models import Comment, Follow, Idea, StatusChange
from innovation.notifications.models import Notification, OutboxEvent
from innovation.platform.db import utcnow
from innovation.voting.models import Rating, Support

from ..conftest import AuthActions, IsolatedClient, fresh_app

CUSTOMER = f"customer@{DEMO_DOMAIN}"


@pytest.fixture(scope="module")
def demo(tmp_path_factory, database_template, redis_url):
    """An app whose database holds the whole demo, seeded once for this module."""
    with fresh_app(tmp_path_factory.mktemp("demo"), database_template, redis_url) as app:
        seed()
        yield app


def users() -> dict[int, User]:
    return {user.id: user for user in db.session.scalars(select(User))}


def activity_times() -> dict[int, list[tuple[str, object]]]:
    """user id → (what, when) of everything the user did, ballots found by their keyed hash."""
    done: dict[int, list] = defaultdict(list)
    for what, query in (
        ("idea", select(Idea.author_id, Idea.created_at)),
        ("comment", select(Comment.author_id, Comment.created_at)),
        ("support", select(Support.user_id, Support.created_at)),
        ("rating", select(Rating.user_id, Rating.created_at)),
        ("follow", select(Follow.user_id, Follow.created_at)),
        ("status change", select(StatusChange.actor_id, StatusChange.created_at)),
        ("round", select(Round.created_by_id, Round.created_at)),
        ("impact revision", select(ImpactRevision.changed_by_id, ImpactRevision.changed_at)),
        ("outcome", select(Outcome.published_by_id, Outcome.published_at)),
    ):
        for user_id, when in db.session.execute(query):
            done[user_id].append((what, when))
    ballots = db.session.execute(select(Ballot.round_id, Ballot.voter_key, Ballot.cast_at)).all()
    for user_id in users():
        done[user_id] += [("ballot", cast) for round_id, key, cast in ballots if key == voter_key(round_id, user_id)]
    return done


def test_nobody_acts_before_joining_nor_after_today(demo):
    now, done = utcnow(), activity_times()
    everyone = users()
    assert sum(len(items) for items in done.values()) > 1000
    for user_id, items in done.items():
        user = everyone[user_id]
        first_what, first = min(items, key=lambda item: item[1])
        assert first > user.created_at, f"{user.email} joined {user.created_at}, first {first_what} {first}"
        assert max(when for _what, when in items) < now.replace(hour=0, minute=0, second=0, microsecond=0)
    # Members joined over months, not in the second the seed ran.
    joined = sorted(user.created_at for user in everyone.values())
    assert joined[-1] - joined[0] > timedelta(days=90)
    assert all(user_id in done for user_id in everyone), "every demo person took part"


def test_ideas_come_before_what_happens_to_them(demo):
    ideas = {idea.id: idea for idea in db.session.scalars(select(Idea))}
    comments = {comment.id: comment for comment in db.session.scalars(select(Comment))}
    for comment in comments.values():
        assert comment.created_at > ideas[comment.idea_id].created_at
        if comment.parent_id:
            assert comment.created_at > comments[comment.parent_id].created_at
    for model in (Support, Rating, Follow):
        for idea_id, when in db.session.execute(select(model.idea_id, model.created_at)):
            assert when >= ideas[idea_id].created_at, model.__name__
    changes: dict[int, list[StatusChange]] = defaultdict(list)
    for change in db.session.scalars(select(StatusChange).order_by(StatusChange.id)):
        changes[change.idea_id].append(change)
    assert sum(len(chain) >= 3 for chain in changes.values()) >= 6, "shipped ideas went through several statuses"
    for idea_id, chain in changes.items():
        idea = ideas[idea_id]
        times = [idea.created_at] + [change.created_at for change in chain]
        assert times == sorted(times) and len(set(times)) == len(times), idea.title
        # Each change starts from the status the one before set; a round's outcome starts from
        # `in_round`, which the idea took on entering the round (the candidate row, not a change).
        statuses = ["new"] + [change.new_status for change in chain]
        expected = [
            "in_round" if c.note.startswith("Decided in round") else s for c, s in zip(chain, statuses, strict=False)
        ]
        assert [change.old_status for change in chain] == expected, idea.title
        assert idea.status in (statuses[-1], "in_round"), idea.title


def test_round_phases_come_in_order(demo):
    rounds = list(db.session.scalars(select(Round).order_by(Round.id)))
    assert [r.status for r in rounds] == ["decided", "voting"]
    now = utcnow()
    for round_ in rounds:
        outcome = db.session.scalar(select(Outcome).where(Outcome.round_id == round_.id))
        phases = [round_.created_at, round_.deliberation_started_at, round_.opened_at]
        if round_.status == "decided":
            phases += [round_.closed_at, round_.decided_at]
            assert outcome.published_at == round_.decided_at and round_.closes_at == round_.closed_at
            assert json.loads(round_.export_json)["round"]["closed_at"].startswith(
                round_.closed_at.strftime("%Y-%m-%d")
            )
            end = round_.closed_at
        else:
            assert outcome is None and round_.closes_at > now
            end = now
        assert phases == sorted(phases) and phases[-1] < now, round_.title
        for candidate in round_.candidates:
            assert candidate.idea.created_at < round_.created_at <= candidate.created_at < round_.opened_at
            after = db.session.scalars(
                select(StatusChange.note).where(
                    StatusChange.idea_id == candidate.idea_id, StatusChange.created_at >= candidate.created_at
                )
            ).all()
            assert all(note.startswith("Decided in round") for note in after), "once in a round, only it moves the idea"
            revisions = db.session.scalars(
                select(ImpactRevision.changed_at).where(ImpactRevision.candidate_id == candidate.id)
            )
            assert all(candidate.created_at <= when < end for when in revisions)
        casts = db.session.scalars(select(Ballot.cast_at).where(Ballot.round_id == round_.id)).all()
        assert casts and all(round_.opened_at < cast < end for cast in casts)


def test_impact_numbers_are_plausible_and_each_candidate_s_own(demo):
    candidates = list(db.session.scalars(select(Candidate)))
    assert len({c.sources for c in candidates}) == len(candidates), "each idea has sources of its own"
    for candidate in candidates:
        for low, value, high in (
            (candidate.cost_low, candidate.cost, candidate.cost_high),
            (candidate.benefit_low, candidate.annual_benefit, candidate.benefit_high),
        ):
            assert low <= value <= high, candidate.idea.title
        numbers = derived(candidate.impact)
        assert -0.9 < numbers["roi"] <= 4.0 and 1 <= numbers["payback_months"] <= 36, candidate.idea.title
        assert candidate.effort_weeks > 0 and candidate.reach > 0 and len(candidate.sources) > 80
    for round_ in db.session.scalars(select(Round)):
        keys = [(c.cost, c.annual_benefit, c.effort_weeks, c.reach, c.confidence) for c in round_.candidates]
        assert len(set(keys)) == len(keys), round_.title
        if round_.budget is not None:
            costs = [c.cost for c in round_.candidates]
            assert min(costs) <= round_.budget < sum(costs), "the budget funds some candidates, not all"
    revised = db.session.scalar(select(func.count()).select_from(ImpactRevision).where(ImpactRevision.version > 1))
    assert revised >= 2, "the demo shows impact numbers changing, with their sources"


def test_notifications_carry_the_time_of_their_event(demo):
    everyone = users()
    rows = db.session.execute(select(Notification, OutboxEvent.created_at).join(OutboxEvent)).all()
    assert len(rows) > 100
    for notification, event_time in rows:
        assert notification.created_at == event_time
        assert notification.created_at > everyone[notification.user_id].created_at
        assert notification.read_at is None or notification.read_at >= notification.created_at


def test_each_person_read_what_came_before_their_last_visit(demo):
    for user in users().values():
        notifications = db.session.scalars(select(Notification).where(Notification.user_id == user.id)).all()
        read = [n.created_at for n in notifications if n.read_at is not None]
        unread = [n.created_at for n in notifications if n.read_at is None]
        assert not read or not unread or max(read) < min(unread), user.email


def test_the_demo_customer_comes_back_to_a_handful_of_recent_news(demo):
    customer = db.session.scalar(select(User).where(User.email == CUSTOMER))
    notifications = db.session.scalars(select(Notification).where(Notification.user_id == customer.id)).all()
    unread = [n for n in notifications if n.read_at is None]
    assert 3 <= len(unread) <= 8, [n.title for n in unread]
    assert len(notifications) - len(unread) >= 20, "older news was read"
    assert all(n.created_at > utcnow() - timedelta(days=10) for n in unread)
    # About what she cares for: ideas she wrote, follows or supports, and a round open to her.
    mine = set(db.session.scalars(select(Follow.idea_id).where(Follow.user_id == customer.id)))
    mine |= set(db.session.scalars(select(Support.idea_id).where(Support.user_id == customer.id)))
    open_rounds = set(db.session.scalars(select(Round.id).where(Round.status == "voting")))
    for notification in unread:
        kind, number = notification.url.split("#")[0].strip("/").split("/")
        assert (kind, int(number) in (mine if kind == "ideas" else open_rounds)) == (kind, True), notification.title
    assert {n.kind for n in unread} >= {"round_opened", "status_change", "mention"}


def test_a_round_waits_for_the_demo_customer_on_her_home_page(demo):
    customer = db.session.scalar(select(User).where(User.email == CUSTOMER))
    voting = db.session.scalar(select(Round).where(Round.status == "voting"))
    assert not has_voted(customer.id, voting.id)
    demo.test_client_class = IsolatedClient
    client = demo.test_client()
    assert AuthActions(client).login(CUSTOMER, DEMO_PASSWORD).status_code == 302
    home = client.get("/").get_data(as_text=True)
    section = home.split("Rounds waiting for your vote", 1)[1]
    assert voting.title.replace("&", "&amp;") in section.split("</section>", 1)[0]
