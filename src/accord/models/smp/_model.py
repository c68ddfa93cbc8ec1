"""``SpatialModel``: KTAB's spatial model of politics behind accord's one model interface.

Algorithm
---------
1. The scenario's issues (all, or the ``issues`` chosen) become the dimensions of one joint
   problem (:func:`problem_from_profiles`): positions rescaled from each issue's scale to
   [0, 1], saliences kept (or divided by the largest actor total if some total exceeds 1),
   capabilities as given; any issue not chosen is solved alone, as a one-dimensional SMP.
2. KTAB's rounds run until its stopping rule holds (:func:`accord.models.smp.run`; the
   round-by-round algorithm is in the package docstring).
3. The forecast of each issue is the capability-weighted mean of the final positions of the
   actors holding a stake on it, on the issue's scale; the note gives the alternative KTAB
   reports, the final position with the highest winning probability. The history keeps every
   state's positions and winning probabilities (round 0 the initial state).

Hyperparameters left at None take the scenario file's values (KTAB XML, ``models: {smp:}``)
and else KTAB's defaults. Stochastic transitions draw from KTAB's own PRNG when a KTAB seed is
in force - so KTAB's seeded runs can be replayed - and else from numpy's Generator (``rng``;
in Monte Carlo one child stream per sample).

Sources
-------
- Wise, B., Lester, S. & Efird, B. (2017), "Multidimensional Bargaining using KTAB", KAPSARC
  discussion paper KS-1736-DP079A.
- Wise, B. et al. (2015), "An Introduction to the KAPSARC Toolkit for Behavioral Analysis
  (KTAB) using One-Dimensional Spatial Models", KAPSARC discussion paper KS-1517-DP025A.
- KTAB repository, https://github.com/KAPSARC/KTAB (MIT licence), ``examples/smp``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from accord.errors import InputError
from accord.forecast import Forecast, IssueForecast, SpatialRound
from accord.models._base import Consent, Model
from accord.models.smp._batch import batchable, run_batch
from accord.models.smp._engine import Trajectory, run
from accord.models.smp._options import SMPOptions
from accord.models.smp._prng import KtabPRNG
from accord.randomness import RNGLike, as_generator
from accord.scenario import Profile, Scenario
from accord.validation import validate

__all__ = ["SpatialModel", "SpatialProblem", "problem_from_profiles"]

FloatArray = NDArray[np.float64]
_OPTION_NAMES = tuple(f.name for f in fields(SMPOptions))


@dataclass(frozen=True)
class SpatialProblem:
    """One sample's joint problem on KTAB's scales: ``positions`` and ``saliences`` (n, d) on
    [0, 1], ``capabilities`` (n,), and which actor holds a stake on which issue."""

    actors: tuple[str, ...]
    issues: tuple[str, ...]
    positions: FloatArray
    saliences: FloatArray
    capabilities: FloatArray
    holds: NDArray[np.bool_]  # (n, d): the actor has a stake on the issue
    lows: FloatArray
    widths: FloatArray

    def to_scale(self, values: FloatArray) -> FloatArray:
        """Values on [0, 1] (..., d) back on each issue's own scale."""
        return np.asarray(self.lows + values * self.widths, dtype=np.float64)


