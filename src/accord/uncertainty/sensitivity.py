"""Which uncertain input moves each model's forecast most.

Algorithm
---------
*One at a time (tornado).* For each input on an issue - the positions and saliences of its
stakes and the capabilities of the actors holding them - the forecast is computed with that
input at the low end of its range and at the high end, every other input at its point value.
The swing is ``|forecast(high) - forecast(low)|``; an input without a range has a swing of
exactly 0. All perturbations of an issue are one batched call of each model.

*First-order (Sobol) index from the Monte Carlo samples.* ``S_i = Var(E[Y | X_i]) / Var(Y)``,
the share of the forecast's variance explained by input ``X_i`` alone (Sobol' 1993). It is
estimated from the given samples, without extra model runs: the samples are sorted by ``X_i``
and cut into ``B`` bins of equal count; the between-bin variance of the bin means over the total
variance is the correlation ratio (Pearson's eta squared), the given-data estimator of first-order
indices (Plischke, Borgonovo & Smith 2013). Its upward bias of about ``(B - 1) / N`` is removed
as in omega squared (Hays 1963):

    S_i = (SS_between - (B - 1) MS_within) / (SS_total + MS_within),   clipped to [0, 1],

with ``B = 32`` bins, from the first ``min(N, 65536)`` samples (the inputs of those samples are
drawn again from the same streams, so nothing depends on how the run was chunked). An input
without a range, or a forecast without variance, has index 0.

Sources
-------
- Sobol', I. M. (1993), "Sensitivity estimates for nonlinear mathematical models", *Mathematical
  Modelling and Computational Experiments* 1(4): 407-414.
- Plischke, E., Borgonovo, E. & Smith, C. L. (2013), "Global sensitivity measures from given
  data", *European Journal of Operational Research* 226(3): 536-550.
- Hays, W. L. (1963), *Statistics for Psychologists*, Holt, Rinehart & Winston (omega squared).
- Saltelli, A. et al. (2008), *Global Sensitivity Analysis: The Primer*, Wiley (tornado plots,
  ch. 1).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord.models import Model
from accord.scenario import Scenario
from accord.uncertainty.inputs import Layout, UncertainInput, draw, inputs_of
from accord.uncertainty.montecarlo import MonteCarlo

__all__ = ["SOBOL_BINS", "SOBOL_SAMPLES", "Sensitivity", "first_order", "sensitivity"]

SOBOL_BINS = 32
SOBOL_SAMPLES = 65_536


@dataclass(frozen=True, slots=True)
class Sensitivity:
    """One input's effect on each model's forecast of one issue."""

    input: str
    low: float
    high: float
    at_low: tuple[tuple[str, float], ...]
    at_high: tuple[tuple[str, float], ...]
    swing: tuple[tuple[str, float], ...]
    sobol: tuple[tuple[str, float | None], ...]

    @property
    def largest_swing(self) -> float:
        return max((v for _, v in self.swing), default=0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "low": self.low,
            "high": self.high,
            "swing": dict(self.swing),
            "sobol": dict(self.sobol),
            "forecast_at_low": dict(self.at_low),
            "forecast_at_high": dict(self.at_high),
        }


def first_order(x: NDArray[np.float64], y: NDArray[np.float64], bins: int = SOBOL_BINS) -> float:
    """The bias-corrected first-order index of ``x`` for ``y`` (see the module docstring)."""
    n = len(y)
    if n < 2 * bins or np.ptp(x) == 0:
        return 0.0
    total = float(np.sum((y - y.mean()) ** 2))
    if total <= 0:
        return 0.0
    order = np.argsort(x, kind="stable")
    group = (np.arange(n) * bins) // n
    sums = np.bincount(group, weights=y[order], minlength=bins)
    counts = np.bincount(group, minlength=bins)
    means = sums / counts
    between = float(np.sum(counts * (means - y.mean()) ** 2))
    within_mean_square = (total - between) / (n - bins)
    estimate = (between - (bins - 1) * within_mean_square) / (total + within_mean_square)
    return float(min(1.0, max(0.0, estimate)))


def _relevant(scenario: Scenario, issue_id: str, inputs: tuple[UncertainInput, ...]) -> list[int]:
    holders = {s.actor for s in scenario.stakes_on(issue_id)}
    return [
        j
        for j, item in enumerate(inputs)
        if item.issue == issue_id or (item.kind == "capability" and item.actor in holders)
    ]


def sensitivity(
    scenario: Scenario,
    models: Mapping[str, Model],
    monte_carlo: MonteCarlo | None = None,
) -> dict[str, list[Sensitivity]]:
    """Per issue, every relevant input's swing and first-order index, largest swing first.

    The first-order indices need ``monte_carlo`` (the samples); without it they are None.
    """
    inputs = inputs_of(scenario)
    layout = Layout(scenario, inputs)
    point = np.array([[item.mode for item in inputs]])
    values = None
    if monte_carlo is not None:
        used = min(monte_carlo.samples, SOBOL_SAMPLES)
        values = draw(inputs, monte_carlo.seed, monte_carlo.stream, 0, used)
    out: dict[str, list[Sensitivity]] = {}
    for issue in scenario.issues:
        columns = _relevant(scenario, issue.id, inputs)
        # Rows 2k and 2k+1: input columns[k] at its low and at its high end.
        batch = np.repeat(point, 2 * len(columns), axis=0)
        for k, j in enumerate(columns):
            batch[2 * k, j] = inputs[j].low
            batch[2 * k + 1, j] = inputs[j].high
        profile = layout.profile(issue.id, batch)
        at = {}
        for name, model in models.items():
            if model.joint:
                # a joint model forecasts the issue together with all the others
                profiles = [layout.profile(other.id, batch) for other in scenario.issues]
                slot = [other.id for other in scenario.issues].index(issue.id)
                joint = model.forecast_issues(profiles, seeds=[0] * len(batch), scenario=scenario)
                at[name] = model.with_consent(profile, joint[slot])
            else:
                at[name] = model.consented_forecast(profile)
        items = []
        for k, j in enumerate(columns):
            item = inputs[j]
            sobol: list[tuple[str, float | None]] = []
            for name in models:
                if values is None or monte_carlo is None:
                    sobol.append((name, None))
                elif not item.uncertain:
                    sobol.append((name, 0.0))
                else:
                    y = monte_carlo.samples_of(issue.id, name)[: len(values)]
                    sobol.append((name, first_order(values[:, j], y)))
            items.append(
                Sensitivity(
                    input=item.name,
                    low=item.low,
                    high=item.high,
                    at_low=tuple((name, float(at[name][2 * k])) for name in models),
                    at_high=tuple((name, float(at[name][2 * k + 1])) for name in models),
                    swing=tuple(
                        (name, float(abs(at[name][2 * k + 1] - at[name][2 * k]))) for name in models
                    ),
                    sobol=tuple(sobol),
                )
            )
        items.sort(key=lambda s: -s.largest_swing)  # stable: ties keep the inputs' order
        out[issue.id] = items
    return out
