"""Realistic demo data for `flask seed-demo` and `make run`'s first start.

The demo company, Brightfield, sells scheduling and invoicing software to field-service
businesses; its customers and employees share one space for ideas and decisions. Who they are,
what they proposed and how they voted is data (data/*.yaml, checked by schema.py and
schema_rounds.py); this module plans it as a history of dated steps through the real services,
as people using the site would have taken them (history.py replays them in time order).
"""

import logging

from sqlalchemy import select

from ..accounts.models import ExpertiseTag, User
from ..accounts.passwords import hash_password
from ..extensions import db
from ..platform.db import utcnow
from . import timeline
from .files import load_content
from .history import History
from .schema import IDEA_COUNT, Idea, Person, Thread

DEMO_PASSWORD = "commons-demo-2026"
DEMO_DOMAIN = "demo.brightfield.example"


def _make_user(person: Person, password_hash: str) -> User:
    user = User(
        email=f"{person.local}@{DEMO_DOMAIN}",
        name=person.name,
        role=person.role,
        bio=person.bio,
        password_hash=password_hash,
    )
    if person.role == "customer":
        user.company, user.segment = person.company, person.segment
    else:
        user.department, user.title = person.department, person.title
    user.expertise = [ExpertiseTag(tag=tag) for tag in person.expertise]
    return user


def _join(user: User, when) -> None:
    user.created_at = when
    db.session.add(user)


def _plan_idea(
    history: History, spec: Idea, changer: User, people: dict[str, User], specs: dict[str, Person], ids: dict
) -> None:
    """Posting, votes, discussion and status changes of one idea, each at its moment; `ids` gets
    the idea's id (title → id) when it is posted."""
    from ..ideas import services
    from ..voting import services as voting

    def post(when) -> None:
        idea = services.submit_idea(
            people[spec.author], title=spec.title, body=spec.body, tags=list(spec.tags), visibility=spec.visibility
        )
        idea.created_at = when  # now already: the scores computed on each vote read it
        ids[spec.title] = idea.id
        voting.cast_support(people[spec.author], idea.id)  # an author supports their idea (idempotent)

    history.add(timeline.posted(spec), post)
    supports, ratings = timeline.vote_moments(spec, specs)
    for local in spec.supporters:
        history.add(supports[local], lambda _when, who=people[local]: voting.cast_support(who, ids[spec.title]))
    for local, value in spec.ratings.items():
        history.add(ratings[local], lambda _when, who=people[local], v=value: voting.rate_idea(who, ids[spec.title], v))
    for thread, moments in zip(spec.comments, timeline.thread_moments(spec), strict=True):
        _plan_thread(history, spec.title, thread, moments, people, ids)
    for status, note, moment in timeline.status_steps(spec):
        history.add(moment, lambda _when, s=status, n=note: services.change_status(changer, ids[spec.title], s, n))


def _plan_thread(
    history: History, title: str, thread: Thread, moments: list[int], people: dict[str, User], ids: dict
) -> None:
    from ..ideas import comments

    parent: dict[str, int] = {}

    def top(_when) -> None:
        parent["id"] = comments.add_comment(people[thread.author], ids[title], thread.body).id

    history.add(moments[0], top)
    for reply, moment in zip(thread.replies, moments[1:], strict=True):
        history.add(
            moment, lambda _when, r=reply: comments.add_comment(people[r.author], ids[title], r.body, parent["id"])
        )


def seed(ideas: int = IDEA_COUNT) -> dict | None:
    """Create the demo data once (the first `ideas` ideas, and each round whose candidates are
    among them); returns the logins, or None when it already exists."""
    if db.session.scalar(select(User.id).where(User.email == f"admin@{DEMO_DOMAIN}")):
        return None
    content = load_content()  # refuses invalid files before anything is written
    history = History(utcnow())
    password_hash = hash_password(DEMO_PASSWORD)  # one hash: argon2 is slow on purpose
    specs = content.people.by_local()
    people = {person.local: _make_user(person, password_hash) for person in content.people.people}
    for local, user in people.items():  # each joins on their day: nothing that came before reaches them
        history.add(timeline.joined(specs[local]), lambda when, user=user: _join(user, when))
    logger = logging.getLogger("innovation")
    level = logger.level
    logger.setLevel(logging.WARNING)  # the progress bar says enough
    try:
        ids: dict[str, int] = {}
        chosen = content.ideas.ideas[: max(0, ideas)]
        for spec in chosen:
            _plan_idea(history, spec, people[content.ideas.status_changer(spec)], people, specs, ids)
        from .rounds import plan_rounds

        plan_rounds(history, content.rounds, people, specs, ids, {spec.title for spec in chosen})
        history.run()
    finally:
        logger.setLevel(level)
    from ..ideas.models import Idea as IdeaRow
    from ..voting.services import refresh_counters

    for idea_id in ids.values():
        refresh_counters(db.session.get(IdeaRow, idea_id))  # the hot score depends on the back-dated creation
    history.read_until_last_visit(people, specs)
    db.session.commit()
    logins = [(f"{local}@{DEMO_DOMAIN}", people[local].role) for local in content.people.shown_logins]
    return {"password": DEMO_PASSWORD, "logins": logins, "ideas": len(chosen)}
