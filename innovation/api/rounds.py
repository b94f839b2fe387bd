"""Decision rounds over JSON (API.md, TALLY.md)."""

from flask import Response, jsonify, request

from ..decisions import ballots as ballot_services
from ..decisions import export, outcomes, queries
from ..decisions import services as round_services
from ..decisions.models import Candidate
from ..decisions.permissions import get_visible_round, results_visible
from ..extensions import db, limiter
from ..platform.db import iso
from ..platform.errors import Conflict, NotFound
from ..platform.web import current_viewer, page_args
from . import bp
from .support import current_actor, json_body


@bp.route("/rounds")
def list_rounds():
    page, per_page = page_args(20)
    result = queries.rounds_page(current_viewer(), status=request.args.get("status", "")[:16],
                                 page=page, per_page=per_page)
    return jsonify(result.as_json(queries.round_json))


@bp.route("/rounds", methods=["POST"])
def create_round():
    actor = current_actor()
    data = json_body()
    fields = ("title", "description", "method", "budget", "weights", "results_visibility", "eligibility",
              "voting_opens_at", "closes_at", "quorum", "invitees")
    round_ = round_services.create_round(actor, **{k: data[k] for k in fields if k in data})
    return jsonify(queries.round_json(round_)), 201


@bp.route("/rounds/<int:round_id>")
def get_round(round_id: int):
    return jsonify(queries.round_json(get_visible_round(current_viewer(), round_id)))


@bp.route("/rounds/<int:round_id>/candidates", methods=["POST"])
def add_candidate(round_id: int):
    actor = current_actor()
    data = json_body()
    candidate = round_services.add_candidate(actor, round_id, data.get("idea_id"), data.get("impact"))
    return jsonify(queries.candidate_json(candidate, queries.impact_history([candidate.id])[candidate.id])), 201


@bp.route("/rounds/<int:round_id>/candidates/<int:candidate_id>", methods=["PATCH"])
def update_candidate(round_id: int, candidate_id: int):
    actor = current_actor()
    candidate = round_services.update_impact(actor, round_id, candidate_id, json_body())
    candidate = db.session.get(Candidate, candidate.id)
    return jsonify(queries.candidate_json(candidate, queries.impact_history([candidate.id])[candidate.id]))


@bp.route("/rounds/<int:round_id>/<any(deliberate, open):action>", methods=["POST"])
def transition(round_id: int, action: str):
    actor = current_actor()
    service = round_services.start_deliberation if action == "deliberate" else round_services.open_round
    round_ = service(actor, round_id)
    return jsonify(queries.round_json(round_))


@bp.route("/rounds/<int:round_id>/close", methods=["POST"])
def close(round_id: int):
    actor = current_actor()
    round_ = export.close_round(actor, round_id)
    return jsonify(queries.round_json(round_))


def _ballot_json(ballot, round_) -> dict:
    changed = ballot_services.changed_since_ballot(ballot, round_.candidates)
    return {"round_id": round_.id, "receipt": ballot.receipt, "ballot": ballot.content, "reason": ballot.reason,
            "cast_at": iso(ballot.cast_at), "impact_changed_since": [c.id for c in changed]}


@bp.route("/rounds/<int:round_id>/ballot", methods=["PUT"])
@limiter.limit("30 per minute")
def put_ballot(round_id: int):
    actor = current_actor()
    ballot = ballot_services.cast_ballot(actor, round_id, json_body())
    return jsonify({"receipt": ballot.receipt, **_ballot_json(ballot, get_visible_round(actor, round_id))})


@bp.route("/rounds/<int:round_id>/ballot")
def get_ballot(round_id: int):
    actor = current_actor()
    ballot = ballot_services.my_ballot(actor, round_id)
    if ballot is None:
        raise NotFound("You have not voted in this round.", code="no_ballot")
    return jsonify(_ballot_json(ballot, get_visible_round(actor, round_id)))


@bp.route("/rounds/<int:round_id>/results")
def results(round_id: int):
    round_ = get_visible_round(current_viewer(), round_id)
    if not results_visible(round_):
        when = iso(round_.closes_at) or "when the round closes"
        raise Conflict(f"Results are hidden until the round closes ({when}).", code="results_hidden")
    return jsonify(round_.result if round_.result is not None else export.live_result(round_))


@bp.route("/rounds/<int:round_id>/ballots.json")
def ballots_export(round_id: int):
    round_ = get_visible_round(current_viewer(), round_id)
    if round_.export_json is None:
        raise Conflict("The ballot export is published when the round closes.", code="not_closed")
    return Response(round_.export_json, mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="round-{round_.id}-ballots.json"'})


@bp.route("/rounds/<int:round_id>/outcome", methods=["POST"])
def publish(round_id: int):
    actor = current_actor()
    data = json_body()
    outcome = outcomes.publish_outcome(actor, round_id, data.get("summary"), data.get("decisions"))
    round_ = get_visible_round(actor, round_id)
    return jsonify(queries.outcome_json(round_, outcome))


@bp.route("/rounds/<int:round_id>/outcome")
def get_outcome(round_id: int):
    round_ = get_visible_round(current_viewer(), round_id)
    outcome = queries.outcome_of(round_.id)
    if outcome is None:
        raise NotFound("No outcome has been published for this round yet.", code="no_outcome")
    return jsonify(queries.outcome_json(round_, outcome))


