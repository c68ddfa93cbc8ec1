"""Will a ceasefire hold? A repeated game over days with noisy monitoring and retaliation.

Model
-----
Two sides keep a truce for ``days`` days. Each day is one stage of a prisoner's dilemma with
payoffs ``R`` (both comply), ``P`` (both fight), ``S`` (complying while hit) and
``T = R + temptation_i`` (violating while the other complies); defaults ``R, P, S = 3, 1, 0``
as in Axelrod (1984) and the Axelrod library, so the default temptation 2 gives Axelrod's
``T = 5``. On each day, for each side ``i`` (vectorised over runs):

1. *Retaliation* by the policy, from what ``i`` perceived the day before:
   ``tft`` answers every violation perceived yesterday; ``gtft`` (generous tit-for-tat, Wu &
   Axelrod 1995) forgives each with probability ``g``, by default Nowak & Sigmund's
   ``g = min(1 - (T - R)/(R - S), (R - P)/(T - P))`` with ``T`` the other side's temptation;
   ``proportional`` answers in proportion to what it saw: with probability equal to the share of
   the last ``memory`` days on which it perceived a violation (graduated reciprocity, in the
   spirit of Downs & Rocke 1990: an isolated incident draws a mild response, sustained
   violations a full one); ``grim`` violates for ever after the first perceived violation.
2. *Fresh violations*: an accident with probability ``noise`` (``e``), or every day when the
   side violates deliberately (below), unless it is retaliating anyway.
3. *Monitoring*: each side perceives a violation by the other with probability ``p_detect``
   (``d``) and "perceives" one that did not happen with probability ``p_false`` (``f``); a
   perceived violation is an accusation. True violations, accusations and false alarms are kept
   apart (research note B8.7).
4. *Breakdown*: the truce collapses on the ``breakdown``-th consecutive day with a violation by
   either side (an exchange of fire that is not contained); under ``grim`` it collapses on the
   day of the first perceived violation, since its punishment is permanent war. The cause of a
   collapse is that of the first violation of the fatal exchange: deliberate, accident, or
   retaliation (an answer that opened a new exchange: under ``tft`` and ``gtft`` the answer to
   a false alarm, since the day before saw no violation; under ``proportional`` possibly a late
   answer). Under ``grim`` the cause is that of the perceived violation, and ``retaliation``
   means a false alarm.

*Deliberate violations.* Each side decides once, before day 1, whether violating every day pays,
by the incentive condition of a trigger strategy with noisy monitoring (Green & Porter 1984, in
the form of the research notes, B6): with ``a = e d + (1 - e) f`` (the daily probability that a
complying side is accused), ``q0 = 1 - (1 - a)^2`` and ``q1 = 1 - (1 - d)(1 - a)`` (the
probability that punishment starts if the side complies, or violates), the side complies iff

- ``grim``: ``T - R <= delta (q1 - q0)(R - P) / (1 - delta + delta q0)``, which with perfect
  monitoring is the textbook ``delta >= (T - R)/(T - P)``;
- ``tft``: ``T - R <= delta (q1 - q0)(R - S)`` (one day of retaliation per detected
  violation, discounted one day); ``gtft``: the same times ``1 - g``; ``proportional``: the same
  times ``1 / memory`` for a single violation - but a deliberate violator violates every day,
  so it draws a full response after ``memory`` days; the condition used is the ``tft`` one. This
  is an approximation (it ignores echoes), stated as such.

Closed forms the tests check: with ``temptation 0``, ``p_detect 1``, ``p_false 0`` and
``grim``, P(holds N days) ``= (1 - e)^(2N)`` and the collapse day is geometric with
``p = 1 - (1 - e)^2``; without noise, ``grim`` holds for ever or collapses on day 1 exactly as the
incentive condition says; without noise and false alarms, more detection never lowers P(holds)
under ``tft`` (it only deters). With accidents it can: a detected accident starts an echo of
retaliations (Axelrod 1984; Wu & Axelrod 1995), so better detection both deters and escalates.

Assumptions (explicit, not estimated): a constant daily accident and false-alarm rate (the
notes, B8.9, warn that real ceasefires need not have one); one level of violation (no escalation
ladder); retaliation the next day, never the same day; the deliberate decision is taken once.
:func:`truce_settings` derives defaults from a scenario (the belligerents, each side's temptation
from its stake on the ceasefire issue, monitoring quality from the monitoring issue); those
mappings are analyst's assumptions, documented there, not Fortna's estimates (her hazard ratios
were not retrieved).

Sources
-------
- Axelrod, R. (1984), *The Evolution of Cooperation*, Basic Books (tit-for-tat, echoes).
- Wu, J. & Axelrod, R. (1995), "How to cope with noise in the iterated prisoner's dilemma",
  *Journal of Conflict Resolution* 39(1): 183-189 (generosity and contrition under noise).
- Nowak, M. A. & Sigmund, K. (1992), "Tit for tat in heterogeneous populations", *Nature* 355:
  250-253 (the generosity of GTFT).
- Green, E. J. & Porter, R. H. (1984), "Noncooperative collusion under imperfect price
  information", *Econometrica* 52(1): 87-100 (trigger strategies under noisy signals).
- Downs, G. W. & Rocke, D. M. (1990), *Tacit Bargaining, Arms Races, and Arms Control*,
  University of Michigan Press (reciprocity under misperception).
- Fortna, V. P. (2004), *Peace Time: Cease-Fire Agreements and the Durability of Peace*,
  Princeton UP (monitoring, accidents and the durability of ceasefires).
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from accord.randomness import RNGLike
from accord.scenario import Scenario
from accord.simulate.batches import Block, check_memory, plan_blocks, run_blocks
from accord.uncertainty.engines import Engine

__all__ = [
    "CAUSES",
    "POLICIES",
    "TruceResult",
    "TruceRuns",
    "TruceSettings",
    "complies",
    "simulate_truce",
    "sweep_detection",
    "truce_settings",
]

Policy = Literal["tft", "gtft", "grim", "proportional"]
POLICIES: tuple[str, ...] = ("tft", "gtft", "grim", "proportional")
#: Causes of a collapse, in the codes of :attr:`TruceRuns.cause`: 1, 2, 3 (0 = held).
CAUSES: tuple[str, ...] = ("deliberate", "accident", "retaliation")
#: Runs per random stream unless the caller asks otherwise.
DEFAULT_BLOCK = 10_000
#: The p_detect grid of a sweep.
SWEEP = tuple(round(0.1 * k, 1) for k in range(11))


@dataclass(frozen=True)
class TruceSettings:
    """Every parameter of the truce game (see the module docstring)."""

    days: int = 30
    policy: Policy = "tft"
    p_detect: float = 0.9
    p_false: float = 0.01
    noise: float = 0.01
    temptation: tuple[float, float] = (2.0, 2.0)
    discount: float = 0.95
    breakdown: int = 3
    memory: int = 5
    generosity: float | None = None
    reward: float = 3.0
    punishment: float = 1.0
    sucker: float = 0.0
    sides: tuple[str, str] = ("A", "B")

    def check(self) -> None:
        """Raise ValueError naming the first parameter out of its range."""
        if self.policy not in POLICIES:
            raise ValueError(f"policy must be one of {', '.join(POLICIES)}, got {self.policy!r}")
        if self.days < 1:
            raise ValueError(f"days must be at least 1, got {self.days}")
        if self.breakdown < 1:
            raise ValueError(f"breakdown must be at least 1, got {self.breakdown}")
        if self.memory < 1:
            raise ValueError(f"memory must be at least 1, got {self.memory}")
        for name in ("p_detect", "p_false", "noise"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must lie in [0, 1], got {value}")
        if self.generosity is not None and not 0.0 <= self.generosity <= 1.0:
            raise ValueError(f"generosity must lie in [0, 1], got {self.generosity}")
        if not 0.0 <= self.discount < 1.0:
            raise ValueError(f"discount must lie in [0, 1), got {self.discount}")
        if any(not np.isfinite(t) or t < 0 for t in self.temptation):
            raise ValueError(f"temptation must be finite and non-negative, got {self.temptation}")
        if not self.sucker < self.punishment < self.reward:
            raise ValueError("payoffs must satisfy sucker < punishment < reward")

    def forgiveness(self) -> tuple[float, float]:
        """Each side's probability of forgiving a perceived violation under ``gtft``."""
        if self.generosity is not None:
            return (self.generosity, self.generosity)
        r, p, s = self.reward, self.punishment, self.sucker
        out = []
        for other in (self.temptation[1], self.temptation[0]):
            t = r + other
            g = min(1.0 - (t - r) / (r - s), (r - p) / (t - p))
            out.append(float(min(1.0, max(0.0, g))))
        return (out[0], out[1])

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["temptation"] = dict(zip(self.sides, self.temptation, strict=True))
        out["sides"] = list(self.sides)
        out["forgiveness"] = dict(zip(self.sides, self.forgiveness(), strict=True))
        return out