def problem_from_profiles(profiles: Sequence[Profile], sample: int | None = None) -> SpatialProblem:
    """The joint problem of one sample (``sample`` indexes batched profiles; None: unbatched).

    Positions are rescaled from each issue's scale to [0, 1]; saliences (accord's [0, 1] per
    issue) are kept, unless some actor's total over the issues exceeds 1 - KTAB requires it to
    be at most 1 - in which case all are divided by the largest total (one factor for everyone,
    so the actors' relative saliences are unchanged). An actor without a stake on an issue
    gets salience 0 on it and, as its position there, the issue's status quo or, without one,
    the salience-and-capability-weighted mean position of the holders. Actors with no salience
    at all are left out (their positions cannot move anyone, nor can they be moved).
    """
    order: dict[str, int] = {}
    capability: dict[str, float] = {}
    for profile in profiles:
        caps = profile.capabilities if sample is None else profile.capabilities[sample]
        for actor, cap in zip(profile.actors, np.asarray(caps).tolist(), strict=True):
            order.setdefault(actor, len(order))
            capability.setdefault(actor, float(cap))
    n, d = len(order), len(profiles)
    pos = np.zeros((n, d))
    sal = np.zeros((n, d))
    holds = np.zeros((n, d), dtype=bool)
    lows = np.array([p.issue.low for p in profiles], dtype=np.float64)
    widths = np.array([p.issue.width for p in profiles], dtype=np.float64)
    for k, profile in enumerate(profiles):
        x = profile.positions if sample is None else profile.positions[sample]
        s = profile.saliences if sample is None else profile.saliences[sample]
        rows = [order[a] for a in profile.actors]
        width = widths[k] if widths[k] > 0 else 1.0
        scaled = np.clip((np.asarray(x, dtype=np.float64) - lows[k]) / width, 0.0, 1.0)
        pos[rows, k] = scaled
        sal[rows, k] = np.clip(np.asarray(s, dtype=np.float64), 0.0, None)
        holds[rows, k] = True
        missing = ~holds[:, k]
        if missing.any():
            sq = profile.issue.status_quo
            if sq is not None:
                fill = (sq - lows[k]) / width
            else:
                w = sal[rows, k] * np.array([capability[a] for a in profile.actors])
                fill = float((w * scaled).sum() / w.sum()) if w.sum() > 0 else float(scaled.mean())
            pos[missing, k] = float(np.clip(fill, 0.0, 1.0))
    total = sal.sum(axis=1)
    keep = total > 0
    largest = float(total.max(initial=0.0))
    if largest > 1.0:
        sal = sal / largest
    actors = tuple(a for a in order if keep[order[a]])
    return SpatialProblem(
        actors=actors,
        issues=tuple(p.issue.id for p in profiles),
        positions=pos[keep],
        saliences=sal[keep],
        capabilities=np.array([capability[a] for a in actors], dtype=np.float64),
        holds=holds[keep],
        lows=lows,
        widths=widths,
    )


def _capability_weighted(problem: SpatialProblem, positions: FloatArray) -> FloatArray:
    """Per issue, the capability-weighted mean of the final positions of the stake holders."""
    w = problem.capabilities[:, None] * problem.holds
    total = w.sum(axis=0)
    safe = np.where(total > 0, total, 1.0)
    return np.asarray((w * positions).sum(axis=0) / safe, dtype=np.float64)


def _chooser(draw: Callable[[], float]) -> Callable[[FloatArray], int]:
    def choose(p: FloatArray) -> int:
        u = draw()
        edges = np.cumsum(p)
        return min(int(np.searchsorted(edges, u, side="left")), len(p) - 1)

    return choose


