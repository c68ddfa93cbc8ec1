"""Figures of a scenario over time, from the history store's timeline (``accord history``).

Both figures read the ``accord history --json`` contract (:mod:`accord.history.timeline`): a
list of dated snapshots, each with every actor's position and every model's forecast per issue
and the party gaps. Time runs left to right on a calendar axis (days between snapshots keep
their proportions); revisions of one date sit a little apart so that each stays visible. A
series with a missing value (an actor without a stated position in one snapshot) breaks into
segments instead of being drawn through the gap.

- :func:`history_figure` - one issue: each actor's position (thin, grey) and each
  model's forecast (thick, dashed, marked with the model's marker) in every snapshot;
- :func:`gaps_history_figure` - the gap between each pair of parties (0 = the same positions,
  1 = opposite ends) and the smallest total concession that would create a zone of agreement.

A time-series chart of this kind is Playfair's (1786) line graph; marks and colours follow the
other figures (Okabe & Ito 2008 palette, see :mod:`accord.report.svg`).

Source: Playfair, W. (1786), *The Commercial and Political Atlas*, London: Corry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from accord.report.figures._layout import WIDTH, heading, model_colour, num, scale_words
from accord.report.svg import (
    INK,
    MUTED,
    OKABE_ITO,
    Figure,
    Line,
    Polygon,
    Shape,
    Text,
    marker,
    scale,
    ticks,
    truncate,
)
from accord.scenario import Scenario

__all__ = ["gaps_history_figure", "history_figure", "snapshot_labels"]

_TOP, _BOTTOM, _LEFT, _RIGHT = 36, 276, 70, WIDTH - 150
#: Actors' lines in greys (named at their ends), so that colour means a model's forecast.
_ACTOR_GREYS = ("#8c8c8c", "#b0b0b0", "#6e6e6e")


def snapshot_labels(snapshots: Sequence[dict[str, Any]]) -> list[str]:
    """Each snapshot's date, with ``#revision`` when its date has several revisions."""
    dates = [str(s["as_of"]) for s in snapshots]
    return [
        f"{d}#{s['revision']}" if dates.count(d) > 1 else d
        for d, s in zip(dates, snapshots, strict=True)
    ]


def _times(snapshots: Sequence[dict[str, Any]]) -> list[float]:
    """Days since the first snapshot; each further revision of a date is nudged right by a
    fifth of a day, or by 1/120 of the span in a long history, so that none hides another."""
    days = [dt.date.fromisoformat(str(s["as_of"])).toordinal() for s in snapshots]
    span = max(days[-1] - days[0], 1)
    nudge = max(0.2, span / 120)
    out = []
    for k, day in enumerate(days):
        before = days[:k].count(day)
        out.append(day - days[0] + nudge * before)
    return out


Path = tuple[tuple[float, float], ...]


def _segments(points: Sequence[tuple[float, float | None]]) -> list[Path]:
    """Runs of consecutive present points."""
    runs: list[list[tuple[float, float]]] = [[]]
    for x, y in points:
        if y is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((x, y))
    return [tuple(run) for run in runs if run]


def _line(
    times: Sequence[float],
    values: Sequence[float | None],
    to_x: Callable[[float], float],
    to_y: Callable[[float], float],
    colour: str,
    tip: str,
    *,
    width: float = 1.5,
    dash: str | None = None,
) -> list[Any]:
    """One series over time: a line through each run of present values, a marker for a run
    of one."""
    shapes: list[Any] = []
    for run in _segments(list(zip(times, values, strict=True))):
        path = tuple((to_x(t), to_y(v)) for t, v in run)
        if len(path) == 1:
            shapes.append(marker(0, *path[0], 6, colour, tip=tip))
        else:
            shapes.append(
                Polygon(
                    path, fill=None, stroke=colour, width=width, closed=False, dash=dash, tip=tip
                )
            )
    return shapes


