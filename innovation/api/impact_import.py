"""Impact data for many candidates from CSV text, previewed (`dry_run`) or saved (API.md)."""

from flask import jsonify

from ..accounts.permissions import STAFF
from ..decisions.impact_import import import_impact
from .operations import operation
from .schemas.impact_import import ImpactImport, ImpactImportReport
from .support import current_actor


@operation(
    "/rounds/<int:round_id>/impact-import",
    "POST",
    summary="Preview or import impact data for many candidates from CSV",
    roles=STAFF,
    body=ImpactImport,
    responses={200: ImpactImportReport},
    errors=(409,),
    description=(
        "With `dry_run` the answer lists each row and each error. Without it, a CSV with any error is "
        "a 422 `import_has_errors` and nothing is saved; otherwise every row is saved as a hand edit "
        "would be (the impact history keeps the earlier values). 409 when the round is closed."
    ),
)
def import_impact_csv(round_id: int, body: ImpactImport):
    report = import_impact(current_actor(), round_id, body.csv, dry_run=body.dry_run)
    return jsonify(report.as_json())
