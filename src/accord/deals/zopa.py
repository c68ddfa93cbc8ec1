"""The zone of possible agreement: how many packages every party would accept.

A package is in the zone when it lies within every party's per-issue reservations and gives
every party at least its reservation utility (see :mod:`accord.deals.utility`). The per-issue
rule restricts each issue to the values all parties accept, so the zone is the set of packages
of that smaller product space whose utility vector clears the thresholds ``d``:

    ZOPA = { y in V'_1 x ... x V'_K : sum_k t_k(y_k) >= d }.

Algorithm
---------
Counting the packages of a product space whose sum clears a threshold is a multi-dimensional
knapsack count (#P-hard in general), so the count is exact but may take work. It is computed
by branch and bound over the issues: after fixing the first ``k`` issues, a partial sum is

- *certain* when even the worst values of the remaining issues keep it above ``d``: all of its
  completions count at once (their number is the product of the remaining issues' sizes);
- *dead* when even the best values of the remaining issues leave some party below ``d``;
- otherwise it is extended by the next issue.

Issues are taken in decreasing order of their spread, identical partial sums are merged with
their multiplicities, and the partial sums are processed in chunks (depth first), so memory
stays bounded whatever the size of the space. When the zone is everything (or nothing) the
answer comes at the root, without enumeration.

Sources
-------
- Raiffa, H. (1982), *The Art and Science of Negotiation*, Harvard UP, ch. 4 (the zone of
  agreement between reservation prices) and ch. 11.
- Land, A. H. & Doig, A. G. (1960), "An automatic method of solving discrete programming
  problems", *Econometrica* 28(3): 497-520 (branch and bound).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord.deals.space import OutcomeSpaceTooLarge

__all__ = ["DEFAULT_WORK", "count_acceptable"]

#: Largest number of partial packages visited unless the caller asks otherwise.
DEFAULT_WORK = 20_000_000
_CHUNK = 1 << 20


def count_acceptable(
    terms: Sequence[NDArray[np.int64]],
    threshold: NDArray[np.int64],
    *,
    allowed: Sequence[NDArray[np.bool_]] | None = None,
    work: int = DEFAULT_WORK,
) -> int:
    """How many packages (of the values marked ``allowed``) have sums of terms ``>= threshold``.

    Raises :class:`~accord.deals.space.OutcomeSpaceTooLarge` when the count would visit more
    than ``work`` partial packages.
    """
    size = math.prod(len(t) for t in terms)
    rows: list[NDArray[np.int64]] = []
    weights: list[NDArray[np.int64]] = []
    for k, table in enumerate(terms):
        values = table if allowed is None else table[allowed[k]]
        if len(values) == 0:
            return 0
        unique, inverse = np.unique(values, axis=0, return_inverse=True)
        rows.append(unique)
        weights.append(np.bincount(inverse.reshape(-1), minlength=len(unique)).astype(np.int64))
    spread = [float((r.max(axis=0) - r.min(axis=0)).sum()) for r in rows]
    order = sorted(range(len(rows)), key=lambda k: -spread[k])
    rows = [rows[k] for k in order]
    weights = [weights[k] for k in order]
    n_parties = len(threshold)
    best_rest = np.zeros((len(rows) + 1, n_parties), dtype=np.int64)
    worst_rest = np.zeros((len(rows) + 1, n_parties), dtype=np.int64)
    completions = [1] * (len(rows) + 1)
    for k in range(len(rows) - 1, -1, -1):
        best_rest[k] = best_rest[k + 1] + rows[k].max(axis=0)
        worst_rest[k] = worst_rest[k + 1] + rows[k].min(axis=0)
        completions[k] = completions[k + 1] * int(weights[k].sum())
    if np.all(worst_rest[0] >= threshold):
        return completions[0]
    if np.any(best_rest[0] < threshold):
        return 0
    # Multiplicities stay exact: int64 while they cannot overflow, Python integers beyond.
    kind: type = object if completions[0] >= 2**62 else np.int64
    weights = [w.astype(kind) for w in weights]

    total = 0
    visited = 0
    stack: list[tuple[int, NDArray[np.int64], NDArray[Any]]] = [
        (0, np.zeros((1, n_parties), dtype=np.int64), np.ones(1, dtype=kind))
    ]
    while stack:
        k, partial, count = stack.pop()
        table, multiplicity = rows[k], weights[k]
        visited += len(partial) * len(table)
        if visited > work:
            raise OutcomeSpaceTooLarge(
                size=size,
                needed=visited,
                limit=work,
                what="counting the zone of agreement exactly",
                unit="partial packages",
            )
        sums = (partial[:, None, :] + table[None, :, :]).reshape(-1, n_parties)
        counts = (count[:, None] * multiplicity[None, :]).reshape(-1)
        certain = np.all(sums + worst_rest[k + 1] >= threshold, axis=1)
        dead = np.any(sums + best_rest[k + 1] < threshold, axis=1)
        total += int(counts[certain].sum()) * completions[k + 1]
        open_ = ~(certain | dead)
        if k + 1 == len(rows) or not open_.any():
            continue
        sums, counts = sums[open_], counts[open_]
        if len(sums) > 1024:
            sums, inverse = np.unique(sums, axis=0, return_inverse=True)
            merged: NDArray[Any] = np.zeros(len(sums), dtype=kind)
            np.add.at(merged, inverse.reshape(-1), counts)
            counts = merged
        per_chunk = max(1, _CHUNK // len(rows[k + 1]))
        for start in range(0, len(sums), per_chunk):
            stack.append(
                (k + 1, sums[start : start + per_chunk], counts[start : start + per_chunk])
            )
    return total
