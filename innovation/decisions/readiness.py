"""Is a round ready to open for voting? The one answer the API's 409, the scheduler and the
round page's checklist share: at least two candidates, each with a known cost and annual
benefit (the other figures may stay "not known yet" and are shown as such to voters)."""

from dataclasses import dataclass

from ..platform.errors import Conflict
from .models import Round

MIN_CANDIDATES = 2
NEEDED_FIGURES = {"cost": "a cost", "annual_benefit": "an annual benefit"}


@dataclass(frozen=True)
class Missing:
    """One thing a round lacks before voting: `field` is `candidates`, `cost` or `annual_benefit`."""

    field: str
    message: str
    candidate_id: int | None = None


def round_readiness(round_: Round) -> list[Missing]:
    """What is missing before `round_` can open, in the order a pm fixes it; [] when ready."""
    missing = []
    count = len(round_.candidates)
    if count < MIN_CANDIDATES:
        so_far = "none yet" if count == 0 else f"{count} so far"
        missing.append(Missing("candidates", f"Add at least {MIN_CANDIDATES} candidates ({so_far})."))
    for candidate in round_.candidates:
        for field, words in NEEDED_FIGURES.items():
            if getattr(candidate, field) is None:
                message = f"“{candidate.idea.title}” needs {words}."
                missing.append(Missing(field, message, candidate.id))
    return missing


def require_ready(round_: Round) -> None:
    """409 `round_not_ready` naming everything that is missing, or nothing when ready."""
    missing = round_readiness(round_)
    if not missing:
        return
    fields: dict[str, list[str]] = {}
    for item in missing:
        fields.setdefault(item.field, []).append(item.message)
    raise Conflict(
        "Voting cannot open yet: " + " ".join(item.message for item in missing),
        code="round_not_ready",
        fields=fields,
    )


def clears_needed_figure(round_: Round, changes: dict) -> str | None:
    """The figure an impact change would make unknown while voting needs it, if any: once a
    round is open its ballots' costs and benefits must stay known (budget ballots add costs)."""
    if round_.status != "voting":
        return None
    return next((field for field in NEEDED_FIGURES if field in changes and changes[field] is None), None)
