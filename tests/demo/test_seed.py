"""The seed puts exactly the files' content into the database, through the real services."""

from sqlalchemy import func, select

from innovation.accounts.models import User
from innovation.decisions.models import Ballot, Outcome, Round
from innovation.decisions.outcomes import IDEA_STATUS_AFTER
from innovation.demo.files import load_content
from innovation.demo.seed import DEMO_DOMAIN, seed
from innovation.extensions import db
from innovation.ideas.models import Comment, Idea, StatusChange
from innovation.voting.models import Rating, Support


def email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


def expected_statuses(content) -> dict[str, str]:
    """title → status once seeded: the file's, unless a round took the idea as a candidate."""
    statuses = {idea.title: idea.status for idea in content.ideas.ideas}
    for round_ in content.rounds.rounds:
        for candidate in round_.candidates:
            statuses[candidate.idea] = "in_round"
        for decision in round_.outcome.decisions if round_.outcome else []:
            statuses[decision.idea] = IDEA_STATUS_AFTER[decision.decision]
    return statuses


def test_seed_puts_the_files_into_the_database(app):
    """One seed (it takes seconds) checked against each file."""
    content = load_content()
    created = seed()
    check_people_and_ideas(content, created)
    check_rounds(content)


def check_people_and_ideas(content, created: dict) -> None:
    assert created["logins"] == [
        (email(local), next(p.role for p in content.people.people if p.local == local))
        for local in content.people.shown_logins
    ]
    users = {user.email: user for user in db.session.scalars(select(User))}
    assert len(users) == len(content.people.people)
    for person in content.people.people:
        user = users[email(person.local)]
        assert (user.name, user.role, user.bio) == (person.name, person.role, person.bio)
        assert sorted(t.tag for t in user.expertise) == sorted(person.expertise)
        assert (user.company or None, user.department or None) == (person.company, person.department)
    by_id = {user.id: user.email for user in users.values()}
    ideas = list(db.session.scalars(select(Idea).order_by(Idea.id)))
    assert [idea.title for idea in ideas] == [spec.title for spec in content.ideas.ideas]
    statuses = expected_statuses(content)
    for idea, spec in zip(ideas, content.ideas.ideas, strict=True):
        assert (by_id[idea.author_id], idea.visibility, idea.body) == (email(spec.author), spec.visibility, spec.body)
        assert sorted(t.tag for t in idea.tags) == sorted(spec.tags)
        assert idea.status == statuses[spec.title], spec.title
        supporters = db.session.scalars(select(Support.user_id).where(Support.idea_id == idea.id).order_by(Support.id))
        # The author supports their idea when they submit it, then the listed supporters.
        expected_supporters = [spec.author, *(local for local in spec.supporters if local != spec.author)]
        assert [by_id[uid] for uid in supporters] == [email(local) for local in expected_supporters]
        assert idea.support_total == len(expected_supporters)
        ratings = db.session.execute(select(Rating.user_id, Rating.value).where(Rating.idea_id == idea.id))
        assert {by_id[uid]: value for uid, value in ratings} == {email(k): v for k, v in spec.ratings.items()}
        comments = db.session.scalars(select(Comment).where(Comment.idea_id == idea.id).order_by(Comment.id))
        expected = [
            (email(entry.author), entry.body, entry is not thread)
            for thread in spec.comments
            for entry in (thread, *thread.replies)
        ]
        assert [(by_id[c.author_id], c.body, c.parent_id is not None) for c in comments] == expected
        if spec.status != "new":
            change = db.session.scalars(
                select(StatusChange).where(StatusChange.idea_id == idea.id).order_by(StatusChange.id)
            ).first()
            assert (change.new_status, change.note) == (spec.status, spec.status_note)
            assert by_id[change.actor_id] == email(content.ideas.status_changer(spec))


def check_rounds(content) -> None:
    rounds = list(db.session.scalars(select(Round).order_by(Round.id)))
    assert [r.title for r in rounds] == [spec.title for spec in content.rounds.rounds]
    assert [r.status for r in rounds] == ["decided", "voting"]
    for round_, spec in zip(rounds, content.rounds.rounds, strict=True):
        assert [c.idea.title for c in round_.candidates] == [c.idea for c in spec.candidates]
        assert round_.method == spec.method and round_.budget == spec.budget
        ballots = db.session.scalar(select(func.count()).select_from(Ballot).where(Ballot.round_id == round_.id))
        assert ballots == len(spec.ballots)
    outcome = db.session.scalar(select(Outcome).where(Outcome.round_id == rounds[0].id))
    assert outcome.summary == content.rounds.rounds[0].outcome.summary
    assert [(d.candidate.idea.title, d.decision, d.rationale) for d in outcome.decisions] == [
        (d.idea, d.decision, d.rationale) for d in content.rounds.rounds[0].outcome.decisions
    ]
    # The story the demo tells: the winner is adopted, and one adoption departs from the vote.
    assert [d.followed_vote for d in outcome.decisions].count(False) == 1
    assert all(d.rationale for d in outcome.decisions if not d.followed_vote)


def test_a_partial_seed_leaves_out_the_rounds_it_lacks_candidates_for(app):
    created = seed(ideas=8)
    assert created["ideas"] == 8
    assert db.session.scalar(select(func.count()).select_from(Idea)) == 8
    assert db.session.scalar(select(func.count()).select_from(Round)) == 0
    assert seed() is None  # seeded already: nothing happens