def complies(settings: TruceSettings) -> tuple[bool, bool]:
    """Whether each side keeps the truce deliberately (the incentive condition)."""
    d, f, e, delta = settings.p_detect, settings.p_false, settings.noise, settings.discount
    r, p, s = settings.reward, settings.punishment, settings.sucker
    a = e * d + (1.0 - e) * f
    q0 = 1.0 - (1.0 - a) ** 2
    q1 = 1.0 - (1.0 - d) * (1.0 - a)
    # Violating never makes punishment less likely; q0 counts both sides' accusations, so at
    # very low detection q1 - q0 can be negative, which would reward violations.
    gap = max(0.0, q1 - q0)
    if settings.policy == "grim":
        deterrent = delta * gap * (r - p) / (1.0 - delta + delta * q0)
        bound = (deterrent, deterrent)
    else:
        g = settings.forgiveness() if settings.policy == "gtft" else (0.0, 0.0)
        # Side i is deterred by the other side's retaliation, whose forgiveness is g[1 - i].
        bound = tuple(delta * gap * (r - s) * (1.0 - g[1 - i]) for i in (0, 1))  # type: ignore[assignment]
    tol = 1e-12
    return (
        settings.temptation[0] <= bound[0] + tol,
        settings.temptation[1] <= bound[1] + tol,
    )