class SpatialModel(Model):
    """KTAB's spatial model of politics: all (or the ``issues`` chosen) issues of a scenario are
    the dimensions of one joint bargaining model. Every KTAB parameter is a keyword under its
    field name in :class:`~accord.models.smp.SMPOptions` (KTAB's values, e.g.
    ``voting_rule="PropCbc"``); None takes the scenario file's value, else KTAB's default.
    ``seed`` is a KTAB PRNG seed, ``ideal_adjustment`` KTAB's (adjusting actor, reference actor,
    rate) triples."""

    name: ClassVar[str] = "smp"
    summary: ClassVar[str] = "KTAB's spatial model of politics: joint multi-issue bargaining"
    joint: ClassVar[bool] = True
    automatic: ClassVar[Mapping[str, str]] = {
        **Model.automatic,
        "issues": "every issue of the scenario",
        "seed": "the scenario file's KTAB seed, else the rng given",
        "ideal_adjustment": "the scenario file's, else none",
    }

    def __init__(
        self,
        *,
        victory_prob_model: str | None = None,
        voting_rule: str | None = None,
        pce_model: str | None = None,
        state_transitions: str | None = None,
        big_r_range: str | None = None,
        big_r_adjust: str | None = None,
        third_party_commit: str | None = None,
        inter_vec_brgn: str | None = None,
        bargn_model: str | None = None,
        min_iterations: int | None = None,
        max_iterations: int | None = None,
        stop_ratio: float | None = None,
        issues: tuple[str, ...] | str | None = None,
        seed: int | None = None,
        ideal_adjustment: tuple[tuple[str, str, float], ...] | None = None,
        consent: Consent | None = None,
    ) -> None:
        self.victory_prob_model = victory_prob_model
        self.voting_rule = voting_rule
        self.pce_model = pce_model
        self.state_transitions = state_transitions
        self.big_r_range = big_r_range
        self.big_r_adjust = big_r_adjust
        self.third_party_commit = third_party_commit
        self.inter_vec_brgn = inter_vec_brgn
        self.bargn_model = bargn_model
        self.min_iterations = min_iterations
        self.max_iterations = max_iterations
        self.stop_ratio = stop_ratio
        self.issues = issues
        self.seed = seed
        self.ideal_adjustment = ideal_adjustment
        self.consent = consent

    # -- parameters -------------------------------------------------------------------------
    #
    # A hyperparameter left at None takes the scenario file's value (a KTAB XML file's
    # parameters and seed, a YAML file's ``models: {smp: ...}``), else KTAB's default.

    def resolved(self, scenario: Scenario | None = None) -> dict[str, Any]:
        """The hyperparameters in force: given > the scenario file's > KTAB's defaults."""
        from_file = scenario.model_params(self.name) if scenario is not None else {}
        out: dict[str, Any] = {}
        defaults = SMPOptions()
        for name in (*_OPTION_NAMES, "issues", "seed", "ideal_adjustment"):
            value = getattr(self, name)
            if value is None:
                value = from_file.get(name)
            if value is None and name in _OPTION_NAMES:
                value = getattr(defaults, name)
            out[name] = value
        return out

    def options(self, scenario: Scenario | None = None) -> SMPOptions:
        """The KTAB options in force (ValueError naming a bad one)."""
        params = self.resolved(scenario)
        return SMPOptions(**{name: params[name] for name in _OPTION_NAMES})

    def selection(self, scenario: Scenario | None = None) -> tuple[str, ...] | None:
        """The issues chosen as the joint model's dimensions (None: all of them)."""
        issues = self.resolved(scenario)["issues"]
        if issues is None:
            return None
        if isinstance(issues, str):
            chosen = tuple(part.strip() for part in issues.split(",") if part.strip())
        else:
            chosen = tuple(str(part) for part in issues)
        if not chosen:
            raise ValueError("issues must name at least one issue (or be left out for all)")
        return chosen

    def check_params(self) -> None:
        super().check_params()
        self.options()
        self.selection()
        seed = self.seed
        if seed is not None and (
            isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**64
        ):
            raise ValueError(f"seed must be an integer in [0, 2^64); got {seed!r}")
        for pair in self.ideal_adjustment or ():
            if not (
                isinstance(pair, tuple | list)
                and len(pair) == 3
                and isinstance(pair[2], int | float)
                and 0 <= pair[2] <= 1
            ):
                raise ValueError(
                    "ideal_adjustment must list [adjusting actor, reference actor, rate in "
                    f"[0, 1]] triples; got {pair!r}"
                )

    def effective_params(self) -> dict[str, Any]:
        return self._recorded(None)

    def _recorded(self, scenario: Scenario | None) -> dict[str, Any]:
        params = self.resolved(scenario)
        if scenario is None:
            params["consent"] = self.consent
        if params["issues"] is not None:
            params["issues"] = list(self.selection(scenario) or ())
        if params["ideal_adjustment"] is not None:
            params["ideal_adjustment"] = [list(p) for p in params["ideal_adjustment"]]
        return params

    def check_scenario(self, scenario: Scenario) -> None:
        """InputError (one line) when the issues or actors named do not exist in the scenario,
        or when the scenario file's parameters are invalid."""
        try:
            self.options(scenario)
            self.selection(scenario)
        except ValueError as exc:
            raise InputError(scenario.id, str(exc), where="smp") from None
        known = [issue.id for issue in scenario.issues]
        for issue in self.selection(scenario) or ():
            if issue not in known:
                raise InputError(
                    scenario.id,
                    f"unknown issue {issue!r}; the scenario's issues are {', '.join(known)}",
                    where="smp.issues",
                )
        actors = {a.id for a in scenario.actors}
        for pair in self.resolved(scenario)["ideal_adjustment"] or ():
            for actor in pair[:2]:
                if actor not in actors:
                    raise InputError(
                        scenario.id, f"unknown actor {actor!r}", where="smp.ideal_adjustment"
                    )

    # -- running ----------------------------------------------------------------------------

    def _groups(self, ids: Sequence[str], scenario: Scenario | None) -> list[list[int]]:
        """Indices of the issues solved together: the selection as one joint problem, each
        other issue alone."""
        chosen = self.selection(scenario)
        joint = [k for k, i in enumerate(ids) if chosen is None or i in chosen]
        groups = [joint] if joint else []
        groups += [[k] for k in range(len(ids)) if k not in joint]
        return groups

    def _run(
        self,
        problem: SpatialProblem,
        params: dict[str, Any],
        options: SMPOptions,
        draw: Callable[[], float] | None,
    ) -> Trajectory:
        choose = _chooser(draw) if options.stochastic and draw is not None else None
        if options.stochastic and choose is None:
            raise ValueError("stochastic transitions need a random stream")
        return run(
            problem.positions,
            problem.saliences,
            problem.capabilities,
            options,
            accommodation=_accommodation(problem.actors, params["ideal_adjustment"]),
            choose=choose,
        )

    @staticmethod
    def _draw(seed: int, ktab: bool) -> Callable[[], float]:
        """Uniform draws: KTAB's own PRNG for a KTAB seed, else numpy's Generator."""
        if ktab:
            return KtabPRNG(seed).uniform
        generator = np.random.default_rng(seed)
        return lambda: float(generator.random())

    def forecast(self, profile: Profile) -> FloatArray:
        return self.forecast_issues([profile])[0]

    def forecast_issues(
        self,
        profiles: Sequence[Profile],
        *,
        seeds: Sequence[int] | None = None,
        scenario: Scenario | None = None,
    ) -> list[FloatArray]:
        """Batched forecasts (Monte Carlo, sensitivity): sample ``s`` is its own run; with
        stochastic transitions it draws from ``seeds[s]`` (numpy's Generator), else from the
        KTAB seed in force (KTAB's PRNG) or seed 0."""
        if not profiles:
            return []
        params = self.resolved(scenario)
        options = self.options(scenario)
        shape = np.shape(profiles[0].positions)[:-1]
        samples = int(np.prod(shape)) if shape else 1
        flat = [_flatten(p) for p in profiles] if shape else list(profiles)
        out = np.zeros((samples, len(profiles)))
        ids = [p.issue.id for p in profiles]
        groups = self._groups(ids, scenario)
        if shape and batchable(options):
            for group in groups:
                out[:, group] = _batched(
                    [flat[k] for k in group], samples, options, params["ideal_adjustment"]
                )
            return [out[:, k].reshape(shape) for k in range(len(profiles))]
        for s in range(samples):
            sample = s if shape else None
            draw = None
            if options.stochastic:
                if seeds is not None:
                    draw = self._draw(int(seeds[s]), ktab=False)
                else:
                    seed = params["seed"]
                    draw = self._draw(int(seed or 0), ktab=seed is not None)
            for group in groups:
                problem = problem_from_profiles([flat[k] for k in group], sample)
                trajectory = self._run(problem, params, options, draw)
                out[s, group] = problem.to_scale(
                    _capability_weighted(problem, trajectory.rounds[-1].positions)
                )
        return [out[:, k].reshape(shape) for k in range(len(profiles))]

    def predict(self, scenario: Scenario, *, rng: RNGLike = None) -> Forecast:
        """Forecast every issue: the capability-weighted mean of the final positions of the
        actors holding a stake on it; the note names the most probable final position.

        With stochastic transitions the draws come from KTAB's PRNG when a KTAB seed is in
        force (``seed``, or the scenario file's), else from ``rng``; the seed is recorded.
        """
        self.check_params()
        validate(scenario)
        self.check_scenario(scenario)
        params = self.resolved(scenario)
        options = self.options(scenario)
        seed: int | None = None
        ktab = params["seed"] is not None
        if options.stochastic:
            seed = int(params["seed"]) if ktab else as_generator(rng)[1]
        profiles = [scenario.profile(issue.id) for issue in scenario.issues]
        ids = [p.issue.id for p in profiles]
        items: list[IssueForecast | None] = [None] * len(profiles)
        for group in self._groups(ids, scenario):
            problem = problem_from_profiles([profiles[k] for k in group])
            draw = self._draw(seed, ktab) if seed is not None else None
            trajectory = self._run(problem, params, options, draw)
            final = trajectory.rounds[-1]
            values = problem.to_scale(_capability_weighted(problem, final.positions))
            best = int(np.argmax(final.probabilities))
            for slot, k in enumerate(group):
                holders = np.flatnonzero(problem.holds[:, slot])
                rounds = tuple(
                    SpatialRound(
                        round=t,
                        positions=tuple(
                            float(v) for v in problem.to_scale(r.positions)[holders, slot]
                        ),
                        probabilities=tuple(float(v) for v in r.probabilities[holders]),
                        risk=tuple(float(v) for v in r.risk[holders]),
                        challenges=tuple(
                            problem.actors[int(r.targets[h])] if r.targets[h] >= 0 else None
                            for h in holders
                        ),
                    )
                    for t, r in enumerate(trajectory.rounds)
                )
                top = float(problem.to_scale(final.positions[best])[slot])
                note = (
                    f"{len(trajectory.rounds)} states; capability-weighted final position; "
                    f"most probable final position ({problem.actors[best]}, "
                    f"p={final.probabilities[best]:.3f}): {top:.4g}"
                )
                item = IssueForecast(
                    issue=ids[k],
                    value=float(values[slot]),
                    actors=tuple(problem.actors[h] for h in holders),
                    note=note,
                    spatial=rounds,
                )
                items[k] = self._with_consent(profiles[k], item)
        recorded = self._recorded(scenario)
        if self.consent is not None or scenario.has_decision_rules:
            recorded["consent"] = self.consent_setting() or "veto"
        return Forecast(
            model=self.name,
            scenario=scenario.id,
            issues=tuple(item for item in items if item is not None),
            params=tuple(recorded.items()),
            seed=seed,
        )


