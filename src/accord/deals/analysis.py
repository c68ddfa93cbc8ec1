"""Package-deal analysis of a scenario: frontier, bargaining solutions, zone, logrolls, concessions.

Algorithm
---------
1. The outcome space at ``steps`` grid points per continuous issue
   (:mod:`accord.deals.space`) and the parties' additive utilities with their reservation rules
   (:mod:`accord.deals.utility`).
2. The exact Pareto frontier of the whole space, issue by issue (:mod:`accord.deals.frontier`).
3. The zone of possible agreement (:mod:`accord.deals.zopa`): the packages every party accepts;
   its size, and its own Pareto frontier - the frontier of the space restricted to the values
   every party's per-issue reservations allow, keeping the packages that clear every party's
   reservation utility (a filter of the form ``u >= d`` commutes with taking the frontier,
   since whatever dominates an acceptable package is acceptable too).
4. The four bargaining solutions (:mod:`accord.deals.solutions`) among the candidates: the
   Pareto-optimal packages of the zone, ranked in outcome order for the tie rule
   (``rationality="strict"`` keeps only those that give every party strictly more than its
   reservation utility). No solution is ever
   a package some party refuses; without candidates every solution is absent, with a note.
5. Logrolls from the chosen reference (:mod:`accord.deals.logrolls`) and what the Nash package
   asks of each party.

Conventions (named parameters, all echoed in the result)
--------------------------------------------------------
``actors``
    ``"parties"`` (default: actors with role ``party``, plus every veto player of an issue's
    decision rule and the voters of a unanimity rule, who must accept any package whatever their
    role), ``"all"``, or a list of actor ids.
``steps``
    grid points per continuous issue (default 5), besides the labelled points.
``utility``
    ``"linear"`` (default) or ``"quadratic"`` loss in distance from the position.
``disagreement``
    the point gains are measured from: ``"reservation"`` (default: each party's reservation
    utility - the status-quo package, its worst values where an issue has no status quo, or its
    own reservation utility, whichever is highest) or ``"zero"`` (utility 0, as GENIUS does for
    some of its measures).
``normalisation``
    ``"none"`` (default) or ``"range"``: divide each party's gains by the range of its utility
    over the whole space before the egalitarian and utilitarian solutions (the Nash and
    Kalai-Smorodinsky solutions do not depend on it).
``rationality``
    ``"weak"`` (default: candidates give every party at least its reservation utility) or
    ``"strict"`` (strictly more).
``tie``
    ``"welfare"`` (default: among tied candidates the largest sum of utilities, then the first
    in outcome order) or ``"first"``.
``weights``
    Nash bargaining weights: ``"capability"`` (default) or ``"equal"``.
``reference``
    the logrolls' starting point: ``"split"`` (default) or ``"nash"`` (the Nash package; the
    split reference when there is none, with a note).

Sources
-------
See the modules named above; the overall approach - packages over several issues, the
efficient frontier, and fair points on it - follows Raiffa, H. (1982), *The Art and Science of
Negotiation*, Harvard UP, chs. 10-18, and Raiffa, Richardson & Metcalfe (2002), *Negotiation
Analysis*, Harvard UP, chs. 11-14.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord.deals.conventions import Conventions
from accord.deals.frontier import DEFAULT_LIMIT, package_frontier
from accord.deals.logrolls import Concession, Logroll, concessions, logrolls
from accord.deals.solutions import (
    egalitarian_solution,
    kalai_smorodinsky_solution,
    nash_solution,
    row_all,
    utilitarian_solution,
)
from accord.deals.space import OutcomeSpace, outcome_space
from accord.deals.utility import PackageUtilities, package_utilities
from accord.deals.zopa import DEFAULT_WORK, count_acceptable
from accord.scenario import Scenario
from accord.validation import validate
from accord.winset import required_actors

__all__ = [
    "SOLUTIONS",
    "DealAnalysis",
    "PackageTable",
    "Solution",
    "Zopa",
    "analyse_deals",
    "choose_parties",
]

#: The solutions computed, in the order reports show them.
SOLUTIONS: tuple[str, ...] = ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian")


@dataclass(frozen=True)
class PackageTable:
    """Packages as rows: value indices ``(n, issues)``, utilities ``(n, parties)``, acceptance."""

    space: OutcomeSpace
    parties: tuple[str, ...]
    indices: NDArray[np.integer[Any]]
    utilities: NDArray[np.float64]
    accepted: NDArray[np.bool_]

    def __len__(self) -> int:
        return len(self.indices)

    @property
    def issues(self) -> tuple[str, ...]:
        return self.space.issues

    @property
    def values(self) -> NDArray[np.float64]:
        """The packages' values ``(n, issues)`` on each issue's scale."""
        return self.space.packages(self.indices)

    def take(self, rows: NDArray[np.bool_] | NDArray[np.intp]) -> PackageTable:
        """The table restricted to ``rows`` (a mask or indices); itself when the mask is all."""
        if rows.dtype == bool and rows.all():
            return self
        return PackageTable(
            space=self.space,
            parties=self.parties,
            indices=self.indices[rows],
            utilities=self.utilities[rows],
            accepted=self.accepted[rows],
        )

    def row(self, i: int) -> dict[str, Any]:
        """Row ``i`` in the JSON contract's shape."""
        return {
            "package": self.space.package(self.indices[i]),
            "utilities": dict(zip(self.parties, self.utilities[i].tolist(), strict=True)),
            "accepted_by": [p for p, ok in zip(self.parties, self.accepted[i], strict=True) if ok],
        }

    def to_list(self) -> list[dict[str, Any]]:
        return [self.row(i) for i in range(len(self))]


