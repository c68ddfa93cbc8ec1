"""How good are the models? Forecasts against known outcomes.

Algorithm
---------
Each case is a scenario with a known :class:`~accord.scenario.Outcome`. Every model forecasts
every issue that has an outcome; the error is ``|forecast - outcome|`` on the issue's own scale.
Per model we report the number of issues ``n``, the mean absolute error (MAE), and a percentile
bootstrap confidence interval for the MAE (Efron & Tibshirani 1993, ch. 13): the issues are
resampled with replacement ``resamples`` times from a seeded generator, and the interval is
the ``(1 - level)/2`` and ``(1 + level)/2`` quantiles of the resampled MAEs. All models are
resampled with the same draws, so their intervals are comparable.

With Monte Carlo results (one per case, from :func:`accord.uncertainty.monte_carlo`), each
model's forecast is the mean of its distribution, and the score adds the *coverage* of the
central 95% interval: the share of issues whose outcome lies between the 2.5th and 97.5th
percentiles of the forecasts - close to 0.95 when the stated uncertainty is honest.

A model may decline an issue by forecasting NaN (the status-quo baseline on an issue without
a status quo): it is then scored on the issues it forecasts, and ``n`` says how many.

Paired comparisons (:func:`compare`). Whether a model beats a reference model (by default the
compromise model, ``mean``) is a question about the *difference* of their errors on the same
issues: per group of issues (all, and e.g. each legislative procedure) we report each model's MAE
and the mean of ``|error_model| - |error_reference|`` over the issues both forecast, with a
paired percentile bootstrap interval (both errors of an issue are resampled together, Efron &
Tibshirani 1993, ch. 13; the same draws for every model). An interval clear of zero says the
difference is not an accident of which issues were sampled. The naive baseline
:class:`StatusQuo` forecasts that nothing changes.

The DEU III convention (an issue counts when its outcome is valid and at least three actors
have both a position and a salience; error on 0-100) is applied when the cases are read, by
:mod:`accord.io.deu3`.

Sources
-------
- Efron, B. & Tibshirani, R. J. (1993), *An Introduction to the Bootstrap*, Chapman & Hall.
- Thomson, R., Stokman, F. N., Achen, C. H. & Koenig, T. (eds.) (2006), *The European Union
  Decides*, Cambridge UP: the scoring convention for DEU forecasts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from accord.models import Model
from accord.randomness import RNGLike, as_generator
from accord.scenario import Profile, Scenario
from accord.uncertainty import MonteCarlo

__all__ = [
    "Backtest",
    "Comparison",
    "GroupScore",
    "IssueResult",
    "ModelScore",
    "StatusQuo",
    "backtest",
    "compare",
]


class StatusQuo(Model):
    """The naive baseline: nothing changes (NaN, i.e. no forecast, without a status quo).

    Not a registered model: it says nothing about the actors. Sources: the reversion point as a
    benchmark in Thomson et al. (2006), ch. 10.
    """

    name = "status_quo"
    summary = "naive baseline: the status quo stands"

    def __init__(self) -> None:
        pass

    def forecast(self, profile: Profile) -> Any:
        q = profile.issue.status_quo
        return np.full(np.shape(profile.positions)[:-1], np.nan if q is None else q)


@dataclass(frozen=True, slots=True)
class IssueResult:
    """One issue's outcome and each model's forecast and absolute error."""

    case: str
    issue: str
    outcome: float
    forecasts: tuple[tuple[str, float], ...]
    intervals: tuple[tuple[str, tuple[float, float]], ...] = ()

    def errors(self) -> dict[str, float]:
        return {model: abs(value - self.outcome) for model, value in self.forecasts}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "case": self.case,
            "issue": self.issue,
            "outcome": self.outcome,
            "forecasts": {m: _finite(v) for m, v in self.forecasts},
            "errors": {m: _finite(v) for m, v in self.errors().items()},
        }
        if self.intervals:
            out["interval_95"] = {
                model: [_finite(end) for end in span] for model, span in self.intervals
            }
        return out


@dataclass(frozen=True, slots=True)
class ModelScore:
    """A model's mean absolute error over ``n`` issues with its bootstrap interval."""

    model: str
    n: int
    mae: float
    ci_low: float
    ci_high: float
    coverage: float | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "model": self.model,
            "n": self.n,
            "mae": _finite(self.mae),
            "ci": [_finite(self.ci_low), _finite(self.ci_high)],
        }
        if self.coverage is not None:
            out["coverage_95"] = self.coverage
        return out