def _batched(
    profiles: Sequence[Profile],
    samples: int,
    options: SMPOptions,
    pairs: Sequence[Sequence[Any]] | None,
) -> FloatArray:
    """Forecasts (samples, issues) of one joint problem for every sample of flattened
    profiles at once (:func:`accord.models.smp._batch.run_batch`); the problems are built as
    :func:`problem_from_profiles` builds them, and a sample in which some actor has no salience
    at all is run alone."""
    order: dict[str, int] = {}
    for profile in profiles:
        for actor in profile.actors:
            order.setdefault(actor, len(order))
    n, d = len(order), len(profiles)
    pos = np.zeros((samples, n, d))
    sal = np.zeros((samples, n, d))
    cap = np.full((samples, n), np.nan)
    holds = np.zeros((n, d), dtype=bool)
    lows = np.array([p.issue.low for p in profiles], dtype=np.float64)
    widths = np.array([p.issue.width for p in profiles], dtype=np.float64)
    for k, profile in enumerate(profiles):
        rows = [order[a] for a in profile.actors]
        width = widths[k] if widths[k] > 0 else 1.0
        scaled = np.clip((np.asarray(profile.positions) - lows[k]) / width, 0.0, 1.0)
        pos[:, rows, k] = scaled
        sal[:, rows, k] = np.clip(np.asarray(profile.saliences, dtype=np.float64), 0.0, None)
        holds[rows, k] = True
        known = cap[:, rows]
        cap[:, rows] = np.where(np.isnan(known), np.asarray(profile.capabilities), known)
        missing = ~holds[:, k]
        if missing.any():
            sq = profile.issue.status_quo
            if sq is not None:
                fill = np.full(samples, (sq - lows[k]) / width)
            else:
                w = sal[:, rows, k] * cap[:, rows]
                total_w = w.sum(axis=1)
                safe = np.where(total_w > 0, total_w, 1.0)
                fill = np.where(total_w > 0, (w * scaled).sum(axis=1) / safe, scaled.mean(axis=1))
            pos[:, missing, k] = np.clip(fill, 0.0, 1.0)[:, None]
    total = sal.sum(axis=-1)
    largest = total.max(axis=-1)
    sal = np.where((largest > 1.0)[:, None, None], sal / largest[:, None, None], sal)
    whole = (total > 0).all(axis=-1)
    actors = tuple(order)
    out = np.zeros((samples, d))
    if whole.any():
        final = run_batch(
            pos[whole],
            sal[whole],
            cap[whole],
            options,
            accommodation=_accommodation(actors, pairs),
        )
        w = cap[whole][:, :, None] * holds[None, :, :]
        totals = w.sum(axis=1)
        safe = np.where(totals > 0, totals, 1.0)
        out[whole] = lows + ((w * final).sum(axis=1) / safe) * widths
    for s in np.flatnonzero(~whole):
        problem = problem_from_profiles(profiles, int(s))
        trajectory = run(
            problem.positions,
            problem.saliences,
            problem.capabilities,
            options,
            accommodation=_accommodation(problem.actors, pairs),
        )
        out[s] = problem.to_scale(_capability_weighted(problem, trajectory.rounds[-1].positions))
    return out


def _accommodation(
    actors: Sequence[str], pairs: Sequence[Sequence[Any]] | None
) -> FloatArray | None:
    """KTAB's ideal-accommodation matrix: the identity, with each (adjusting, reference, rate)
    entry set; None when there are no pairs (ideals then follow positions)."""
    if not pairs:
        return None
    index = {actor: k for k, actor in enumerate(actors)}
    matrix = np.eye(len(actors))
    for adjusting, reference, rate in pairs:
        if adjusting in index and reference in index:
            matrix[index[adjusting], index[reference]] = float(rate)
    return matrix


def _flatten(profile: Profile) -> Profile:
    """The profile with its sample axes flattened to one."""
    n = np.shape(profile.positions)[-1]
    return replace(
        profile,
        positions=np.reshape(profile.positions, (-1, n)),
        saliences=np.reshape(profile.saliences, (-1, n)),
        capabilities=np.reshape(profile.capabilities, (-1, n)),
    )
