"""The bargaining arena: the parties, their utilities and the packages they can offer.

Algorithm
---------
Everything comes from :mod:`accord.deals`, exactly as ``accord deals`` builds it: the outcome
space (:func:`~accord.deals.outcome_space`), the parties' additive utilities and reservation
rules (:func:`~accord.deals.package_utilities`), and the Pareto frontier and Nash package
(:func:`~accord.deals.analyse_deals`). Nothing is re-implemented here.

*Offers.* A party proposing in alternating offers picks from the *offer set*: the whole outcome
space when it has at most ``limit`` packages (default 2^20), else the exact Pareto frontier
together with the Pareto-optimal packages of the zone of agreement (``offers="auto"``;
``"space"`` and ``"frontier"`` force one). The zone's frontier is needed because per-issue
reservations can put every package of the unrestricted frontier beyond someone's red line. On
the case study (48.8 million packages) that is 7,864 + 254 packages: proposing only efficient
packages is the usual simplification of large domains (GENIUS agents search near their target on the
frontier), and it is stated in every result. NegMAS offers from the whole space; on the
benchmark domain accord does too. The mediated protocols revise one issue at a time and work
on the whole space, whatever its size.

For each party the offers it accepts (its per-issue reservations and its reservation utility)
are sorted by its utility, ties in outcome order, so that "the cheapest offer at or above my
target" is one binary search per run.

Sources
-------
- Raiffa, H. (1982), *The Art and Science of Negotiation*, Harvard UP, chs. 10-11 (packages).
- Lin, R. et al. (2014), "Genius: an integrated environment for supporting the design of
  generic automated negotiators", *Computational Intelligence* 30(1): 48-70 (offer sets).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from accord.deals import Conventions, analyse_deals, outcome_space, package_utilities
from accord.deals.utility import PackageUtilities
from accord.scenario import Scenario

__all__ = ["OFFERS", "Arena", "build_arena"]

Offers = Literal["auto", "space", "frontier"]
OFFERS: tuple[str, ...] = ("auto", "space", "frontier")
DEFAULT_LIMIT = 2**20


@dataclass(frozen=True)
class Arena:
    """Parties, utilities and offers of one negotiation (see the module docstring).

    ``offers`` are value indices ``(m, issues)`` in outcome order, ``u`` their utilities
    ``(m, parties)`` and ``ok`` whether each party accepts each; ``ranked[i]`` lists the offers
    party ``i`` accepts by its utility (ascending), ``ranked_u[i]`` those utilities. ``hi`` and
    ``worst`` are each party's best and worst utility over the whole space, ``reservation`` its
    reservation utility; ``nash`` the Nash package's utilities (None without one) and
    ``frontier`` the utilities of the Pareto frontier of the zone of agreement (the packages
    every party accepts, where every agreement lies), or of the whole space without a zone.
    """

    pu: PackageUtilities
    parties: tuple[str, ...]
    offers: NDArray[np.intp]
    u: NDArray[np.float64]
    ok: NDArray[np.bool_]
    ranked: tuple[NDArray[np.intp], ...]
    ranked_u: tuple[NDArray[np.float64], ...]
    hi: NDArray[np.float64]
    worst: NDArray[np.float64]
    reservation: NDArray[np.float64]
    nash: NDArray[np.float64] | None
    nash_package: dict[str, float] | None
    frontier: NDArray[np.float64]
    offer_set: str
    labels: dict[str, dict[str, str]]
    kindness: tuple[NDArray[np.float64], ...] = ()
    sparse: tuple[tuple[NDArray[np.intp], ...], ...] = ()

    def nicest(self, i: int, low: NDArray[np.intp], high: NDArray[np.intp]) -> NDArray[np.intp]:
        """Positions in ``ranked[i]`` of the offer best for the others within ``[low, high)``
        (``high > low``), first on ties: a range-maximum query on a sparse table."""
        score, table = self.kindness[i], self.sparse[i]
        level = np.floor(np.log2(np.maximum(high - low, 1))).astype(np.intp)
        left = np.empty_like(low)
        right = np.empty_like(low)
        for lv in np.unique(level):
            rows = level == lv
            left[rows] = table[lv][low[rows]]
            right[rows] = table[lv][high[rows] - (1 << lv)]
        return np.where(score[right] > score[left], right, left)

    @property
    def lo(self) -> NDArray[np.float64]:
        """Each party's floor: the larger of its worst and its reservation utility."""
        return np.asarray(np.maximum(self.worst, self.reservation), dtype=np.float64)

    def utilities(self, packages: NDArray[np.intp]) -> NDArray[np.float64]:
        return self.pu.utilities(packages)

    def accepts(self, packages: NDArray[np.intp]) -> NDArray[np.bool_]:
        return self.pu.accepts(packages)

    def describe(self) -> dict[str, Any]:
        return {"offers": self.offer_set, "offer_count": len(self.offers)}