@dataclass(frozen=True)
class TruceRuns:
    """Per-run outcomes of a batch: ``collapse_day`` (0 = held all days), counts, cause code."""

    collapse_day: NDArray[np.int32]
    violations: NDArray[np.int32]
    accusations: NDArray[np.int32]
    false_alarms: NDArray[np.int32]
    cause: NDArray[np.int8]

    @staticmethod
    def join(parts: list[TruceRuns]) -> TruceRuns:
        return TruceRuns(
            **{
                name: np.concatenate([getattr(p, name) for p in parts])
                for name in ("collapse_day", "violations", "accusations", "false_alarms", "cause")
            }
        )


#: Bytes kept per run, and used per run of a block (a day's draws, the state, temporaries).
_PER_RUN = 4 * 4 + 1
_PER_BLOCK_RUN = 512


def run_truce_block(settings: TruceSettings, block: Block) -> TruceRuns:
    """One block of runs (an engine job): the day loop, vectorised over the block's runs."""
    n, days = block.size, settings.days
    rng = block.generator()
    deliberate = np.asarray(complies(settings), dtype=bool)[:, None] == False  # noqa: E712
    forgive = np.asarray(settings.forgiveness())[:, None]
    e, d, f, k = settings.noise, settings.p_detect, settings.p_false, settings.breakdown
    policy = settings.policy

    alive = np.ones(n, dtype=bool)
    perceived = np.zeros((2, n), dtype=bool)
    window = np.zeros((settings.memory, 2, n), dtype=np.int8)
    seen_recently = np.zeros((2, n), dtype=np.int32)
    grim = np.zeros((2, n), dtype=bool)
    streak = np.zeros(n, dtype=np.int32)
    streak_cause = np.zeros(n, dtype=np.int8)
    collapse = np.zeros(n, dtype=np.int32)
    cause = np.zeros(n, dtype=np.int8)
    violations = np.zeros(n, dtype=np.int32)
    accusations = np.zeros(n, dtype=np.int32)
    false_alarms = np.zeros(n, dtype=np.int32)
    for day in range(days):
        if not alive.any():
            break  # nothing left to decide; the remaining draws would be unused
        accident, look, pardon = rng.random((3, 2, n))
        if policy == "tft":
            answer = perceived
        elif policy == "gtft":
            answer = perceived & (pardon >= forgive)
        elif policy == "proportional":
            answer = pardon < seen_recently / settings.memory
        else:
            answer = grim
        accident = accident < e
        fresh = (accident | deliberate) & ~answer
        violated = (fresh | answer) & alive
        other = violated[::-1]
        perceived = np.where(other, look < d, look < f) & alive
        violations += violated.sum(axis=0, dtype=np.int32)
        accusations += perceived.sum(axis=0, dtype=np.int32)
        false_alarms += (perceived & ~other).sum(axis=0, dtype=np.int32)
        today = np.where(
            (fresh & deliberate & alive).any(axis=0),
            1,
            np.where((fresh & accident & alive).any(axis=0), 2, 3),
        ).astype(np.int8)
        if policy == "grim":
            real = perceived & other
            seen = (real & (deliberate[::-1] & ~answer[::-1])).any(axis=0)
            reason = np.where(seen, 1, np.where(real.any(axis=0), 2, 3)).astype(np.int8)
            ends = alive & perceived.any(axis=0)
            grim |= perceived
            cause = np.where(ends, reason, cause)
        else:
            any_violation = violated.any(axis=0)
            streak = np.where(any_violation, streak + 1, 0)
            streak_cause = np.where(any_violation & (streak == 1), today, streak_cause)
            ends = alive & (streak >= k)
            cause = np.where(ends, streak_cause, cause)
            if policy == "proportional":
                slot = day % settings.memory
                seen_recently += perceived - window[slot]
                window[slot] = perceived
        collapse = np.where(ends, day + 1, collapse)
        alive &= ~ends
    return TruceRuns(
        collapse_day=collapse,
        violations=violations,
        accusations=accusations,
        false_alarms=false_alarms,
        cause=cause,
    )


