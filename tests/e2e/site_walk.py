"""The product's pages, as one list built from the app's GET routes, over the demo data.

`routes_to_walk(app)` is every GET route a person can open in a browser; `pages(app, facts)`
gives each of them one or more paths, their parameters filled from the seeded data. A route with
parameters that has no entry in PATHS, and is not in SKIPPED, fails test_every_page_fits: a new
page cannot be forgotten."""

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask, abort
from sqlalchemy import select

from innovation.accounts.invitations import invitation_token, invite_employee
from innovation.accounts.models import User
from innovation.decisions import ballots, export, services
from innovation.decisions.models import ROUND_STATUSES, Ballot, Candidate, Round
from innovation.demo.seed import DEMO_DOMAIN, seed
from innovation.extensions import db
from innovation.ideas.models import Comment, Idea
from innovation.notifications.models import Delivery, Notification
from innovation.notifications.tokens import unsubscribe_token, verification_token
from innovation.platform.worker import run_worker
from innovation.search.jobs import rebuild_index

# GET routes that are not pages, each with the reason it is not walked.
SKIPPED = {
    "static": "stylesheets, scripts and images",
    "home.healthz": "a load balancer's probe (plain text)",
    "home.readyz": "a load balancer's probe (plain text)",
    "decisions.download_export": "the ballot export: a JSON download",
    "decisions.results_svg": "a chart image; the round page that shows it is walked",
    "decisions.cost_benefit_svg": "a chart image; the round page that shows it is walked",
    "decisions.impact_export": "the impact data as a CSV download",
    "ideas.statuses_css": "the statuses' colours as a stylesheet",
}
API_PREFIX = "/api/"  # the JSON API: its own contract test (tests/api/test_schemathesis.py)
SERVER_ERROR_PATH = "/walk/server-error"  # added by add_server_error_page: the 500 page


@dataclass
class Facts:
    """What the walk fills route parameters with, found in (or added to) the demo data."""

    customer: User
    employee: User
    pm: User
    own_idea: Idea  # written by the demo customer: its edit page opens for them
    round_idea: Idea  # a candidate of a decided round: the idea page links to the outcome
    own_comment: Comment
    rounds: dict[str, Round]  # one per state
    editable_candidate: Candidate
    receipt: str
    notification: Notification
    invitation_token: str
    extra: dict[str, list[str]] = field(default_factory=dict)


def _person(local: str) -> User:
    return db.session.scalars(select(User).where(User.email == f"{local}@{DEMO_DOMAIN}")).one()


def _first(query):
    found = db.session.scalars(query).first()
    assert found is not None, f"the demo data lacks what the walk needs: {query}"
    return found


def _free_ideas(count: int) -> list[Idea]:
    """Ideas no round holds yet, that a round may take as candidates."""
    in_rounds = select(Candidate.idea_id)
    query = (
        select(Idea)
        .where(Idea.id.not_in(in_rounds), Idea.status.in_(("new", "under_review", "planned")))
        .order_by(Idea.id)
        .limit(count)
    )
    return list(db.session.scalars(query))


def _round_in(state: str, pm: User, voters: list[User]) -> Round:
    """A round brought to `state` through the services, for the states the demo lacks."""
    round_ = services.create_round(
        pm, title=f"Which two should we build next ({state})?", description="Two candidates.", method="approval"
    )
    impact = {"cost": 8000, "annual_benefit": 20000}  # what opening needs; the rest "not known yet"
    candidates = [services.add_candidate(pm, round_.id, idea.id, impact) for idea in _free_ideas(2)]
    if state != "draft":
        services.start_deliberation(pm, round_.id)
    if state in ("voting", "closed"):
        services.open_round(pm, round_.id)
        for voter in voters:
            ballots.cast_ballot(voter, round_.id, {"approvals": [candidates[0].id], "reason": ""})
    if state == "closed":
        export.close_round(pm, round_.id)
    db.session.commit()
    return round_


def _rounds_in_every_state(pm: User, voters: list[User]) -> dict[str, Round]:
    found: dict[str, Round] = {}
    for round_ in db.session.scalars(select(Round).order_by(Round.id)):
        found.setdefault(round_.status, round_)
    for state in ROUND_STATUSES:
        if state not in found and state != "decided":  # a decided round needs the demo's outcome
            found[state] = _round_in(state, pm, voters)
    return found


def _fail_some_deliveries(count: int = 2) -> None:
    """The failed-deliveries page with rows: some e-mails whose every attempt was refused."""
    for delivery in db.session.scalars(select(Delivery).order_by(Delivery.id).limit(count)):
        delivery.status = "failed"
        delivery.attempts = 3
        delivery.last_error = (
            "SMTPRecipientsRefused: {'someone.with.a.long.address@customer-company.example': "
            "(550, b'5.1.1 The email account that you tried to reach does not exist.')}"
        )
    db.session.commit()


