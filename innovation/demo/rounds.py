"""Demo decision rounds (data/rounds.yaml) through the real services: one decided, whose outcome
departs from the vote once with a rationale, and one open for voting."""

from datetime import timedelta

from ..accounts.models import User
from ..decisions import ballots, export, outcomes, services
from ..platform.db import utcnow
from .schema import Round, RoundsFile


def seed_rounds(rounds: RoundsFile, people: dict[str, User], idea_ids: dict[str, int]) -> None:
    """Seed each round whose candidate ideas were seeded (`idea_ids`: title → id); a partial
    `seed-demo --ideas N` leaves out the rounds it lacks ideas for."""
    for spec in rounds.rounds:
        if all(candidate.idea in idea_ids for candidate in spec.candidates):
            _seed_round(spec, people, idea_ids)


def _seed_round(spec: Round, people: dict[str, User], idea_ids: dict[str, int]) -> None:
    pm = people[spec.pm]
    options: dict = {"weights": spec.weights.model_dump()}
    if spec.budget is not None:
        options["budget"] = spec.budget
    if spec.closes_in_days is not None:
        options["closes_at"] = utcnow() + timedelta(days=spec.closes_in_days)
    round_ = services.create_round(pm, title=spec.title, description=spec.description, method=spec.method, **options)
    candidate_ids = {}
    for candidate in spec.candidates:
        impact = candidate.impact.model_dump(exclude_unset=True)  # only what the file gives; defaults are the service's
        candidate_ids[candidate.idea] = services.add_candidate(pm, round_.id, idea_ids[candidate.idea], impact).id
    services.start_deliberation(pm, round_.id)
    services.open_round(pm, round_.id)
    form = "ranking" if spec.method == "ranked" else "approvals"
    for ballot in spec.ballots:
        ballots.cast_ballot(
            people[ballot.voter],
            round_.id,
            {form: [candidate_ids[title] for title in ballot.choices], "reason": ballot.reason},
        )
    if spec.outcome is None:
        return
    export.close_round(pm, round_.id)
    decisions = [
        {"candidate_id": candidate_ids[d.idea], "decision": d.decision, "rationale": d.rationale}
        for d in spec.outcome.decisions
    ]
    # The service checks the decisions against the tally: one departing from it needs a rationale.
    outcomes.publish_outcome(pm, round_.id, spec.outcome.summary, decisions)
    if spec.opened_days_ago is not None:
        round_.created_at = round_.opened_at = utcnow() - timedelta(days=spec.opened_days_ago)