@dataclass(frozen=True)
class Solution:
    """A bargaining solution: the package, each party's utility and who accepts it (or a note)."""

    name: str
    package: tuple[tuple[str, float], ...] | None
    utilities: tuple[tuple[str, float], ...] = ()
    accepted_by: tuple[str, ...] = ()
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "package": None if self.package is None else dict(self.package),
            "utilities": dict(self.utilities),
            "accepted_by": list(self.accepted_by),
        }
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class Zopa:
    """The zone of possible agreement: its size and its Pareto-optimal packages."""

    size: int
    frontier: PackageTable

    @property
    def exists(self) -> bool:
        return self.size > 0


@dataclass(frozen=True)
class DealAnalysis:
    """Everything :func:`analyse_deals` found, with the conventions it used."""

    scenario: Scenario
    parties: tuple[str, ...]
    conventions: Conventions
    space: OutcomeSpace
    reservation: tuple[float, ...]
    disagreement: tuple[float, ...]
    frontier: PackageTable
    solutions: tuple[Solution, ...]
    zopa: Zopa
    logrolls: tuple[Logroll, ...]
    concessions: tuple[Concession, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def outcomes(self) -> int:
        """The number of packages in the whole outcome space."""
        return self.space.size

    def solution(self, name: str) -> Solution:
        for item in self.solutions:
            if item.name == name:
                return item
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        """The ``accord deals --json`` contract (see :mod:`accord.report.deals`)."""
        what_it_takes: dict[str, dict[str, Any]] = {}
        for c in self.concessions:
            what_it_takes.setdefault(c.party, {})[c.issue] = c.to_dict()
        return {
            "scenario": {"id": self.scenario.id, "title": self.scenario.title},
            "parties": list(self.parties),
            "conventions": self.conventions.to_dict(),
            "outcomes": self.outcomes,
            "issues": [
                {
                    "id": issue,
                    "name": self.scenario.issue(issue).name,
                    "scale": {
                        "low": self.scenario.issue(issue).low,
                        "high": self.scenario.issue(issue).high,
                        "status_quo": self.scenario.issue(issue).status_quo,
                        "labels": {f"{v:g}": t for v, t in self.scenario.issue(issue).labels},
                    },
                    "values": values.tolist(),
                }
                for issue, values in zip(self.space.issues, self.space.values, strict=True)
            ],
            "reservation": dict(zip(self.parties, self.reservation, strict=True)),
            "disagreement": dict(zip(self.parties, self.disagreement, strict=True)),
            "frontier": self.frontier.to_list(),
            "solutions": {s.name: s.to_dict() for s in self.solutions},
            "zopa": {
                "exists": self.zopa.exists,
                "size": self.zopa.size,
                "frontier": self.zopa.frontier.to_list(),
            },
            "logrolls": [roll.to_dict() for roll in self.logrolls],
            "concessions": what_it_takes,
            "notes": list(self.notes),
        }


def choose_parties(
    scenario: Scenario, actors: str | Sequence[str] = "parties"
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The actors to analyse and notes on those left out.

    ``actors`` is ``"parties"`` (role ``party``), ``"all"`` or a list of actor ids. Actors with
    no positive salience anywhere are indifferent to every package and are left out, except
    when named explicitly (ValueError). Raises ValueError when fewer than two remain.
    """
    notes: list[str] = []
    vetoes: set[str] = set()
    if isinstance(actors, str) and actors in ("parties", "all"):
        # veto players (and the voters of a unanimity rule) must accept any package: they are
        # parties to it whatever their role
        vetoes = {a for i in scenario.issues for a in required_actors(scenario.profile(i.id))}
        chosen = [
            a.id for a in scenario.actors if actors == "all" or a.role == "party" or a.id in vetoes
        ]
        explicit = False
    else:
        names = [actors] if isinstance(actors, str) else list(actors)
        known = {a.id for a in scenario.actors}
        for name in names:
            if name not in known:
                raise ValueError(f"unknown actor {name!r}; the actors are {', '.join(known)}")
        chosen = [a.id for a in scenario.actors if a.id in set(names)]
        explicit = True
    keep = []
    for actor in chosen:
        if any(s.actor == actor and s.salience > 0 for s in scenario.stakes):
            keep.append(actor)
        elif explicit:
            raise ValueError(f"actor {actor!r} has no position with a positive salience")
        else:
            notes.append(f"{actor} has no position with a positive salience and is left out")
    if len(keep) < 2:
        raise ValueError(
            f"package deals need at least two parties, found {len(keep)}"
            + (f" ({', '.join(keep)})" if keep else "")
            + "; choose actors with --actors (e.g. 'all')"
        )
    if actors == "parties":
        others = [a.id for a in scenario.actors if a.role != "party" and a.id not in vetoes]
        if others:
            notes.insert(0, f"analysed among the parties; not included: {', '.join(others)}")
        added = [a.id for a in scenario.actors if a.role != "party" and a.id in vetoes]
        if added:
            notes.insert(0, f"veto players included as parties: {', '.join(added)}")
    return tuple(keep), tuple(notes)


def _table(
    utilities: PackageUtilities, packages: NDArray[np.integer[Any]], totals: NDArray[np.int64]
) -> PackageTable:
    return PackageTable(
        space=utilities.space,
        parties=utilities.parties,
        indices=packages,
        utilities=utilities.to_utility(totals),
        accepted=utilities.accepts(packages, totals=totals),
    )


def analyse_deals(
    scenario: Scenario,
    conventions: Conventions = Conventions(),  # noqa: B008  (frozen: one shared default is safe)
    *,
    limit: int = DEFAULT_LIMIT,
    work: int = DEFAULT_WORK,
) -> DealAnalysis:
    """Analyse the scenario's package deals under ``conventions`` (see the module docstring
    for each), e.g. ``analyse_deals(scenario, Conventions(steps=11, weights="equal"))``.

    ``limit`` bounds the packages a frontier may hold and ``work`` the partial packages the
    zone count may visit (the frontier's own bound on candidates depends on the number of
    parties, see :data:`accord.deals.frontier.DEFAULT_WORK`); beyond them
    :class:`~accord.deals.space.OutcomeSpaceTooLarge` is raised. Bad conventions
    (:class:`~accord.deals.conventions.ConventionError`) or actors raise ValueError; an invalid
    scenario raises :class:`~accord.errors.InputError` (:func:`accord.validation.validate`).
    """
    validate(scenario)
    conventions.check()
    actors, steps, utility = conventions.actors, conventions.steps, conventions.utility
    rationality, tie = conventions.rationality, conventions.tie
    parties, notes_ = choose_parties(scenario, actors)
    notes = list(notes_)
    space = outcome_space(scenario, steps=steps)
    pu = package_utilities(scenario, space, parties, utility=utility)

    whole = package_frontier(pu.terms, limit=limit)
    frontier = _table(pu, whole.packages, whole.totals)

    allowed = [np.asarray(ok.all(axis=1)) for ok in pu.acceptable]
    if all(ok.all() for ok in allowed):
        restricted = whole  # no per-issue reservation excludes a value
        in_zone = row_all(frontier.accepted)
        zone_frontier = frontier.take(in_zone)
    else:
        restricted = package_frontier(pu.terms, allowed=allowed, limit=limit)
        in_zone = row_all(restricted.totals >= pu.threshold)
        zone_frontier = _table(pu, restricted.packages[in_zone], restricted.totals[in_zone])
    size = count_acceptable(pu.terms, pu.threshold, allowed=allowed, work=work)
    zopa = Zopa(size=size, frontier=zone_frontier)

    strict = rationality == "strict"
    eligible = row_all(restricted.totals > pu.threshold) if strict else in_zone
    everyone = bool(eligible.all())
    packages = restricted.packages if everyone else restricted.packages[eligible]
    totals = restricted.totals if everyone else restricted.totals[eligible]
    keys = space.order_keys(packages)
    rank = keys[0] if len(keys) == 1 else np.argsort(np.lexsort(keys))
    u = pu.to_utility(totals)
    reservation = pu.reservation
    d = reservation if conventions.disagreement == "reservation" else np.zeros(len(parties))
    bargaining = pu.weights if conventions.weights == "capability" else np.ones(len(parties))
    spread = None
    if conventions.normalisation == "range":
        spread = pu.to_utility(pu.best - pu.worst)[0]
        spread = np.where(spread > 0, spread, 1.0)
    picks = {
        "nash": nash_solution(u, d, weights=bargaining, tie=tie, order=rank),
        "kalai_smorodinsky": kalai_smorodinsky_solution(u, d, tie=tie, order=rank),
        "egalitarian": egalitarian_solution(u, d, scale=spread, tie=tie, order=rank),
        "utilitarian": utilitarian_solution(u, scale=spread, tie=tie, order=rank),
    }
    if not zopa.exists:
        absent = "no package is acceptable to every party"
    elif len(packages) == 0:
        absent = "no acceptable package gives every party more than its reservation utility"
    else:
        absent = "no acceptable package gives every party more than its disagreement utility"
    solutions = []
    for name in SOLUTIONS:
        pick = picks[name]
        if pick is None:
            solutions.append(Solution(name=name, package=None, note=absent))
            continue
        accepted = pu.accepts(packages[pick])[0]
        solutions.append(
            Solution(
                name=name,
                package=tuple(space.package(packages[pick]).items()),
                utilities=tuple(zip(parties, u[pick].tolist(), strict=True)),
                accepted_by=tuple(p for p, ok in zip(parties, accepted, strict=True) if ok),
            )
        )
    if not zopa.exists:
        notes.append("no package is acceptable to every party: there is no zone of agreement")

    nash = picks["nash"]
    start: Any = "split"
    if conventions.reference == "nash":
        if nash is None:
            notes.append("logrolls start from the split reference: there is no Nash package")
        else:
            start = packages[nash]
    rolls = logrolls(pu, reference=start)
    what_it_takes = (
        () if nash is None else concessions(scenario, pu, packages[nash], utility=utility)
    )

    return DealAnalysis(
        scenario=scenario,
        parties=parties,
        conventions=conventions,
        space=space,
        reservation=tuple(reservation.tolist()),
        disagreement=tuple(np.asarray(d, dtype=np.float64).tolist()),
        frontier=frontier,
        solutions=tuple(solutions),
        zopa=zopa,
        logrolls=rolls,
        concessions=what_it_takes,
        notes=tuple(notes),
    )