def seed_demo_site() -> Facts:
    """The demo data, a round in each state, notifications and e-mails made by a real worker
    run, some failed e-mails, an open invitation and the search index."""
    from flask import current_app

    seed()
    customer, employee, pm = _person("customer"), _person("employee"), _person("pm")
    rounds = _rounds_in_every_state(pm, [customer, employee])
    invitation = invite_employee(pm, f"new.colleague@{DEMO_DOMAIN}")
    db.session.commit()
    for _ in range(3):  # jobs enqueue jobs (an event fans out, then e-mails go)
        run_worker(current_app._get_current_object(), burst=True, fork=False)  # type: ignore[attr-defined]
    _fail_some_deliveries()
    rebuild_index()
    decided = rounds["decided"]
    editable = next(r for r in (rounds.get("draft"), rounds.get("deliberation")) if r is not None)
    # The demo customer's own idea, comment and notification when there are (their edit pages
    # open for them); someone else's otherwise (a refusal is a page too).
    own_idea = _first(select(Idea).order_by(Idea.author_id != customer.id, Idea.id))
    own_comment = _first(
        select(Comment).where(Comment.deleted_at.is_(None)).order_by(Comment.author_id != customer.id, Comment.id)
    )
    notification = _first(select(Notification).order_by(Notification.user_id != customer.id, Notification.id))
    receipt = _first(select(Ballot.receipt).where(Ballot.round_id == decided.id))
    return Facts(
        customer=customer,
        employee=employee,
        pm=pm,
        own_idea=own_idea,
        round_idea=decided.candidates[0].idea,
        own_comment=own_comment,
        rounds=rounds,
        editable_candidate=editable.candidates[0],
        receipt=receipt,
        notification=notification,
        invitation_token=invitation_token(invitation),
    )


def add_server_error_page(app: Flask) -> None:
    """A route that fails, so the walk sees the 500 page people get when something breaks."""
    app.add_url_rule(SERVER_ERROR_PATH, "walk_server_error", lambda: abort(500))


def _round_pages(endpoint_suffix: str) -> Callable[[Facts], list[str]]:
    return lambda f: [f"/rounds/{r.id}{endpoint_suffix}" for r in f.rounds.values()]


# Paths for each route with parameters (and query variants of some without).
PATHS: dict[str, Callable[[Facts], list[str]]] = {
    "home.home": lambda f: ["/", "/no-such-page"],  # and the 404 page
    "ideas.detail": lambda f: [f"/ideas/{f.own_idea.id}", f"/ideas/{f.round_idea.id}"],
    "ideas.edit": lambda f: [f"/ideas/{f.own_idea.id}/edit"],
    "ideas.edit_status": lambda f: ["/admin/statuses/under_review"],  # a built-in status, always there
    "ideas.edit_comment": lambda f: [f"/comments/{f.own_comment.id}/edit"],
    "decisions.detail": _round_pages(""),
    "decisions.add_candidate": lambda f: [
        f"/rounds/{f.editable_candidate.round_id}/candidates/new",
        f"/rounds/{f.editable_candidate.round_id}/candidates/new?q=invoice",
    ],
    "decisions.preview": _round_pages("/preview"),
    "decisions.edit_impact": lambda f: [
        f"/rounds/{f.editable_candidate.round_id}/candidates/{f.editable_candidate.id}/impact"
    ],
    "decisions.outcome": lambda f: [f"/rounds/{f.rounds['closed'].id}/outcome"],
    "decisions.impact_import": lambda f: [f"/rounds/{f.editable_candidate.round_id}/impact-import"],
    "decisions.amend_outcome": lambda f: [f"/rounds/{f.rounds['decided'].id}/outcome/amend"],
    "decisions.receipt": lambda f: [f"/rounds/{f.rounds['decided'].id}/receipt?code={f.receipt}"],
    "people.profile": lambda f: [f"/people/{f.customer.id}", f"/people/{f.employee.id}"],
    "people.common_contacts": lambda f: [f"/people/{f.customer.id}/common/{f.employee.id}"],
    "people.experts": lambda f: ["/experts", "/experts?q=invoicing"],
    "search.index": lambda f: [
        "/search",
        "/search?q=invoice",
        "/search?q=invoice&type=comments",
        "/search?q=a&type=people",
    ],
    "notifications.open_one": lambda f: [f"/notifications/{f.notification.id}/open"],
    "notifications.unsubscribe": lambda f: [f"/unsubscribe/{unsubscribe_token(f.customer.id, 'comment')}"],
    "notifications.verify": lambda f: [
        f"/verify-email/{verification_token(f.customer.id, f.customer.email)}",
    ],
    "accounts.accept_invite": lambda f: [f"/invite/{f.invitation_token}"],
}


def routes_to_walk(app: Flask) -> dict[str, str]:
    """endpoint → rule of every GET route that is a page (the API and SKIPPED left out)."""
    routes = {}
    for rule in app.url_map.iter_rules():
        if "GET" in (rule.methods or ()) and not rule.rule.startswith(API_PREFIX) and rule.endpoint not in SKIPPED:
            routes[rule.endpoint] = rule.rule
    return routes


def unfilled_routes(app: Flask) -> list[str]:
    """Routes with parameters that PATHS does not fill (pages the walk would miss), and entries
    of PATHS or SKIPPED for routes that no longer exist."""
    routes = routes_to_walk(app)
    missing = [f"{name} ({rule}): no paths" for name, rule in routes.items() if "<" in rule and name not in PATHS]
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    stale = [f"{endpoint}: no such route" for endpoint in (*PATHS, *SKIPPED) if endpoint not in endpoints]
    return sorted(missing + stale)


def pages(app: Flask, facts: Facts) -> list[tuple[str, str]]:
    """(endpoint, path) of every page to walk, in route order."""
    walked = []
    for endpoint, rule in sorted(routes_to_walk(app).items(), key=lambda item: item[1]):
        paths = PATHS[endpoint](facts) if endpoint in PATHS else [rule]
        walked.extend((endpoint, path) for path in paths)
    return walked