@dataclass(frozen=True, slots=True)
class Backtest:
    """Scores per model and the per-issue results behind them."""

    scores: tuple[ModelScore, ...]
    issues: tuple[IssueResult, ...]
    seed: int
    resamples: int
    level: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "resamples": self.resamples,
            "level": self.level,
            "models": {s.model: s.to_dict() for s in self.scores},
            "issues": [item.to_dict() for item in self.issues],
        }


def backtest(
    cases: Sequence[Scenario],
    models: Mapping[str, Model],
    *,
    rng: RNGLike = None,
    resamples: int = 10_000,
    level: float = 0.95,
    uncertainty: Sequence[MonteCarlo] | None = None,
) -> Backtest:
    """Score ``models`` (name -> model) on every issue of ``cases`` that has an outcome.

    ``uncertainty``, when given, holds each case's Monte Carlo result (in the order of
    ``cases``): the forecasts are then the distributions' means, and coverage is reported.
    """
    if resamples < 1:
        raise ValueError(f"resamples must be >= 1; got {resamples}")
    if not 0 < level < 1:
        raise ValueError(f"level must lie in (0, 1); got {level}")
    generator, seed = as_generator(rng)
    scored = [
        (k, case, issue.id, value)
        for k, case in enumerate(cases)
        if case.outcome is not None
        for issue in case.issues
        if (value := case.outcome.value(issue.id)) is not None
    ]
    forecasts: dict[str, list[float]] = {name: [] for name in models}
    intervals: dict[str, list[tuple[float, float]]] = {name: [] for name in models}
    if uncertainty is not None:
        for k, _, issue_id, _ in scored:
            summary = dict(uncertainty[k][issue_id].distributions)
            for name in models:
                forecasts[name].append(summary[name].mean)
                intervals[name].append(
                    (summary[name].percentiles[0], summary[name].percentiles[-1])
                )
    else:
        for name, model in models.items():
            predicted: dict[int, Any] = {}
            for k, case, issue_id, _ in scored:
                if k not in predicted:
                    predicted[k] = model.predict(case)
                forecasts[name].append(predicted[k].value(issue_id))
    outcomes = np.array([value for *_, value in scored])
    n = len(scored)
    draws = generator.integers(0, n, size=(resamples, n)) if n else np.zeros((resamples, 0), int)
    scores = []
    for name in models:
        errors = np.abs(np.array(forecasts[name]) - outcomes)
        coverage = None
        scored_here = int(np.isfinite(errors).sum())
        if scored_here:
            resampled = _resampled_means(errors, draws)
            low, high = np.quantile(resampled, [(1 - level) / 2, (1 + level) / 2])
            mae = float(np.nanmean(errors))
            if uncertainty is not None:
                inside = [
                    lo <= value <= hi
                    for (lo, hi), value in zip(intervals[name], outcomes, strict=True)
                ]
                coverage = sum(inside) / n
        else:
            low = high = mae = float("nan")
        scores.append(
            ModelScore(
                model=name,
                n=scored_here,
                mae=mae,
                ci_low=float(low),
                ci_high=float(high),
                coverage=coverage,
            )
        )
    results = tuple(
        IssueResult(
            case=case.id,
            issue=issue_id,
            outcome=value,
            forecasts=tuple((name, forecasts[name][j]) for name in models),
            intervals=(
                tuple((name, intervals[name][j]) for name in models)
                if uncertainty is not None
                else ()
            ),
        )
        for j, (_, case, issue_id, value) in enumerate(scored)
    )
    return Backtest(
        scores=tuple(scores), issues=results, seed=seed, resamples=resamples, level=level
    )


