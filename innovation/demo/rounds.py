"""Demo decision rounds (data/rounds.yaml) planned as dated steps through the real services:
made with its candidates (deliberation), impact revisions, opened, ballots; a decided round is
then closed and its outcome published, an open one stays open for voting."""

from ..accounts.models import User
from ..decisions import ballots, export, outcomes, services
from ..decisions.models import Round as RoundRow
from ..extensions import db
from . import timeline
from .history import History
from .schema import Person
from .schema_rounds import Round, RoundsFile


def plan_rounds(
    history: History,
    rounds: RoundsFile,
    people: dict[str, User],
    specs: dict[str, Person],
    idea_ids: dict[str, int],
    seeded: set[str],
) -> None:
    """Plan each round whose candidate ideas are seeded (`seeded`: their titles; `idea_ids` maps a
    title to its id once posted); a partial `seed-demo --ideas N` leaves out the others."""
    for spec in rounds.rounds:
        if all(candidate.idea in seeded for candidate in spec.candidates):
            _plan_round(history, spec, people, specs, idea_ids)


def _plan_round(
    history: History, spec: Round, people: dict[str, User], specs: dict[str, Person], idea_ids: dict[str, int]
) -> None:
    pm = people[spec.pm]
    phases = dict(spec.phases())
    made: dict = {}  # the round's id and its candidates' ids (idea title → id), once made

    def make(when) -> None:
        options: dict = {"weights": spec.weights.model_dump()}
        if spec.budget is not None:
            options["budget"] = spec.budget
        if spec.closes_in_days is not None:  # at five in the afternoon (UTC), as a pm would set it
            options["closes_at"] = history.at(-spec.closes_in_days * timeline.DAY - 17 * 60)
        round_ = services.create_round(
            pm, title=spec.title, description=spec.description, method=spec.method, **options
        )
        made["round"], made["candidates"] = round_.id, {}
        for candidate in spec.candidates:
            added = services.add_candidate(pm, round_.id, idea_ids[candidate.idea], candidate.impact.given())
            made["candidates"][candidate.idea] = added.id
        services.start_deliberation(pm, round_.id).deliberation_started_at = when  # candidates out for discussion

    def open_(when) -> None:
        services.open_round(pm, made["round"]).opened_at = when

    history.add(phases["made"], make)
    history.add(phases["opened"], open_)
    for candidate in spec.candidates:
        for revision in candidate.revisions:
            history.add(
                spec.revision_moment(candidate, revision),
                lambda _when, c=candidate.idea, values=revision.impact.given(): services.update_impact(
                    pm, made["round"], made["candidates"][c], values
                ),
            )
    form = "ranking" if spec.method == "ranked" else "approvals"
    moments = spec.ballot_moments(specs)
    for ballot in spec.ballots:
        history.add(
            moments[ballot.voter],
            lambda _when, b=ballot: ballots.cast_ballot(
                people[b.voter],
                made["round"],
                {form: [made["candidates"][title] for title in b.choices], "reason": b.reason},
            ),
        )
    if spec.outcome is None:
        return
    outcome = spec.outcome

    def close(when) -> None:
        round_ = export.close_round(pm, made["round"])
        # Closed then, as scheduled: the frozen export (and its digest) carries that time.
        round_.closes_at = round_.closed_at = when
        frozen = export.build_export(round_)
        round_.export_json, round_.export_sha256 = export.canonical_json(frozen), frozen["sha256"]
        round_.result = frozen["result"]
        db.session.flush()

    def decide(when) -> None:
        decisions = [
            {"candidate_id": made["candidates"][d.idea], "decision": d.decision, "rationale": d.rationale}
            for d in outcome.decisions
        ]
        # The service checks the decisions against the tally: one departing from it needs a rationale.
        outcomes.publish_outcome(pm, made["round"], outcome.summary, decisions)
        db.session.get(RoundRow, made["round"]).decided_at = when

    history.add(phases["closed"], close)
    history.add(phases["decided"], decide)
