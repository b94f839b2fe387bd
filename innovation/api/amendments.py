"""Amending a published outcome over JSON (API.md: decided rounds only)."""

from flask import jsonify

from ..accounts.permissions import STAFF
from ..decisions.amendments import amend_outcome
from .operations import operation
from .schemas.amendments import AmendmentSubmission, OutcomeAmendment
from .serializers.rounds import amendment_json
from .support import current_actor


@operation(
    "/rounds/<int:round_id>/outcome/amendments",
    "POST",
    summary="Amend the published outcome, with a note saying what changed and why",
    roles=STAFF,
    body=AmendmentSubmission,
    responses={201: OutcomeAmendment},
    errors=(409,),
    description=(
        "Decided rounds only (409 otherwise). Every candidate is decided again; a departure from the "
        "vote needs a rationale (422 `rationale_required`), and an amendment that changes nothing is "
        "a 422 `no_change`. Idea statuses follow the new decisions; those told about the outcome are told."
    ),
)
def amend(round_id: int, body: AmendmentSubmission):
    decisions = [d.model_dump() for d in body.decisions]
    amendment = amend_outcome(current_actor(), round_id, body.note, decisions, body.summary)
    return jsonify(amendment_json(amendment)), 201
