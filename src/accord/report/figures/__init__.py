"""The report's figures, each a :class:`~accord.report.svg.Figure` with its text alternative.

Each builder takes results accord already computed (forecasts from :mod:`accord.models`,
Monte Carlo and sensitivities from :mod:`accord.uncertainty`, package deals from
:mod:`accord.deals`) and lays them out; nothing here computes a forecast. The same builders
serve ``accord report`` (inline SVG), ``accord plot`` (SVG or PNG files) and ``accord serve``.

- :func:`positions_figure` - a position map of one issue: every actor on the scale (size =
  capability, shade = salience, its acceptable range when it has a red line), the status quo,
  the labelled points and every model's forecast;
- :func:`forecasts_figure` - every model's forecast on every issue, each on its own scale;
- :func:`trajectory_figure` - the expected-utility model's rounds (each actor and the median);
- :func:`distribution_figure` - each model's Monte Carlo forecast distribution on one issue;
- :func:`tornado_figure` - one-at-a-time swings with their sign (which end of each input moves
  the forecast which way), the tornado diagram of Howard (1988);
- :func:`history_figure` and :func:`gaps_history_figure` - an issue's positions and forecasts,
  and the party gaps, snapshot by snapshot from the history store (``accord report --db``);
- :func:`rounds_figure` and :func:`truce_figure` - simulated talks (the round of agreement)
  and a simulated truce (the share still holding, day by day), ``accord report --simulate``;
- :func:`frontier_figure` - the Pareto frontier projected on each pair of parties, with the
  Nash, Kalai-Smorodinsky, egalitarian and utilitarian packages marked.

Sources: Howard, R. A. (1988), "Decision analysis: practice and promise", *Management Science*
34(6): 679-695 (tornado diagrams); Okabe & Ito (2008) for the palette (see
:mod:`accord.report.svg`).
"""

from __future__ import annotations

from accord.report.figures._layout import ACTOR_HUE, SOLUTIONS, model_colour, num
from accord.report.figures.deals import frontier_figure
from accord.report.figures.history import gaps_history_figure, history_figure
from accord.report.figures.scales import forecasts_figure, positions_figure, trajectory_figure
from accord.report.figures.simulate import rounds_figure, truce_figure
from accord.report.figures.uncertainty import HIGH_END, LOW_END, distribution_figure, tornado_figure

__all__ = [
    "ACTOR_HUE",
    "HIGH_END",
    "LOW_END",
    "SOLUTIONS",
    "distribution_figure",
    "forecasts_figure",
    "frontier_figure",
    "gaps_history_figure",
    "history_figure",
    "model_colour",
    "num",
    "positions_figure",
    "rounds_figure",
    "tornado_figure",
    "trajectory_figure",
    "truce_figure",
]
