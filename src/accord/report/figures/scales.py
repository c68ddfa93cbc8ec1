"""Figures on an issue's scale: the position map, every forecast, the expected-utility rounds.

- :func:`positions_figure` - every actor on one issue's scale (size = capability, shade =
  salience, the acceptable range of its red line), the status quo, the labelled points and
  every model's forecast;
- :func:`forecasts_figure` - every model's forecast on every issue, each on its own scale;
- :func:`trajectory_figure` - a dynamic model's rounds (each actor and the weighted median),
  as in Bueno de Mesquita (1994)'s round-by-round tables, drawn as lines.

Source: Bueno de Mesquita, B. (1994), "Political forecasting: an expected utility method", in
Bueno de Mesquita & Stokman (eds.), *European Community Decision Making*, Yale UP, 71-104.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from accord.forecast import Forecast
from accord.report.figures._layout import (
    ACTOR_HUE,
    LEFT,
    RIGHT,
    WIDTH,
    drawer,
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
    ticks,
    truncate,
)
from accord.scenario import Scenario

__all__ = ["forecasts_figure", "positions_figure", "trajectory_figure"]


def positions_figure(scenario: Scenario, issue_id: str, forecasts: Sequence[Forecast]) -> Figure:
    """Where every actor stands on one issue, and where each model expects the outcome."""
    issue = scenario.issue(issue_id)
    stakes = scenario.stakes_on(issue_id)
    to_x = scale(issue.low, issue.high, LEFT, RIGHT)
    shapes: list[Shape] = [heading(f"Positions: {issue.label}")]
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
    shapes += scale_axis(issue, to_x, rows_bottom + 6)
    foot = rows_bottom + 62
    items = [(drawer(k, 10), f.model) for k, f in enumerate(forecasts)]
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
        f"Position map of {issue.label} on a scale {scale_words(issue)}. "
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
    shapes: list[Shape] = [heading(f"Forecasts: {scenario.title}")]
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
            f"{issue.label} ({scale_words(issue) if low_name else 'scale ' + scale_words(issue)}"
            f"): {', '.join(values)}"
        )
    foot = top + row * len(scenario.issues) + 8
    items = [(drawer(k, 9), f.model) for k, f in enumerate(forecasts)]
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
    """The rounds of a dynamic model on one issue: each actor's position and the centre the
    model forecasts - the weighted median after each round of the expected-utility model, the
    capability-weighted mean position in each state of KTAB's spatial model (``smp``)."""
    item = forecast[issue_id]
    issue = scenario.issue(issue_id)
    if item.rounds:
        start = [s.position for s in scenario.stakes_on(issue_id)]
        series = [start, *[list(r.positions) for r in item.rounds]]
        medians = [_median_start(scenario, issue_id), *[r.median for r in item.rounds]]
        centre, step = "median", "round"
    elif item.spatial:
        series = [list(r.positions) for r in item.spatial]
        weights = [scenario.actor(a).capability for a in item.actors]
        total = sum(weights)
        medians = [sum(w * x for w, x in zip(weights, xs, strict=True)) / total for xs in series]
        centre, step = "capability-weighted mean", "state"
    else:
        return None
    rounds = len(series) - 1
    top, bottom, left, right = 36, 276, 70, WIDTH - 150
    to_x = scale(0, max(rounds, 1), left, right)
    to_y = scale(issue.low, issue.high, bottom, top)
    shapes: list[Shape] = [heading(f"{forecast.model} rounds: {issue.label}")]
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
    shapes.append(Text((left + right) / 2, bottom + 32, step, size=10, anchor="middle", fill=MUTED))
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
            tip=f"{centre}: {num(medians[0])} to {num(medians[-1])}",
        )
    )
    ends.append((median_path[-1][1], "mean" if item.spatial else "median", INK))
    # End labels, pushed apart so that they do not overlap.
    placed: list[float] = []
    for y, label, colour in sorted(ends):
        y = max(y, placed[-1] + 12) if placed else y
        placed.append(y)
        shapes.append(Line(right + 2, y, right + 10, y, stroke=colour, width=2))
        shapes.append(Text(right + 14, y + 4, truncate(label, 130, 10), size=10))
    description = (
        f"The {forecast.model} model's {len(series) if item.spatial else rounds} {step}(s) on "
        f"{issue.label} (scale "
        f"{scale_words(issue)}): "
        + "; ".join(words)
        + f"; the {'' if item.spatial else 'weighted '}{centre} moves from {num(medians[0])} "
        f"to {num(medians[-1])}."
    )
    return Figure(
        WIDTH, bottom + 44, f"{forecast.model} rounds on {issue.label}", description, tuple(shapes)
    )


def _median_start(scenario: Scenario, issue_id: str) -> float:
    from accord.models.median import WeightedMedian

    return float(WeightedMedian().predict_issue(scenario.profile(issue_id)).value)
