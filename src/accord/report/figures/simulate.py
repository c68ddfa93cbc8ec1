"""Figures of simulated talks and truces, from the JSON contracts of ``accord simulate`` and
``accord truce`` (:mod:`accord.simulate`), so that the figures and ``--json`` cannot disagree.

- :func:`truce_figure` - the share of simulated truces still holding after each day (an
  empirical survival curve, Kaplan & Meier 1958, without censoring: every run is followed to the
  last day), with the probability that it holds the whole period marked;
- :func:`rounds_figure` - in how many runs the talks ended in agreement in each round (a
  histogram of the round of agreement; runs without agreement are stated in the text).

Source: Kaplan, E. L. & Meier, P. (1958), "Nonparametric estimation from incomplete
observations", *Journal of the American Statistical Association* 53(282): 457-481.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from accord.report.figures._layout import WIDTH, heading, num
from accord.report.svg import (
    INK,
    MUTED,
    OKABE_ITO,
    Figure,
    Line,
    Polygon,
    Rect,
    Shape,
    Text,
    scale,
    ticks,
)

__all__ = ["rounds_figure", "truce_figure"]

_TOP, _BOTTOM, _LEFT, _RIGHT = 40, 240, 70, WIDTH - 40


def _frame(shapes: list[Shape], to_y: Any, values: list[float], fmt: Any) -> None:
    for value in values:
        shapes.append(Line(_LEFT, to_y(value), _RIGHT, to_y(value), stroke="#eeeeee"))
        y = to_y(value) + 4
        shapes.append(Text(_LEFT - 8, y, fmt(value), size=10, anchor="end", fill=MUTED))
    shapes.append(Line(_LEFT, _BOTTOM, _RIGHT, _BOTTOM, stroke=MUTED))


def truce_figure(truce: Mapping[str, Any]) -> Figure:
    """P(the truce still holds) after each day, from ``accord truce --json``."""
    survival = [float(v) for v in truce["survival"]]
    days = len(survival)
    a, b = truce["settings"]["sides"]
    to_x = scale(0, days, _LEFT, _RIGHT)
    to_y = scale(0.0, 1.0, _BOTTOM, _TOP)
    shapes: list[Shape] = [heading(f"Truce between {a} and {b}: share still holding, by day")]
    _frame(shapes, to_y, [0.0, 0.25, 0.5, 0.75, 1.0], lambda v: f"{v:.0%}")
    for day in ticks(0, days, 7):
        if float(day).is_integer():
            shapes.append(
                Text(to_x(day), _BOTTOM + 16, str(int(day)), size=10, anchor="middle", fill=MUTED)
            )
    shapes.append(
        Text((_LEFT + _RIGHT) / 2, _BOTTOM + 32, "day", size=10, anchor="middle", fill=MUTED)
    )
    # A step function: the share at the end of day d holds over (d - 1, d].
    points: list[tuple[float, float]] = [(to_x(0), to_y(1.0))]
    for day, share in enumerate(survival, start=1):
        points += [(to_x(day - 1), to_y(share)), (to_x(day), to_y(share))]
    shapes.append(
        Polygon(
            tuple(points),
            fill=None,
            stroke=OKABE_ITO[3],
            width=2.5,
            closed=False,
            tip=f"{truce['p_holds']:.1%} of {truce['runs']:,} runs hold all {days} days",
        )
    )
    end = to_y(survival[-1])
    shapes.append(Text(_RIGHT - 4, end - 6, f"{survival[-1]:.1%} hold", size=10, anchor="end"))
    half = next((d for d, share in enumerate(survival, start=1) if share < 0.5), None)
    description = (
        f"Of {truce['runs']:,} simulated truces between {a} and {b} (seed {truce['seed']}), "
        f"{truce['p_holds']:.1%} hold all {days} days (standard error "
        f"{truce['p_holds_se']:.1%}); "
        + (
            f"fewer than half still hold from day {half} on; "
            if half is not None
            else "more than half hold throughout; "
        )
        + f"after day 7, {survival[min(6, days - 1)]:.1%} hold."
    )
    return Figure(WIDTH, _BOTTOM + 44, f"Truce between {a} and {b}", description, tuple(shapes))


def rounds_figure(simulation: Mapping[str, Any]) -> Figure | None:
    """How many runs agreed in each round, from ``accord simulate --json`` (None without any
    agreement)."""
    histogram = {int(k): int(v) for k, v in simulation["rounds"]["histogram"].items()}
    if not histogram:
        return None
    deadline = int(simulation["deadline"])
    runs = int(simulation["runs"])
    top = max(histogram.values())
    to_x = scale(0.5, deadline + 0.5, _LEFT, _RIGHT)
    to_y = scale(0, top, _BOTTOM, _TOP)
    shapes: list[Shape] = [heading("Simulated talks: the round in which they agreed")]
    _frame(shapes, to_y, [v for v in ticks(0, top, 5) if float(v).is_integer()], lambda v: num(v))
    bar = (_RIGHT - _LEFT) / deadline * 0.8
    for r, count in sorted(histogram.items()):
        shapes.append(
            Rect(
                to_x(r) - bar / 2,
                to_y(count),
                bar,
                _BOTTOM - to_y(count),
                fill=OKABE_ITO[2],
                tip=f"round {r}: {count:,} runs",
            )
        )
    for tick in ticks(1, deadline, 8):
        if float(tick).is_integer():
            shapes.append(
                Text(to_x(tick), _BOTTOM + 16, str(int(tick)), size=10, anchor="middle", fill=MUTED)
            )
    shapes.append(
        Text((_LEFT + _RIGHT) / 2, _BOTTOM + 32, "round", size=10, anchor="middle", fill=INK)
    )
    agreed = sum(histogram.values())
    busiest = max(histogram, key=lambda r: (histogram[r], -r))
    description = (
        f"{agreed:,} of {runs:,} simulated negotiations ({simulation['protocol']}, deadline "
        f"{deadline} rounds, seed {simulation['seed']}) ended in agreement, between round "
        f"{min(histogram)} and round {max(histogram)}; most often in round {busiest} "
        f"({histogram[busiest]:,} runs); {runs - agreed:,} reached the deadline without one."
    )
    return Figure(WIDTH, _BOTTOM + 44, "Round of agreement", description, tuple(shapes))