def _time_axis(
    shapes: list[Shape], times: list[float], labels: list[str], to_x: Any, bottom: float
) -> None:
    shapes.append(Line(_LEFT, bottom, _RIGHT, bottom, stroke=MUTED))
    shown = list(range(len(times)))
    if len(shown) > 6:  # the first, the last and evenly spread ones between
        step = (len(shown) - 1) / 5
        shown = sorted({round(k * step) for k in range(6)})
    kept: list[int] = []  # from the last backwards, so that the latest date is always named
    for k in reversed(shown):
        if not kept or to_x(times[kept[-1]]) - to_x(times[k]) >= 70:
            kept.append(k)
    for k in kept:
        px = to_x(times[k])
        shapes.append(Line(px, bottom, px, bottom + 5, stroke=MUTED))
        shapes.append(Text(px, bottom + 17, labels[k], size=10, anchor="middle", fill=MUTED))
    for t in times:
        shapes.append(Line(to_x(t), _TOP, to_x(t), bottom, stroke="#eeeeee"))


def _end_labels(shapes: list[Shape], ends: list[tuple[float, str, str]]) -> None:
    """Labels at the right end of the lines, pushed apart, and up when they run off the foot."""
    placed: list[float] = []
    for y, _, _ in sorted(ends):
        placed.append(max(y, placed[-1] + 12) if placed else y)
    over = placed[-1] - _BOTTOM if placed else 0.0
    if over > 0:
        placed = [max(y - over, _TOP - 20 + 12 * k) for k, y in enumerate(placed)]
    for y, (_, label, colour) in zip(placed, sorted(ends), strict=True):
        shapes.append(Line(_RIGHT + 2, y, _RIGHT + 10, y, stroke=colour, width=2))
        shapes.append(Text(_RIGHT + 14, y + 4, truncate(label, 130, 10), size=10))


def _series_words(name: str, values: Sequence[float | None], labels: Sequence[str]) -> str:
    present = [(label, v) for label, v in zip(labels, values, strict=True) if v is not None]
    if not present:
        return f"{name}: no value"
    if len(present) == 1:
        return f"{name} {num(present[0][1])} ({present[0][0]})"
    (first_label, first), (last_label, last) = present[0], present[-1]
    text = f"{name} from {num(first)} ({first_label}) to {num(last)} ({last_label})"
    low, high = min(v for _, v in present), max(v for _, v in present)
    if low < min(first, last) or high > max(first, last):
        text += f", between {num(low)} and {num(high)} on the way"
    return text


def history_figure(scenario: Scenario, issue_id: str, history: dict[str, Any]) -> Figure | None:
    """One issue over time: each actor's position and each model's forecast, snapshot by
    snapshot (None when no snapshot has the issue)."""
    snaps = history["snapshots"]
    if not any(issue_id in s["positions"] for s in snaps):
        return None
    issue = scenario.issue(issue_id)
    labels = snapshot_labels(snaps)
    times = _times(snaps)
    to_x = scale(0, times[-1] or 1.0, _LEFT, _RIGHT)
    to_y = scale(issue.low, issue.high, _BOTTOM, _TOP)
    shapes: list[Shape] = [heading(f"Over time: {issue.label}")]
    for value in ticks(issue.low, issue.high):
        shapes.append(Line(_LEFT, to_y(value), _RIGHT, to_y(value), stroke="#eeeeee"))
        shapes.append(
            Text(_LEFT - 8, to_y(value) + 4, num(value), size=10, anchor="end", fill=MUTED)
        )
    _time_axis(shapes, times, labels, to_x, _BOTTOM)
    known = {a.id for a in scenario.actors}
    actors = list(dict.fromkeys(a for s in snaps for a in s["positions"].get(issue_id, {})))
    models = list(dict.fromkeys(m for s in snaps for m in s["forecasts"].get(issue_id, {})))
    ends: list[tuple[float, str, str]] = []
    words = []
    for a, actor in enumerate(actors):
        label = scenario.actor(actor).label if actor in known else actor
        values = [s["positions"].get(issue_id, {}).get(actor) for s in snaps]
        colour = _ACTOR_GREYS[a % len(_ACTOR_GREYS)]
        tip = _series_words(label, values, labels)
        shapes.extend(_line(times, values, to_x, to_y, colour, tip))
        last = next((v for v in reversed(values) if v is not None), None)
        if last is not None:
            ends.append((to_y(last), label, colour))
        words.append(tip)
    for k, model in enumerate(models):
        values = [s["forecasts"].get(issue_id, {}).get(model) for s in snaps]
        colour = model_colour(k)
        for run in _segments(list(zip(times, values, strict=True))):
            path = tuple((to_x(t), to_y(v)) for t, v in run)
            if len(path) > 1:
                shapes.append(
                    Polygon(path, fill=None, stroke=colour, width=3, closed=False, dash="6 3")
                )
        for t, v, label in zip(times, values, labels, strict=True):
            if v is not None:
                shapes.append(
                    marker(k, to_x(t), to_y(v), 9, colour, tip=f"{model} {num(v)} ({label})")
                )
        last = next((v for v in reversed(values) if v is not None), None)
        if last is not None:
            ends.append((to_y(last), f"forecast: {model}", colour))
        words.append(_series_words(f"the {model} forecast", values, labels))
    _end_labels(shapes, ends)
    description = (
        f"{issue.label} over {len(snaps)} snapshots from {labels[0]} to {labels[-1]} (scale "
        f"{scale_words(issue)}): " + "; ".join(words) + "."
    )
    return Figure(WIDTH, _BOTTOM + 30, f"{issue.label} over time", description, tuple(shapes))


