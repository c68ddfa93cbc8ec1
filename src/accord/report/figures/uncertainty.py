"""Uncertainty figures: each model's Monte Carlo forecast distribution, and the tornado chart.

- :func:`distribution_figure` - histogram, 80% and 95% intervals and the point forecast;
- :func:`tornado_figure` - one-at-a-time swings with their sign (which end of each input moves
  the forecast which way), the tornado diagram of Howard (1988).

Source: Howard, R. A. (1988), "Decision analysis: practice and promise", *Management Science*
34(6): 679-695.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from accord.forecast import Forecast
from accord.report.figures._layout import (
    LEFT,
    RIGHT,
    WIDTH,
    heading,
    model_colour,
    num,
    scale_axis,
    scale_words,
)
from accord.report.svg import (
    INK,
    MUTED,
    OKABE_ITO,
    Figure,
    Line,
    Rect,
    Shape,
    Text,
    legend,
    marker,
    scale,
    ticks,
    truncate,
)
from accord.scenario import Scenario

if TYPE_CHECKING:
    from accord.uncertainty import MonteCarlo, Sensitivity

__all__ = ["HIGH_END", "LOW_END", "distribution_figure", "tornado_figure"]


def distribution_figure(
    scenario: Scenario, issue_id: str, uncertainty: MonteCarlo, forecasts: Sequence[Forecast]
) -> Figure:
    """Each model's Monte Carlo forecast distribution on one issue (histogram, 80% and 95%
    intervals, and the point forecast)."""
    issue = scenario.issue(issue_id)
    item = uncertainty[issue_id]
    to_x = scale(issue.low, issue.high, LEFT, RIGHT)
    point = {f.model: f.value(issue_id) for f in forecasts}
    shapes: list[Shape] = [heading(f"Forecast distributions: {issue.label}")]
    top, row = 36, 58
    words = []
    for k, (name, d) in enumerate(item.distributions):
        y0 = top + row * k
        base = y0 + 40
        colour = model_colour(k)
        shapes.append(Text(LEFT - 10, base - 12, name, anchor="end"))
        peak = max(d.counts) or 1
        for c, (a, b) in zip(d.counts, itertools.pairwise(d.edges), strict=True):
            if c:
                h = 34 * c / peak
                share = c / uncertainty.samples
                shapes.append(
                    Rect(
                        to_x(a) + 0.5,
                        base - h,
                        to_x(b) - to_x(a) - 1,
                        h,
                        fill=colour,
                        opacity=0.75,
                        tip=f"{num(a)}-{num(b)}: {share:.1%}",
                    )
                )
        p2, p10, _p50, p90, p97 = d.percentiles
        shapes.append(Line(to_x(p2), base + 6, to_x(p97), base + 6, stroke=INK, width=1))
        shapes.append(
            Line(
                to_x(p10),
                base + 6,
                to_x(p90),
                base + 6,
                stroke=INK,
                width=4,
                tip=f"80% interval {num(p10)}-{num(p90)}",
            )
        )
        if name in point:
            shapes.append(
                marker(
                    k,
                    to_x(point[name]),
                    base + 6,
                    9,
                    colour,
                    tip=f"point forecast {num(point[name])}",
                )
            )
        shapes.append(Line(LEFT, base, RIGHT, base, stroke="#dddddd"))
        words.append(
            f"{name}: mean {num(d.mean)}, 80% interval {num(p10)} to {num(p90)}, 95% interval "
            f"{num(p2)} to {num(p97)}"
        )
    axis_y = top + row * len(item.distributions) + 4
    shapes += scale_axis(issue, to_x, axis_y, labels=False)
    shapes.append(
        Text(
            LEFT,
            axis_y + 34,
            f"{uncertainty.samples:,} samples, seed {uncertainty.seed}; bars: "
            "share of samples; thick line: 80% interval, thin: 95%; marker: point forecast",
            size=10,
            fill=MUTED,
        )
    )
    description = (
        f"Distribution of each model's forecast of {issue.label} over {uncertainty.samples:,} "
        f"Monte Carlo samples (scale {scale_words(issue)}). " + "; ".join(words) + "."
    )
    return Figure(
        WIDTH, axis_y + 46, f"Forecast distributions on {issue.label}", description, tuple(shapes)
    )


LOW_END = OKABE_ITO[1]  # sky blue: the input at the low end of its range
HIGH_END = OKABE_ITO[4]  # vermillion: the input at the high end


def tornado_figure(
    scenario: Scenario,
    issue_id: str,
    sensitivities: Sequence[Sensitivity],
    forecast: Forecast,
    *,
    top: int = 8,
) -> Figure:
    """The inputs that move one model's forecast of one issue most, largest swing first.

    Each bar runs from the forecast with the input at the low end of its range to the forecast
    with it at the high end (every other input at its point value); the sky-blue part is the
    low end, the vermillion part the high end, so the sign of each swing is visible.
    """
    issue = scenario.issue(issue_id)
    model = forecast.model
    base = forecast.value(issue_id)
    chosen = sorted(
        (s for s in sensitivities if dict(s.swing).get(model, 0.0) > 0),
        key=lambda s: -dict(s.swing)[model],
    )[:top]
    to_x = scale(issue.low, issue.high, LEFT + 60, RIGHT)
    shapes: list[Shape] = [heading(f"What moves the {model} forecast: {issue.label}")]
    first, row = 40, 24
    words = []
    for k, s in enumerate(chosen):
        y = first + row * k + 10
        low, high = dict(s.at_low)[model], dict(s.at_high)[model]
        shapes.append(
            Text(
                LEFT + 50,
                y + 4,
                truncate(f"{s.input} ({num(s.low)}-{num(s.high)})", LEFT + 40, 10),
                size=10,
                anchor="end",
                tip=f"{s.input}: range {num(s.low)} to {num(s.high)}",
            )
        )
        for value, colour, end in ((low, LOW_END, "low"), (high, HIGH_END, "high")):
            a, b = sorted((to_x(base), to_x(value)))
            shapes.append(
                Rect(
                    a,
                    y - 8,
                    max(b - a, 1),
                    16,
                    fill=colour,
                    tip=f"{s.input} at its {end} end ({num(s.low if end == 'low' else s.high)}):"
                    f" forecast {num(value)}",
                )
            )
        direction = "raises" if high > low else "lowers"
        words.append(
            f"{s.input} (range {num(s.low)} to {num(s.high)}) {direction} the forecast: "
            f"{num(low)} at its low end, {num(high)} at its high end"
        )
    bottom = first + row * max(len(chosen), 1) + 6
    bx = to_x(base)
    shapes.append(Line(bx, first - 4, bx, bottom, stroke=INK, width=1.5))
    shapes.append(Text(bx, first - 8, f"point forecast {num(base)}", size=10, anchor="middle"))
    if not chosen:
        shapes.append(
            Text(LEFT + 60, first + 16, "no uncertain input moves this forecast", fill=MUTED)
        )
    for value in ticks(issue.low, issue.high):
        shapes.append(Line(to_x(value), bottom, to_x(value), bottom + 4, stroke=MUTED))
        shapes.append(
            Text(to_x(value), bottom + 15, num(value), size=10, anchor="middle", fill=MUTED)
        )
    shapes.append(Line(LEFT + 60, bottom, RIGHT, bottom, stroke=MUTED))
    shapes += legend(
        [
            (lambda x, y: Rect(x - 6, y - 5, 12, 10, fill=LOW_END), "input at the low end"),
            (lambda x, y: Rect(x - 6, y - 5, 12, 10, fill=HIGH_END), "input at the high end"),
        ],
        LEFT + 60,
        bottom + 36,
    )
    description = (
        f"Tornado chart for the {model} forecast of {issue.label} (point forecast {num(base)}). "
        + ("; ".join(words) if words else "No uncertain input moves it")
        + "."
    )
    return Figure(
        WIDTH,
        bottom + 50,
        f"What moves the {model} forecast of {issue.label}",
        description,
        tuple(shapes),
    )
