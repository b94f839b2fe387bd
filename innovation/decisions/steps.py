"""The progress steps of a round page: only the phases the round really has or may still have,
so a round that went straight from draft to voting never shows (let alone ticks) a
deliberation step."""

from dataclasses import dataclass

from .models import Round

LABELS = {
    "draft": "Draft",
    "deliberation": "Deliberation",
    "voting": "Voting",
    "closed": "Closed",
    "decided": "Decided",
}


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    state: str  # done / current / upcoming


def round_steps(round_: Round) -> list[Step]:
    """Draft → (deliberation, when the round had it or may still have it) → voting → closed → decided."""
    had_deliberation = round_.deliberation_started_at is not None or round_.status in ("draft", "deliberation")
    keys = [key for key in LABELS if key != "deliberation" or had_deliberation]
    current = keys.index(round_.status) if round_.status in keys else 0
    return [
        Step(key, LABELS[key], "done" if i < current else "current" if i == current else "upcoming")
        for i, key in enumerate(keys)
    ]
