"""The exact Pareto frontier of a set of utility vectors.

A point ``b`` *dominates* ``a`` when ``b_i >= a_i`` for every party and ``b != a``; the frontier
is the set of points nothing dominates. Equal points do not dominate each other, so every copy
of a non-dominated vector is on the frontier (:func:`pareto_frontier` keeps all duplicates and
returns their indices in input order). Comparisons are exact: pass integers (or floats) and the
answer is the mathematically exact one for those numbers - no tolerance, no sampling.

Algorithm
---------
- One party: the points with the maximum utility.
- Two parties: sort by ``(-u_1, -u_2)`` and sweep (Kung, Luccio & Preparata 1975): a point is
  non-dominated exactly when its ``u_2`` exceeds the largest ``u_2`` of every point sorted
  before its group of equal points. ``O(N log N)``, fully vectorised (a lexsort and a cumulative
  maximum).
- Three or more parties: remove duplicates, then divide and conquer on the first utility
  (Kung et al. 1975; the "marriage" step as in Bentley 1980): split at a median value into a
  high half ``H`` and a low half ``L``; points of ``H`` are only dominated within ``H``, points
  of ``L`` by points of ``L`` or by any point of the frontier of ``H`` that is at least as good on
  the remaining utilities. That last test - "is each point of ``L`` weakly below some point of
  ``H``?" - recurses on the next utility the same way, down to two utilities (a sorted sweep
  with a cumulative maximum) or one (a maximum). Small subproblems are compared all against all
  with numpy broadcasting. ``O(N log^(p-1) N)`` comparisons for ``p`` parties, with every step
  vectorised.

Sources
-------
- Kung, H. T., Luccio, F. & Preparata, F. P. (1975), "On finding the maxima of a set of
  vectors", *Journal of the ACM* 22(4): 469-476.
- Bentley, J. L. (1980), "Multidimensional divide-and-conquer", *Communications of the ACM*
  23(4): 214-229.
- Pareto, V. (1906), *Manuale di economia politica*, Milan: Società Editrice Libraria, ch. VI.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["dominated_by", "pareto_frontier"]

#: Subproblems at most this large are compared all against all.
_LEAF = 256
#: Pairwise comparisons per broadcast block.
_BLOCK = 1 << 20
#: Queries at most this large (rows times rows) are answered all against all.
_SMALL = 1 << 12
#: Points with the largest sums used to pre-filter a large subproblem.
_PIVOTS = 32


def pareto_frontier(utilities: ArrayLike) -> NDArray[np.intp]:
    """Indices (ascending) of the rows of ``utilities`` that no other row dominates.

    ``utilities`` has shape ``(points, parties)``; larger is better for every party. Duplicate
    rows are all kept when they are non-dominated.
    """
    u = np.asarray(utilities)
    if u.ndim != 2:
        raise ValueError(f"utilities must be a 2-d array (points, parties), got shape {u.shape}")
    n, p = u.shape
    if n == 0 or p == 0:
        return np.arange(n, dtype=np.intp)
    if np.issubdtype(u.dtype, np.floating) and not np.isfinite(u).all():
        raise ValueError("utilities must be finite")
    if p == 1:
        return np.flatnonzero(u[:, 0] == u[:, 0].max())
    candidates = _survivors(u)
    v = u if len(candidates) == n else u[candidates]
    if p == 2:
        return candidates[_frontier_2d(v)]
    unique, inverse = np.unique(v, axis=0, return_inverse=True)
    keep = _nondominated(unique)
    return candidates[np.flatnonzero(keep[inverse.reshape(-1)])]


def _survivors(u: NDArray[Any]) -> NDArray[np.intp]:
    """Indices of the rows that none of the few best-sum rows dominates (a cheap first cut)."""
    n, p = u.shape
    if n <= 4 * _LEAF:
        return np.arange(n, dtype=np.intp)
    columns = [np.ascontiguousarray(u[:, j]) for j in range(p)]
    total = np.asarray(np.sum(columns, axis=0, dtype=np.float64))
    pivots = np.argpartition(-total, _PIVOTS)[:_PIVOTS]
    pivots = pivots[np.argsort(-total[pivots])]
    beaten = np.zeros(n, dtype=bool)
    for rank, q in enumerate(pivots):
        if rank == 4 and np.count_nonzero(beaten) < n // 10:
            break  # the best points dominate little: the space is mostly frontier
        at_most = columns[0] <= columns[0][q]
        below = columns[0] < columns[0][q]
        for column in columns[1:]:
            at_most &= column <= column[q]
            below |= column < column[q]
        beaten |= at_most & below
    return np.flatnonzero(~beaten)


def dominated_by(points: ArrayLike, others: ArrayLike) -> NDArray[np.bool_]:
    """Whether each row of ``points`` is dominated by some row of ``others``."""
    a = np.asarray(points)
    b = np.asarray(others)
    out = np.zeros(len(a), dtype=bool)
    if len(a) == 0 or len(b) == 0:
        return out
    rows = max(1, _BLOCK // b.size)
    for start in range(0, len(a), rows):
        chunk = a[start : start + rows]
        at_least = _all_at_least(chunk, b)
        better = chunk[:, None, 0] < b[None, :, 0]
        for j in range(1, a.shape[1]):
            better |= chunk[:, None, j] < b[None, :, j]
        out[start : start + rows] = (at_least & better).any(axis=1)
    return out


def _frontier_2d(u: NDArray[Any]) -> NDArray[np.intp]:
    """Two parties: one sort by u1, then compare with running and per-group maxima of u2.

    ``j`` is dominated when a point with a larger ``u1`` has an ``u2`` at least as large, or a
    point with the same ``u1`` has a larger ``u2``.
    """
    order = np.argsort(-u[:, 0])
    first = u[order, 0]
    second = u[order, 1]
    starts = np.flatnonzero(np.r_[True, first[1:] != first[:-1]])
    group_best = np.maximum.reduceat(second, starts)
    sizes = np.diff(np.r_[starts, len(order)])
    earlier = np.empty_like(group_best)
    earlier[1:] = np.maximum.accumulate(group_best)[:-1]
    beaten_before = np.repeat(earlier, sizes) >= second
    beaten_before[: sizes[0]] = False
    beaten_within = np.repeat(group_best, sizes) > second
    return np.sort(order[~(beaten_before | beaten_within)])


def _all_at_least(a: NDArray[Any], b: NDArray[Any]) -> NDArray[np.bool_]:
    """``out[i, j]``: is row ``j`` of ``b`` at least row ``i`` of ``a`` in every column?"""
    out = a[:, None, 0] <= b[None, :, 0]
    for j in range(1, a.shape[1]):
        out &= a[:, None, j] <= b[None, :, j]
    return np.asarray(out)


def _split_value(values: NDArray[Any]) -> Any:
    """A value with some of ``values`` above it and some not; None when all are equal."""
    ordered = np.sort(values)
    top = ordered[-1]
    if ordered[0] == top:
        return None
    split = ordered[len(ordered) // 2]
    if split == top:
        split = ordered[np.searchsorted(ordered, top, side="left") - 1]
    return split


def _nondominated(u: NDArray[Any], prefilter: bool = True) -> NDArray[np.bool_]:
    """Non-dominated mask of distinct rows (no two rows are equal)."""
    n, p = u.shape
    if n <= 1:
        return np.ones(n, dtype=bool)
    if p == 1:
        return np.asarray(u[:, 0] == u[:, 0].max())
    if p == 2:
        order = np.lexsort((-u[:, 1], -u[:, 0]))
        second = u[order, 1]
        keep_sorted = np.ones(n, dtype=bool)
        keep_sorted[1:] = second[1:] > np.maximum.accumulate(second)[:-1]
        keep = np.empty(n, dtype=bool)
        keep[order] = keep_sorted
        return keep
    if n <= _LEAF:
        at_least = _all_at_least(u, u)
        np.fill_diagonal(at_least, False)
        return np.asarray(~at_least.any(axis=1))
    if prefilter and n > 4 * _LEAF:
        # Drop the points that one of the best-sum points dominates (rows are distinct, so a
        # pivot at least as good as another row dominates it). Worth repeating below only
        # while it removes a good share of the points.
        pivots = np.argpartition(-u.sum(axis=1, dtype=np.float64), _PIVOTS)[:_PIVOTS]
        beaten = np.asarray(_all_at_least(u, u[pivots]).any(axis=1))
        beaten[pivots] = False
        alive = np.flatnonzero(~beaten)
        prefilter = len(alive) < 0.75 * n
        if len(alive) < n:
            keep = np.zeros(n, dtype=bool)
            keep[alive] = _nondominated(u[alive], prefilter)
            return keep
    split = _split_value(u[:, 0])
    if split is None:
        return _nondominated(u[:, 1:], prefilter)
    high = np.flatnonzero(u[:, 0] > split)
    low = np.flatnonzero(u[:, 0] <= split)
    keep = np.zeros(n, dtype=bool)
    high_front = high[_nondominated(u[high], prefilter)]
    low_front = low[_nondominated(u[low], prefilter)]
    keep[high_front] = True
    beaten = _weakly_dominated(u[low_front, 1:], u[high_front, 1:])
    keep[low_front[~beaten]] = True
    return keep


def _weakly_dominated(a: NDArray[Any], b: NDArray[Any]) -> NDArray[np.bool_]:
    """For each row of ``a``: is some row of ``b`` at least as large in every column?"""
    m, d = a.shape
    if m == 0 or len(b) == 0:
        return np.zeros(m, dtype=bool)
    if d == 1:
        return np.asarray(a[:, 0] <= b[:, 0].max())
    if d == 2:
        order = np.argsort(-b[:, 0], kind="stable")
        descending = b[order, 0]
        best_second = np.maximum.accumulate(b[order, 1])
        count = np.searchsorted(-descending, -a[:, 0], side="right")
        out = count > 0
        out[out] = best_second[count[out] - 1] >= a[out, 1]
        return np.asarray(out)
    if m * len(b) <= _SMALL or min(m, len(b)) <= 8:
        rows = max(1, _BLOCK // len(b))
        out = np.empty(m, dtype=bool)
        for start in range(0, m, rows):
            out[start : start + rows] = _all_at_least(a[start : start + rows], b).any(axis=1)
        return out
    split = _split_value(np.concatenate([a[:, 0], b[:, 0]]))
    if split is None:
        return _weakly_dominated(a[:, 1:], b[:, 1:])
    a_high = a[:, 0] > split
    b_high = b[:, 0] > split
    out = np.zeros(m, dtype=bool)
    out[a_high] = _weakly_dominated(a[a_high], b[b_high])
    low = np.flatnonzero(~a_high)
    below = _weakly_dominated(a[low], b[~b_high])
    rest = low[~below]
    out[low[below]] = True
    out[rest] = _weakly_dominated(a[rest, 1:], b[b_high, 1:])
    return out
