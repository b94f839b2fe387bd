"""Realistic demo data for `flask seed-demo` and `make run`'s first start.

The demo company, Brightfield, sells scheduling and invoicing software to field-service
businesses; its customers and employees share one space for ideas and decisions.
"""
import click
from sqlalchemy import select

from .accounts.models import ExpertiseTag, User
from .accounts.passwords import hash_password
from .extensions import db

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


def seed(ideas: int = 60) -> dict | None:
    """Create the demo data once; returns the logins, or None when it already exists."""
    if db.session.scalar(select(User.id).where(User.email == f"admin@{DEMO_DOMAIN}")):
        return None
    password_hash = hash_password(DEMO_PASSWORD)  # one hash: argon2 is slow on purpose
    logins = []
    with click.progressbar(PEOPLE, label="Demo people") as people:
        for local, name, role, bio, tags, org, position in people:
            db.session.add(_make_user(local, name, role, bio, tags, org, position, password_hash))
            logins.append((f"{local}@{DEMO_DOMAIN}", role))
    db.session.commit()
    return {"password": DEMO_PASSWORD, "logins": logins[:4] + logins[7:8], "ideas": ideas}
