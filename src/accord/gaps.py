"""How far apart the sides are: party gaps per issue and overall, and the distance to agreement.

Algorithm
---------
*Gap between two actors.* For actors ``A`` and ``B`` with positions ``x`` and saliences ``s``
on the issues ``k`` where both have a position, the gap on issue ``k`` is the distance between
the positions as a fraction of the issue's scale, ``g_k = |x_Ak - x_Bk| / (high_k - low_k)``,
and the overall gap is the salience-weighted mean

    gap(A, B) = sum_k w_k g_k / sum_k w_k,    w_k = (s_Ak + s_Bk) / 2,

so 0 means the same positions everywhere and 1 opposite ends of every scale: a
salience-weighted city-block distance, of the family of weighted distances of the spatial
theory of negotiation and voting (Enelow & Hinich 1984, ch. 2). The overall gap is ``None`` when the
two share no issue or every shared weight is 0. Gaps are computed for every pair of *parties*
(actors with role ``party``), and from each mediator to each party. All pairs are evaluated in
one numpy broadcast over an ``(actors, actors, issues)`` array.

*Distance to agreement.* Whether a zone of possible agreement exists across the issues is
counted as :func:`accord.deals.analyse_deals` counts it (:func:`zopa_size`, with its default
conventions: the parties, 5 grid points per continuous issue plus the labels, linear
utilities, per-issue reservations and each party's reservation utility ``d_i`` - the
status-quo package). When there is none, the
*concession* needed is defined, for a package ``y`` on the continuous scales, as

    C(y) = sum_i [ sum_k max(0, |y_k - x_ik| - |r_ik - x_ik|) / (high_k - low_k)
                   + max(0, d_i - u_i(y)) ],

the total amount by which ``y`` lies beyond the parties' per-issue reservation points ``r_ik``
(in fractions of each scale; issues without a reservation contribute nothing) plus the amount
by which it falls short of their reservation utilities, where
``u_i(y) = 1 - sum_k s_ik |y_k - x_ik| / (high_k - low_k) / sum_k s_ik`` is the party's linear
additive utility of :mod:`accord.deals.utility` (so one unit of utility is the party moving every
one of its positions across a whole scale, salience-weighted: the same normalised units as the
gaps). The *distance to agreement* is ``min_y C(y)``: the smallest total concession - red lines
moved outwards, demands lowered - after which some package is acceptable to every party. It is
0 when a zone of agreement exists on the continuous scales (possibly between the grid points
of :mod:`accord.deals`, which the result then notes). ``C`` is convex and piecewise linear, so
the minimum is found exactly as a linear programme (Dantzig 1963) with auxiliary variables
``t_ik >= |y_k - x_ik|``, solved by HiGHS (Huangfu & Hall 2018) through ``scipy.optimize.linprog``;
the result reports the minimising package and each party's share of the concession.

Sources
-------
- Enelow, J. M. & Hinich, M. J. (1984), *The Spatial Theory of Voting: An Introduction*,
  Cambridge UP, ch. 2 (salience-weighted distances between ideal points).
- Raiffa, H. (1982), *The Art and Science of Negotiation*, Harvard UP, ch. 4 (the zone of
  agreement between reservation prices; how far apart the reservation prices are).
- Dantzig, G. B. (1963), *Linear Programming and Extensions*, Princeton UP (absolute values as
  linear constraints).
- Huangfu, Q. & Hall, J. A. J. (2018), "Parallelizing the dual revised simplex method",
  *Mathematical Programming Computation* 10: 119-142 (HiGHS).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord.deals.space import outcome_space
from accord.deals.utility import package_utilities
from accord.deals.zopa import count_acceptable
from accord.scenario import Scenario

__all__ = ["Agreement", "Gap", "Gaps", "agreement_distance", "party_gaps", "zopa_size"]


@dataclass(frozen=True, slots=True)
class Gap:
    """The gap between two actors: overall (None without shared issues) and per issue."""

    actors: tuple[str, str]
    overall: float | None
    issues: tuple[tuple[str, float], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"parties": list(self.actors), "overall": self.overall, "issues": dict(self.issues)}


@dataclass(frozen=True, slots=True)
class Agreement:
    """Whether a zone of agreement exists and, if not, the smallest concession creating one.

    ``zopa`` and ``size`` come from :mod:`accord.deals` (``None`` when the outcome space is too
    large to count); ``concession`` is ``min_y C(y)`` (see the module docstring), ``package``
    the minimising package and ``by_party`` each party's part of the concession.
    """

    parties: tuple[str, ...]
    zopa: bool | None
    size: int | None
    concession: float
    package: tuple[tuple[str, float], ...]
    by_party: tuple[tuple[str, float], ...]
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "parties": list(self.parties),
            "zopa": self.zopa,
            "size": self.size,
            "concession": self.concession,
            "package": dict(self.package),
            "by_party": dict(self.by_party),
        }
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True, slots=True)
class Gaps:
    """Every party pair's gap, each mediator's distance to each party, the distance to agreement."""

    scenario: str
    pairs: tuple[Gap, ...]
    mediator: tuple[Gap, ...]
    agreement: Agreement | None

    def pair(self, a: str, b: str) -> Gap:
        for gap in self.pairs:
            if set(gap.actors) == {a, b}:
                return gap
        raise KeyError((a, b))

    def to_dict(self) -> dict[str, Any]:
        mediator: dict[str, dict[str, Any]] = {}
        for gap in self.mediator:
            mediator.setdefault(gap.actors[0], {})[gap.actors[1]] = {
                "overall": gap.overall,
                "issues": dict(gap.issues),
            }
        return {
            "scenario": self.scenario,
            "pairs": [gap.to_dict() for gap in self.pairs],
            "mediator": mediator,
            "agreement": None if self.agreement is None else self.agreement.to_dict(),
        }


def _matrices(
    scenario: Scenario,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Positions and saliences ``(actors, issues)`` (NaN where no position) and issue widths."""
    row = {a.id: j for j, a in enumerate(scenario.actors)}
    col = {i.id: k for k, i in enumerate(scenario.issues)}
    shape = (len(scenario.actors), len(scenario.issues))
    positions = np.full(shape, np.nan)
    saliences = np.full(shape, np.nan)
    for stake in scenario.stakes:
        positions[row[stake.actor], col[stake.issue]] = stake.position
        saliences[row[stake.actor], col[stake.issue]] = stake.salience
    widths = np.asarray([i.width for i in scenario.issues], dtype=np.float64)
    return positions, saliences, widths


