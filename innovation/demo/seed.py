"""Realistic demo data for `flask seed-demo` and `make run`'s first start.

The demo company, Brightfield, sells scheduling and invoicing software to field-service
businesses; its customers and employees share one space for ideas and decisions. Who they are,
what they proposed and how they voted is data (data/*.yaml, checked by schema.py); this module
puts it into the database through the real services, as people using the site would.
"""

import logging
from datetime import timedelta

import click
from sqlalchemy import select

from ..accounts.models import ExpertiseTag, User
from ..accounts.passwords import hash_password
from ..extensions import db
from ..platform.db import utcnow
from .files import load_content
from .schema import IDEA_COUNT, Idea, Person

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


def _seed_idea(spec: Idea, status_changer: User, people: dict[str, User], now) -> int:
    """One demo idea through the real services, then back-dated to its age; returns its id."""
    from ..ideas import comments, services
    from ..ideas.models import StatusChange
    from ..voting import services as voting

    idea = services.submit_idea(
        people[spec.author], title=spec.title, body=spec.body, tags=list(spec.tags), visibility=spec.visibility
    )
    created = now - timedelta(days=spec.age_days, hours=spec.age_days % 7)
    idea.created_at = created
    for local in spec.supporters:
        voting.cast_support(people[local], idea.id)
    for local, value in spec.ratings.items():
        voting.rate_idea(people[local], idea.id, value)
    for position, thread in enumerate(spec.comments):
        top = comments.add_comment(people[thread.author], idea.id, thread.body)
        top.created_at = created + timedelta(hours=5 + 9 * position)
        for offset, reply in enumerate(thread.replies):
            answer = comments.add_comment(people[reply.author], idea.id, reply.body, top.id)
            answer.created_at = top.created_at + timedelta(hours=2 + 3 * offset)
    if spec.status != "new":
        services.change_status(status_changer, idea.id, spec.status, spec.status_note)
        latest = db.session.scalars(select(StatusChange).where(StatusChange.idea_id == idea.id)).first()
        latest.created_at = created + timedelta(days=max(1, spec.age_days // 2))
    voting.refresh_counters(idea)  # the hot score depends on the back-dated creation time
    return idea.id


def seed(ideas: int = IDEA_COUNT) -> dict | None:
    """Create the demo data once (the first `ideas` ideas, and each round whose candidates are
    among them); returns the logins, or None when it already exists."""
    if db.session.scalar(select(User.id).where(User.email == f"admin@{DEMO_DOMAIN}")):
        return None
    content = load_content()  # refuses invalid files before anything is written
    password_hash = hash_password(DEMO_PASSWORD)  # one hash: argon2 is slow on purpose
    people = {person.local: _make_user(person, password_hash) for person in content.people.people}
    db.session.add_all(people.values())
    db.session.flush()
    now = utcnow()
    logging.getLogger("innovation").setLevel(logging.WARNING)  # the progress bar says enough
    idea_ids: dict[str, int] = {}
    with click.progressbar(content.ideas.ideas[: max(0, ideas)], label="Demo ideas") as specs:
        for spec in specs:
            changer = people[content.ideas.status_changer(spec)]
            idea_ids[spec.title] = _seed_idea(spec, changer, people, now)
    from .rounds import seed_rounds

    seed_rounds(content.rounds, people, idea_ids)
    db.session.commit()
    logins = [(f"{local}@{DEMO_DOMAIN}", people[local].role) for local in content.people.shown_logins]
    return {"password": DEMO_PASSWORD, "logins": logins, "ideas": min(ideas, len(content.ideas.ideas))}