def _enumerate(shape: tuple[int, ...]) -> NDArray[np.intp]:
    grids = np.indices(shape, dtype=np.intp).reshape(len(shape), -1)
    return np.ascontiguousarray(grids.T)


def build_arena(
    scenario: Scenario,
    *,
    actors: str | Sequence[str] = "parties",
    steps: int = 5,
    utility: Literal["linear", "quadratic"] = "linear",
    offers: Offers = "auto",
    limit: int = DEFAULT_LIMIT,
) -> Arena:
    """The arena of a scenario; ValueError for bad actors or offers (see the docstring)."""
    if offers not in OFFERS:
        raise ValueError(f"offers must be one of {', '.join(OFFERS)}, got {offers!r}")
    who = actors if isinstance(actors, str) else tuple(actors)
    analysis = analyse_deals(scenario, Conventions(actors=who, steps=steps, utility=utility))
    parties = analysis.parties
    space = outcome_space(scenario, steps=steps)
    pu = package_utilities(scenario, space, parties, utility=utility)
    whole = offers == "space" or (offers == "auto" and space.size <= limit)
    if whole:
        if space.size > limit:
            raise ValueError(
                f"the outcome space has {space.size:,} packages, more than {limit:,} offers"
            )
        packages = _enumerate(space.shape)
    else:
        packages = np.concatenate([
            np.asarray(analysis.frontier.indices, dtype=np.intp),
            np.asarray(analysis.zopa.frontier.indices, dtype=np.intp),
        ])  # fmt: skip
        keys = space.order_keys(packages)
        packages = packages[np.lexsort(keys)]
        packages = packages[np.concatenate([[True], np.any(packages[1:] != packages[:-1], axis=1)])]
    u = pu.utilities(packages)
    ok = pu.accepts(packages)
    ranked = []
    ranked_u = []
    for i in range(len(parties)):
        mine = np.flatnonzero(ok[:, i])
        order = mine[np.argsort(u[mine, i], kind="stable")]
        ranked.append(order)
        ranked_u.append(np.ascontiguousarray(u[order, i]))
    lo = np.maximum(pu.to_utility(pu.worst), pu.reservation)
    room = np.maximum(pu.to_utility(pu.best) - lo, 1e-12)
    kindness = []
    sparse = []
    for i in range(len(parties)):
        others = [j for j in range(len(parties)) if j != i]
        order = ranked[i]
        slack = (u[order][:, others] - lo[others]) / room[others] - ~ok[order][:, others]
        score = slack.min(axis=1)
        levels = [np.arange(len(order), dtype=np.intp)]
        width = 1
        while 2 * width <= len(order):
            prev = levels[-1]
            a, b = prev[: len(prev) - width], prev[width:]
            levels.append(np.where(score[b] > score[a], b, a))
            width *= 2
        kindness.append(score)
        sparse.append(tuple(levels))
    nash = analysis.solution("nash")
    labels = {
        issue.id: {f"{value:g}": text for value, text in issue.labels} for issue in scenario.issues
    }
    return Arena(
        pu=pu,
        parties=parties,
        offers=packages,
        u=u,
        ok=ok,
        ranked=tuple(ranked),
        ranked_u=tuple(ranked_u),
        hi=pu.to_utility(pu.best),
        worst=pu.to_utility(pu.worst),
        reservation=pu.reservation,
        nash=None if nash.package is None else np.asarray([v for _, v in nash.utilities]),
        nash_package=None if nash.package is None else dict(nash.package),
        frontier=np.asarray(
            (analysis.zopa.frontier if analysis.zopa.exists else analysis.frontier).utilities,
            dtype=np.float64,
        ),
        offer_set="space" if whole else "frontier",
        labels=labels,
        kindness=tuple(kindness),
        sparse=tuple(sparse),
    )
