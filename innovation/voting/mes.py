"""Method of Equal Shares with approval utilities, then greedy completion (TALLY.md)."""

import numpy as np

from .weights import EPS


def _rho(money: np.ndarray, cost: float) -> float | None:
    """Smallest ρ with Σ min(money_i, ρ) ≥ cost, or None when the supporters cannot afford it."""
    if cost <= 0:
        return 0.0
    if money.sum() < cost - EPS * max(1.0, cost):
        return None
    ordered = np.sort(money)
    spent_below = np.concatenate(([0.0], np.cumsum(ordered)[:-1]))  # Σ of the t poorest
    payers = len(ordered) - np.arange(len(ordered))  # voters paying the full ρ
    candidates = (cost - spent_below) / payers
    fits = candidates <= ordered + EPS * max(1.0, cost)
    first = int(np.argmax(fits))
    return float(max(candidates[first], 0.0))


def equal_shares(
    costs: dict[int, float], approvals: np.ndarray, candidate_ids: list[int], weights: np.ndarray, budget: float
) -> tuple[list[int], float]:
    """MES phase: returns (funded in order, money spent)."""
    money = budget * weights
    support_weight = weights @ approvals
    funded: list[int] = []
    open_ = set(range(len(candidate_ids)))
    spent = 0.0
    while open_:
        best = None
        for j in sorted(open_):
            supporters = approvals[:, j]
            rho = _rho(money[supporters], costs[candidate_ids[j]])
            if rho is None:
                continue
            key = (rho, -support_weight[j], candidate_ids[j])
            if best is None or _before(key, best[0]):
                best = (key, j, rho)
        if best is None:
            break
        _key, j, rho = best
        supporters = approvals[:, j]
        payment = np.minimum(money[supporters], rho)
        money[supporters] -= payment
        spent += costs[candidate_ids[j]]
        funded.append(candidate_ids[j])
        open_.discard(j)
    return funded, spent


def _before(key: tuple, other: tuple) -> bool:
    """Smaller ρ first; ties (within float noise) by larger approval weight, then smaller id."""
    rho, neg_weight, cid = key
    other_rho, other_neg_weight, other_cid = other
    tolerance = EPS * max(1.0, abs(rho), abs(other_rho))
    if abs(rho - other_rho) > tolerance:
        return rho < other_rho
    if abs(neg_weight - other_neg_weight) > EPS:
        return neg_weight < other_neg_weight
    return cid < other_cid


def completion(
    costs: dict[int, float], support: dict[int, float], already: list[int], budget: float, spent: float
) -> tuple[list[int], float]:
    """Fund the remaining candidates by approval weight (ties: smaller id) while they fit."""
    chosen: list[int] = []
    order = sorted((cid for cid in costs if cid not in already), key=lambda cid: (-support[cid], cid))
    for cid in order:
        if spent + costs[cid] <= budget + EPS * max(1.0, budget):
            chosen.append(cid)
            spent += costs[cid]
    return chosen, spent
