"""Brute-force references for the package-deal tests: enumerate, compare every pair, exactly.

Nothing here is shared with ``accord.deals``: the utility formula is re-implemented with exact
rational arithmetic (``fractions.Fraction`` of the numbers' decimal text), every package is
enumerated, and dominance is decided by comparing every pair - ``O(N^2)``, for small spaces.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np

from accord.scenario import Scenario


def exact(value: float) -> Fraction:
    """The decimal the user wrote (``0.3`` is 3/10, not the nearest binary float)."""
    return Fraction(repr(float(value)))


def issue_values(issue, steps: int) -> list[Fraction]:
    """The outcome space's values of an issue: the options, or the labels plus a grid."""
    if issue.options is not None:
        return sorted({exact(v) for v in issue.options})
    low, high = exact(issue.low), exact(issue.high)
    grid = {low + (high - low) * i / (steps - 1) for i in range(steps)}
    return sorted(grid | {exact(v) for v, _ in issue.labels})


def utility(scenario: Scenario, party: str, package: dict[str, Fraction]) -> Fraction:
    """Salience-weighted average of 1 - |y - x| / width (or the stake's evaluations)."""
    total = Fraction(0)
    weight = Fraction(0)
    for stake in scenario.stakes:
        if stake.actor != party:
            continue
        issue = scenario.issue(stake.issue)
        y = package[issue.id]
        if stake.evaluations is not None:
            points = [(exact(v), exact(u)) for v, u in stake.evaluations]
            value = _interpolate(points, y)
        else:
            value = 1 - abs(y - exact(stake.position)) / (exact(issue.high) - exact(issue.low))
        total += exact(stake.salience) * value
        weight += exact(stake.salience)
    return total / weight


def _interpolate(points: list[tuple[Fraction, Fraction]], y: Fraction) -> Fraction:
    if y <= points[0][0]:
        return points[0][1]
    for (x0, u0), (x1, u1) in itertools.pairwise(points):
        if x0 <= y <= x1:
            return u0 + (u1 - u0) * (y - x0) / (x1 - x0)
    return points[-1][1]


def packages(scenario: Scenario, steps: int = 5) -> list[dict[str, Fraction]]:
    """Every package, in outcome order."""
    axes = [issue_values(issue, steps) for issue in scenario.issues]
    ids = [issue.id for issue in scenario.issues]
    return [dict(zip(ids, combo, strict=True)) for combo in itertools.product(*axes)]


def dominates(a: tuple, b: tuple) -> bool:
    return all(x >= y for x, y in zip(a, b, strict=True)) and a != b


def frontier(points: list[tuple]) -> list[int]:
    """Indices of the points no other point dominates (every pair compared)."""
    return [i for i, p in enumerate(points) if not any(dominates(q, p) for q in points)]


def frontier_numpy(points: np.ndarray) -> np.ndarray:
    """The same, all pairs at once with numpy (for a few thousand points)."""
    ge = (points[None, :, :] >= points[:, None, :]).all(axis=2)
    gt = (points[None, :, :] > points[:, None, :]).any(axis=2)
    return np.flatnonzero(~(ge & gt).any(axis=1))
