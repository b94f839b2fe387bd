"""Impact data for many candidates from CSV text (decisions/impact_import.py)."""

from typing import Annotated

from pydantic import Field
from typing_extensions import TypedDict

from ...decisions.impact_import import MAX_CSV_CHARS
from .base import Body, text


class ImpactImport(Body):
    """CSV text: a header naming `idea_id` and impact fields, then one row per candidate. An empty
    cell leaves a value as it is; `unknown` marks it unknown. With `dry_run` (the default) nothing
    is saved: the answer is the preview."""

    csv: Annotated[str, text(MAX_CSV_CHARS, multiline=True, min_visible=1)]
    dry_run: bool = True


class ImportedRow(TypedDict):
    """One row that can be imported: the candidate it changes and the values it sets."""

    row: Annotated[int, Field(description="the CSV's row number; the header is row 1")]
    candidate_id: int
    impact: Annotated[
        dict[str, float | str | None], Field(description="the impact fields this row sets (null: unknown)")
    ]


class ImportRowError(TypedDict):
    row: Annotated[int, Field(description="the CSV's row number; 0 for the file as a whole")]
    message: str


class ImpactImportReport(TypedDict):
    """Rows that can be imported and the errors that stop an import; saved only without errors."""

    rows: list[ImportedRow]
    errors: list[ImportRowError]
