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
- :func:`frontier_figure` - the Pareto frontier projected on each pair of parties, with the
  Nash, Kalai-Smorodinsky, egalitarian and utilitarian packages marked.

Sources: Howard, R. A. (1988), "Decision analysis: practice and promise", *Management Science*
34(6): 679-695 (tornado diagrams); Okabe & Ito (2008) for the palette (see
:mod:`accord.report.svg`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from accord.forecast import Forecast
from accord.report.svg import (
    INK,
    MUTED,
    OKABE_ITO,
    Anchor,
    Circle,
    Figure,
    Line,
    Polygon,
    Rect,
    Shape,
    Text,
    legend,
    marker,
    scale,
    text_width,
    ticks,
    truncate,
)
from accord.scenario import Issue, Scenario

if TYPE_CHECKING:
    from accord.deals import DealAnalysis
    from accord.uncertainty import MonteCarlo, Sensitivity

__all__ = [
    "ACTOR_HUE",
    "SOLUTIONS",
    "distribution_figure",
    "forecasts_figure",
    "frontier_figure",
    "model_colour",
    "num",
    "positions_figure",
    "tornado_figure",
    "trajectory_figure",
]

WIDTH = 760
LEFT = 150
RIGHT = WIDTH - 40
ACTOR_HUE = "#0072B2"
#: Model colours: blue, vermillion, bluish green, orange, reddish purple, sky blue.
_MODEL_COLOURS = tuple(OKABE_ITO[i] for i in (3, 4, 2, 0, 5, 1))
#: The four bargaining solutions' colours and marker kinds.
SOLUTIONS = (
    ("nash", "Nash", 0),
    ("kalai_smorodinsky", "Kalai-Smorodinsky", 1),
    ("egalitarian", "egalitarian", 2),
    ("utilitarian", "utilitarian", 3),
)


def num(value: float) -> str:
    """A number for people: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"


def _drawer(k: int, size: float) -> Callable[[float, float], Shape]:
    """Draws model ``k``'s marker (for legends)."""

    def draw(x: float, y: float) -> Shape:
        return marker(k, x, y, size, model_colour(k))

    return draw


def model_colour(k: int) -> str:
    return _MODEL_COLOURS[k % len(_MODEL_COLOURS)]


def _title(text: str) -> Text:
    return Text(12, 20, text, size=13, bold=True)


def _scale_axis(issue: Issue, x: object, y: float, *, labels: bool = True) -> list[Shape]:
    """The issue's scale as an axis at height ``y``: ticks at the labelled points (or round
    numbers), their values, and (staggered, shortened; full text in the tooltip) their labels."""
    to_x = x  # a callable from scale value to pixel
    assert callable(to_x)
    out: list[Shape] = [Line(LEFT, y, RIGHT, y, stroke=MUTED)]
    points = [v for v, _ in issue.labels] if issue.labels else ticks(issue.low, issue.high)
    names = dict(issue.labels)
    gap = (RIGHT - LEFT) / max(len(points), 1)
    for k, value in enumerate(points):
        px = to_x(value)
        out.append(Line(px, y, px, y + 5, stroke=MUTED))
        out.append(Text(px, y + 16, num(value), size=10, anchor="middle", fill=MUTED))
        if labels and value in names:
            text = truncate(names[value], 2 * gap - 8, 10)
            half = text_width(text, 10) / 2
            anchor: Anchor = "middle"
            if px - half < 4:
                anchor, px = "start", max(px - 8, 4.0)
            elif px + half > WIDTH - 4:
                anchor, px = "end", min(px + 8, WIDTH - 4.0)
            out.append(
                Text(px, y + 29 + 12 * (k % 2), text, size=10, anchor=anchor, tip=names[value])
            )
    return out


def _scale_words(issue: Issue) -> str:
    low, high = num(issue.low), num(issue.high)
    names = dict(issue.labels)
    if issue.low in names and issue.high in names:
        return f"from {low} ({names[issue.low]}) to {high} ({names[issue.high]})"
    return f"from {low} to {high}"


def positions_figure(scenario: Scenario, issue_id: str, forecasts: Sequence[Forecast]) -> Figure:
    """Where every actor stands on one issue, and where each model expects the outcome."""
    issue = scenario.issue(issue_id)
    stakes = scenario.stakes_on(issue_id)
    to_x = scale(issue.low, issue.high, LEFT, RIGHT)
    shapes: list[Shape] = [_title(f"Positions: {issue.label}")]
    top = 38
    band = top + 16 * len(forecasts)
    rows_top = band + 10
    row = 30
    rows_bottom = rows_top + row * max(len(stakes), 1)
    # The forecasts: one line of markers per model, and a faint line down through the actors.
    for k, f in enumerate(forecasts):
        value = f.value(issue_id)
        y: float = top + 16 * k + 8
        shapes.append(Text(LEFT - 10, y + 4, f.model, size=10, anchor="end", fill=MUTED))
        shapes.append(Line(LEFT, y, RIGHT, y, stroke="#eeeeee"))
        shapes.append(
            Line(
                to_x(value),
                y,
                to_x(value),
                rows_bottom,
                stroke=model_colour(k),
                opacity=0.5,
                width=1.5,
            )
        )
        shapes.append(
            marker(k, to_x(value), y, 10, model_colour(k), tip=f"{f.model} forecast: {num(value)}")
        )
    if issue.status_quo is not None:
        sx = to_x(issue.status_quo)
        shapes.append(Line(sx, band + 2, sx, rows_bottom, stroke=INK, dash="4 3"))
        shapes.append(Text(sx + 4, rows_bottom - 4, "status quo", size=10, fill=MUTED))
    biggest = max((scenario.actor(s.actor).capability for s in stakes), default=1.0)
    words = []
    for k, stake in enumerate(stakes):
        actor = scenario.actor(stake.actor)
        y = rows_top + row * k + row / 2
        shapes.append(Text(LEFT - 10, y + 4, truncate(actor.label, LEFT - 20, 11), anchor="end"))
        shapes.append(Line(LEFT, y, RIGHT, y, stroke="#f0f0f0"))
        px = to_x(stake.position)
        red_line = ""
        if stake.reservation is not None:
            reach = abs(stake.reservation - stake.position)
            a = to_x(max(issue.low, stake.position - reach))
            b = to_x(min(issue.high, stake.position + reach))
            shapes.append(
                Rect(
                    a,
                    y - 3,
                    b - a,
                    6,
                    fill=ACTOR_HUE,
                    opacity=0.18,
                    tip=f"{actor.label} accepts {num(max(issue.low, stake.position - reach))}"
                    f" to {num(min(issue.high, stake.position + reach))} "
                    f"(red line {num(stake.reservation)})",
                )
            )
            rx = to_x(stake.reservation)
            shapes.append(Line(rx, y - 7, rx, y + 7, stroke=ACTOR_HUE, width=2))
            red_line = f", red line {num(stake.reservation)}"
        radius = 3 + 9 * math.sqrt(actor.capability / biggest)
        tip = (
            f"{actor.label}: position {num(stake.position)}, salience {num(stake.salience)}, "
            f"capability {num(actor.capability)}{red_line}"
        )
        shapes.append(
            Circle(px, y, radius, fill=ACTOR_HUE, opacity=0.15 + 0.85 * stake.salience, tip=tip)
        )
        shapes.append(Circle(px, y, radius, fill="none", stroke=ACTOR_HUE))
        words.append(
            f"{actor.label} at {num(stake.position)} (capability {num(actor.capability)}, "
            f"salience {num(stake.salience)}{red_line})"
        )
    shapes += _scale_axis(issue, to_x, rows_bottom + 6)
    foot = rows_bottom + 62
    items = [(_drawer(k, 10), f.model) for k, f in enumerate(forecasts)]
    items.append((lambda x, y: Circle(x, y, 6, fill=ACTOR_HUE, opacity=0.6), "actor"))
    shapes += legend(items, LEFT, foot)
    shapes.append(
        Text(
            LEFT,
            foot + 20,
            "circle size = capability, shade = salience; bar = outcomes the actor accepts, "
            "tick = its red line",
            size=10,
            fill=MUTED,
        )
    )
    description = (
        f"Position map of {issue.label} on a scale {_scale_words(issue)}. "
        + "; ".join(words)
        + "."
        + ("" if issue.status_quo is None else f" Status quo {num(issue.status_quo)}.")
        + (
            " Forecasts: "
            + ", ".join(f"{f.model} {num(f.value(issue_id))}" for f in forecasts)
            + "."
            if forecasts
            else ""
        )
    )
    return Figure(WIDTH, foot + 32, f"Positions on {issue.label}", description, tuple(shapes))


def forecasts_figure(scenario: Scenario, forecasts: Sequence[Forecast]) -> Figure:
    """Every model's forecast on every issue, each issue on its own scale."""
    shapes: list[Shape] = [_title(f"Forecasts: {scenario.title}")]
    top, row = 40, 34
    words = []
    for n, issue in enumerate(scenario.issues):
        to_x = scale(issue.low, issue.high, LEFT, RIGHT)
        y = top + row * n + 12
        shapes.append(Text(LEFT - 10, y + 4, truncate(issue.label, LEFT - 20, 11), anchor="end"))
        shapes.append(Line(LEFT, y, RIGHT, y, stroke=MUTED))
        for value in (issue.low, issue.high):
            shapes.append(Line(to_x(value), y - 4, to_x(value), y + 4, stroke=MUTED))
        names = dict(issue.labels)
        for value, text in issue.labels:
            shapes.append(Line(to_x(value), y - 3, to_x(value), y + 3, stroke=MUTED, tip=text))
        shapes.append(Text(LEFT, y + 15, num(issue.low), size=9, fill=MUTED))
        shapes.append(Text(RIGHT, y + 15, num(issue.high), size=9, fill=MUTED, anchor="end"))
        if issue.status_quo is not None:
            sx = to_x(issue.status_quo)
            shapes.append(
                Polygon(
                    ((sx, y + 2), (sx - 4, y + 9), (sx + 4, y + 9)),
                    fill="none",
                    stroke=INK,
                    tip=f"status quo {num(issue.status_quo)}",
                )
            )
        values = []
        for k, f in enumerate(forecasts):
            value = f.value(issue.id)
            nearest = issue.nearest_label(value)
            near = f" (nearest label {num(nearest[0])}: {nearest[1]})" if nearest else ""
            shapes.append(
                marker(
                    k, to_x(value), y - 5, 9, model_colour(k), tip=f"{f.model}: {num(value)}" + near
                )
            )
            values.append(f"{f.model} {num(value)}")
        low_name = names.get(issue.low)
        words.append(
            f"{issue.label} ({_scale_words(issue) if low_name else 'scale ' + _scale_words(issue)}"
            f"): {', '.join(values)}"
        )
    foot = top + row * len(scenario.issues) + 8
    items = [(_drawer(k, 9), f.model) for k, f in enumerate(forecasts)]
    items.append(
        (
            lambda x, y: Polygon(
                ((x, y - 3), (x - 4, y + 4), (x + 4, y + 4)), fill="none", stroke=INK
            ),
            "status quo",
        )
    )
    shapes += legend(items, LEFT, foot)
    description = "Forecasts of every model on every issue. " + "; ".join(words) + "."
    return Figure(WIDTH, foot + 16, "Forecasts on every issue", description, tuple(shapes))


def trajectory_figure(scenario: Scenario, issue_id: str, forecast: Forecast) -> Figure | None:
    """The rounds of a dynamic model on one issue: each actor's position and the median."""
    item = forecast[issue_id]
    if not item.rounds:
        return None
    issue = scenario.issue(issue_id)
    start = [s.position for s in scenario.stakes_on(issue_id)]
    series = [start, *[list(r.positions) for r in item.rounds]]
    medians = [_median_start(scenario, issue_id), *[r.median for r in item.rounds]]
    rounds = len(series) - 1
    top, bottom, left, right = 36, 276, 70, WIDTH - 150
    to_x = scale(0, max(rounds, 1), left, right)
    to_y = scale(issue.low, issue.high, bottom, top)
    shapes: list[Shape] = [_title(f"{forecast.model} rounds: {issue.label}")]
    for value in ticks(issue.low, issue.high):
        shapes.append(Line(left, to_y(value), right, to_y(value), stroke="#eeeeee"))
        shapes.append(
            Text(left - 8, to_y(value) + 4, num(value), size=10, anchor="end", fill=MUTED)
        )
    for t in ticks(0, max(rounds, 1), min(rounds + 1, 8)):
        if float(t).is_integer():
            shapes.append(
                Text(to_x(t), bottom + 16, str(int(t)), size=10, anchor="middle", fill=MUTED)
            )
    shapes.append(
        Text((left + right) / 2, bottom + 32, "round", size=10, anchor="middle", fill=MUTED)
    )
    shapes.append(Line(left, bottom, right, bottom, stroke=MUTED))
    ends: list[tuple[float, str, str]] = []
    words = []
    for a, actor_id in enumerate(item.actors):
        colour = OKABE_ITO[a % len(OKABE_ITO)]
        path = tuple((to_x(t), to_y(series[t][a])) for t in range(len(series)))
        label = scenario.actor(actor_id).label
        shapes.append(
            Polygon(
                path,
                fill=None,
                stroke=colour,
                width=2,
                closed=False,
                tip=f"{label}: {num(series[0][a])} to {num(series[-1][a])}",
            )
        )
        ends.append((path[-1][1], label, colour))
        words.append(f"{label} from {num(series[0][a])} to {num(series[-1][a])}")
    median_path = tuple((to_x(t), to_y(m)) for t, m in enumerate(medians))
    shapes.append(
        Polygon(
            median_path,
            fill=None,
            stroke=INK,
            width=3,
            closed=False,
            dash="6 3",
            tip=f"median: {num(medians[0])} to {num(medians[-1])}",
        )
    )
    ends.append((median_path[-1][1], "median", INK))
    # End labels, pushed apart so that they do not overlap.
    placed: list[float] = []
    for y, label, colour in sorted(ends):
        y = max(y, placed[-1] + 12) if placed else y
        placed.append(y)
        shapes.append(Line(right + 2, y, right + 10, y, stroke=colour, width=2))
        shapes.append(Text(right + 14, y + 4, truncate(label, 130, 10), size=10))
    description = (
        f"The {forecast.model} model's {rounds} round(s) on {issue.label} (scale "
        f"{_scale_words(issue)}): "
        + "; ".join(words)
        + f"; the weighted median moves from {num(medians[0])} to {num(medians[-1])}."
    )
    return Figure(
        WIDTH, bottom + 44, f"{forecast.model} rounds on {issue.label}", description, tuple(shapes)
    )


def _median_start(scenario: Scenario, issue_id: str) -> float:
    from accord.models.median import WeightedMedian

    return float(WeightedMedian().predict_issue(scenario.profile(issue_id)).value)


def distribution_figure(
    scenario: Scenario, issue_id: str, uncertainty: MonteCarlo, forecasts: Sequence[Forecast]
) -> Figure:
    """Each model's Monte Carlo forecast distribution on one issue (histogram, 80% and 95%
    intervals, and the point forecast)."""
    issue = scenario.issue(issue_id)
    item = uncertainty[issue_id]
    to_x = scale(issue.low, issue.high, LEFT, RIGHT)
    point = {f.model: f.value(issue_id) for f in forecasts}
    shapes: list[Shape] = [_title(f"Forecast distributions: {issue.label}")]
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
    shapes += _scale_axis(issue, to_x, axis_y, labels=False)
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
        f"Monte Carlo samples (scale {_scale_words(issue)}). " + "; ".join(words) + "."
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
    shapes: list[Shape] = [_title(f"What moves the {model} forecast: {issue.label}")]
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


def frontier_figure(analysis: DealAnalysis, *, columns: int = 3) -> Figure:
    """The Pareto frontier seen from each pair of parties, with the four solutions marked.

    Each panel plots every frontier package's utility for one party against another's (a 2-D
    projection of a frontier in as many dimensions as there are parties, so points can hide one
    another); dashed lines are the two parties' reservation utilities.
    """
    parties = list(analysis.parties)
    pairs = list(itertools.combinations(range(len(parties)), 2))
    panel, gap, pad = 210, 40, 44
    cols = max(1, min(columns, len(pairs)))
    rows = max(1, math.ceil(len(pairs) / cols))
    width = pad + cols * (panel + gap)
    shapes: list[Shape] = [
        _title(f"Package deals: the Pareto frontier ({len(analysis.frontier):,} packages)")
    ]
    utilities = analysis.frontier.utilities
    solutions = [(analysis.solution(key), title, k) for key, title, k in SOLUTIONS]
    words = []
    for n, (i, j) in enumerate(pairs):
        x0 = pad + (n % cols) * (panel + gap)
        y0 = 40 + (n // cols) * (panel + gap + 10)
        to_x = scale(0, 1, x0, x0 + panel)
        to_y = scale(0, 1, y0 + panel, y0)
        shapes.append(Rect(x0, y0, panel, panel, fill="#fafafa", stroke="#cccccc"))
        for value in (0.0, 0.5, 1.0):
            shapes.append(
                Text(to_x(value), y0 + panel + 12, num(value), size=9, anchor="middle", fill=MUTED)
            )
            shapes.append(
                Text(x0 - 4, to_y(value) + 3, num(value), size=9, anchor="end", fill=MUTED)
            )
        shapes.append(
            Text(x0 + panel / 2, y0 + panel + 25, f"{parties[i]} utility", size=10, anchor="middle")
        )
        shapes.append(Text(x0 + 2, y0 - 5, f"{parties[j]} utility", size=10))
        shapes.append(
            Line(
                to_x(analysis.reservation[i]),
                y0,
                to_x(analysis.reservation[i]),
                y0 + panel,
                stroke=MUTED,
                dash="3 3",
            )
        )
        shapes.append(
            Line(
                x0,
                to_y(analysis.reservation[j]),
                x0 + panel,
                to_y(analysis.reservation[j]),
                stroke=MUTED,
                dash="3 3",
            )
        )
        if len(utilities):
            # One dot per occupied 3-pixel cell: the drawing covers what the frontier covers,
            # and its size does not grow with the number of packages.
            cells = np.unique(
                np.round(np.column_stack([to_x(utilities[:, i]), to_y(utilities[:, j])]) / 3),
                axis=0,
            )
            for px, py in (cells * 3).tolist():
                shapes.append(Circle(px, py, 1.8, fill="#999999"))
        for solution, title, k in solutions:
            if solution.package is None:
                continue
            u = dict(solution.utilities)
            shapes.append(
                marker(
                    k,
                    to_x(u[parties[i]]),
                    to_y(u[parties[j]]),
                    10,
                    model_colour(k),
                    tip=f"{title}: {parties[i]} {num(u[parties[i]])}, "
                    f"{parties[j]} {num(u[parties[j]])}",
                )
            )
    for solution, title, _ in solutions:
        if solution.package is None:
            words.append(f"no {title} package ({solution.note or 'none'})")
        else:
            gives = ", ".join(f"{p} {num(v)}" for p, v in solution.utilities)
            words.append(f"{title} package gives {gives}")
    foot = 40 + rows * (panel + gap + 10) + 4
    shapes += legend(
        [(_drawer(k, 10), title) for _, title, k in SOLUTIONS]
        + [(lambda x, y: Circle(x, y, 2, fill="#888888"), "frontier package")],
        pad,
        foot,
    )
    description = (
        f"The Pareto frontier of {len(analysis.frontier):,} packages, in utilities of "
        f"{', '.join(parties)}, projected on each of the {len(pairs)} pairs of parties; "
        + "; ".join(words)
        + "."
    )
    return Figure(
        max(width, 520), foot + 16, "The Pareto frontier, pair by pair", description, tuple(shapes)
    )
