"""Demo decision rounds: one decided (whose outcome departs from the vote once, with a
rationale) and one open for voting."""
from datetime import timedelta

from sqlalchemy import select

from ..accounts.models import User
from ..decisions import ballots, export, outcomes, services
from ..decisions.models import Round
from ..extensions import db
from ..ideas.models import Idea
from ..platform.db import utcnow

IMPACTS = [
    {"cost": 42000, "cost_low": 35000, "cost_high": 55000, "annual_benefit": 96000, "effort_weeks": 10,
     "reach": 5200, "confidence": 70, "risk": "medium", "sources": "Support tickets Jan–Oct; 14 customer interviews"},
    {"cost": 18000, "annual_benefit": 30000, "benefit_low": 20000, "benefit_high": 45000, "effort_weeks": 4,
     "reach": 2100, "confidence": 80, "risk": "low", "sources": "Churn survey, Q3"},
    {"cost": 65000, "annual_benefit": 70000, "effort_weeks": 16, "reach": 900, "confidence": 50, "risk": "high",
     "sources": "Sales pipeline notes; two enterprise RFPs"},
    {"cost": 24000, "annual_benefit": 52000, "effort_weeks": 6, "reach": 3400, "confidence": 60, "risk": "medium",
     "sources": "Dispatch time study, three customers"},
]


def _public_ideas(limit: int, skip: int = 0) -> list[Idea]:
    return list(db.session.scalars(
        select(Idea).where(Idea.visibility == "public", Idea.status.in_(("new", "under_review")), Idea.listed)
        .order_by(Idea.support_total.desc(), Idea.id).offset(skip).limit(limit)))


def _round(pm, title, description, method, ideas, **options) -> Round:
    round_ = services.create_round(pm, title=title, description=description, method=method, **options)
    for idea, impact in zip(ideas, IMPACTS, strict=False):
        services.add_candidate(pm, round_.id, idea.id, impact)
    services.start_deliberation(pm, round_.id)
    services.open_round(pm, round_.id)
    return round_


def seed_rounds(people: dict[str, User]) -> None:
    pm = people["pm"]
    decided = _round(pm, "Spring planning: what the field team gets next",
                     "Four ideas with the most support. Engineering has room for **two** of them this spring.",
                     "ranked", _public_ideas(4), weights={"customer": 0.5, "employee": 0.5})
    cids = [c.id for c in decided.candidates]
    orders = {"customer": [0, 1, 3, 2], "customer2": [1, 0, 3, 2], "customer3": [0, 3, 1, 2],
              "customer4": [2, 0, 1, 3], "customer5": [0, 1, 2, 3], "customer6": [3, 0, 1, 2],
              "employee": [1, 3, 0, 2], "support": [0, 1, 3, 2], "design": [1, 0, 2, 3], "sales": [2, 1, 0, 3]}
    for local, order in orders.items():
        reason = "Saves my dispatchers an hour a day" if local == "customer2" else ""
        ballots.cast_ballot(people[local], decided.id, {"ranking": [cids[i] for i in order], "reason": reason})
    export.close_round(pm, decided.id)
    winners = set(decided.result["combined"]["winners"])
    decisions, departed = [], False
    for cid in cids:
        if cid in winners:
            decisions.append({"candidate_id": cid, "decision": "adopt", "rationale": ""})
        elif not departed:
            departed = True
            decisions.append({"candidate_id": cid, "decision": "adopt", "rationale": (
                "Not the vote's first choice, but it shares most of its work with the winner, so building "
                "both now costs only three extra weeks.")})
        else:
            decisions.append({"candidate_id": cid, "decision": "defer", "rationale": ""})
    outcomes.publish_outcome(pm, decided.id, "We follow the vote on the winner and also build one more idea "
                             "because it rides on the same work. The rest stays on the list for autumn.", decisions)
    decided.created_at = decided.opened_at = utcnow() - timedelta(days=30)

    budget_round = _round(people["pm2"], "Invoicing budget: 80k for the next quarter",
                          "Pick the invoicing improvements worth funding within **80,000**.", "budget",
                          _public_ideas(4, skip=4), budget=80000, closes_at=utcnow() + timedelta(days=5),
                          weights={"customer": 0.6, "employee": 0.4})
    bids = [c.id for c in budget_round.candidates]
    for local, chosen in {"customer3": [0, 1], "customer": [1, 3], "support": [0, 3], "sales": [2]}.items():
        ballots.cast_ballot(people[local], budget_round.id, {"approvals": [bids[i] for i in chosen]})