@dataclass(frozen=True)
class TruceResult:
    """A batch of truce runs and its summary (``to_dict`` is ``accord truce --json``)."""

    settings: TruceSettings
    seed: int
    block: int
    runs: TruceRuns
    deliberate: tuple[bool, bool]

    @property
    def n_runs(self) -> int:
        return len(self.runs.collapse_day)

    @property
    def p_holds(self) -> float:
        """The fraction of runs in which the truce held all ``days`` days."""
        return float(np.mean(self.runs.collapse_day == 0))

    @property
    def p_holds_se(self) -> float:
        p = self.p_holds
        return float(np.sqrt(p * (1.0 - p) / self.n_runs))

    def survival(self) -> list[float]:
        """P(the truce still holds at the end of day 1, 2, ..., days)."""
        days = self.settings.days
        ended = np.bincount(self.runs.collapse_day, minlength=days + 1)[1:]
        return [float(x) for x in 1.0 - np.cumsum(ended) / self.n_runs]

    def to_dict(self) -> dict[str, Any]:
        r = self.runs
        days = self.settings.days
        collapsed = r.collapse_day[r.collapse_day > 0]
        counts = np.bincount(collapsed, minlength=days + 1)
        causes = np.bincount(r.cause, minlength=len(CAUSES) + 1)[1:]
        return {
            "days": days,
            "runs": self.n_runs,
            "seed": self.seed,
            "block": self.block,
            "settings": self.settings.to_dict(),
            "deliberate": dict(zip(self.settings.sides, self.deliberate, strict=True)),
            "p_holds": self.p_holds,
            "p_holds_se": self.p_holds_se,
            "violations_mean": float(r.violations.mean()),
            "accusations_mean": float(r.accusations.mean()),
            "false_alarms_mean": float(r.false_alarms.mean()),
            "collapse_day": {
                "mean": float(collapsed.mean()) if len(collapsed) else None,
                "median": float(np.median(collapsed)) if len(collapsed) else None,
                "histogram": {str(day): int(counts[day]) for day in np.flatnonzero(counts)},
            },
            "causes": dict(zip(CAUSES, causes.tolist(), strict=True)),
            "survival": self.survival(),
        }


def simulate_truce(
    settings: TruceSettings,
    runs: int,
    *,
    rng: RNGLike = None,
    block: int = DEFAULT_BLOCK,
    engine: Engine | None = None,
    progress: Any = None,
) -> TruceResult:
    """``runs`` runs of the truce game (see the module docstring); ValueError on bad settings."""
    settings.check()
    check_memory(
        runs, per_run=_PER_RUN, per_block_run=_PER_BLOCK_RUN + settings.memory * 2, block=block
    )
    seed, blocks = plan_blocks(runs, block, rng)
    parts = run_blocks(
        functools.partial(run_truce_block, settings), blocks, engine=engine, progress=progress
    )
    return TruceResult(
        settings=settings,
        seed=seed,
        block=block,
        runs=TruceRuns.join(parts),
        deliberate=tuple(not c for c in complies(settings)),  # type: ignore[arg-type]
    )


