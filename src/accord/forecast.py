"""What a model says: a forecast per issue, and for dynamic models the round-by-round history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

__all__ = ["Forecast", "IssueForecast", "Move", "MoveKind", "Offer", "Round", "SpatialRound"]

MoveKind = Literal["conflict", "compromise", "capitulation"]


@dataclass(frozen=True, slots=True)
class Move:
    """In one round, ``actor`` took the offer of ``toward`` and moved to ``position``."""

    actor: str
    toward: str
    kind: MoveKind
    position: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "toward": self.toward,
            "kind": self.kind,
            "position": self.position,
        }


class Offer(NamedTuple):
    """In one round, ``proposer`` challenged ``receiver`` with an offer to move to ``position``.

    (A named tuple rather than a dataclass: a round of a large negotiation holds thousands.)
    """

    proposer: str
    receiver: str
    kind: MoveKind
    position: float


@dataclass(frozen=True, slots=True)
class Round:
    """The state after one round of a dynamic model.

    ``positions`` and ``risk`` are aligned with :attr:`IssueForecast.actors`; ``risk`` holds the
    risk exponents the actors used during the round; ``offers`` lists every challenge made (who
    offered whom what), ``moves`` the offers that were taken.
    """

    round: int
    positions: tuple[float, ...]
    median: float
    mean: float
    risk: tuple[float, ...] = ()
    moves: tuple[Move, ...] = ()
    offers: tuple[Offer, ...] = ()

    def offer_counts(self) -> dict[MoveKind, int]:
        """How many offers of each kind were made."""
        counts: dict[MoveKind, int] = {"conflict": 0, "compromise": 0, "capitulation": 0}
        for offer in self.offers:
            counts[offer.kind] += 1
        return counts


@dataclass(frozen=True, slots=True)
class SpatialRound:
    """One state of a joint spatial model (``smp``) on one issue: every actor's position on the
    issue's scale, the probability that its (whole, multi-issue) position wins, its risk
    attitude in that state, and whom it challenged from that state (None: nobody).

    ``round`` 0 is the initial state. Aligned with :attr:`IssueForecast.actors`.
    """

    round: int
    positions: tuple[float, ...]
    probabilities: tuple[float, ...]
    risk: tuple[float, ...] = ()
    challenges: tuple[str | None, ...] = ()


@dataclass(frozen=True, slots=True)
class IssueForecast:
    """A model's forecast for one issue, on the issue's own scale."""

    issue: str
    value: float
    actors: tuple[str, ...] = ()
    rounds: tuple[Round, ...] = ()
    note: str | None = None
    spatial: tuple[SpatialRound, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"issue": self.issue, "value": self.value}
        if self.note:
            out["note"] = self.note
        if self.rounds:
            out["rounds"] = [
                {
                    "round": r.round,
                    "median": r.median,
                    "mean": r.mean,
                    "positions": dict(zip(self.actors, r.positions, strict=True)),
                    "risk": dict(zip(self.actors, r.risk, strict=True)),
                    "moves": [m.to_dict() for m in r.moves],
                    "offers": [o._asdict() for o in r.offers],
                    "offer_counts": r.offer_counts(),
                }
                for r in self.rounds
            ]
        if self.spatial:
            out["smp"] = {
                "rounds": [
                    {
                        "round": r.round,
                        "positions": dict(zip(self.actors, r.positions, strict=True)),
                        "probabilities": dict(zip(self.actors, r.probabilities, strict=True)),
                        "risk": dict(zip(self.actors, r.risk, strict=True)),
                        "challenges": dict(zip(self.actors, r.challenges, strict=True)),
                    }
                    for r in self.spatial
                ]
            }
        return out


@dataclass(frozen=True, slots=True)
class Forecast:
    """One model's forecasts for every issue of a scenario, in the scenario's issue order.

    ``params`` are the model's hyperparameters as ``(name, value)`` pairs; ``seed`` reproduces
    the forecast when the model draws random numbers (None for deterministic models).
    """

    model: str
    scenario: str
    issues: tuple[IssueForecast, ...]
    params: tuple[tuple[str, Any], ...] = ()
    seed: int | None = None

    def __getitem__(self, issue_id: str) -> IssueForecast:
        for item in self.issues:
            if item.issue == issue_id:
                return item
        raise KeyError(issue_id)

    def value(self, issue_id: str) -> float:
        return self[issue_id].value

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "scenario": self.scenario,
            "params": dict(self.params),
            "seed": self.seed,
            "issues": [item.to_dict() for item in self.issues],
        }
