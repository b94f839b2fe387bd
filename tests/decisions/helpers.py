"""Building rounds for tests through the real API."""

from innovation.extensions import db
from innovation.ideas.services import submit_idea

from ..ideas.helpers import Api

IMPACT = {
    "cost": 12000,
    "annual_benefit": 30000,
    "effort_weeks": 4,
    "reach": 800,
    "confidence": 70,
    "risk": "low",
    "sources": "Support tickets, Q3",
}


def make_round(client, pm, users, *, method="ranked", ideas=3, budget=None, **extra):
    """A round with `ideas` candidates (each with impact data), still in draft."""
    author = users("customer")
    idea_ids = [submit_idea(author, title=f"Candidate idea number {n}").id for n in range(ideas)]
    db.session.commit()
    api = Api(client, pm)
    body = {
        "title": "Which should we build next?",
        "description": "Spring planning",
        "method": method,
        "weights": {"customer": 0.5, "employee": 0.5},
        **extra,
    }
    if budget is not None:
        body["budget"] = budget
    response = api.post("/rounds", json=body)
    assert response.status_code == 201, response.get_json()
    round_id = response.get_json()["id"]
    candidate_ids = []
    for n, idea_id in enumerate(idea_ids):
        impact = {**IMPACT, "cost": 10000 * (n + 1)}
        added = api.post(f"/rounds/{round_id}/candidates", json={"idea_id": idea_id, "impact": impact})
        assert added.status_code == 201, added.get_json()
        candidate_ids.append(added.get_json()["id"])
    return api, round_id, candidate_ids