def sweep_detection(
    settings: TruceSettings,
    runs: int,
    *,
    rng: RNGLike = None,
    grid: tuple[float, ...] = SWEEP,
    block: int = DEFAULT_BLOCK,
    engine: Engine | None = None,
    progress: Any = None,
) -> list[TruceResult]:
    """P(holds) against ``p_detect``: one batch per grid point, all with the same seed.

    The same seed at every point (common random numbers) makes the curve smooth and the
    comparison between points sharper than independent batches would. ``progress(done, total)``
    counts blocks over the whole grid.
    """
    from accord.randomness import as_generator

    _, seed = as_generator(rng)
    per_point = -(-runs // block)
    total = per_point * len(grid)
    out = []
    for k, p in enumerate(grid):
        step = None
        if progress is not None:
            step = functools.partial(_overall, progress, k * per_point, total)
        point = replace(settings, p_detect=p)
        out.append(simulate_truce(point, runs, rng=seed, block=block, engine=engine, progress=step))
    return out


def _overall(progress: Any, offset: int, total: int, done: int, _of: int) -> None:
    progress(offset + done, total)


# --- defaults from a scenario ---------------------------------------------------------------

#: Temptation of a side whose position is at the far end of the scale from the truce, at
#: salience 1 (Axelrod's T - R).
BASE_TEMPTATION = 2.0


def monitoring_quality(level: float) -> tuple[float, float]:
    """``(p_detect, p_false)`` of a monitoring regime at ``level`` in [0, 1] (an assumption).

    Level 0 ("each side judges violations itself"): a side is sure who fired only half the time
    and accuses the other of a violation that did not happen on one day in twenty; level 1
    (technical means and monitors on the ground): 95% detection, one false alarm in a thousand
    days. Linear in between. These are analyst's assumptions, not estimates.
    """
    x = min(1.0, max(0.0, level))
    return (0.5 + 0.45 * x, 0.05 * (1.0 - x) + 0.001 * x)


def truce_settings(
    scenario: Scenario,
    *,
    sides: tuple[str, str] | None = None,
    ceasefire_issue: str = "ceasefire",
    monitoring_issue: str = "monitoring",
    monitoring: float | None = None,
    **overrides: Any,
) -> TruceSettings:
    """Settings for the scenario's truce: its belligerents, temptations and monitoring.

    ``sides``: default the two parties (role ``party``) of highest capability, in file order on
    ties. Temptation of side ``i``: ``BASE_TEMPTATION * s_i * |high - x_i| / width`` from its
    stake on ``ceasefire_issue`` (the truce is the issue's ``high`` end; salience ``s_i``,
    position ``x_i``), or the base when it has none. Monitoring: ``monitoring`` (a value on the
    scale of ``monitoring_issue``) or that issue's status quo, mapped by
    :func:`monitoring_quality`. Keyword ``overrides`` replace any field. ValueError for an
    unknown side or fewer than two parties.
    """
    if sides is None:
        parties = [a for a in scenario.actors if a.role == "party"]
        if len(parties) < 2:
            raise ValueError("a truce needs two sides; the scenario has fewer than two parties")
        ranked = sorted(parties, key=lambda a: -a.capability)
        first, second = ranked[0].id, ranked[1].id
        order = [a.id for a in scenario.actors]
        sides = (first, second) if order.index(first) < order.index(second) else (second, first)
    known = {a.id for a in scenario.actors}
    for side in sides:
        if side not in known:
            raise ValueError(f"unknown actor {side!r}")
    issues = {issue.id: issue for issue in scenario.issues}
    temptation = [BASE_TEMPTATION, BASE_TEMPTATION]
    if ceasefire_issue in issues:
        issue = issues[ceasefire_issue]
        for i, side in enumerate(sides):
            for stake in scenario.stakes_on(issue.id):
                if stake.actor == side:
                    gap = abs(issue.high - stake.position) / issue.width
                    temptation[i] = BASE_TEMPTATION * stake.salience * gap
    values: dict[str, Any] = {"sides": tuple(sides), "temptation": tuple(temptation)}
    if monitoring_issue in issues:
        issue = issues[monitoring_issue]
        level = monitoring if monitoring is not None else issue.status_quo
        if level is not None:
            values["p_detect"], values["p_false"] = monitoring_quality(
                (level - issue.low) / issue.width
            )
    values.update(overrides)
    return TruceSettings(**values)
