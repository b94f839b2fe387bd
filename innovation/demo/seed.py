"""Realistic demo data for `flask seed-demo` and `make run`'s first start.

The demo company, Brightfield, sells scheduling and invoicing software to field-service
businesses; its customers and employees share one space for ideas and decisions.
"""
import logging
from datetime import timedelta

import click
from sqlalchemy import select

from ..accounts.models import ExpertiseTag, User
from ..accounts.passwords import hash_password
from ..extensions import db
from ..platform.db import utcnow

DEMO_PASSWORD = "commons-demo-2026"
DEMO_DOMAIN = "demo.brightfield.example"

# (e-mail local part, name, role, bio, expertise, department/company, title/segment)
PEOPLE = [
    ("admin", "Ada Lindqvist", "admin", "Runs the community platform and keeps it healthy.",
     ["community", "moderation"], "Customer Success", "Community lead"),
    ("pm", "Priya Raman", "pm", "Product manager for scheduling. Ex-dispatcher, still thinks in routes.",
     ["scheduling", "routing", "mobile"], "Product", "Senior product manager"),
    ("pm2", "Tomás Ferreira", "pm", "Product manager for invoicing and payments.",
     ["invoicing", "payments", "pricing"], "Product", "Product manager"),
    ("employee", "Grace Okafor", "employee", "Backend engineer: the sync engine and the public API.",
     ["api", "offline-sync", "performance"], "Engineering", "Staff engineer"),
    ("support", "Jonas Weber", "employee", "Support lead. I read every ticket so you don't have to.",
     ["support", "onboarding"], "Customer Support", "Support lead"),
    ("design", "Mei Chen", "employee", "Product designer focused on the technician app.",
     ["accessibility", "mobile", "design"], "Design", "Product designer"),
    ("sales", "Samuel Adeyemi", "employee", "Account executive for mid-size plumbing and HVAC firms.",
     ["sales", "pricing"], "Sales", "Account executive"),
    ("customer", "Carla Mendes", "customer", "Owner of a 12-van plumbing company in Porto.",
     ["scheduling", "invoicing"], "Mendes Plumbing", "Small business"),
    ("customer2", "Dave Kowalski", "customer", "Dispatcher at an HVAC firm; I live in the calendar view.",
     ["dispatch", "scheduling"], "Northside HVAC", "Mid-size"),
    ("customer3", "Aisha Bello", "customer", "Office manager; invoices, reminders and the occasional angry call.",
     ["invoicing", "payments"], "Bello Electric", "Small business"),
    ("customer4", "Henrik Nilsson", "customer", "Operations director for a facilities group with 300 technicians.",
     ["reporting", "integrations", "security"], "Nordic Facilities Group", "Enterprise"),
    ("customer5", "Lucía Romero", "customer", "Technician and part-time trainer for new hires.",
     ["mobile", "onboarding"], "Romero Climate", "Small business"),
    ("customer6", "Ben Carter", "customer", "IT admin at a city maintenance department.",
     ["security", "accessibility", "integrations"], "City of Eastbridge", "Public sector"),
]


def _make_user(local, name, role, bio, tags, org, position, password_hash) -> User:
    user = User(email=f"{local}@{DEMO_DOMAIN}", name=name, role=role, bio=bio,
                password_hash=password_hash)
    if role == "customer":
        user.company, user.segment = org, position
    else:
        user.department, user.title = org, position
    user.expertise = [ExpertiseTag(tag=tag) for tag in tags]
    return user


def _seed_idea(spec: dict, people: dict[str, User], now) -> None:
    """One demo idea through the real services, then back-dated to its age."""
    from ..ideas import comments, services
    from ..ideas.models import StatusChange
    from ..voting import services as voting

    author = people[spec["author"]]
    idea = services.submit_idea(author, title=spec["title"], body=spec["body"], tags=spec["tags"],
                                visibility=spec["visibility"])
    created = now - timedelta(days=spec["age_days"], hours=spec["age_days"] % 7)
    idea.created_at = created
    for local in spec["supporters"]:
        voting.cast_support(people[local], idea.id)
    for local, value in spec["ratings"].items():
        voting.rate_idea(people[local], idea.id, value)
    for position, thread in enumerate(spec["comments"]):
        top = comments.add_comment(people[thread["author"]], idea.id, thread["body"])
        top.created_at = created + timedelta(hours=5 + 9 * position)
        for offset, reply in enumerate(thread.get("replies", [])):
            answer = comments.add_comment(people[reply["author"]], idea.id, reply["body"], top.id)
            answer.created_at = top.created_at + timedelta(hours=2 + 3 * offset)
    if spec["status"] != "new":
        pm = people["pm2" if "invoicing" in spec["tags"] or "payments" in spec["tags"] else "pm"]
        services.change_status(pm, idea.id, spec["status"], spec.get("status_note", ""))
        latest = db.session.scalars(select(StatusChange).where(StatusChange.idea_id == idea.id)).first()
        latest.created_at = created + timedelta(days=max(1, spec["age_days"] // 2))
    voting.refresh_counters(idea)  # the hot score depends on the back-dated creation time


def seed(ideas: int = 60) -> dict | None:
    """Create the demo data once; returns the logins, or None when it already exists."""
    from .content import IDEAS

    if db.session.scalar(select(User.id).where(User.email == f"admin@{DEMO_DOMAIN}")):
        return None
    password_hash = hash_password(DEMO_PASSWORD)  # one hash: argon2 is slow on purpose
    logins, people = [], {}
    for local, name, role, bio, tags, org, position in PEOPLE:
        people[local] = _make_user(local, name, role, bio, tags, org, position, password_hash)
        db.session.add(people[local])
        logins.append((f"{local}@{DEMO_DOMAIN}", role))
    db.session.flush()
    now = utcnow()
    logging.getLogger("innovation").setLevel(logging.WARNING)  # the progress bar says enough
    with click.progressbar(IDEAS[:max(0, ideas)], label="Demo ideas") as specs:
        for spec in specs:
            _seed_idea(spec, people, now)
    if ideas >= 8:
        from .rounds import seed_rounds

        seed_rounds(people)
    db.session.commit()
    return {"password": DEMO_PASSWORD, "logins": logins[:4] + logins[7:8], "ideas": min(ideas, len(IDEAS))}
