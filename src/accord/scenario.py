"""The negotiation as the analyst describes it: actors, issues, their stakes, and the evidence.

These are plain frozen value objects. They hold already-valid data: parsing and validating
files happens at the edge, in :mod:`accord.io`, and nothing here imports it.

Vocabulary
----------
actor
    A party to the talks, a mediator or a stakeholder, with a *capability* (its potential
    influence, on any positive scale).
issue
    One dimension of the bargaining space, an interval ``[low, high]`` with an optional status
    quo and optional labelled points ("No ceasefire", "Full 30-day ceasefire", ...).
stake
    One actor's *position* on one issue, the *salience* it attaches to the issue (0-1), an
    optional *reservation* point (the worst outcome it would accept) and the ids of the evidence
    records the numbers rest on. Optionally, *evaluations*: the actor's own value (0-1) of points
    of the scale, for preferences that are not a distance from the position (package-deal
    analysis uses them; the forecasting models use the position).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from accord.rules import DecisionRule

__all__ = [
    "ROLES",
    "Actor",
    "Evidence",
    "Issue",
    "Outcome",
    "Profile",
    "Role",
    "Scenario",
    "Stake",
]

Role = Literal["party", "mediator", "stakeholder"]
ROLES: tuple[Role, ...] = ("party", "mediator", "stakeholder")


@dataclass(frozen=True, slots=True)
class Actor:
    """A participant in the negotiation."""

    id: str
    capability: float
    name: str | None = None
    role: Role = "party"
    aliases: tuple[str, ...] = ()
    capability_range: tuple[float, float] | None = None
    #: Utility (0-1) of no agreement on the package-utility scale (GENIUS's reservation value).
    reservation_utility: float | None = None
    #: GENIUS's discount factor in (0, 1); recorded, not used by the analyses.
    discount_factor: float | None = None
    #: Population (any unit), for decision rules that weigh votes by it (a double majority).
    population: float | None = None
    #: Concession strategy in simulated negotiations (``accord simulate``), by name.
    strategy: str | None = None

    @property
    def label(self) -> str:
        """The name to show: the actor's name, or its id when it has none."""
        return self.name or self.id


@dataclass(frozen=True, slots=True)
class Issue:
    """One dimension of the negotiation, the interval ``[low, high]``.

    ``labels`` are ``(value, text)`` pairs sorted by value; ``options``, when given, are the only
    values an outcome may take (used by package-deal analysis).
    """

    id: str
    name: str | None = None
    low: float = 0.0
    high: float = 100.0
    status_quo: float | None = None
    labels: tuple[tuple[float, str], ...] = ()
    options: tuple[float, ...] | None = None
    description: str | None = None
    #: Who must agree (None: nobody's consent is modelled, as before decision rules existed).
    decision: DecisionRule | None = None

    @property
    def label(self) -> str:
        return self.name or self.id

    @property
    def width(self) -> float:
        return self.high - self.low

    def nearest_label(self, value: float) -> tuple[float, str] | None:
        """The labelled point closest to ``value`` (the lower one on a tie), or None."""
        if not self.labels:
            return None
        return min(self.labels, key=lambda item: (abs(item[0] - value), item[0]))


@dataclass(frozen=True, slots=True)
class Stake:
    """One actor's position on one issue, how much the issue matters to it, and why we think so.

    An outcome ``y`` is acceptable to the actor when ``|y - position| <= |reservation - position|``.
    ``evaluations``, when given, are ``(value, utility)`` pairs sorted by value: the actor's value
    of those points of the scale, linear in between and constant beyond the end points.
    """

    actor: str
    issue: str
    position: float
    salience: float
    reservation: float | None = None
    evidence: tuple[str, ...] = ()
    note: str | None = None
    position_range: tuple[float, float] | None = None
    salience_range: tuple[float, float] | None = None
    evaluations: tuple[tuple[float, float], ...] | None = None

    def accepts(self, outcome: float) -> bool | None:
        """Whether ``outcome`` is within the actor's reservation; None when it has none."""
        if self.reservation is None:
            return None
        return abs(outcome - self.position) <= abs(self.reservation - self.position) + 1e-12


