"""The Pareto frontier of a package space, computed issue by issue without enumerating it.

Algorithm
---------
With additive utilities a package's utility vector is the sum of one *term vector* per issue
(:mod:`accord.deals.utility`), so the set of utility vectors of the whole space is the Minkowski
sum ``V_1 + V_2 + ... + V_K`` of the issues' term sets. The frontier of a Minkowski sum only
uses frontier points of the summands: if ``a`` is dominated by ``a'`` in ``A`` then ``a + b`` is
dominated by ``a' + b`` in ``A + B``, hence

    ND(A + B) = ND(ND(A) + ND(B))

(``ND`` = the non-dominated subset; a standard fact of multi-objective optimisation, e.g.
Ehrgott 2005, and the basis of Mittal & Schulz's (2013) decomposition of product spaces). The
frontier is therefore built one issue at a time,

    F_0 = {0},    F_k = ND(F_(k-1) + ND(V_k)),

and is exact: the result is the frontier of the enumerated space, duplicates included, because
terms are integers and sums do not depend on the order of addition. Only ``|F_(k-1)| x |V_k|``
candidate vectors exist at any time (processed in chunks of at most :data:`CHUNK`), instead of
the product of all the issues' sizes.

Values of an issue with identical term vectors for every party (an issue a party does not care
about, or values equally far from everyone) are merged into one *group* before the sweep and
expanded at the end, so every package with a non-dominated utility vector is listed.

Order
-----
Frontier packages are returned ordered by the first party's utility, descending, then the
second party's, ..., then by outcome order (issues in file order, values ascending).

Sources
-------
- Ehrgott, M. (2005), *Multicriteria Optimization*, 2nd ed., Springer, ch. 2 (efficient sets of
  sums of sets).
- Mittal, S. & Schulz, A. S. (2013), "An FPTAS for optimizing a class of low-rank functions
  over a polytope", *Mathematical Programming* 141: 103-120 (Pareto sets of separable
  objectives built coordinate by coordinate).
- Kung, H. T., Luccio, F. & Preparata, F. P. (1975), "On finding the maxima of a set of
  vectors", *Journal of the ACM* 22(4): 469-476.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord.deals.pareto import pareto_frontier
from accord.deals.space import OutcomeSpaceTooLarge

__all__ = ["CHUNK", "DEFAULT_LIMIT", "PackageFrontier", "package_frontier"]

#: Largest number of frontier packages held or listed unless the caller asks otherwise.
DEFAULT_LIMIT = 10_000_000
#: Candidate vectors the issue-by-issue sweep may filter in all, by number of parties: the cost
#: of a candidate grows with the number of parties (``O(log^(p-1) N)``), so the bound keeps the
#: worst case to seconds, not hours.
DEFAULT_WORK = {1: 100_000_000, 2: 50_000_000, 3: 5_000_000}
DEFAULT_WORK_MANY = 2_000_000
#: Candidate vectors filtered at once.
CHUNK = 1 << 22


@dataclass(frozen=True)
class PackageFrontier:
    """Frontier packages: value indices ``(n, issues)`` and sums of terms ``(n, parties)``.

    The value indices use the narrowest unsigned integer type that holds them (``uint8`` for
    issues of up to 256 values), which keeps frontiers of millions of packages small.
    """

    packages: NDArray[np.unsignedinteger[Any]]
    totals: NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.packages)


@dataclass(frozen=True)
class _Groups:
    """The values of one issue merged by identical term vectors."""

    rows: NDArray[np.int64]  # (groups, parties)
    members: NDArray[np.intp]  # value indices, group after group
    offsets: NDArray[np.intp]  # start of each group in ``members``
    sizes: NDArray[np.intp]


def _groups(terms: NDArray[np.int64], allowed: NDArray[np.bool_] | None) -> _Groups:
    values = np.flatnonzero(allowed) if allowed is not None else np.arange(len(terms))
    rows, inverse = np.unique(terms[values], axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    order = np.argsort(inverse, kind="stable")
    sizes = np.bincount(inverse, minlength=len(rows)).astype(np.intp)
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.intp)
    return _Groups(rows=rows, members=values[order], offsets=offsets, sizes=sizes)


def _keep(groups: _Groups, keep: NDArray[np.intp]) -> _Groups:
    return _Groups(
        rows=groups.rows[keep],
        members=groups.members,
        offsets=groups.offsets[keep],
        sizes=groups.sizes[keep],
    )


def package_frontier(
    terms: Sequence[NDArray[np.int64]],
    *,
    allowed: Sequence[NDArray[np.bool_]] | None = None,
    limit: int = DEFAULT_LIMIT,
    work: int | None = None,
) -> PackageFrontier:
    """The packages whose utility vectors no other package dominates.

    ``terms[k]`` has shape ``(values of issue k, parties)`` (integers, see
    :class:`accord.deals.utility.PackageUtilities`); ``allowed[k]``, when given, restricts issue
    ``k`` to the values marked True. Raises :class:`~accord.deals.space.OutcomeSpaceTooLarge`
    when the frontier would hold more than ``limit`` packages, or the sweep would filter more
    than ``work`` candidate vectors (default: :data:`DEFAULT_WORK` for the number of parties),
    before doing the work.
    """
    n_issues = len(terms)
    n_parties = terms[0].shape[1] if n_issues else 0
    size = math.prod(len(t) for t in terms)
    budget = DEFAULT_WORK.get(n_parties, DEFAULT_WORK_MANY) if work is None else work
    issue_groups = []
    for k, table in enumerate(terms):
        groups = _groups(table, None if allowed is None else allowed[k])
        if len(groups.rows) == 0:
            return PackageFrontier(
                packages=np.empty((0, n_issues), dtype=np.uint8),
                totals=np.empty((0, n_parties), dtype=np.int64),
            )
        issue_groups.append(_keep(groups, pareto_frontier(groups.rows)))

    totals = np.zeros((1, n_parties), dtype=np.int64)
    steps: list[tuple[NDArray[np.integer[Any]], NDArray[np.integer[Any]]]] = []  # parent, group
    visited = 0
    for groups in issue_groups:
        visited += len(totals) * len(groups.rows)
        if visited > budget:
            raise OutcomeSpaceTooLarge(
                size=size,
                needed=visited,
                limit=budget,
                what=f"the exact Pareto frontier of {n_parties} parties",
                unit="candidate packages",
            )
        totals, parent, group = _extend(totals, groups.rows)
        if len(totals) > limit:
            raise OutcomeSpaceTooLarge(
                size=size,
                needed=len(totals),
                limit=limit,
                what="the exact Pareto frontier",
                unit="frontier packages",
            )
        steps.append((parent, group))

    # Walk back from the last issue to recover each frontier vector's group on every issue.
    chosen = np.empty((n_issues, len(totals)), dtype=np.int32)
    at: NDArray[np.integer[Any]] = np.arange(len(totals), dtype=np.intp)
    for k in range(n_issues - 1, -1, -1):
        back, picked = steps[k]
        chosen[k] = picked[at]
        at = back[at]
    if any(groups.sizes.max() > 1 for groups in issue_groups):
        counts = np.ones(len(totals), dtype=np.int64)
        for k, groups in enumerate(issue_groups):
            counts *= groups.sizes[chosen[k]]
        needed = int(counts.sum())
        if needed > limit:
            raise OutcomeSpaceTooLarge(
                size=size,
                needed=needed,
                limit=limit,
                what="listing the exact Pareto frontier",
                unit="packages",
            )
    columns, totals = _expand(chosen, totals, issue_groups)
    order = _frontier_order(columns, totals, [len(t) for t in terms])
    kind = np.min_scalar_type(max(len(t) for t in terms) - 1)
    packages = np.empty((len(order), n_issues), dtype=kind)
    for k, column in enumerate(columns):
        packages[:, k] = column[order]
    del columns
    totals = totals[order]
    packages.flags.writeable = False
    totals.flags.writeable = False
    return PackageFrontier(packages=packages, totals=totals)


def _extend(
    totals: NDArray[np.int64], rows: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.int32], NDArray[np.int32]]:
    """ND(totals + rows): the new vectors with their parent index and group index."""
    m, g = len(totals), len(rows)
    per_chunk = max(1, CHUNK // max(1, m))
    kept_totals = np.empty((0, totals.shape[1]), dtype=np.int64)
    kept_parent = np.empty(0, dtype=np.int32)
    kept_group = np.empty(0, dtype=np.int32)
    for start in range(0, g, per_chunk):
        block = rows[start : start + per_chunk]
        candidates = (totals[:, None, :] + block[None, :, :]).reshape(-1, totals.shape[1])
        parent = np.repeat(np.arange(m, dtype=np.int32), len(block))
        group = np.tile(np.arange(start, start + len(block), dtype=np.int32), m)
        if len(kept_totals):
            candidates = np.concatenate([kept_totals, candidates])
            parent = np.concatenate([kept_parent, parent])
            group = np.concatenate([kept_group, group])
        keep = pareto_frontier(candidates)
        kept_totals, kept_parent, kept_group = candidates[keep], parent[keep], group[keep]
    return kept_totals, kept_parent, kept_group


def _frontier_order(
    columns: Sequence[NDArray[np.integer[Any]]], totals: NDArray[np.int64], sizes: Sequence[int]
) -> NDArray[np.intp]:
    """Sort by the first party's total (descending), then the next ones', then outcome order."""
    order = np.argsort(-totals[:, 0])
    first = totals[order, 0]
    if len(first) < 2 or np.all(first[1:] != first[:-1]):
        return np.asarray(order, dtype=np.intp)
    keys = _outcome_keys(columns, sizes)
    keys += [-totals[:, j] for j in range(totals.shape[1] - 1, -1, -1)]
    return np.asarray(np.lexsort(keys), dtype=np.intp)


def _outcome_keys(
    columns: Sequence[NDArray[np.integer[Any]]], sizes: Sequence[int]
) -> list[NDArray[np.int64]]:
    """Lexsort keys for outcome order: the mixed-radix package number, or one key per issue."""
    if math.prod(sizes) >= 2**62:
        return [columns[k].astype(np.int64) for k in range(len(sizes) - 1, -1, -1)]
    key = np.zeros(len(columns[0]) if columns else 0, dtype=np.int64)
    for column, size in zip(columns, sizes, strict=True):
        key = key * size + column.astype(np.int64)
    return [key]


def _expand(
    chosen: NDArray[np.int32], totals: NDArray[np.int64], issue_groups: Sequence[_Groups]
) -> tuple[list[NDArray[np.integer[Any]]], NDArray[np.int64]]:
    """Every package of every chosen group combination (a Cartesian product per vector).

    ``chosen[k]`` holds each vector's group on issue ``k``; returns one column of value indices
    per issue and the totals repeated alike.
    """
    rows: NDArray[np.intp] | None = None  # None: one package per vector, in order
    columns: list[NDArray[np.integer[Any]]] = []
    for k, groups in enumerate(issue_groups):
        group = chosen[k] if rows is None else chosen[k][rows]
        if groups.sizes.max() == 1:
            columns.append(groups.members[groups.offsets[group]])
            continue
        sizes = groups.sizes[group]
        repeat = np.repeat(np.arange(len(group), dtype=np.intp), sizes)
        first = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        within = np.arange(len(repeat), dtype=np.intp) - np.repeat(first, sizes)
        columns = [column[repeat] for column in columns]
        rows = repeat if rows is None else rows[repeat]
        columns.append(groups.members[groups.offsets[group][repeat] + within])
    return columns, (totals if rows is None else totals[rows])
