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
from accord.scenario import Scenario
from accord.uncertainty import MonteCarlo

__all__ = ["Backtest", "IssueResult", "ModelScore", "backtest"]


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
            "forecasts": dict(self.forecasts),
            "errors": self.errors(),
        }
        if self.intervals:
            out["interval_95"] = {model: list(span) for model, span in self.intervals}
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
            "mae": self.mae,
            "ci": [self.ci_low, self.ci_high],
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
        if n:
            resampled = errors[draws].mean(axis=1)
            low, high = np.quantile(resampled, [(1 - level) / 2, (1 + level) / 2])
            mae = float(errors.mean())
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
                model=name, n=n, mae=mae, ci_low=float(low), ci_high=float(high), coverage=coverage
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