def gaps_history_figure(history: dict[str, Any]) -> Figure | None:
    """The party gaps over time and the concession needed to agree (None without gaps)."""
    snaps = history["snapshots"]
    if not any(s.get("gaps") for s in snaps):
        return None
    labels = snapshot_labels(snaps)
    times = _times(snaps)
    to_x = scale(0, times[-1] or 1.0, _LEFT, _RIGHT)
    to_y = scale(0.0, 1.0, _BOTTOM, _TOP)
    shapes: list[Shape] = [heading("Gaps between the parties over time")]
    for value in (0.0, 0.25, 0.5, 0.75, 1.0):
        shapes.append(Line(_LEFT, to_y(value), _RIGHT, to_y(value), stroke="#eeeeee"))
        shapes.append(
            Text(_LEFT - 8, to_y(value) + 4, num(value), size=10, anchor="end", fill=MUTED)
        )
    _time_axis(shapes, times, labels, to_x, _BOTTOM)
    pairs = list(
        dict.fromkeys(
            tuple(p["parties"]) for s in snaps if s.get("gaps") for p in s["gaps"]["pairs"]
        )
    )
    series: list[tuple[str, list[float | None], str, str | None, float]] = []
    for n, pair in enumerate(pairs):
        values: list[float | None] = []
        for s in snaps:
            pairs_then = (s.get("gaps") or {}).get("pairs", [])
            found = [p for p in pairs_then if tuple(p["parties"]) == pair]
            values.append(found[0]["overall"] if found else None)
        series.append((f"{pair[0]}-{pair[1]}", values, OKABE_ITO[n % len(OKABE_ITO)], None, 1.5))
    concession: list[float | None] = []
    for s in snaps:
        agreement = (s.get("gaps") or {}).get("agreement")
        concession.append(None if agreement is None else agreement["concession"])
    if any(v is not None for v in concession):
        series.append(("concession to agree", concession, INK, "6 3", 3))
    ends: list[tuple[float, str, str]] = []
    words = []
    for name, values, colour, dash, width in series:
        tip = _series_words(name, values, labels)
        shapes.extend(_line(times, values, to_x, to_y, colour, tip, width=width, dash=dash))
        last = next((v for v in reversed(values) if v is not None), None)
        if last is not None:
            ends.append((to_y(last), name, colour))
        words.append(tip)
    _end_labels(shapes, ends)
    description = (
        f"The overall gap between each pair of parties (0 = the same positions, 1 = opposite "
        f"ends of every scale) over {len(snaps)} snapshots from {labels[0]} to {labels[-1]}: "
        + "; ".join(words)
        + "."
    )
    return Figure(WIDTH, _BOTTOM + 30, "Party gaps over time", description, tuple(shapes))
