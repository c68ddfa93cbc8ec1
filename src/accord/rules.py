"""Who must agree: the decision rule of an issue, as a plain frozen value object.

A :class:`DecisionRule` says which actors decide an issue and how: every actor listed under
``veto`` must accept, under every rule; on top of that, under ``unanimity`` every voter must
accept, and under ``majority`` or ``qualified`` a qualifying coalition of voters must. What
qualifies is a list of :class:`Quota` conditions that must all hold, which expresses a double
majority such as the EU Council's (55% of the members representing 65% of the population:
``Quota(0.55, "equal")`` and ``Quota(0.65, "population", values=...)``). Without agreement the
issue's ``status_quo`` stands (the reversion point). The optional ``setter`` is the actor who
drafts the proposal (a mediator, the Commission) for the agenda-setter model.

The rule holds actor ids; :mod:`accord.winset` resolves it onto an issue's profile. Parsing and
validating the ``decision`` field of a scenario file happens in :mod:`accord.io`.

Sources
-------
- Tsebelis, G. (2002), *Veto Players: How Political Institutions Work*, Princeton UP, ch. 1:
  veto players, win sets, the unanimity core.
- TEU Art. 16(4) and TFEU Art. 238 (Lisbon): the Council's double majority; the Accession Act of
  Croatia (2012), Art. 20: the Nice weights.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["RULES", "WEIGHTS", "DecisionRule", "Quota", "RuleKind"]

RuleKind = Literal["none", "unanimity", "majority", "qualified"]
RULES: tuple[RuleKind, ...] = ("none", "unanimity", "majority", "qualified")
#: How votes count: one each, by capability, or by a named actor attribute.
WEIGHTS: tuple[str, ...] = ("equal", "capability", "population")


@dataclass(frozen=True, slots=True)
class Quota:
    """One condition of a majority: the supporters hold at least ``share`` of the voters' weight.

    ``weight`` is ``"equal"`` (one vote each), ``"capability"`` (the actors' capabilities, as
    sampled under Monte Carlo) or the name of an actor attribute whose values are given in
    ``values`` as ``(actor, value)`` pairs. ``strict`` asks for more than ``share`` (a simple
    majority is more than half).
    """

    share: float
    weight: str = "equal"
    values: tuple[tuple[str, float], ...] = ()
    strict: bool = False

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"share": self.share, "weight": self.weight}
        if self.strict:
            out["strict"] = True
        return out


@dataclass(frozen=True, slots=True)
class DecisionRule:
    """How one issue is decided (see the module docstring).

    ``voters`` None means every actor with a position on the issue. ``quotas`` apply under
    ``majority`` and ``qualified``; ``unanimity`` needs every voter and ``none`` no voter (only
    the ``veto`` players, if any).
    """

    rule: RuleKind = "none"
    voters: tuple[str, ...] | None = None
    veto: tuple[str, ...] = ()
    quotas: tuple[Quota, ...] = ()
    setter: str | None = None

    @property
    def binding(self) -> bool:
        """Whether anybody's consent is required (a rule other than ``none``, or veto players)."""
        return self.rule != "none" or bool(self.veto)

    def describe(self) -> str:
        """Who must agree, in a few words, for reports."""
        parts = []
        if self.rule == "unanimity":
            who = ", ".join(self.voters) if self.voters else "every actor with a position"
            parts.append(f"unanimity of {who}")
        elif self.rule in ("majority", "qualified"):
            quotas = " and ".join(
                f"{'>' if q.strict else '>='}{q.share:.0%} of {_weight_words(q.weight)}"
                for q in self.quotas
            )
            who = ", ".join(self.voters) if self.voters else "the actors with a position"
            parts.append(f"{self.rule} of {who} ({quotas})")
        if self.veto:
            parts.append("veto: " + ", ".join(self.veto))
        if self.setter:
            parts.append(f"setter: {self.setter}")
        return "; ".join(parts) if parts else "no decision rule"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.rule}
        if self.voters is not None:
            out["voters"] = list(self.voters)
        if self.veto:
            out["veto"] = list(self.veto)
        if self.quotas:
            out["quotas"] = [q.to_dict() for q in self.quotas]
        if self.setter is not None:
            out["setter"] = self.setter
        return out


def _weight_words(weight: str) -> str:
    return {"equal": "the voters", "capability": "capability"}.get(weight, weight)
