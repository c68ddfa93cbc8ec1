"""A small vector-figure toolkit: shapes, an SVG writer and a PNG painter.

Why an in-house module rather than matplotlib
---------------------------------------------
accord's figures are few and simple (dots on a scale, lines over rounds, histograms, bars, a
scatter of utilities), and they go into an HTML report that must open offline, stay small and
be readable by everyone. Writing them as plain SVG from a handful of shapes gives:

- **no dependency** for the report and the web app (``accord report`` works on the core
  install) and no import cost: a figure is a string built in microseconds, so the case-study
  report renders in well under a second and the web app redraws a figure on every slider move;
- **accessibility**: every figure is ``<svg role="img">`` with a ``<title>`` and a ``<desc>``
  (the text alternative), text stays text (searchable, selectable, crisp at any zoom, printed
  sharp), and every mark carries a tooltip with its exact numbers;
- **determinism and safety**: the output depends only on the data (no hash salts, no dates), and
  every piece of user text passes through one escaping function;
- **small files**: a position map is a few kilobytes, against tens for matplotlib's SVG.

PNG (for slides) is the one thing a browser-free SVG writer cannot give, so :func:`to_png` paints
the same shapes with matplotlib's Agg rasteriser (``pip install 'accord[plot]'``): one figure
description, two outputs, and matplotlib's bundled DejaVu fonts make the PNG the same on every
machine. PNG metadata carries no software version or date, so the bytes are reproducible.

Colours are the Okabe & Ito (2008) palette, distinguishable with the common forms of colour
blindness. Sources: W3C, *Scalable Vector Graphics (SVG) 1.1*, 2011; W3C, *WAI-ARIA graphics
module* (``role="img"``, ``aria-labelledby``), 2018; Okabe, M. & Ito, K. (2008), "Color
Universal Design (CUD): how to make figures and presentations that are friendly to colorblind
people", https://jfly.uni-koeln.de/color/.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any, Literal

__all__ = [
    "INK",
    "MUTED",
    "OKABE_ITO",
    "Anchor",
    "Circle",
    "Figure",
    "Line",
    "MissingExtra",
    "Polygon",
    "Rect",
    "Shape",
    "Text",
    "legend",
    "marker",
    "scale",
    "text_width",
    "ticks",
    "to_png",
    "to_svg",
    "truncate",
]

#: Okabe & Ito (2008): orange, sky blue, bluish green, blue, vermillion, reddish purple,
#: yellow (the yellow last: it is hard to see on white).
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#F0E442")
INK = "#222222"
MUTED = "#767676"  # 4.5:1 on white (WCAG AA for text)
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif"

Anchor = Literal["start", "middle", "end"]


@dataclass(frozen=True, slots=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = INK
    width: float = 1.0
    dash: str | None = None
    opacity: float = 1.0
    tip: str | None = None


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str = INK
    stroke: str | None = None
    opacity: float = 1.0
    tip: str | None = None


@dataclass(frozen=True, slots=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str = INK
    stroke: str | None = None
    opacity: float = 1.0
    tip: str | None = None


@dataclass(frozen=True, slots=True)
class Polygon:
    """A closed polygon (``closed=True``, filled) or an open polyline (stroked only)."""

    points: tuple[tuple[float, float], ...]
    fill: str | None = INK
    stroke: str | None = None
    width: float = 1.0
    closed: bool = True
    dash: str | None = None
    opacity: float = 1.0
    tip: str | None = None


@dataclass(frozen=True, slots=True)
class Text:
    x: float
    y: float
    text: str
    size: float = 11.0
    anchor: Anchor = "start"
    fill: str = INK
    bold: bool = False
    tip: str | None = None


Shape = Line | Rect | Circle | Polygon | Text


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure: its size in pixels, its title and text alternative, and its shapes."""

    width: float
    height: float
    title: str
    description: str
    shapes: tuple[Shape, ...]


def text_width(text: str, size: float) -> float:
    """A rough width of ``text`` in pixels (for layout; sans-serif averages ~0.55 em)."""
    return 0.55 * size * len(text)


