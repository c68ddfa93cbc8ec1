"""What the report's figures share: sizes, colours, number format, the scale axis, legends."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from accord.report.svg import (
    MUTED,
    OKABE_ITO,
    Anchor,
    Line,
    Shape,
    Text,
    marker,
    text_width,
    ticks,
    truncate,
)
from accord.scenario import Issue

__all__ = [
    "ACTOR_HUE",
    "LEFT",
    "RIGHT",
    "SOLUTIONS",
    "WIDTH",
    "drawer",
    "heading",
    "model_colour",
    "num",
    "scale_axis",
    "scale_words",
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


def drawer(k: int, size: float) -> Callable[[float, float], Shape]:
    """Draws model ``k``'s marker (for legends)."""

    def draw(x: float, y: float) -> Shape:
        return marker(k, x, y, size, model_colour(k))

    return draw


def model_colour(k: int) -> str:
    return _MODEL_COLOURS[k % len(_MODEL_COLOURS)]


def heading(text: str) -> Text:
    return Text(12, 20, text, size=13, bold=True)


def scale_axis(
    issue: Issue, to_x: Callable[[Any], Any], y: float, *, labels: bool = True
) -> list[Shape]:
    """The issue's scale as an axis at height ``y``: ticks at the labelled points (or round
    numbers), their values, and (staggered, shortened; full text in the tooltip) their labels."""
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


def scale_words(issue: Issue) -> str:
    low, high = num(issue.low), num(issue.high)
    names = dict(issue.labels)
    if issue.low in names and issue.high in names:
        return f"from {low} ({names[issue.low]}) to {high} ({names[issue.high]})"
    return f"from {low} to {high}"
