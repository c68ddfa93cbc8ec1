"""The outcome space: every package of one value per issue.

Algorithm
---------
Each issue of a scenario is one dimension. An issue that lists ``options`` takes exactly those
values. A continuous issue ``[low, high]`` is discretised: its labelled points plus a regular
grid of ``steps`` points from ``low`` to ``high`` inclusive (``numpy.linspace``), merged and
sorted. The default, ``steps=5``, puts grid points at the ends, the quartiles and the middle of
the scale; on a 0-100 scale labelled at 0, 25, 50, 75 and 100 it adds nothing to the labels. A
grid point within ``1e-9`` of the scale's width of a label is the label.

A *package* (an outcome) is one value per issue; the space is the Cartesian product of the
issues' values, so its size is the product of their counts. Packages are identified by their
value indices, one per issue, and ordered lexicographically by issue in file order ("outcome
order"): the first package takes every issue's lowest value.

Nothing here enumerates the product: the analyses work issue by issue (see
:mod:`accord.deals.frontier`) and say how large a space is before refusing it
(:class:`OutcomeSpaceTooLarge`).

Sources
-------
- Raiffa, H. (1982), *The Art and Science of Negotiation*, Harvard UP, chs. 10-11 (packages of
  values on several issues, "the negotiation dance" over a discrete outcome space).
- Lin, R., Kraus, S., Baarslag, T., Tykhonov, D., Hindriks, K. & Jonker, C. M. (2014), "Genius:
  an integrated environment for supporting the design of generic automated negotiators",
  *Computational Intelligence* 30(1): 48-70 (discrete and integer issues as outcome spaces).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from accord.deals.conventions import DEFAULT_STEPS
from accord.scenario import Issue, Scenario

__all__ = [
    "DEFAULT_STEPS",
    "OutcomeSpace",
    "OutcomeSpaceTooLarge",
    "issue_values",
    "outcome_space",
]


class OutcomeSpaceTooLarge(ValueError):
    """The analysis at this resolution would exceed a size limit.

    ``size`` is the number of packages in the space; ``what`` names the task, which would have
    had to hold or visit at least ``needed`` ``unit`` where the limit is ``limit``.
    """

    def __init__(self, *, size: int, needed: int, limit: int, what: str, unit: str) -> None:
        self.size = size
        self.needed = needed
        self.limit = limit
        self.what = what
        self.unit = unit
        super().__init__(
            f"the outcome space has {size:,} packages; {what} would take more than {limit:,} "
            f"{unit} (at least {needed:,})"
        )


@dataclass(frozen=True)
class OutcomeSpace:
    """The values each issue may take; a package is one value per issue.

    ``issues`` are issue ids in file order; ``values[k]`` the sorted values of issue ``k``.
    """

    issues: tuple[str, ...]
    values: tuple[NDArray[np.float64], ...]

    @property
    def shape(self) -> tuple[int, ...]:
        """The number of values of each issue."""
        return tuple(len(v) for v in self.values)

    @property
    def size(self) -> int:
        """The number of packages (an exact integer, however large)."""
        return math.prod(self.shape)

    def package(self, indices: ArrayLike) -> dict[str, float]:
        """The package with value indices ``indices`` as ``{issue: value}``."""
        index = np.asarray(indices, dtype=np.intp)
        return {
            issue: float(values[i])
            for issue, values, i in zip(self.issues, self.values, index, strict=True)
        }

    def packages(self, indices: ArrayLike) -> NDArray[np.float64]:
        """Values of many packages: ``indices`` ``(n, issues)`` -> values ``(n, issues)``."""
        index = np.asarray(indices, dtype=np.intp)
        out = np.empty(index.shape, dtype=np.float64)
        for k, values in enumerate(self.values):
            out[:, k] = values[index[:, k]]
        return out

    def order_keys(self, indices: ArrayLike) -> list[NDArray[np.int64]]:
        """``numpy.lexsort`` keys (least significant first) putting packages in outcome order.

        One key - the package's mixed-radix number - while the space has fewer than 2**62
        packages, else one key per issue.
        """
        index = np.asarray(indices, dtype=np.int64).reshape(-1, len(self.values))
        if self.size >= 2**62:
            return [index[:, k] for k in range(index.shape[1] - 1, -1, -1)]
        key = np.zeros(len(index), dtype=np.int64)
        for k, values in enumerate(self.values):
            key = key * len(values) + index[:, k]
        return [key]

    def index_of(self, package: dict[str, float]) -> NDArray[np.intp]:
        """The value indices of a package ``{issue: value}`` whose values are in the space."""
        out = np.empty(len(self.issues), dtype=np.intp)
        for k, (issue, values) in enumerate(zip(self.issues, self.values, strict=True)):
            hits = np.flatnonzero(values == package[issue])
            if len(hits) == 0:
                raise ValueError(f"{package[issue]!r} is not a value of issue {issue!r}")
            out[k] = hits[0]
        return out


def issue_values(issue: Issue, *, steps: int = DEFAULT_STEPS) -> NDArray[np.float64]:
    """The values an issue takes in the outcome space (see the module docstring)."""
    if issue.options is not None:
        values = np.unique(np.asarray(issue.options, dtype=np.float64))
    else:
        if steps < 2:
            raise ValueError(f"steps must be at least 2 (both ends of the scale), got {steps}")
        grid = np.linspace(issue.low, issue.high, steps)
        labels = np.asarray([value for value, _ in issue.labels], dtype=np.float64)
        if len(labels):
            near = np.abs(grid[:, None] - labels[None, :]) <= 1e-9 * issue.width
            grid = grid[~near.any(axis=1)]
        values = np.unique(np.concatenate([grid, labels]))
    values.flags.writeable = False
    return values


def outcome_space(scenario: Scenario, *, steps: int = DEFAULT_STEPS) -> OutcomeSpace:
    """The scenario's outcome space at ``steps`` grid points per continuous issue."""
    return OutcomeSpace(
        issues=tuple(issue.id for issue in scenario.issues),
        values=tuple(issue_values(issue, steps=steps) for issue in scenario.issues),
    )
