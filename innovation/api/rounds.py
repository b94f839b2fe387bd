"""Decision rounds over JSON (API.md, TALLY.md)."""

from flask import Response, jsonify

from ..accounts.permissions import STAFF
from ..decisions import ballots as ballot_services
from ..decisions import export, outcomes, queries
from ..decisions import services as round_services
from ..decisions.models import Candidate as CandidateRow
from ..decisions.permissions import get_visible_round, results_visible
from ..extensions import db
from ..platform.db import iso
from ..platform.errors import Conflict, NotFound
from ..platform.web import current_viewer, page_args
from .operations import operation
from .schemas.rounds import (
    BallotExport,
    BallotReceipt,
    BallotSubmission,
    Candidate,
    CandidateEdit,
    NewCandidate,
    NewRound,
    Outcome,
    OutcomeSubmission,
    Result,
    Round,
    RoundFilters,
    RoundPage,
)
from .serializers.rounds import ballot_json, one_candidate_json, outcome_json, round_json
from .support import current_actor

ONE_ROUND = "/rounds/<int:round_id>"


@operation(
    "/rounds",
    "GET",
    summary="Rounds the caller may see",
    public=True,
    query=RoundFilters,
    page_size=20,
    responses={200: RoundPage},
)
def list_rounds(query: RoundFilters):
    page, per_page = page_args(20)
    result = queries.rounds_page(current_viewer(), status=query.status[:16], page=page, per_page=per_page)
    return jsonify(result.as_json(round_json))


@operation(
    "/rounds",
    "POST",
    summary="Create a round; it starts as a draft",
    roles=STAFF,
    body=NewRound,
    responses={201: Round},
    errors=(404,),
    description="404 when an invitee is no such user.",
)
def create_round(body: NewRound):
    return jsonify(round_json(round_services.create_round(current_actor(), **body.model_dump(exclude_unset=True)))), 201


@operation(ONE_ROUND, "GET", summary="One round", public=True, responses={200: Round})
def get_round(round_id: int):
    return jsonify(round_json(get_visible_round(current_viewer(), round_id)))


@operation(
    ONE_ROUND + "/candidates",
    "POST",
    summary="Add a candidate with impact data",
    roles=STAFF,
    body=NewCandidate,
    responses={201: Candidate},
    errors=(409,),
)
def add_candidate(round_id: int, body: NewCandidate):
    impact = body.impact.model_dump(exclude_unset=True) if body.impact is not None else None
    candidate = round_services.add_candidate(current_actor(), round_id, body.idea_id, impact)
    return jsonify(one_candidate_json(candidate)), 201


@operation(
    ONE_ROUND + "/candidates/<int:candidate_id>",
    "PATCH",
    roles=STAFF,
    body=CandidateEdit,
    summary="Change impact data; the earlier values stay in the history",
    responses={200: Candidate},
    errors=(409,),
)
def update_candidate(round_id: int, candidate_id: int, body: CandidateEdit):
    changes = body.model_dump(exclude_unset=True)
    candidate = round_services.update_impact(current_actor(), round_id, candidate_id, changes)
    return jsonify(one_candidate_json(db.session.get(CandidateRow, candidate.id)))


@operation(
    ONE_ROUND + "/deliberate", "POST", summary="Start deliberation", roles=STAFF, responses={200: Round}, errors=(409,)
)
def deliberate(round_id: int):
    return jsonify(round_json(round_services.start_deliberation(current_actor(), round_id)))


@operation(
    ONE_ROUND + "/open",
    "POST",
    summary="Open voting",
    roles=STAFF,
    responses={200: Round},
    errors=(409,),
    description="409 `round_not_ready` with `fields` naming what is missing (`candidates`: fewer than two; "
    "`cost` / `annual_benefit`: the candidates that lack one).",
)
def open_voting(round_id: int):
    return jsonify(round_json(round_services.open_round(current_actor(), round_id)))


@operation(
    ONE_ROUND + "/close",
    "POST",
    summary="Close voting and freeze the ballot export",
    roles=STAFF,
    responses={200: Round},
    errors=(409,),
)
def close(round_id: int):
    return jsonify(round_json(export.close_round(current_actor(), round_id)))


@operation(
    ONE_ROUND + "/ballot",
    "PUT",
    summary="Cast or replace the caller's ballot",
    body=BallotSubmission,
    responses={200: BallotReceipt},
    errors=(403, 409),
    limit="30 per minute",
)
def put_ballot(round_id: int, body: BallotSubmission):
    actor = current_actor()
    ballot = ballot_services.cast_ballot(actor, round_id, body.model_dump(exclude_unset=True))
    return jsonify(ballot_json(ballot, get_visible_round(actor, round_id)))


@operation(ONE_ROUND + "/ballot", "GET", summary="The caller's own ballot and receipt", responses={200: BallotReceipt})
def get_ballot(round_id: int):
    actor = current_actor()
    ballot = ballot_services.my_ballot(actor, round_id)
    if ballot is None:
        raise NotFound("You have not voted in this round.", code="no_ballot")
    return jsonify(ballot_json(ballot, get_visible_round(actor, round_id)))


@operation(
    ONE_ROUND + "/results",
    "GET",
    summary="The result object of TALLY.md",
    public=True,
    responses={200: Result},
    errors=(409,),
    description="Before the round closes, with `after_close` visibility: 409 `results_hidden`.",
)
def results(round_id: int):
    round_ = get_visible_round(current_viewer(), round_id)
    if not results_visible(round_):
        when = iso(round_.closes_at) or "when the round closes"
        raise Conflict(f"Results are hidden until the round closes ({when}).", code="results_hidden")
    return jsonify(round_.result if round_.result is not None else export.live_result(round_))


@operation(
    ONE_ROUND + "/ballots.json",
    "GET",
    summary="The frozen ballot export (after close)",
    public=True,
    responses={200: BallotExport},
    errors=(409,),
)
def ballots_export(round_id: int):
    round_ = get_visible_round(current_viewer(), round_id)
    if round_.export_json is None:
        raise Conflict("The ballot export is published when the round closes.", code="not_closed")
    return Response(
        round_.export_json,
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="round-{round_.id}-ballots.json"'},
    )


@operation(
    ONE_ROUND + "/outcome",
    "POST",
    summary="Publish the outcome",
    roles=STAFF,
    body=OutcomeSubmission,
    responses={200: Outcome},
    errors=(409,),
    description="A decision that departs from the vote needs a rationale (422 `rationale_required`).",
)
def publish(round_id: int, body: OutcomeSubmission):
    actor = current_actor()
    outcome = outcomes.publish_outcome(actor, round_id, body.summary, [d.model_dump() for d in body.decisions])
    return jsonify(outcome_json(get_visible_round(actor, round_id), outcome))


@operation(ONE_ROUND + "/outcome", "GET", summary="The published outcome", public=True, responses={200: Outcome})
def get_outcome(round_id: int):
    round_ = get_visible_round(current_viewer(), round_id)
    outcome = queries.outcome_of(round_.id)
    if outcome is None:
        raise NotFound("No outcome has been published for this round yet.", code="no_outcome")
    return jsonify(outcome_json(round_, outcome))