@dataclass(frozen=True, slots=True)
class Evidence:
    """A statement or report that a number in the scenario rests on."""

    id: str
    speaker: str | None = None
    date: dt.date | None = None
    source: str | None = None
    url: str | None = None
    quote: str | None = None
    summary: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """The known result of the negotiation, for back-tests: ``values`` are ``(issue, value)``."""

    values: tuple[tuple[str, float], ...]
    date: dt.date | None = None
    note: str | None = None

    def value(self, issue: str) -> float | None:
        for issue_id, value in self.values:
            if issue_id == issue:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Profile:
    """The stakes on one issue as aligned arrays, in the scenario's actor order.

    This is what the forecasting models consume: ``positions``, ``saliences`` and
    ``capabilities`` have one entry per actor with a stake on the issue.
    """

    issue: Issue
    actors: tuple[str, ...]
    positions: NDArray[np.float64]
    saliences: NDArray[np.float64]
    capabilities: NDArray[np.float64]

    @property
    def weights(self) -> NDArray[np.float64]:
        """Effective power on the issue: capability times salience."""
        return self.capabilities * self.saliences


@dataclass(frozen=True)
class Scenario:
    """A negotiation: who takes part, what is at stake, where everyone stands, and the sources."""

    id: str
    title: str
    actors: tuple[Actor, ...]
    issues: tuple[Issue, ...]
    stakes: tuple[Stake, ...]
    evidence: tuple[Evidence, ...] = ()
    as_of: dt.date | None = None
    description: str | None = None
    outcome: Outcome | None = None
    #: Hyperparameters a scenario file gives its models: ``(("smp", (("seed", 7), ...)), ...)``
    #: (a KTAB XML file's parameters and seed, or a YAML file's ``models:`` section).
    models: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()

    def model_params(self, name: str) -> dict[str, Any]:
        """The hyperparameters this scenario's file gives model ``name`` (may be empty)."""
        for model, params in self.models:
            if model == name:
                return dict(params)
        return {}

    @property
    def has_decision_rules(self) -> bool:
        """Whether any issue says who must agree (see :mod:`accord.rules`)."""
        return any(issue.decision is not None for issue in self.issues)

    def actor(self, actor_id: str) -> Actor:
        return self._actors_by_id[actor_id]

    def issue(self, issue_id: str) -> Issue:
        return self._issues_by_id[issue_id]

    def stakes_on(self, issue_id: str) -> tuple[Stake, ...]:
        """The stakes on one issue, in the scenario's actor order."""
        return self._stakes_by_issue.get(issue_id, ())

    def stake(self, actor_id: str, issue_id: str) -> Stake | None:
        for stake in self.stakes_on(issue_id):
            if stake.actor == actor_id:
                return stake
        return None

    def profile(self, issue_id: str) -> Profile:
        """The issue's stakes as arrays (see :class:`Profile`)."""
        stakes = self.stakes_on(issue_id)
        capability = {actor.id: actor.capability for actor in self.actors}
        return Profile(
            issue=self.issue(issue_id),
            actors=tuple(s.actor for s in stakes),
            positions=_frozen_array([s.position for s in stakes]),
            saliences=_frozen_array([s.salience for s in stakes]),
            capabilities=_frozen_array([capability[s.actor] for s in stakes]),
        )

    @cached_property
    def _actors_by_id(self) -> dict[str, Actor]:
        return {actor.id: actor for actor in self.actors}

    @cached_property
    def _issues_by_id(self) -> dict[str, Issue]:
        return {issue.id: issue for issue in self.issues}

    @cached_property
    def _stakes_by_issue(self) -> dict[str, tuple[Stake, ...]]:
        order = {actor.id: k for k, actor in enumerate(self.actors)}
        grouped: dict[str, list[Stake]] = {}
        for stake in self.stakes:
            grouped.setdefault(stake.issue, []).append(stake)
        return {
            issue: tuple(sorted(stakes, key=lambda s: order[s.actor]))
            for issue, stakes in grouped.items()
        }


def _frozen_array(values: list[float]) -> NDArray[np.float64]:
    array = np.asarray(values, dtype=np.float64)
    array.flags.writeable = False
    return array
