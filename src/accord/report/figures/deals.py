"""The package-deal figure: the Pareto frontier seen from each pair of parties.

A frontier in as many dimensions as there are parties is shown as its 2-D projections (the
scatter-plot matrix of Cleveland 1993), with the Nash (1950), Kalai & Smorodinsky (1975),
egalitarian and utilitarian packages of :mod:`accord.deals.solutions` marked.

Sources: Cleveland, W. S. (1993), *Visualizing Data*, Hobart Press; Nash, J. (1950), "The
bargaining problem", *Econometrica* 18(2): 155-162; Kalai, E. & Smorodinsky, M. (1975), "Other
solutions to Nash's bargaining problem", *Econometrica* 43(3): 513-518.
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING

import numpy as np

from accord.report.figures._layout import SOLUTIONS, drawer, heading, model_colour, num
from accord.report.svg import (
    MUTED,
    Circle,
    Figure,
    Line,
    Rect,
    Shape,
    Text,
    legend,
    marker,
    scale,
)

if TYPE_CHECKING:
    from accord.deals import DealAnalysis

__all__ = ["frontier_figure"]


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
        heading(f"Package deals: the Pareto frontier ({len(analysis.frontier):,} packages)")
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
            # Cells as one integer each (a panel is under 100 cells wide), so that finding the
            # occupied ones is a 1-D unique, not a row-wise one.
            cx = np.round(to_x(utilities[:, i]) / 3).astype(np.int64)
            cy = np.round(to_y(utilities[:, j]) / 3).astype(np.int64)
            codes = np.unique(cx * 100_000 + cy)
            xs, ys = (codes // 100_000 * 3).tolist(), (codes % 100_000 * 3).tolist()
            for px, py in zip(xs, ys, strict=True):
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
        [(drawer(k, 10), title) for _, title, k in SOLUTIONS]
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
