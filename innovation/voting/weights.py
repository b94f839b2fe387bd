"""Constituency weights of TALLY.md: effective weights and per-ballot weights."""

import numpy as np

CONSTITUENCIES = ("customer", "employee")
EPS = 1e-12  # far below any real difference (a ballot weighs at least ~1e-7 of the total)


def effective_weights(published: dict[str, float], turnout: dict[str, int]) -> dict[str, float]:
    """A constituency without ballots gives its weight to the others in proportion.

    When every constituency that voted has a published weight of 0, they share equally
    (the only reading that still counts the ballots that were cast)."""
    present = [c for c in CONSTITUENCIES if turnout.get(c, 0) > 0]
    if not present:
        return dict.fromkeys(CONSTITUENCIES, 0.0)
    total = sum(float(published.get(c, 0.0)) for c in present)
    if total <= 0:
        return {c: (1.0 / len(present) if c in present else 0.0) for c in CONSTITUENCIES}
    return {c: (float(published.get(c, 0.0)) / total if c in present else 0.0) for c in CONSTITUENCIES}


def ballot_weights(constituencies: list[str], weights: dict[str, float]) -> np.ndarray:
    """w_c / n_c for each ballot, so each constituency holds exactly its promised share."""
    counts = {c: constituencies.count(c) for c in CONSTITUENCIES}
    return np.array([weights[c] / counts[c] if counts[c] else 0.0 for c in constituencies], dtype=float)


def equal_weights(n: int) -> np.ndarray:
    return np.full(n, 1.0 / n) if n else np.zeros(0)
