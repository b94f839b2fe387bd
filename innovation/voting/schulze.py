"""Schulze (margins, widest paths) over weighted, possibly partial rankings (TALLY.md)."""
import numpy as np

from .weights import EPS


def positions(rankings: list[list[int]], candidates: list[int]) -> np.ndarray:
    """Ballot × candidate matrix of rank positions; unranked candidates tie after the ranked."""
    index = {cid: i for i, cid in enumerate(candidates)}
    k = len(candidates)
    matrix = np.full((len(rankings), k), k, dtype=np.int32)
    for row, ranking in enumerate(rankings):
        for place, cid in enumerate(ranking):
            matrix[row, index[cid]] = place
    return matrix


def pairwise_matrix(rankings: list[list[int]], candidates: list[int], weights: np.ndarray) -> np.ndarray:
    """d[a][b] = total weight of ballots preferring a to b."""
    matrix = positions(rankings, candidates)
    k = len(candidates)
    d = np.zeros((k, k))
    for a in range(k):
        prefers = matrix[:, a][:, None] < matrix  # ballots × candidates: a ranked above b
        d[a] = weights @ prefers
    return d


def strongest_paths(d: np.ndarray) -> np.ndarray:
    """Floyd–Warshall widest paths over links a→b of strength d[a][b] − d[b][a] (> 0 only)."""
    margins = d - d.T
    p = np.where(margins > EPS, margins, 0.0)
    k = len(d)
    for via in range(k):
        p = np.maximum(p, np.minimum(p[:, via][:, None], p[via, :][None, :]))
        np.fill_diagonal(p, 0.0)
    return p


def beats(p: np.ndarray) -> np.ndarray:
    """beats[a][b]: a beats b when p[a][b] > p[b][a]."""
    return (p - p.T) > EPS


def schulze_scores(rankings, candidates, weights) -> tuple[dict[int, float], list[int], np.ndarray]:
    """(score = number of candidates beaten, winners = beaten by nobody, d)."""
    d = pairwise_matrix(rankings, candidates, weights)
    wins = beats(strongest_paths(d))
    scores = {cid: float(wins[i].sum()) for i, cid in enumerate(candidates)}
    beaten = wins.any(axis=0)
    winners = [cid for i, cid in enumerate(candidates) if not beaten[i]]
    return scores, winners, d
