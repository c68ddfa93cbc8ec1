"""Concession strategies: how much of its room a party has given up by time ``t``.

Algorithm
---------
Every strategy answers one question, vectorised over runs: which fraction ``c`` of its room
has the party conceded at relative time ``t`` in ``(0, 1)``? Its *target* utility is then

    target = hi - (hi - lo) * c,

with ``hi`` its best utility and ``lo = max(worst utility, reservation utility)``, so no target
ever lies below the party's reservation (the protocols never let it accept below it either).
Time is ``t = (round + 1) / (deadline + 1)`` for the 0-based round, as in GENIUS and NegMAS,
so a curve reaches ``lo`` only after the last round (research notes, B8.3).

A party's strategy is named by the actor's ``strategy`` in the scenario file or on the command
line (``--strategy ACTOR=NAME``, which wins; :func:`choose_strategy`).

``boulware``, ``linear``, ``conceder``
    The polynomial time-dependent tactics of Faratin, Sierra & Jennings (1998) with ``k = 0``:
    ``c = t^(1/beta)``; ``beta < 1`` holds out until near the deadline (Boulware), ``beta > 1``
    concedes early (Conceder). The named exponents are NegMAS's (``beta = 1/4, 1, 4``, i.e. its
    aspiration ``1 - t^x`` with ``x = 4, 1, 1/4``), so that the benchmark compares like with
    like; GENIUS's Boulware agent uses ``beta = 0.2``.
``tit-for-tat``
    Faratin et al.'s relative imitative tactic, measured in the party's own utility (as Nice
    Tit for Tat does, Baarslag, Hindriks & Jonker 2013): it concedes the share of its room that
    the others have conceded to it - the best utility to it among the offers it has seen, minus
    that of the first one, over ``hi - lo`` - plus a constant ``kindness`` (default 0.05) so that
    two imitators can start moving.
``stalling``
    Concedes nothing until ``start`` (default 0.8 of the time), then linearly to ``lo`` (our
    definition of "playing for time"; Sandholm & Vulkan 1999 show that waiting for the deadline
    is the equilibrium with private deadlines).

Sources
-------
- Faratin, P., Sierra, C. & Jennings, N. R. (1998), "Negotiation decision functions for
  autonomous agents", *Robotics and Autonomous Systems* 24(3-4): 159-182.
- Baarslag, T., Hindriks, K. & Jonker, C. (2013), "A tit for tat negotiation strategy for
  real-time bilateral negotiations", *Complex Automated Negotiations*, Springer SCI 435.
- Sandholm, T. & Vulkan, N. (1999), "Bargaining with deadlines", *AAAI-99*.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.scenario import Scenario

__all__ = [
    "STRATEGIES",
    "Memory",
    "Stalling",
    "Strategy",
    "TimeDependent",
    "TitForTat",
    "choose_strategy",
    "strategy",
]


@dataclass
class Memory:
    """What a party has seen, per run: the utility to it of the first and the best offer."""

    first: NDArray[np.float64]
    best: NDArray[np.float64]

    @staticmethod
    def empty(runs: int) -> Memory:
        return Memory(first=np.full(runs, np.nan), best=np.full(runs, -np.inf))

    def see(self, utility: NDArray[np.float64], mask: NDArray[np.bool_]) -> None:
        """Record offers worth ``utility`` to the party in the runs of ``mask``."""
        self.first = np.where(mask & np.isnan(self.first), utility, self.first)
        self.best = np.where(mask, np.maximum(self.best, utility), self.best)


class Strategy(ABC):
    """A concession strategy; subclasses are frozen dataclasses of hyperparameters."""

    name: str

    @abstractmethod
    def concession(
        self, t: float, memory: Memory, room: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        """The fraction of its room conceded at time ``t``, per run (``room = hi - lo``)."""

    def targets(
        self, t: float, memory: Memory, hi: float, lo: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        room = hi - lo
        c = np.clip(self.concession(t, memory, room), 0.0, 1.0)
        return np.asarray(hi - room * c, dtype=np.float64)


@dataclass(frozen=True)
class TimeDependent(Strategy):
    """``c = t^(1/beta)`` (Faratin et al. 1998, polynomial family, ``k = 0``)."""

    beta: float = 1.0
    name: str = "linear"

    def concession(
        self, t: float, memory: Memory, room: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        return np.full(len(room), t ** (1.0 / self.beta))


@dataclass(frozen=True)
class Stalling(Strategy):
    """Nothing until ``start``, then linear to the reservation at the deadline."""

    start: float = 0.8
    name: str = "stalling"

    def concession(
        self, t: float, memory: Memory, room: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        return np.full(len(room), max(0.0, (t - self.start) / (1.0 - self.start)))


@dataclass(frozen=True)
class TitForTat(Strategy):
    """Concede what the others conceded, in own utility, plus ``kindness``."""

    kindness: float = 0.05
    name: str = "tit-for-tat"

    def concession(
        self, t: float, memory: Memory, room: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        seen = np.isfinite(memory.best) & ~np.isnan(memory.first)
        gained = np.where(seen, memory.best - np.where(seen, memory.first, 0.0), 0.0)
        share = np.divide(gained, room, out=np.zeros_like(room), where=room > 0)
        return np.asarray(share + self.kindness, dtype=np.float64)


#: The named strategies of ``--strategy ACTOR=NAME``.
STRATEGIES: dict[str, Strategy] = {
    "boulware": TimeDependent(beta=0.25, name="boulware"),
    "linear": TimeDependent(beta=1.0, name="linear"),
    "conceder": TimeDependent(beta=4.0, name="conceder"),
    "tit-for-tat": TitForTat(),
    "stalling": Stalling(),
}


def choose_strategy(
    scenario: Scenario, party: str, chosen: Mapping[str, str], default: str = "linear"
) -> str:
    """The name of ``party``'s strategy: ``chosen[party]`` (the command line), else the actor's
    ``strategy`` in the scenario, else ``default``."""
    if party in chosen:
        return chosen[party]
    actor = next((a for a in scenario.actors if a.id == party), None)
    if actor is not None and actor.strategy is not None:
        return actor.strategy
    return default


def strategy(name: str) -> Strategy:
    """The strategy called ``name``; ValueError naming the choices otherwise."""
    try:
        return STRATEGIES[name]
    except KeyError:
        raise ValueError(
            f"unknown strategy {name!r}; choose from {', '.join(STRATEGIES)}"
        ) from None