# --------------------------------------------------------------------------------------------
# Paired comparisons


@dataclass(frozen=True, slots=True)
class GroupScore:
    """One model on one group of issues: its MAE, and its paired difference to the reference
    (``diff`` = mean error of the model minus the reference's, over ``paired`` issues both
    forecast, with its bootstrap interval; negative = better than the reference)."""

    group: str
    model: str
    n: int
    mae: float
    paired: int
    diff: float
    diff_low: float
    diff_high: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "model": self.model,
            "n": self.n,
            "mae": _finite(self.mae),
            "paired": self.paired,
            "diff": _finite(self.diff),
            "diff_ci": [_finite(self.diff_low), _finite(self.diff_high)],
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    """Every model against ``reference``, overall (group ``"all"``) and per group."""

    reference: str
    groups: tuple[str, ...]
    scores: tuple[GroupScore, ...]
    seed: int
    resamples: int
    level: float

    def score(self, group: str, model: str) -> GroupScore:
        for item in self.scores:
            if item.group == group and item.model == model:
                return item
        raise KeyError((group, model))

    def to_dict(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "seed": self.seed,
            "resamples": self.resamples,
            "level": self.level,
            "groups": list(self.groups),
            "scores": [item.to_dict() for item in self.scores],
        }


def compare(
    result: Backtest,
    *,
    reference: str = "mean",
    groups: Mapping[str, str] | None = None,
    rng: RNGLike = None,
    resamples: int = 10_000,
    level: float = 0.95,
) -> Comparison:
    """Paired comparison of every model of ``result`` with ``reference`` (see the module doc).

    ``groups`` maps a case id to its group (e.g. ``"COD/QMV"``); issues of unnamed cases count
    only in ``"all"``. Groups are reported in sorted order after ``"all"``.
    """
    if resamples < 1:
        raise ValueError(f"resamples must be >= 1; got {resamples}")
    generator, seed = as_generator(rng)
    models = [name for name, _ in result.issues[0].forecasts] if result.issues else []
    if reference not in models:
        raise ValueError(f"reference model {reference!r} is not among {', '.join(models)}")
    errors = {name: np.array([item.errors()[name] for item in result.issues]) for name in models}
    labels = np.array([(groups or {}).get(item.case, "") for item in result.issues])
    names = ["all", *sorted({g for g in labels if g})]
    scores = []
    for group in names:
        members = np.ones(len(labels), bool) if group == "all" else labels == group
        size = int(members.sum())
        draws = generator.integers(0, size, size=(resamples, size))  # the same for every model
        for name in models:
            mine, theirs = errors[name][members], errors[reference][members]
            diff = mine - theirs  # NaN where either model declined the issue
            k = int(np.isfinite(diff).sum())
            if k:
                resampled = _resampled_means(diff, draws)
                low, high = np.quantile(resampled, [(1 - level) / 2, (1 + level) / 2])
                mean_diff = float(np.nanmean(diff))
            else:
                low = high = mean_diff = float("nan")
            finite = mine[np.isfinite(mine)]
            scores.append(
                GroupScore(
                    group=group,
                    model=name,
                    n=len(finite),
                    mae=float(finite.mean()) if len(finite) else float("nan"),
                    paired=k,
                    diff=mean_diff,
                    diff_low=float(low),
                    diff_high=float(high),
                )
            )
    return Comparison(
        reference=reference,
        groups=tuple(names),
        scores=tuple(scores),
        seed=seed,
        resamples=resamples,
        level=level,
    )


def _resampled_means(values: Any, draws: Any) -> Any:
    """The mean of the finite values of each bootstrap resample (rows of ``draws``); resamples
    that drew no finite value are left out."""
    finite = np.isfinite(values)
    sums = np.where(finite, values, 0.0)[draws].sum(axis=1)
    counts = finite[draws].sum(axis=1)
    return sums[counts > 0] / counts[counts > 0]


def _finite(value: float) -> float | None:
    """JSON has no NaN: a declined forecast or an empty group is null."""
    return value if np.isfinite(value) else None
