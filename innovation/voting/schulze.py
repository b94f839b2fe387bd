"""Schulze (margins, widest paths) over weighted, possibly partial rankings (TALLY.md)."""

from itertools import chain

import numpy as np

from .weights import EPS


def flat_index(lists: list[list[int]], candidates: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, column, place within its list) for every entry of every ballot's list, vectorized."""
    lengths = np.fromiter((len(items) for items in lists), dtype=np.int64, count=len(lists))
    flat = np.fromiter(chain.from_iterable(lists), dtype=np.int64, count=int(lengths.sum()))
    rows = np.repeat(np.arange(len(lists)), lengths)
    columns = np.searchsorted(np.asarray(candidates), flat)  # candidates are sorted ids
    starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
    return rows, columns, np.arange(len(flat)) - starts


def positions(rankings: list[list[int]], candidates: list[int]) -> np.ndarray:
    """Ballot × candidate matrix of rank positions; unranked candidates tie after the ranked."""
    k = len(candidates)
    matrix = np.full((len(rankings), k), k, dtype=np.int32)
    rows, columns, places = flat_index(rankings, candidates)
    matrix[rows, columns] = places
    return matrix


def pairwise_matrix(matrix: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """d[a][b] = total weight of ballots preferring a to b, from a positions matrix."""
    k = matrix.shape[1]
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


def schulze_from_positions(
    matrix: np.ndarray, candidates: list[int], weights: np.ndarray
) -> tuple[dict[int, float], list[int], np.ndarray]:
    """(score = number of candidates beaten, winners = beaten by nobody, d)."""
    d = pairwise_matrix(matrix, weights)
    wins = beats(strongest_paths(d))
    scores = {cid: float(wins[i].sum()) for i, cid in enumerate(candidates)}
    beaten = wins.any(axis=0)
    winners = [cid for i, cid in enumerate(candidates) if not beaten[i]]
    return scores, winners, d
