"""What each party thinks of each package: additive utilities and the reservation rules.

Algorithm
---------
Party ``i`` values the value ``y`` of issue ``k`` on ``[0, 1]``:

- by its distance from the party's position ``x_ik`` on the issue's scale ``[low, high]``,
  ``v_ik(y) = 1 - |y - x_ik| / (high - low)`` (``utility="linear"``, the default) or
  ``v_ik(y) = 1 - ((y - x_ik) / (high - low))**2`` (``utility="quadratic"``);
- or, when its stake lists ``evaluations`` (points ``(y_j, e_j)``, e.g. imported from GENIUS),
  by those points, linear in between and constant beyond the end points (``numpy.interp``).

The utility of a package ``y = (y_1, ..., y_K)`` is the salience-weighted average over the issues
the party has a position on,

    u_i(y) = sum_k s_ik v_ik(y_k) / sum_k s_ik,

so it lies in ``[0, 1]``; issues the party has no position on do not matter to it. This is the
linear-additive (multi-attribute) utility of Keeney & Raiffa (1976) with salience as the issue
weight, and with explicit evaluations it is GENIUS's linear-additive utility space (Lin et al.
2014): weight times the issue's evaluation, summed over issues.

*Exact sums.* Each term ``s_ik v_ik(y_k)`` is rounded to a multiple of ``1e-12``
(:data:`RESOLUTION`) and kept as an integer; a package's utility is the exact integer sum of its
terms divided by ``sum_k s_ik * 1e12``. Sums are therefore independent of the order of addition,
equal utilities are recognised exactly, and the issue-by-issue frontier equals the frontier of
the enumerated space bit for bit. This is the tie rule: two packages tie for a party when their
terms agree to 12 decimal places.

Reservation rules
-----------------
A package is unacceptable to party ``i`` (Raiffa 1982, ch. 4: the reservation price bounds the
zone of agreement) when

1. on some issue it lies beyond the party's per-issue ``reservation`` point ``r_ik``:
   ``|y_k - x_ik| > |r_ik - x_ik|`` (the same rule as :meth:`accord.scenario.Stake.accepts`); or
2. its utility is below the party's *reservation utility* ``d_i``, the larger of
   - the utility of the status-quo package, when the scenario gives status quos: each issue at
     its status quo, or where an issue has none at the party's worst value of that issue
     ("breakdown could bring anything"), and
   - the actor's own ``reservation_utility`` when it has one (GENIUS's reservation value).

   When neither applies, ``d_i`` is the utility of the party's worst package: rule 2 then
   excludes nothing, and gains are measured from the worst that breakdown could bring.

Sources
-------
- Keeney, R. L. & Raiffa, H. (1976), *Decisions with Multiple Objectives: Preferences and Value
  Tradeoffs*, Wiley, ch. 3 (additive value functions).
- Raiffa, H. (1982), *The Art and Science of Negotiation*, Harvard UP, ch. 4 (reservation
  prices) and ch. 11 (additive scoring of packages).
- Lin, R., Kraus, S., Baarslag, T., Tykhonov, D., Hindriks, K. & Jonker, C. M. (2014), "Genius:
  an integrated environment for supporting the design of generic automated negotiators",
  *Computational Intelligence* 30(1): 48-70.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from accord.deals.conventions import UtilityShape
from accord.deals.space import OutcomeSpace
from accord.scenario import Issue, Scenario, Stake

__all__ = [
    "RESOLUTION",
    "PackageUtilities",
    "UtilityShape",
    "package_utilities",
    "stake_value",
]


#: Each issue's term of a utility is kept as an integer multiple of 1 / RESOLUTION.
RESOLUTION = 10**12


def stake_value(
    stake: Stake, issue: Issue, points: ArrayLike, *, utility: UtilityShape = "linear"
) -> NDArray[np.float64]:
    """The stake's value ``v(y)`` in ``[0, 1]`` of the points ``y`` of the issue's scale."""
    y = np.asarray(points, dtype=np.float64)
    if stake.evaluations is not None:
        xs = np.asarray([p for p, _ in stake.evaluations], dtype=np.float64)
        us = np.asarray([u for _, u in stake.evaluations], dtype=np.float64)
        return np.asarray(np.interp(y, xs, us), dtype=np.float64)
    distance = np.abs(y - stake.position) / issue.width
    if utility == "quadratic":
        return 1.0 - distance**2
    return 1.0 - distance


@dataclass(frozen=True)
class PackageUtilities:
    """Every party's utility term for every value of every issue, ready to add up.

    ``terms[k]`` has shape ``(values of issue k, parties)``: ``s_ik v_ik(y)`` in units of
    ``1 / RESOLUTION``. A package's utility for party ``i`` is the sum of its terms divided by
    ``scale[i]``. ``acceptable[k]`` says which values of issue ``k`` lie within each party's
    per-issue reservation; ``threshold[i]`` is the party's reservation utility in term units;
    ``saliences[k, i]`` is party ``i``'s salience on issue ``k`` (0 without a position) and
    ``weights[i]`` its capability.
    """

    space: OutcomeSpace
    parties: tuple[str, ...]
    terms: tuple[NDArray[np.int64], ...]
    scale: NDArray[np.float64]
    acceptable: tuple[NDArray[np.bool_], ...]
    threshold: NDArray[np.int64]
    saliences: NDArray[np.float64]
    weights: NDArray[np.float64]

    @property
    def reservation(self) -> NDArray[np.float64]:
        """Each party's reservation utility ``d_i`` on the ``[0, 1]`` utility scale."""
        return np.asarray(self.threshold / self.scale, dtype=np.float64)

    def totals(self, packages: ArrayLike) -> NDArray[np.int64]:
        """Sums of terms of packages given as value indices ``(n, issues)`` -> ``(n, parties)``."""
        index = np.asarray(packages, dtype=np.intp).reshape(-1, len(self.terms))
        out = np.zeros((len(index), len(self.parties)), dtype=np.int64)
        for k, terms in enumerate(self.terms):
            out += terms[index[:, k]]
        return out

    def utilities(self, packages: ArrayLike) -> NDArray[np.float64]:
        """Utilities ``(n, parties)`` of packages given as value indices ``(n, issues)``."""
        return self.to_utility(self.totals(packages))

    def to_utility(self, totals: ArrayLike) -> NDArray[np.float64]:
        """Sums of terms ``(n, parties)`` -> utilities on ``[0, 1]``."""
        return np.asarray(np.asarray(totals, dtype=np.float64) / self.scale, dtype=np.float64)

    def accepts(
        self, packages: ArrayLike, *, totals: NDArray[np.int64] | None = None
    ) -> NDArray[np.bool_]:
        """Whether each party accepts each package: ``(n, issues)`` -> ``(n, parties)``.

        ``totals``, when the caller has them, are the packages' sums of terms.
        """
        index = np.asarray(packages, dtype=np.intp).reshape(-1, len(self.terms))
        ok = (self.totals(index) if totals is None else totals) >= self.threshold
        for k, acceptable in enumerate(self.acceptable):
            if not acceptable.all():
                ok &= acceptable[index[:, k]]
        return np.asarray(ok)

    @property
    def best(self) -> NDArray[np.int64]:
        """Each party's highest possible sum of terms (its best package)."""
        return np.asarray(sum(t.max(axis=0) for t in self.terms), dtype=np.int64)

    @property
    def worst(self) -> NDArray[np.int64]:
        """Each party's lowest possible sum of terms (its worst package)."""
        return np.asarray(sum(t.min(axis=0) for t in self.terms), dtype=np.int64)