def truncate(text: str, width: float, size: float) -> str:
    """``text`` cut at a word boundary (with an ellipsis) to fit about ``width`` pixels."""
    room = max(4, int(width / (0.55 * size)))
    if len(text) <= room:
        return text
    cut = text[: room - 1]
    if " " in cut[room // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:(") + "…"


def marker(kind: int, x: float, y: float, size: float, fill: str, tip: str | None = None) -> Shape:
    """Marker ``kind`` (0 circle, 1 square, 2 diamond, 3 triangle, cycling) centred on x, y.

    Shapes as well as colours tell models apart, so the figures read in greyscale too.
    """
    s = size
    points: tuple[tuple[float, float], ...]
    match kind % 4:
        case 0:
            return Circle(x, y, s * 0.6, fill=fill, stroke="#ffffff", tip=tip)
        case 1:
            return Rect(x - s * 0.5, y - s * 0.5, s, s, fill=fill, stroke="#ffffff", tip=tip)
        case 2:
            points = ((x, y - s * 0.7), (x + s * 0.7, y), (x, y + s * 0.7), (x - s * 0.7, y))
        case _:
            points = ((x, y - s * 0.7), (x + s * 0.65, y + s * 0.5), (x - s * 0.65, y + s * 0.5))
    return Polygon(points, fill=fill, stroke="#ffffff", tip=tip)


# --------------------------------------------------------------------------------------------
# SVG


def _n(value: float) -> str:
    """A coordinate with at most one decimal (enough at screen resolution, keeps files small)."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _paint(
    fill: str | None, stroke: str | None, width: float, dash: str | None, opacity: float
) -> str:
    out = f' fill="{_attr(fill)}"' if fill else ' fill="none"'
    if stroke:
        out += f' stroke="{_attr(stroke)}"'
        if width != 1:
            out += f' stroke-width="{_n(width)}"'
    if dash:
        out += f' stroke-dasharray="{_attr(dash)}"'
    if opacity < 1:
        out += f' opacity="{opacity:.2f}"'
    return out


def _element(shape: Shape) -> str:
    if isinstance(shape, Line):
        body = (
            f'<line x1="{_n(shape.x1)}" y1="{_n(shape.y1)}" x2="{_n(shape.x2)}" '
            f'y2="{_n(shape.y2)}"'
            + _paint(None, shape.stroke, shape.width, shape.dash, shape.opacity)
        )
    elif isinstance(shape, Rect):
        body = (
            f'<rect x="{_n(shape.x)}" y="{_n(shape.y)}" width="{_n(max(shape.w, 0))}" '
            f'height="{_n(max(shape.h, 0))}"'
            + _paint(shape.fill, shape.stroke, 1, None, shape.opacity)
        )
    elif isinstance(shape, Circle):
        body = f'<circle cx="{_n(shape.cx)}" cy="{_n(shape.cy)}" r="{_n(shape.r)}"' + _paint(
            shape.fill, shape.stroke, 1, None, shape.opacity
        )
    elif isinstance(shape, Polygon):
        tag = "polygon" if shape.closed else "polyline"
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in shape.points)
        fill = shape.fill if shape.closed else None
        body = f'<{tag} points="{points}"' + _paint(
            fill, shape.stroke, shape.width, shape.dash, shape.opacity
        )
    else:
        anchor = "" if shape.anchor == "start" else f' text-anchor="{shape.anchor}"'
        weight = ' font-weight="bold"' if shape.bold else ""
        fill = "" if shape.fill == INK else f' fill="{_attr(shape.fill)}"'
        size = "" if shape.size == 11 else f' font-size="{_n(shape.size)}"'
        body = (
            f'<text x="{_n(shape.x)}" y="{_n(shape.y)}"{anchor}{weight}{fill}{size}>'
            f"{escape(shape.text, quote=False)}"
        )
        if shape.tip:
            return body + f"<title>{escape(shape.tip, quote=False)}</title></text>"
        return body + "</text>"
    if shape.tip:
        tag = body[1 : body.index(" ")]
        return body + f"><title>{escape(shape.tip, quote=False)}</title></{tag}>"
    return body + "/>"


def to_svg(figure: Figure, ident: str = "fig") -> str:
    """The figure as an inline ``<svg>`` element (also a valid standalone SVG file).

    ``ident`` makes the ids of the title and description unique within an HTML page.
    """
    title_id, desc_id = f"{ident}-title", f"{ident}-desc"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(figure.width)} '
        f'{_n(figure.height)}" width="{_n(figure.width)}" height="{_n(figure.height)}" '
        f'role="img" aria-labelledby="{_attr(title_id)} {_attr(desc_id)}" '
        f'font-family="{_attr(FONT)}" font-size="11" fill="{INK}">'
        f'<title id="{_attr(title_id)}">{escape(figure.title, quote=False)}</title>'
        f'<desc id="{_attr(desc_id)}">{escape(figure.description, quote=False)}</desc>'
        f'<rect width="100%" height="100%" fill="#ffffff"/>'
    )
    return head + "".join(_element(shape) for shape in figure.shapes) + "</svg>"


# --------------------------------------------------------------------------------------------
# PNG


class MissingExtra(Exception):
    """An optional dependency is not installed; the message names the extra to install."""


def _dash(dash: str | None, width: float) -> Any:
    if not dash:
        return "solid"
    pattern = [float(part) * 0.72 for part in dash.replace(",", " ").split()]
    return (0, [p / max(width * 0.72, 0.1) for p in pattern])


def to_png(figure: Figure, *, scale: float = 2.0) -> bytes:
    """The figure as PNG bytes at ``scale`` x its pixel size (matplotlib's Agg rasteriser)."""
    os.environ.setdefault(
        "MPLCONFIGDIR", os.path.join(os.path.expanduser("~"), ".cache", "accord", "matplotlib")
    )
    try:
        import matplotlib

        matplotlib.use("Agg", force=True)
        from matplotlib import patches
        from matplotlib.figure import Figure as MplFigure
        from matplotlib.lines import Line2D
    except ImportError:
        raise MissingExtra(
            "PNG output needs matplotlib: pip install 'accord[plot]' (or write .svg)"
        ) from None
    import io

    dpi = 100.0 * scale
    fig = MplFigure(figsize=(figure.width / 100, figure.height / 100), dpi=dpi)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, figure.width)
    ax.set_ylim(figure.height, 0)
    ax.set_axis_off()
    pt = 0.72  # one figure pixel in points (100 pixels per inch, 72 points per inch)
    for shape in figure.shapes:
        if isinstance(shape, Line):
            ax.add_line(
                Line2D(
                    [shape.x1, shape.x2],
                    [shape.y1, shape.y2],
                    color=shape.stroke,
                    linewidth=shape.width * pt,
                    linestyle=_dash(shape.dash, shape.width),
                    alpha=shape.opacity,
                    solid_capstyle="butt",
                )
            )
        elif isinstance(shape, Rect):
            ax.add_patch(
                patches.Rectangle(
                    (shape.x, shape.y),
                    max(shape.w, 0),
                    max(shape.h, 0),
                    facecolor=shape.fill,
                    edgecolor=shape.stroke or "none",
                    linewidth=pt,
                    alpha=shape.opacity,
                )
            )
        elif isinstance(shape, Circle):
            ax.add_patch(
                patches.Circle(
                    (shape.cx, shape.cy),
                    shape.r,
                    facecolor=shape.fill,
                    edgecolor=shape.stroke or "none",
                    linewidth=pt,
                    alpha=shape.opacity,
                )
            )
        elif isinstance(shape, Polygon):
            if shape.closed:
                ax.add_patch(
                    patches.Polygon(
                        list(shape.points),
                        closed=True,
                        facecolor=shape.fill or "none",
                        edgecolor=shape.stroke or "none",
                        linewidth=shape.width * pt,
                        alpha=shape.opacity,
                    )
                )
            else:
                xs, ys = zip(*shape.points, strict=True)
                ax.add_line(
                    Line2D(
                        xs,
                        ys,
                        color=shape.stroke or INK,
                        linewidth=shape.width * pt,
                        linestyle=_dash(shape.dash, shape.width),
                        alpha=shape.opacity,
                    )
                )
        else:
            ax.text(
                shape.x,
                shape.y,
                shape.text,
                fontsize=shape.size * pt,
                ha={"start": "left", "middle": "center", "end": "right"}[shape.anchor],
                va="baseline",
                color=shape.fill,
                fontweight="bold" if shape.bold else "normal",
                family="DejaVu Sans",
            )
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About ``count`` round tick values between ``low`` and ``high`` (1-2-5 steps)."""
    span = high - low
    if span <= 0 or not math.isfinite(span):
        return [low]
    raw = span / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(low / step - 1e-9) * step
    out = []
    value = first
    while value <= high + 1e-9 * span:
        out.append(round(value, 10))
        value += step
    return out


def scale(low: float, high: float, left: float, right: float) -> Any:
    """The linear map from ``[low, high]`` to pixels ``[left, right]``."""
    span = high - low or 1.0

    def to_pixel(value: float) -> float:
        return left + (value - low) / span * (right - left)

    return to_pixel


def legend(
    items: Sequence[tuple[Callable[[float, float], Shape], str]],
    x: float,
    y: float,
    *,
    size: float = 11,
) -> list[Shape]:
    """A one-line legend: each item's mark, drawn by ``draw(x, y)``, then its text."""
    out: list[Shape] = []
    for draw, label in items:
        out.append(draw(x, y))
        out.append(Text(x + 10, y + 4, label, size=size))
        x += 10 + text_width(label, size) + 18
    return out