def _gaps(scenario: Scenario, pairs: list[tuple[int, int]]) -> tuple[Gap, ...]:
    positions, saliences, widths = _matrices(scenario)
    ids = [a.id for a in scenario.actors]
    issues = [i.id for i in scenario.issues]
    if not pairs:
        return ()
    a = np.asarray([p for p, _ in pairs])
    b = np.asarray([q for _, q in pairs])
    per_issue = np.abs(positions[a] - positions[b]) / widths  # (pairs, issues), NaN if absent
    weight = (saliences[a] + saliences[b]) / 2
    shared = ~np.isnan(per_issue)
    w = np.where(shared, weight, 0.0)
    total = w.sum(axis=1)
    weighted = np.where(shared, per_issue * w, 0.0).sum(axis=1)
    overall = np.divide(weighted, total, out=np.full_like(total, np.nan), where=total > 0)
    out = []
    for n, (p, q) in enumerate(pairs):
        out.append(
            Gap(
                actors=(ids[p], ids[q]),
                overall=None if np.isnan(overall[n]) else float(overall[n]),
                issues=tuple(
                    (issues[k], float(per_issue[n, k])) for k in np.flatnonzero(shared[n])
                ),
            )
        )
    return tuple(out)


def party_gaps(scenario: Scenario, *, agreement: bool = True) -> Gaps:
    """The gaps between every pair of parties and from each mediator to each party.

    With ``agreement`` (the default) the distance to agreement among the parties is computed
    too (see :func:`agreement_distance`); it is ``None`` when fewer than two parties have a
    position with a positive salience.
    """
    parties = [j for j, a in enumerate(scenario.actors) if a.role == "party"]
    mediators = [j for j, a in enumerate(scenario.actors) if a.role == "mediator"]
    pairs = [(p, q) for n, p in enumerate(parties) for q in parties[n + 1 :]]
    to_mediator = [(m, p) for m in mediators for p in parties]
    found = agreement_distance(scenario) if agreement else None
    return Gaps(
        scenario=scenario.id,
        pairs=_gaps(scenario, pairs),
        mediator=_gaps(scenario, to_mediator),
        agreement=found,
    )