def _fixed(values: NDArray[np.float64]) -> NDArray[np.int64]:
    return np.rint(values * RESOLUTION).astype(np.int64)


def package_utilities(
    scenario: Scenario,
    space: OutcomeSpace,
    parties: Sequence[str],
    *,
    utility: UtilityShape = "linear",
) -> PackageUtilities:
    """The parties' utility terms over ``space`` (see the module docstring for the formulas).

    Raises ValueError for an unknown party or one with no positive salience on any issue.
    """
    if utility not in ("linear", "quadratic"):
        raise ValueError(f"utility must be 'linear' or 'quadratic', got {utility!r}")
    ids = tuple(parties)
    known = {actor.id for actor in scenario.actors}
    for party in ids:
        if party not in known:
            raise ValueError(f"unknown actor {party!r}")
    column = {party: j for j, party in enumerate(ids)}
    n_parties = len(ids)
    terms: list[NDArray[np.int64]] = []
    acceptable: list[NDArray[np.bool_]] = []
    saliences = np.zeros((len(scenario.issues), n_parties))
    status_quo = np.zeros(n_parties, dtype=np.int64)
    for k, (issue, values) in enumerate(zip(scenario.issues, space.values, strict=True)):
        table = np.zeros((len(values), n_parties), dtype=np.int64)
        ok = np.ones((len(values), n_parties), dtype=bool)
        for stake in scenario.stakes_on(issue.id):
            j = column.get(stake.actor)
            if j is None:
                continue
            value = stake_value(stake, issue, values, utility=utility)
            table[:, j] = _fixed(stake.salience * value)
            saliences[k, j] = stake.salience
            if issue.status_quo is not None:
                at_status_quo = stake_value(stake, issue, [issue.status_quo], utility=utility)
                status_quo[j] += _fixed(stake.salience * at_status_quo)[0]
            else:
                status_quo[j] += table[:, j].min()
            if stake.reservation is not None:
                radius = abs(stake.reservation - stake.position) + 1e-12
                ok[:, j] = np.abs(values - stake.position) <= radius
        table.flags.writeable = False
        ok.flags.writeable = False
        terms.append(table)
        acceptable.append(ok)
    salience_total = saliences.sum(axis=0)
    for party, total in zip(ids, salience_total, strict=True):
        if total <= 0:
            raise ValueError(
                f"actor {party!r} has no position with a positive salience: it is indifferent "
                "to every package"
            )
    scale = salience_total * RESOLUTION
    has_status_quo = any(issue.status_quo is not None for issue in scenario.issues)
    capability = {actor.id: actor for actor in scenario.actors}
    threshold = np.empty(n_parties, dtype=np.int64)
    for party, j in column.items():
        own = capability[party].reservation_utility
        rules = [int(status_quo[j])] if has_status_quo else []
        if own is not None:
            rules.append(round(own * scale[j]))
        threshold[j] = max(rules) if rules else int(sum(t[:, j].min() for t in terms))
    return PackageUtilities(
        space=space,
        parties=ids,
        terms=tuple(terms),
        scale=scale,
        acceptable=tuple(acceptable),
        threshold=threshold,
        saliences=saliences,
        weights=np.asarray([capability[p].capability for p in ids], dtype=np.float64),
    )
