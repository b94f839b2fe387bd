"""The tallies of TALLY.md: pure functions from ballots to the result object.

`tally(method, candidates, ballots, weights, budget)` is what closing a round, the API and
`flask decisions tally|verify` all call, so a result anyone recomputes from the export is the
same result the site shows.
"""

from itertools import chain

import numpy as np

from .mes import completion, equal_shares
from .schulze import flat_index, positions, schulze_from_positions
from .weights import CONSTITUENCIES, EPS, ballot_weights, effective_weights, equal_weights

METHODS = ("approval", "score", "ranked", "budget")


def _tiers(scores: dict[int, float], order: list[int] | None = None) -> list[list[int]]:
    """Candidates grouped by equal score, best first (ids ascending inside a tier)."""
    tiers: list[list[int]] = [[cid] for cid in (order or [])]
    rest = sorted((cid for cid in scores if cid not in set(order or [])), key=lambda cid: (-scores[cid], cid))
    for cid in rest:
        if tiers and len(tiers) > len(order or []) and abs(scores[tiers[-1][0]] - scores[cid]) <= 1e-9:
            tiers[-1].append(cid)
        else:
            tiers.append([cid])
    # Scores equal within 1e-9 may still differ in the last bits: the ids decide the order.
    return [sorted(tier) for tier in tiers]


def _matrix(ballots: list[dict], candidates: list[int], method: str) -> np.ndarray:
    """Ballot × candidate matrix built once per tally: approvals (0/1), scores, or rank positions."""
    k = len(candidates)
    if method == "ranked":
        return positions([ballot.get("ranking", []) for ballot in ballots], candidates)
    matrix = np.zeros((len(ballots), k))
    if method == "score":
        lists = [[int(key) for key in ballot.get("scores", {})] for ballot in ballots]
        values = np.fromiter(chain.from_iterable(ballot.get("scores", {}).values() for ballot in ballots), dtype=float)
        rows, columns, _places = flat_index(lists, candidates)
        matrix[rows, columns] = values
        return matrix
    rows, columns, _places = flat_index([ballot.get("approvals", []) for ballot in ballots], candidates)
    matrix[rows, columns] = 1.0
    return matrix


def _count(
    method: str,
    candidates: list[int],
    costs: dict[int, float],
    matrix: np.ndarray,
    weights: np.ndarray,
    budget: float | None,
) -> dict:
    """One tally (combined, or one constituency's rows) → ranking, winners, scores (+ extras)."""
    voted = matrix.shape[0] > 0
    if method in ("approval", "score", "budget"):
        values = weights @ matrix if voted else np.zeros(len(candidates))
        scores = {cid: float(values[i]) for i, cid in enumerate(candidates)}
        if method != "budget":
            ranking = _tiers(scores)
            return {"ranking": ranking, "winners": ranking[0] if ranking and voted else [], "scores": scores}
        mes_funded, spent = equal_shares(costs, matrix.astype(bool), candidates, weights, float(budget))
        more, spent = completion(costs, scores, mes_funded, float(budget), spent)
        funded = mes_funded + more
        return {
            "ranking": _tiers(scores, funded),
            "winners": funded,
            "scores": scores,
            "funded": funded,
            "mes_funded": mes_funded,
            "completion_funded": more,
            "spent": spent,
        }
    scores, winners, d = schulze_from_positions(matrix, candidates, weights)
    return {"ranking": _tiers(scores), "winners": winners if voted else [], "scores": scores, "d": d}


def _kendall_tau_b(x: list[float], y: list[float]) -> float | None:
    concordant = discordant = ties_x = ties_y = 0
    for i in range(len(x)):
        for j in range(i + 1, len(x)):
            dx, dy = x[i] - x[j], y[i] - y[j]
            dx = 0.0 if abs(dx) <= EPS else dx
            dy = 0.0 if abs(dy) <= EPS else dy
            if dx == 0 and dy == 0:
                continue
            if dx == 0:
                ties_x += 1
            elif dy == 0:
                ties_y += 1
            elif (dx > 0) == (dy > 0):
                concordant += 1
            else:
                discordant += 1
    denominator = ((concordant + discordant + ties_x) * (concordant + discordant + ties_y)) ** 0.5
    return (concordant - discordant) / denominator if denominator else None


def _public(part: dict) -> dict:
    return {
        "ranking": part["ranking"],
        "winners": part["winners"],
        "scores": {str(cid): value for cid, value in part["scores"].items()},
    }


def tally(
    method: str, candidates: list[dict], ballots: list[dict], weights: dict[str, float], budget: float | None = None
) -> dict:
    """The result object of TALLY.md for validated ballots.

    candidates: [{"id", "cost"}]; ballots: [{"constituency", "approvals"|"scores"|"ranking"}].
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}")
    ids = sorted(int(c["id"]) for c in candidates)
    costs = {int(c["id"]): float(c.get("cost") or 0.0) for c in candidates}
    sides = [b["constituency"] for b in ballots]
    turnout = {c: sides.count(c) for c in CONSTITUENCIES}
    effective = effective_weights(weights, turnout)
    matrix = _matrix(ballots, ids, method)
    combined = _count(method, ids, costs, matrix, ballot_weights(sides, effective), budget)
    by_constituency = {}
    side_array = np.array(sides)
    for constituency in CONSTITUENCIES:
        rows = matrix[side_array == constituency] if ballots else matrix
        by_constituency[constituency] = _count(method, ids, costs, rows, equal_weights(turnout[constituency]), budget)
    agreement = None
    if turnout["customer"] and turnout["employee"] and len(ids) >= 2:
        agreement = _kendall_tau_b(
            [by_constituency["customer"]["scores"][cid] for cid in ids],
            [by_constituency["employee"]["scores"][cid] for cid in ids],
        )
    result = {
        "method": method,
        "weights": effective,
        "turnout": turnout,
        "combined": _public(combined),
        "by_constituency": {c: _public(part) for c, part in by_constituency.items()},
        "agreement": agreement,
        "pairwise": None,
        "budget": None,
        "funded": None,
        "mes_funded": None,
        "completion_funded": None,
        "spent": None,
    }
    if method == "ranked":
        d = combined["d"]
        result["pairwise"] = {
            str(a): {str(b): float(d[i, j]) for j, b in enumerate(ids) if j != i} for i, a in enumerate(ids)
        }
    if method == "budget":
        result.update(
            budget=float(budget),
            funded=combined["funded"],
            mes_funded=combined["mes_funded"],
            completion_funded=combined["completion_funded"],
            spent=combined["spent"],
        )
    return result