def zopa_size(scenario: Scenario, parties: tuple[str, ...]) -> int:
    """The number of packages every party accepts, exactly as :func:`accord.deals.analyse_deals`
    counts its zone of agreement (default conventions), without the rest of the analysis."""
    pu = package_utilities(scenario, outcome_space(scenario), parties)
    allowed = [np.asarray(ok.all(axis=1)) for ok in pu.acceptable]
    return count_acceptable(pu.terms, pu.threshold, allowed=allowed)


def agreement_distance(scenario: Scenario) -> Agreement | None:
    """The zone of agreement among the parties and, without one, ``min_y C(y)``.

    See the module docstring for ``C``. ``None`` when :mod:`accord.deals` finds fewer than two
    parties with a position of positive salience.
    """
    from accord.deals import OutcomeSpaceTooLarge, choose_parties

    try:
        parties, _ = choose_parties(scenario, "parties")
    except ValueError:
        return None
    note = None
    zopa: bool | None
    size: int | None
    try:
        size = zopa_size(scenario, parties)
        zopa = size > 0
    except OutcomeSpaceTooLarge as exc:
        zopa, size, note = None, None, f"zone of agreement not counted: {exc}"
    if zopa:
        return Agreement(
            parties=tuple(parties), zopa=zopa, size=size, concession=0.0, package=(), by_party=()
        )
    from scipy.optimize import linprog  # only here: its import costs half a second

    # The reservation utilities d_i as accord.deals defines them (they do not depend on the grid).
    pu = package_utilities(scenario, outcome_space(scenario, steps=2), parties)
    d = pu.reservation
    issues = scenario.issues
    n_issues = len(issues)
    stakes = [s for s in scenario.stakes if s.actor in parties]
    party = {p: i for i, p in enumerate(parties)}
    issue = {i.id: k for k, i in enumerate(issues)}
    n_stakes, n_parties = len(stakes), len(parties)
    # Variables: y (issues), t (stakes), e (stakes), f (parties).
    n_vars = n_issues + 2 * n_stakes + n_parties
    t0, e0, f0 = n_issues, n_issues + n_stakes, n_issues + 2 * n_stakes
    cost = np.zeros(n_vars)
    rows: list[NDArray[np.float64]] = []
    rhs: list[float] = []
    salience_total = np.zeros(n_parties)
    for s in stakes:
        salience_total[party[s.actor]] += s.salience
    salience_total = np.where(salience_total > 0, salience_total, 1.0)
    f_row = np.zeros((n_parties, n_vars))
    for m, s in enumerate(stakes):
        k, i = issue[s.issue], party[s.actor]
        width = issues[k].width
        for sign in (1.0, -1.0):  # t >= +-(y - x)
            row = np.zeros(n_vars)
            row[k], row[t0 + m] = sign, -1.0
            rows.append(row)
            rhs.append(sign * s.position)
        if s.reservation is not None:  # e >= (t - radius) / width
            row = np.zeros(n_vars)
            row[t0 + m], row[e0 + m] = 1.0 / width, -1.0
            rows.append(row)
            rhs.append(abs(s.reservation - s.position) / width)
            cost[e0 + m] = 1.0
        # f_i >= d_i - u_i = d_i - 1 + sum s t / width / S_i
        f_row[i, t0 + m] += s.salience / width / salience_total[i]
    for i in range(n_parties):
        row = f_row[i].copy()
        row[f0 + i] = -1.0
        rows.append(row)
        rhs.append(1.0 - float(d[i]))
    cost[f0:] = 1.0
    bounds = [(i.low, i.high) for i in issues] + [(0.0, None)] * (2 * n_stakes + n_parties)
    solved = linprog(
        cost, A_ub=np.asarray(rows), b_ub=np.asarray(rhs), bounds=bounds, method="highs"
    )
    if not solved.success:  # pragma: no cover - the programme is always feasible and bounded
        raise RuntimeError(f"the concession programme failed: {solved.message}")
    x = solved.x
    share = np.asarray(x[f0:], dtype=np.float64).copy()
    for m, s in enumerate(stakes):
        share[party[s.actor]] += x[e0 + m]
    share = np.where(share < 1e-9, 0.0, share)
    total = float(share.sum())
    if zopa is False and total == 0.0:
        note = (
            "no package of the deals grid is acceptable to every party, but one between the "
            "grid points is: the concession needed is 0"
        )
    return Agreement(
        parties=tuple(parties),
        zopa=zopa,
        size=size,
        concession=total,
        package=tuple((i.id, float(v)) for i, v in zip(issues, x[:n_issues], strict=True)),
        by_party=tuple(zip(parties, share.tolist(), strict=True)),
        note=note,
    )
