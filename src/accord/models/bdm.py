"""Bueno de Mesquita's expected-utility ("challenge") model, as unravelled by Scholz et al. (2011).

Algorithm
---------
Actors ``i`` on one issue hold positions ``x_i`` with capability ``c_i`` and salience ``s_i``;
``R`` is the range of the positions. Each round:

1. *Risk.* With every risk exponent set to 1, compute each actor's security
   ``S_i = sum_{j != i} E(U_ji)`` - what its adversaries expect from challenging it - then
   ``R_i = (2 S_i - S_max - S_min) / (S_max - S_min)`` and ``r_i = (1 - R_i/3) / (1 + R_i/3)``
   (Scholz eqs. 32-33), so ``r_i`` lies in [0.5, 2].
2. *Votes and probabilities.* Voter ``k`` backs ``x_i`` against ``x_j`` with
   ``v_k = c_k s_k (U^k(x_i) - U^k(x_j))`` (eqs. 14, 26-29); ``P_ij`` is the sum of the votes
   for ``i`` over a normalising sum of absolute votes (eqs. 30-31; see ``probability``).
3. *Expected utility of i challenging j* (eq. 25)::

       E(U_ij) = s_j [P_ij U_s + (1 - P_ij) U_f] + (1 - s_j) U_s
                 - Q U_sq - (1 - Q) [T U_b + (1 - T) U_w]

   with ``U_s = 2 - 4 (0.5 - 0.5 d)^r``, ``U_f = 2 - 4 (0.5 + 0.5 d)^r``,
   ``U_b = 2 - 4 (0.5 - 0.25 (|x_i - mu| + |x_i - x_j|)/R)^r``, ``U_w`` likewise with ``+``, and
   ``U_sq = 2 - 4 (0.5)^r``, where ``d = |x_i - x_j| / R`` (eqs. 15-24).
4. *Offers* (Scholz fig. 6). For a proposer ``i`` and a receiver ``j`` at different positions,
   with ``a = E(U_ij)`` (the proposer's challenge) and ``b = E(U_ji)`` (the receiver's):
   ``a > b > 0``: conflict, which the proposer expects to win - ``j`` moves to ``x_i``;
   ``a > 0 > b`` and ``a > |b|``: compromise - ``j`` moves towards ``x_i`` by ``(x_i - x_j)|b/a|``;
   ``a > 0 > b`` and ``a <= |b|``: capitulation - ``j`` moves to ``x_i``; otherwise nothing.
5. *Moves.* Each actor takes one of the offers it received (see ``selection``); all move at
   once. The round's forecast is the capability*salience-weighted median ``mu`` of the new
   positions (the position that beats every other in pairwise votes, eqs. 26-29).

Every step is computed for all dyads at once with numpy. The vote sums over all voters for all
dyads, an ``O(n^3)`` sum if done directly, are computed in ``O(n^2 log n)``: whether voter ``k``
prefers ``x_i`` to ``x_j`` depends only on which side of their midpoint ``x_k`` lies, so sorting
the voters and taking prefix sums of ``c_k s_k U^k(x_a)`` gives each dyad's vote total with one
look-up. Leading axes of the inputs are independent problems (Monte Carlo samples).

Variants and ambiguities
------------------------
The published statements leave several choices open (Scholz et al. 2011 section 4; the public
re-implementations disagree). Each is a field of one frozen :class:`Options`, typed with its
allowed values (``ExpectedUtility(options=Options(variant="literal", mu="mean"))``; the
command line's ``-p bdm.mu=mean`` goes through :meth:`ExpectedUtility.from_params`); two
presets fix them all:

``variant="scholz"`` (default)
    Reproduces the trajectory that Scholz et al. published for the EC car-emissions example of
    Bueno de Mesquita (1994, Table 1) to 3 decimals: medians 8.416, 9.611, 9.962, 9.962, 9.962,
    7.472, 8.825, 9.671, 9.671, 7.000 over rounds 1-10. It follows their replication code:
    ``probability="all_pairs"``, ``vote_risk="voter"``, ``perspective="receiver"``,
    ``capitulation=False``, ``selection="scholz"``.
``variant="literal"``
    The equations as printed: ``probability="dyad"``, ``vote_risk="neutral"``,
    ``perspective="proposer"``, ``capitulation=True``, ``selection="enforce"``.

Both use ``q=1`` (Scholz: the status quo is certain when nobody challenges), ``t=1``,
``mu="median"``, ``scale="initial"`` and ``conflict=True``. The options:

``probability``
    ``"dyad"``: ``P_ij = sum_k max(0, v_k) / sum_k |v_k|`` over the voters for that dyad, so
    ``P_ij + P_ji = 1`` (eqs. 30-31). ``"all_pairs"``: the denominator sums ``|v_k|`` over all
    voters *and all dyads*, which makes every ``P`` small (Scholz's code).
``vote_risk``
    ``"neutral"``: votes use the linear utility of eq. 14. ``"voter"``: each voter's utility
    differences use its current risk exponent, ``(|x_k - x|/R)^{r_k}`` (Scholz's code).
``perspective``
    Whose risk exponent is used when a dyad is evaluated: ``"receiver"`` (the actor deciding
    whether to move, for both sides' utilities; Scholz's code), ``"proposer"`` (the actor making
    the offer, "from actor i's view"), or ``"own"`` (each side's utilities with its own exponent).
``capitulation``
    Whether the capitulation case moves anyone. Scholz's code never reaches it (its condition
    can never hold), which the published trajectory depends on.
``selection``
    How an actor chooses among the offers it received. ``"scholz"``: a conflict offer if any
    (the nearest), else the compromise whose ``(|b| x_j + |a| x_i)/(|a| + |b|)`` is smallest,
    else the nearest capitulation (Scholz's code). ``"enforce"``: "those better able to enforce
    their wishes make their proposals stick; given equally enforceable proposals, players move
    the least" (Bueno de Mesquita 1994) - the offer whose proposer expects most from
    challenging (largest ``a``), ties broken by the smallest move.
    Remaining ties (within rounding) go to the larger ``a``, then to the lower position, so
    that the order in which the actors are listed never changes the result. Sums over actors
    are taken in a canonical order for the same reason.
``q``, ``t``
    ``Q``, the probability of the status quo when nobody challenges, and ``T``, the probability
    that things get better when they change without a challenge (only used when ``q < 1``).
``mu``
    The pivot in ``U_b``/``U_w``: the weighted ``"median"`` or the weighted ``"mean"``.
``scale``
    ``R``: ``"initial"`` (the range of the starting positions, kept fixed) or ``"current"``
    (recomputed every round).
``conflict``
    Whether the loser of a conflict moves (True) or conflicts are ignored (False).

Stopping rule
-------------
Scholz et al. ran a fixed number of rounds; Bueno de Mesquita stops when the shift of the
median from one round to the next becomes small. By default (``rounds=None``) the model stops
after the first round in which the weighted median moves by no more than ``tolerance`` times
the width of the issue's scale (default 0.005, half a point on a 0-100 scale) or no actor moves,
and after ``max_rounds`` (default 10) at the latest. ``rounds=N`` runs exactly ``N`` rounds with
no early stop. The forecast is the median after the last round.

Sources
-------
- Bueno de Mesquita, B. (1994), "Political forecasting: an expected utility method", in Bueno de
  Mesquita & Stokman (eds.), *European Community Decision Making*, Yale UP, ch. 4.
- Scholz, J. B., Calbert, G. J. & Smith, G. A. (2011), "Unravelling Bueno de Mesquita's group
  decision model", *Journal of Theoretical Politics* 23(4): 510-531 (equation numbers above).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import UnionType
from typing import Any, ClassVar, Literal, Union, get_args, get_origin, get_type_hints

import numpy as np
from numpy.typing import ArrayLike, NDArray

from accord.forecast import IssueForecast, Move, MoveKind, Offer, Round
from accord.models._base import Consent, Model, check_choice
from accord.models.mean import compromise
from accord.models.median import weighted_median
from accord.scenario import Profile

__all__ = [
    "VARIANTS",
    "ExpectedUtility",
    "Options",
    "Rules",
    "Trajectory",
    "final_median",
    "simulate",
]

FloatArray = NDArray[np.float64]

#: Codes of the offer kinds in :class:`Trajectory` arrays (0 = no move).
KINDS: tuple[MoveKind, ...] = ("conflict", "compromise", "capitulation")
_NONE, _CONFLICT, _COMPROMISE, _CAPITULATION = 0, 1, 2, 3


Variant = Literal["scholz", "literal"]
Probability = Literal["dyad", "all_pairs"]
VoteRisk = Literal["neutral", "voter"]
Perspective = Literal["receiver", "proposer", "own"]
Selection = Literal["scholz", "enforce"]
Pivot = Literal["median", "mean"]
Scale = Literal["initial", "current"]


@dataclass(frozen=True, slots=True)
class Rules:
    """One full choice of every ambiguity of the model (see the module docstring)."""

    probability: Probability
    vote_risk: VoteRisk
    perspective: Perspective
    capitulation: bool
    selection: Selection
    q: float = 1.0
    t: float = 1.0
    mu: Pivot = "median"
    scale: Scale = "initial"
    conflict: bool = True


VARIANTS: dict[Variant, Rules] = {
    "scholz": Rules(
        probability="all_pairs",
        vote_risk="voter",
        perspective="receiver",
        capitulation=False,
        selection="scholz",
    ),
    "literal": Rules(
        probability="dyad",
        vote_risk="neutral",
        perspective="proposer",
        capitulation=True,
        selection="enforce",
    ),
}


@dataclass(frozen=True, slots=True)
class Options:
    """The expected-utility options, declared once: a preset (``variant``) and any choice
    that overrides it (None: the preset's). The allowed values are the Literal types of the
    fields, which :meth:`choices` reads; :meth:`rules` checks the values and resolves them.

    ``Options(variant="literal", capitulation=False)`` is the literal variant with Scholz's
    capitulation rule.
    """

    variant: Variant = "scholz"
    probability: Probability | None = None
    vote_risk: VoteRisk | None = None
    perspective: Perspective | None = None
    capitulation: bool | None = None
    selection: Selection | None = None
    q: float | None = None
    t: float | None = None
    mu: Pivot | None = None
    scale: Scale | None = None
    conflict: bool | None = None

    @staticmethod
    def choices() -> dict[str, tuple[object, ...]]:
        """The allowed values of every option with a closed set of them, from the types."""
        return dict(_option_choices())

    def rules(self) -> Rules:
        """The variant's rules with every given option applied; ValueError for a bad value."""
        choices = self.choices()
        for name, allowed in choices.items():
            value = getattr(self, name)
            if value is not None:
                check_choice(name, value, allowed)
        base = VARIANTS[self.variant]
        chosen = {
            name: getattr(base, name) if getattr(self, name) is None else getattr(self, name)
            for name in Rules.__dataclass_fields__
        }
        for name in ("q", "t"):
            try:
                inside = 0.0 <= float(chosen[name]) <= 1.0
            except OverflowError:  # an integer too large for a float
                inside = False
            if not inside:
                shown = repr(chosen[name])
                shown = shown if len(shown) <= 40 else f"a number of {len(shown)} digits"
                raise ValueError(f"{name} must lie in [0, 1]; got {shown}")
        return Rules(**chosen)

    def resolved(self) -> dict[str, Any]:
        """The options as the model applies them: the variant and every rule (no None)."""
        rules = self.rules()
        return {"variant": self.variant} | {
            name: getattr(rules, name) for name in Rules.__dataclass_fields__
        }


@cache
def _option_choices() -> tuple[tuple[str, tuple[object, ...]], ...]:
    """:meth:`Options.choices`, read from the type hints once."""
    out = []
    for name, kind in get_type_hints(Options).items():
        values = tuple(v for v in _literal_values(kind) if v is not None)
        if values:
            out.append((name, values))
    return tuple(out)


def _literal_values(kind: Any) -> tuple[object, ...]:
    """``Literal["a", "b"] | None`` -> ``("a", "b", None)``; ``bool | None`` -> ``(True, False,
    None)``; anything else -> ``()``."""
    if kind is bool:
        return (True, False)
    if get_origin(kind) is Literal:
        return get_args(kind)
    if get_origin(kind) in (Union, UnionType):
        return tuple(v for part in get_args(kind) for v in _literal_values(part)) + (
            (None,) if type(None) in get_args(kind) else ()
        )
    return ()


@dataclass(frozen=True, slots=True)
class Trajectory:
    """The history of a run, as arrays with leading sample axes ``(...)``.

    ``positions[..., t, :]`` are the positions after round ``t`` (``t = 0`` is the start);
    ``median``/``mean`` likewise; ``risk[..., t-1, :]`` the exponents used in round ``t``;
    ``toward[..., t-1, i]`` whose offer actor ``i`` took in round ``t`` (-1: none) and
    ``kind[..., t-1, i]`` its kind (0 none, 1 conflict, 2 compromise, 3 capitulation);
    ``offer_kind[..., t-1, j, i]`` the kind of the offer actor ``i`` made to actor ``j`` in
    round ``t`` (0: none) and ``offer_position[..., t-1, j, i]`` the position it proposed;
    ``rounds[...]`` how many rounds each problem ran before it stopped.
    """

    positions: FloatArray
    median: FloatArray
    mean: FloatArray
    risk: FloatArray
    toward: NDArray[np.int64]
    kind: NDArray[np.int8]
    offer_kind: NDArray[np.int8]
    offer_position: FloatArray
    rounds: NDArray[np.int64]

    @property
    def forecast(self) -> FloatArray:
        """The median after each problem's last round."""
        index = self.rounds[..., None]
        return np.asarray(np.take_along_axis(self.median, index, axis=-1)[..., 0])


@dataclass(frozen=True, slots=True)
class _Problems:
    """The inputs of :func:`simulate` and :func:`final_median` as rows: ``x``, ``c`` and ``s``
    of shape ``(b, n)``, ``width`` of shape ``(b,)``, and the batch shape to give back."""

    x: FloatArray
    c: FloatArray
    s: FloatArray
    width: FloatArray
    batch: tuple[int, ...]
    squeeze: bool

    @property
    def n(self) -> int:
        return int(self.x.shape[-1])

    @classmethod
    def of(
        cls,
        positions: ArrayLike,
        capabilities: ArrayLike,
        saliences: ArrayLike,
        width: ArrayLike,
    ) -> _Problems:
        x = np.asarray(positions, dtype=np.float64)
        squeeze = x.ndim == 1
        x = np.atleast_2d(x)
        batch = x.shape[:-1]
        n = x.shape[-1]

        def rows(values: ArrayLike) -> FloatArray:
            return np.broadcast_to(np.asarray(values, dtype=np.float64), (*batch, n)).reshape(-1, n)

        scale_width = np.broadcast_to(np.asarray(width, dtype=np.float64), batch).reshape(-1)
        return cls(
            x.reshape(-1, n), rows(capabilities), rows(saliences), scale_width, batch, squeeze
        )


def simulate(
    positions: ArrayLike,
    capabilities: ArrayLike,
    saliences: ArrayLike,
    *,
    rules: Rules,
    width: ArrayLike = 1.0,
    rounds: int | None = None,
    max_rounds: int = 10,
    tolerance: float = 0.005,
) -> Trajectory:
    """Run the model on arrays of shape ``(..., n)``; see the module docstring.

    ``width`` (broadcast against ``(...)``) is the width of each issue's scale, used by the
    stopping rule. ``rounds`` runs exactly that many rounds; otherwise the stopping rule applies.
    """
    problems = _Problems.of(positions, capabilities, saliences, width)
    x0, c, s, scale_width = problems.x, problems.c, problems.s, problems.width
    batch, squeeze, n = problems.batch, problems.squeeze, problems.n
    total = rounds if rounds is not None else max_rounds
    run = _Run(x0, c, s, rules)
    b = x0.shape[0]

    history_x = np.empty((b, total + 1, n))
    history_median = np.empty((b, total + 1))
    history_mean = np.empty((b, total + 1))
    history_risk = np.ones((b, total, n))
    history_toward = np.full((b, total, n), -1, dtype=np.int64)
    history_kind = np.zeros((b, total, n), dtype=np.int8)
    history_offer_kind = np.zeros((b, total, n, n), dtype=np.int8)
    history_offer_position = np.zeros((b, total, n, n))
    done_after = np.full(b, total, dtype=np.int64)
    active = np.ones(b, dtype=bool)

    x = x0.copy()
    history_x[:, 0] = x
    history_median[:, 0] = run.median(x)
    history_mean[:, 0] = compromise(x, run.w)
    for t in range(1, total + 1):
        step = run.step(x)
        x = np.where(active[:, None], step.positions, x)
        history_x[:, t] = x
        history_median[:, t] = run.median(x)
        history_mean[:, t] = compromise(x, run.w)
        history_risk[:, t - 1] = np.where(active[:, None], step.risk, 1.0)
        history_toward[:, t - 1] = np.where(active[:, None], step.toward, -1)
        history_kind[:, t - 1] = np.where(active[:, None], step.kind, _NONE)
        history_offer_kind[:, t - 1] = np.where(active[:, None, None], step.offer_kind, _NONE)
        history_offer_position[:, t - 1] = step.offer_position
        if rounds is None:
            shift = np.abs(history_median[:, t] - history_median[:, t - 1])
            still = ~(step.kind != _NONE).any(axis=-1)
            stop = active & ((shift <= tolerance * scale_width) | still)
            done_after[stop] = t
            active &= ~stop
            if not active.any():
                # Everything has stopped: keep the arrays rectangular by repeating the last state.
                history_x[:, t + 1 :] = x[:, None, :]
                history_median[:, t + 1 :] = history_median[:, t : t + 1]
                history_mean[:, t + 1 :] = history_mean[:, t : t + 1]
                break

    out_shape = batch if not squeeze else ()
    trajectory = Trajectory(
        positions=history_x.reshape((*out_shape, total + 1, n)),
        median=history_median.reshape((*out_shape, total + 1)),
        mean=history_mean.reshape((*out_shape, total + 1)),
        risk=history_risk.reshape((*out_shape, total, n)),
        toward=history_toward.reshape((*out_shape, total, n)),
        kind=history_kind.reshape((*out_shape, total, n)),
        offer_kind=history_offer_kind.reshape((*out_shape, total, n, n)),
        offer_position=history_offer_position.reshape((*out_shape, total, n, n)),
        rounds=done_after.reshape(out_shape),
    )
    return trajectory


def final_median(
    positions: ArrayLike,
    capabilities: ArrayLike,
    saliences: ArrayLike,
    *,
    rules: Rules,
    width: ArrayLike = 1.0,
    rounds: int | None = None,
    max_rounds: int = 10,
    tolerance: float = 0.005,
) -> FloatArray:
    """The forecast of :func:`simulate` (the median after each problem's last round), alone.

    The same rounds and stopping rule, without the history: each round is computed only for
    the problems still running, so a Monte Carlo batch in which most samples settle early costs
    what its slow samples cost. Every problem is computed row by row as in :func:`simulate`,
    so the values are identical to ``simulate(...).forecast`` (a test checks it bit for bit).
    """
    problems = _Problems.of(positions, capabilities, saliences, width)
    x, c, s, scale_width = problems.x.copy(), problems.c, problems.s, problems.width
    batch, squeeze = problems.batch, problems.squeeze
    total = rounds if rounds is not None else max_rounds
    run = _Run(x, c, s, rules)
    median = run.median(x)
    running = np.arange(x.shape[0])
    for _ in range(total):
        step = run.step(x[running])
        moved = run.median(step.positions)
        x[running] = step.positions
        if rounds is None:
            shift = np.abs(moved - median[running])
            still = ~(step.kind != _NONE).any(axis=-1)
            go_on = ~((shift <= tolerance * scale_width[running]) | still)
        median[running] = moved
        if rounds is None and not go_on.all():
            running = running[go_on]
            if len(running) == 0:
                break
            run = run.rows(go_on)
    return median.reshape(batch if not squeeze else ())


@dataclass(frozen=True, slots=True)
class _Step:
    positions: FloatArray
    risk: FloatArray
    toward: NDArray[np.int64]
    kind: NDArray[np.int8]
    offer_kind: NDArray[np.int8]
    offer_position: FloatArray


class _Run:
    """The fixed inputs of a run (shape ``(b, n)``) and the computations of one round."""

    def __init__(self, x0: FloatArray, c: FloatArray, s: FloatArray, rules: Rules) -> None:
        self.rules = rules
        self.s = s
        self.w = c * s
        self.n = x0.shape[-1]
        self.initial_range = x0.max(axis=-1) - x0.min(axis=-1)

    def rows(self, keep: NDArray[np.bool_]) -> _Run:
        """The same run restricted to the problems ``keep`` marks."""
        out = object.__new__(_Run)
        out.rules = self.rules
        out.s = self.s[keep]
        out.w = self.w[keep]
        out.n = self.n
        out.initial_range = self.initial_range[keep]
        return out

    def median(self, x: FloatArray) -> FloatArray:
        return weighted_median(x, self.w)

    def step(self, x: FloatArray) -> _Step:
        rules = self.rules
        span = self.initial_range if rules.scale == "initial" else x.max(axis=-1) - x.min(axis=-1)
        span = np.where(span > 0, span, 1.0)[:, None, None]
        distance = np.abs(x[:, :, None] - x[:, None, :]) / span  # d[b, i, j]
        if rules.mu == "median":
            mu = self.median(x)
        else:
            mu = _canonical_sum(self.w * x, axis=-1) / _canonical_sum(self.w, axis=-1)
        pivot = np.abs(x - mu[:, None])[:, :, None] / span  # |x_i - mu| / R, by challenger i

        # 1. Risk exponents from the securities, everything evaluated with r = 1.
        ranks = _midpoint_ranks(x)
        p_neutral = self._probabilities(x, np.ones_like(x), span, ranks)
        e_neutral = self._challenge(p_neutral, distance, pivot, 1.0)  # e[b, i, j]: i challenges j
        off_diagonal = np.where(np.eye(self.n, dtype=bool), 0.0, e_neutral)
        security = _canonical_sum(off_diagonal, axis=1)
        s_max = security.max(axis=-1, keepdims=True)
        s_min = security.min(axis=-1, keepdims=True)
        spread = s_max - s_min
        with np.errstate(invalid="ignore", divide="ignore"):
            relative = np.where(spread > 0, (2 * security - s_max - s_min) / spread, 0.0)
        risk = (1 - relative / 3) / (1 + relative / 3)

        # 2-3. Probabilities and expected utilities with the risk exponents.
        voter_risk = rules.vote_risk == "voter"
        p = self._probabilities(x, risk, span, ranks) if voter_risk else p_neutral
        # Receiver j (axis 1) considers proposer i (axis 2):
        #   proposer_eu[b, j, i] = E(U_ij), receiver_eu[b, j, i] = E(U_ji).
        r_receiver = risk[:, :, None]
        r_proposer = risk[:, None, :]
        p_ij = np.swapaxes(p, 1, 2)  # p_ij[b, j, i] = P_ij
        pivot_i = np.swapaxes(pivot, 1, 2)  # |x_i - mu| indexed [b, j, i]
        s_receiver = self.s[:, :, None]
        s_proposer = self.s[:, None, :]
        exponent_a = r_proposer if rules.perspective in ("proposer", "own") else r_receiver
        exponent_b = r_receiver if rules.perspective in ("receiver", "own") else r_proposer
        utilities_a = _outcome_utilities(distance, exponent_a)
        if rules.perspective == "own":
            # distance is symmetric, so the receiver's own utilities are the transpose.
            utilities_b = tuple(np.swapaxes(u, 1, 2) for u in utilities_a)
        else:
            utilities_b = utilities_a
        a = self._expected(p_ij, s_receiver, distance, pivot_i, exponent_a, utilities_a)
        b = self._expected(p, s_proposer, distance, pivot, exponent_b, utilities_b)

        # 4. Offers received by j from each i.
        apart = distance > 0
        kind = np.zeros(a.shape, dtype=np.int8)
        if rules.conflict:
            kind[apart & (a > b) & (b > 0)] = _CONFLICT
        one_sided = apart & (a > 0) & (b < 0)
        kind[one_sided & (a > np.abs(b))] = _COMPROMISE
        if rules.capitulation:
            kind[one_sided & (a <= np.abs(b))] = _CAPITULATION
        xi = x[:, None, :]
        xj = x[:, :, None]
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(kind == _COMPROMISE, np.abs(b) / a, 1.0)
        target = np.where(kind == _COMPROMISE, xj + (xi - xj) * share, xi)

        # 5. Each receiver picks one offer.
        chosen = self._select(kind, target, xj, xi, a, b)
        has_offer = chosen >= 0
        pick = np.where(has_offer, chosen, 0)[:, :, None]
        new_x = np.where(has_offer, np.take_along_axis(target, pick, axis=2)[:, :, 0], x)
        chosen_kind = np.where(has_offer, np.take_along_axis(kind, pick, axis=2)[:, :, 0], _NONE)
        return _Step(
            positions=new_x,
            risk=risk,
            toward=chosen.astype(np.int64),
            kind=chosen_kind.astype(np.int8),
            offer_kind=kind,
            offer_position=np.where(kind != _NONE, target, 0.0),
        )

    def _select(
        self,
        kind: NDArray[np.int8],
        target: FloatArray,
        xj: FloatArray,
        xi: FloatArray,
        a: FloatArray,
        b: FloatArray,
    ) -> NDArray[np.int64]:
        """Index of the proposer whose offer each receiver takes (-1: none).

        Ties (within rounding) are broken by the larger proposer expected utility ``a``, then
        by the lower target position, so that the order in which actors are listed never
        matters.
        """
        move = np.abs(target - xj)
        if self.rules.selection == "scholz":
            # The best kind on offer (conflict, then compromise, then capitulation); among
            # those offers the nearest one - for compromises, the smallest weighted position.
            offered = kind != _NONE
            rank = np.where(offered, kind, 4)  # 1 conflict, 2 compromise, 3 capitulation
            best_kind = rank.min(axis=2, keepdims=True)
            candidates = offered & (rank == best_kind)
            with np.errstate(invalid="ignore", divide="ignore"):
                weighted = (np.abs(b) * xj + np.abs(a) * xi) / (np.abs(a) + np.abs(b))
            key = np.where(best_kind == _COMPROMISE, weighted, move)
            candidates = _keep_best(candidates, key, smallest=True)
            candidates = _keep_best(candidates, a, smallest=False)
            best = np.argmin(np.where(candidates, target, np.inf), axis=2)
            return np.where(offered.any(axis=2), best, -1)
        # "enforce": the largest proposer expected utility, then the smallest move.
        candidates = _keep_best(kind != _NONE, a, smallest=False)
        candidates = _keep_best(candidates, move, smallest=True)
        best = np.argmin(np.where(candidates, target, np.inf), axis=2)
        return np.where(candidates.any(axis=2), best, -1)

    def _probabilities(
        self, x: FloatArray, r: FloatArray, span: FloatArray, ranks: NDArray[np.intp]
    ) -> FloatArray:
        """P[b, i, j], the probability that x_i prevails over x_j (eqs. 30-31)."""
        votes = _vote_totals(x, self.w, r, span[:, :, 0], ranks)  # sum_k max(0, v_k^ij)
        if self.rules.probability == "dyad":
            contested = votes + np.swapaxes(votes, 1, 2)
        else:
            everything = _canonical_sum(votes.reshape(votes.shape[0], -1), axis=1)
            contested = np.broadcast_to(2 * everything[:, None, None], votes.shape)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(contested > 0, votes / contested, 0.0)

    def _expected(
        self,
        p: FloatArray,
        s_target: FloatArray,
        distance: FloatArray,
        pivot: FloatArray,
        r: FloatArray | float,
        utilities: tuple[FloatArray, ...] | None = None,
    ) -> FloatArray:
        """E(U) of a challenge (eq. 25) given P, the target's salience and the exponent r
        (``utilities``: U_s, U_f, U_sq for that r, when already computed)."""
        rules = self.rules
        success, failure, status_quo = utilities or _outcome_utilities(distance, r)
        value = s_target * (p * success + (1 - p) * failure) + (1 - s_target) * success
        value = value - rules.q * status_quo
        if rules.q < 1:
            reach = 0.25 * (pivot + distance)
            better = 2 - 4 * (0.5 - reach) ** r
            worse = 2 - 4 * (0.5 + reach) ** r
            value = value - (1 - rules.q) * (rules.t * better + (1 - rules.t) * worse)
        return np.asarray(value)

    def _challenge(
        self, p: FloatArray, distance: FloatArray, pivot: FloatArray, r: float
    ) -> FloatArray:
        """e[b, i, j] = E(U_ij) for every challenger i and target j, one exponent for all."""
        return self._expected(p, self.s[:, None, :], distance, pivot, r)


def _outcome_utilities(
    distance: FloatArray, r: FloatArray | float
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """U_s, U_f and U_sq (eqs. 15, 16, 24) for normalised distances and risk exponents r."""
    if isinstance(r, float) and r == 1.0:  # the risk step: no powers needed (x**1 == x)
        return 2 - 4 * (0.5 - 0.5 * distance), 2 - 4 * (0.5 + 0.5 * distance), np.zeros(1)
    return (
        2 - 4 * (0.5 - 0.5 * distance) ** r,
        2 - 4 * (0.5 + 0.5 * distance) ** r,
        np.asarray(2 - 4 * 0.5**r),
    )


def _canonical_sum(values: FloatArray, axis: int) -> FloatArray:
    """A sum whose rounding does not depend on the order of the terms (they are sorted)."""
    return np.asarray(np.sort(values, axis=axis).sum(axis=axis))


def _keep_best(
    candidates: NDArray[np.bool_], key: FloatArray, *, smallest: bool
) -> NDArray[np.bool_]:
    """Narrow ``candidates`` (over the last axis) to those with the best ``key``, within
    rounding (1e-9 relative)."""
    signed = key if smallest else -key
    masked = np.where(candidates, signed, np.inf)
    best = masked.min(axis=-1, keepdims=True)
    slack = 1e-9 * np.maximum(np.abs(best), 1.0)
    with np.errstate(invalid="ignore"):
        return np.asarray(candidates & (masked <= best + slack))


def _midpoint_ranks(x: FloatArray) -> NDArray[np.intp]:
    """``ranks[b, i, j]``: how many actors lie strictly left of the midpoint of x_i and x_j.

    ``x_k < (x_i + x_j) / 2`` exactly when ``2 x_k < x_i + x_j`` (halving and doubling are
    exact in floating point), so one stable sort per problem of the pair sums followed by the
    doubled positions ranks every midpoint among the actors: ``O(n^2 log n)``, exact, and each
    problem independent of the others in the batch.
    """
    b, n = x.shape
    sums = (x[:, :, None] + x[:, None, :]).reshape(b, n * n)
    merged = np.concatenate([sums, 2.0 * x], axis=1)
    order = np.argsort(merged, axis=1, kind="stable")  # ties: sums before the actors
    actors_so_far = np.cumsum(order >= n * n, axis=1)
    ranks = np.empty_like(actors_so_far)
    np.put_along_axis(ranks, order, actors_so_far, axis=1)
    return np.asarray(ranks[:, : n * n].reshape(b, n, n))


def _vote_totals(
    x: FloatArray, w: FloatArray, r: FloatArray, span: FloatArray, ranks: NDArray[np.intp]
) -> FloatArray:
    """``out[b, i, j] = sum_k w_k max(0, y_k(x_j) - y_k(x_i))``, ``y_k(z) = (|x_k - z|/R)^{r_k}``.

    Voter k favours x_i over x_j exactly when it lies on x_i's side of their midpoint, so with
    the voters sorted by position the sum is a difference of prefix sums of ``w_k y_k(z)``,
    taken at the midpoint's rank (:func:`_midpoint_ranks`): ``O(n^2 log n)`` instead of
    ``O(n^3)``. (A voter exactly at a midpoint is indifferent: its term is zero up to rounding.)
    """
    b, n = x.shape
    # Voters sorted by position, then weight and exponent: a canonical order, so the sums do
    # not depend on the order in which the actors were listed.
    order = np.lexsort((r, w, x), axis=-1)
    xs = np.take_along_axis(x, order, axis=-1)
    ws = np.take_along_axis(w, order, axis=-1)
    rs = np.take_along_axis(r, order, axis=-1)
    # prefix[b, t, a]: the summed weighted loss at x_a of the t leftmost voters.
    loss = np.abs(xs[:, :, None] - x[:, None, :]) / span[:, :, None]
    if not np.all(rs == 1.0):  # x**1 == x: skip the powers when every exponent is 1
        loss = loss ** rs[:, :, None]
    wy = ws[:, :, None] * loss
    prefix = np.zeros((b, n + 1, n))
    np.cumsum(wy, axis=1, out=prefix[:, 1:, :])
    flat = prefix.reshape(b, (n + 1) * n)
    total = prefix[:, n, :]
    at = ranks * n
    left_j = np.take_along_axis(flat, (at + np.arange(n)[None, None, :]).reshape(b, -1), axis=1)
    left_i = np.take_along_axis(flat, (at + np.arange(n)[None, :, None]).reshape(b, -1), axis=1)
    left_j = left_j.reshape(b, n, n)
    left_i = left_i.reshape(b, n, n)
    xi = x[:, :, None]
    xj = x[:, None, :]
    out = np.where(
        xi < xj,
        left_j - left_i,  # voters left of the midpoint favour x_i
        np.where(xi > xj, (total[:, None, :] - left_j) - (total[:, :, None] - left_i), 0.0),
    )
    return np.maximum(out, 0.0)


def _offers(trajectory: Trajectory, t: int, actors: tuple[str, ...]) -> tuple[Offer, ...]:
    """Every offer (challenge) made in round ``t``, by proposer then receiver."""
    kinds = trajectory.offer_kind[t - 1]
    receivers, proposers = np.nonzero(kinds)
    order = np.lexsort((receivers, proposers))
    positions = trajectory.offer_position[t - 1]
    return tuple(
        Offer(actors[i], actors[j], KINDS[kinds[j, i] - 1], float(positions[j, i]))
        for j, i in zip(receivers[order].tolist(), proposers[order].tolist(), strict=True)
    )


class ExpectedUtility(Model):
    """Bueno de Mesquita's expected-utility model (see the module docstring for every option).

    ``options`` (an :class:`Options`) picks a preset of the ambiguous choices ("scholz" or
    "literal") and any choice that overrides it. ``rounds``, ``max_rounds`` and ``tolerance``
    are the stopping rule. :meth:`from_params` builds the model from flat names, as the command
    line's ``-p bdm.variant=literal -p bdm.capitulation=false`` gives them.
    """

    name: ClassVar[str] = "bdm"
    summary: ClassVar[str] = "Bueno de Mesquita's expected-utility model (Scholz et al. 2011)"
    automatic: ClassVar[Mapping[str, str]] = {
        **Model.automatic,
        "rounds": "until the median settles (at most max_rounds)",
    }

    def __init__(
        self,
        *,
        options: Options = Options(),
        rounds: int | None = None,
        max_rounds: int = 10,
        tolerance: float = 0.005,
        consent: Consent | None = None,
    ) -> None:
        self.options = options
        self.rounds = rounds
        self.max_rounds = max_rounds
        self.tolerance = tolerance
        self.consent = consent

    @classmethod
    def from_params(cls, **params: Any) -> ExpectedUtility:
        """The model from flat hyperparameters: every :class:`Options` field by its own name
        (``variant="literal", capitulation=False``) beside the constructor's."""
        fields = set(Options.__dataclass_fields__)
        options = {k: v for k, v in params.items() if k in fields}
        rest = {k: v for k, v in params.items() if k not in fields}
        if "options" in rest:
            if options:
                raise TypeError("give either options or its fields, not both")
            return cls(**rest)
        return cls(options=Options(**options), **rest)

    def rules(self) -> Rules:
        """The variant's rules with any explicitly given option applied."""
        if not isinstance(self.options, Options):
            raise ValueError(f"options must be an Options; got {self.options!r}")
        return self.options.rules()

    def effective_params(self) -> dict[str, Any]:
        """The preset, the stopping rule, every resolved rule and consent, as flat names."""
        params = self.get_params()
        del params["options"]
        resolved = self.options.resolved()
        consent = params.pop("consent")
        return {"variant": resolved.pop("variant")} | params | resolved | {"consent": consent}

    def check_params(self) -> None:
        super().check_params()
        self.rules()
        if self.rounds is not None and (not isinstance(self.rounds, int) or self.rounds < 1):
            raise ValueError(f"rounds must be a positive integer; got {self.rounds!r}")
        if not isinstance(self.max_rounds, int) or self.max_rounds < 1:
            raise ValueError(f"max_rounds must be a positive integer; got {self.max_rounds!r}")
        if not self.tolerance >= 0:
            raise ValueError(f"tolerance must be >= 0; got {self.tolerance!r}")

    def forecast(self, profile: Profile) -> NDArray[np.float64]:
        return final_median(
            profile.positions,
            profile.capabilities,
            profile.saliences,
            rules=self.rules(),
            width=profile.issue.width,
            rounds=self.rounds,
            max_rounds=self.max_rounds,
            tolerance=self.tolerance,
        )

    def _simulate(self, profile: Profile) -> Trajectory:
        return simulate(
            profile.positions,
            profile.capabilities,
            profile.saliences,
            rules=self.rules(),
            width=profile.issue.width,
            rounds=self.rounds,
            max_rounds=self.max_rounds,
            tolerance=self.tolerance,
        )

    def predict_issue(self, profile: Profile) -> IssueForecast:
        trajectory = self._simulate(profile)
        actors = profile.actors
        last = int(trajectory.rounds)
        history = []
        for t in range(1, last + 1):
            kinds = trajectory.kind[t - 1]
            moves = tuple(
                Move(
                    actor=actors[i],
                    toward=actors[int(trajectory.toward[t - 1, i])],
                    kind=KINDS[int(kinds[i]) - 1],
                    position=float(trajectory.positions[t, i]),
                )
                for i in np.flatnonzero(kinds)
            )
            history.append(
                Round(
                    round=t,
                    positions=tuple(float(v) for v in trajectory.positions[t]),
                    median=float(trajectory.median[t]),
                    mean=float(trajectory.mean[t]),
                    risk=tuple(float(v) for v in trajectory.risk[t - 1]),
                    moves=moves,
                    offers=_offers(trajectory, t, actors),
                )
            )
        return IssueForecast(
            issue=profile.issue.id,
            value=float(trajectory.median[last]),
            actors=actors,
            rounds=tuple(history),
        )
