"""The options of KTAB's SMP, one typed field per KTAB enumeration, with KTAB's defaults.

The names are KTAB's own (as its logs and XML scenario files spell them), so a KTAB user finds
the switch they know. See the package docstring for what each alternative does.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Literal, get_args

__all__ = [
    "BARGAIN_MODELS",
    "BIG_R_ADJUSTS",
    "BIG_R_RANGES",
    "INTER_VEC_BARGAINS",
    "PCE_MODELS",
    "STATE_TRANSITIONS",
    "THIRD_PARTY_COMMITS",
    "VICTORY_PROB_MODELS",
    "VOTING_RULES",
    "SMPOptions",
]

VictoryProbModel = Literal["Linear", "Square", "Quartic", "Octic", "Binary"]
VotingRule = Literal["Binary", "PropBin", "Prop", "PropCbc", "Cubic", "ASymProsp"]
PCEModel = Literal["Conditional", "MarkovIncentive", "MarkovUniform"]
StateTransitions = Literal["Deterministic", "Stochastic"]
BigRRange = Literal["Min", "Mid", "Max"]
BigRAdjust = Literal["Full", "TwoThirds", "Half", "OneThird", "None"]
ThirdPartyCommit = Literal["NoCommit", "SemiCommit", "FullCommit"]
InterVecBrgn = Literal["S1P1", "S2P2", "S2PMax"]
BargnModel = Literal["InitOnlyInterp", "InitRcvrInterp", "PWCompInterp"]

VICTORY_PROB_MODELS: tuple[str, ...] = get_args(VictoryProbModel)
VOTING_RULES: tuple[str, ...] = get_args(VotingRule)
PCE_MODELS: tuple[str, ...] = get_args(PCEModel)
STATE_TRANSITIONS: tuple[str, ...] = get_args(StateTransitions)
BIG_R_RANGES: tuple[str, ...] = get_args(BigRRange)
BIG_R_ADJUSTS: tuple[str, ...] = get_args(BigRAdjust)
THIRD_PARTY_COMMITS: tuple[str, ...] = get_args(ThirdPartyCommit)
INTER_VEC_BARGAINS: tuple[str, ...] = get_args(InterVecBrgn)
BARGAIN_MODELS: tuple[str, ...] = get_args(BargnModel)

#: KTAB's XML element name -> field name and allowed values.
_CHOICES: dict[str, tuple[str, ...]] = {
    "victory_prob_model": VICTORY_PROB_MODELS,
    "voting_rule": VOTING_RULES,
    "pce_model": PCE_MODELS,
    "state_transitions": STATE_TRANSITIONS,
    "big_r_range": BIG_R_RANGES,
    "big_r_adjust": BIG_R_ADJUSTS,
    "third_party_commit": THIRD_PARTY_COMMITS,
    "inter_vec_brgn": INTER_VEC_BARGAINS,
    "bargn_model": BARGAIN_MODELS,
}

#: KTAB's names of the parameters (XML elements, log lines) -> field names.
KTAB_NAMES: dict[str, str] = {
    "VictoryProbModel": "victory_prob_model",
    "VotingRule": "voting_rule",
    "PCEModel": "pce_model",
    "StateTransitions": "state_transitions",
    "BigRRange": "big_r_range",
    "BigRAdjust": "big_r_adjust",
    "ThirdPartyCommit": "third_party_commit",
    "InterVecBrgn": "inter_vec_brgn",
    "BargnModel": "bargn_model",
}


@dataclass(frozen=True)
class SMPOptions:
    """KTAB's nine model parameters plus the stopping rule; defaults are KTAB's."""

    victory_prob_model: VictoryProbModel = "Linear"
    voting_rule: VotingRule = "Prop"
    pce_model: PCEModel = "Conditional"
    state_transitions: StateTransitions = "Deterministic"
    big_r_range: BigRRange = "Mid"
    big_r_adjust: BigRAdjust = "OneThird"
    third_party_commit: ThirdPartyCommit = "SemiCommit"
    inter_vec_brgn: InterVecBrgn = "S2P2"
    bargn_model: BargnModel = "InitOnlyInterp"
    min_iterations: int = 2
    max_iterations: int = 100
    stop_ratio: float = 0.02

    def __post_init__(self) -> None:
        for name, choices in _CHOICES.items():
            value = getattr(self, name)
            if value not in choices:
                options = ", ".join(choices)
                raise ValueError(f"{name} must be one of {options}; got {value!r}")
        if not isinstance(self.min_iterations, int) or self.min_iterations < 1:
            raise ValueError(
                f"min_iterations must be a positive integer; got {self.min_iterations!r}"
            )
        if not isinstance(self.max_iterations, int) or self.max_iterations < self.min_iterations:
            raise ValueError(
                f"max_iterations must be an integer >= min_iterations; got {self.max_iterations!r}"
            )
        if not (isinstance(self.stop_ratio, (int, float)) and self.stop_ratio > 0):
            raise ValueError(f"stop_ratio must be a positive number; got {self.stop_ratio!r}")

    @property
    def stochastic(self) -> bool:
        """Whether a run draws random numbers (stochastic state transitions)."""
        return self.state_transitions == "Stochastic"

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}
