"""Terminal tables for ``accord history``, ``accord gaps`` and ``accord diff``.

Each table shows at most :data:`COLUMNS` snapshots (the latest ones) as columns and, for every
row, a sparkline of the whole series on the row's own range (lowest value the lowest bar).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

__all__ = ["COLUMNS", "diff_tables", "gaps_tables", "history_tables", "trend"]

#: Snapshots shown as columns; older ones appear only in the sparkline.
COLUMNS = 6
_BARS = "▁▂▃▄▅▆▇█"


def trend(values: Sequence[float | None]) -> str:
    """A series as one line of bars, scaled to its own range (a blank where a value is missing)."""
    present = [v for v in values if v is not None]
    if not present:
        return ""
    low, high = min(present), max(present)
    span = high - low
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        elif span == 0:
            out.append(_BARS[3])
        else:
            out.append(_BARS[min(len(_BARS) - 1, int((v - low) / span * len(_BARS)))])
    return "".join(out)


def _num(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _label(snapshot: dict[str, Any], repeated: set[str]) -> str:
    date = str(snapshot["as_of"])
    return f"{date}#{snapshot['revision']}" if date in repeated else date


def _series_table(
    title: str,
    rows: list[tuple[str, list[float | None]]],
    labels: list[str],
    digits: int = 1,
    row_digits: dict[str, int] | None = None,
) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("")
    shown = labels[-COLUMNS:]
    for label in shown:
        table.add_column(label, justify="right")
    table.add_column("trend")
    for name, series in rows:
        places = (row_digits or {}).get(name, digits)
        values = [_num(v, places) for v in series[-len(shown) :]]
        table.add_row(name, *values, trend(series) if shown else "")
    return table


def history_tables(data: dict[str, Any]) -> list[RenderableType]:
    """The history of one scenario: per issue positions and forecasts, gaps, new evidence."""
    snaps = data["snapshots"]
    dates = [str(s["as_of"]) for s in snaps]
    repeated = {d for d in dates if dates.count(d) > 1}
    labels = [_label(s, repeated) for s in snaps]
    out: list[RenderableType] = [
        Text(f"{data['scenario']}: {len(snaps)} snapshots, {dates[0]} to {dates[-1]}", style="bold")
    ]
    issues = list(dict.fromkeys(i for s in snaps for i in s["positions"]))
    for issue in issues:
        actors = list(dict.fromkeys(a for s in snaps for a in s["positions"].get(issue, {})))
        models = list(dict.fromkeys(m for s in snaps for m in s["forecasts"].get(issue, {})))
        rows = [(a, [s["positions"].get(issue, {}).get(a) for s in snaps]) for a in actors]
        rows += [
            (f"forecast: {m}", [s["forecasts"].get(issue, {}).get(m) for s in snaps])
            for m in models
        ]
        out.append(_series_table(issue, rows, labels))
    out.append(_gap_series(snaps, labels))
    evidence = Table(title="new evidence", title_justify="left", show_edge=False, pad_edge=False)
    evidence.add_column("snapshot")
    evidence.add_column("records")
    for label, snap in zip(labels, snaps, strict=True):
        ids = [e["id"] for e in snap["new_evidence"]]
        shown = ", ".join(ids[:8]) + (f" (+{len(ids) - 8} more)" if len(ids) > 8 else "")
        evidence.add_row(label, f"{len(ids)}: {shown}" if ids else "none")
    out.append(evidence)
    return out


def _gap_series(snaps: list[dict[str, Any]], labels: list[str]) -> Table:
    rows: list[tuple[str, list[float | None]]] = []
    pairs = list(
        dict.fromkeys(tuple(p["parties"]) for s in snaps if s["gaps"] for p in s["gaps"]["pairs"])
    )
    for pair in pairs:
        series: list[float | None] = []
        for s in snaps:
            found = [p for p in (s["gaps"] or {}).get("pairs", []) if tuple(p["parties"]) == pair]
            series.append(found[0]["overall"] if found else None)
        rows.append((f"{pair[0]}-{pair[1]}", series))
    concession: list[float | None] = []
    for s in snaps:
        agreement = (s["gaps"] or {}).get("agreement")
        concession.append(None if agreement is None else agreement["concession"])
    rows.append(("concession to agree", concession))
    sizes: list[float | None] = []
    for s in snaps:
        agreement = (s["gaps"] or {}).get("agreement")
        sizes.append(None if agreement is None else agreement["size"])
    rows.append(("zone of agreement", sizes))
    return _series_table(
        "party gaps (0 = same, 1 = opposite ends)",
        rows,
        labels,
        3,
        {"zone of agreement": 0},
    )


def gaps_tables(gaps: dict[str, Any]) -> list[RenderableType]:
    """``accord gaps``: the pair table (overall and per issue), mediator distances, agreement."""
    issues = list(dict.fromkeys(i for p in gaps["pairs"] for i in p["issues"]))
    columns = [("-".join(p["parties"]), p) for p in gaps["pairs"]]
    for mediator, parties in gaps["mediator"].items():
        columns += [(f"{mediator}-{party}", gap) for party, gap in parties.items()]
    table = Table(
        title="gaps (0 = same positions, 1 = opposite ends; mediator columns last)",
        title_justify="left",
        show_edge=False,
        pad_edge=False,
    )
    table.add_column("issue", no_wrap=True, min_width=max((len(i) for i in issues), default=5))
    for name, _ in columns:
        table.add_column(name, justify="right")
    table.add_row("overall", *[_num(g["overall"], 3) for _, g in columns], style="bold")
    for issue in issues:
        table.add_row(issue, *[_num(g["issues"].get(issue), 2) for _, g in columns])
    out: list[RenderableType] = [table]
    agreement = gaps.get("agreement")
    if agreement is not None:
        zopa = {True: "yes", False: "no", None: "not counted"}[agreement["zopa"]]
        size = "" if agreement["size"] is None else f" ({agreement['size']:,} packages)"
        line = f"zone of agreement among {', '.join(agreement['parties'])}: {zopa}{size}"
        if not agreement["zopa"]:
            shares = ", ".join(f"{p} {v:.3f}" for p, v in agreement["by_party"].items() if v)
            line += f"; smallest total concession that creates one: {agreement['concession']:.3f}"
            line += f" ({shares})" if shares else ""
        out.append(Text(line))
        if agreement.get("note"):
            out.append(Text(agreement["note"], style="dim"))
    return out


def diff_tables(changes: dict[str, Any]) -> list[RenderableType]:
    """``accord diff``: every change, one line each, grouped by kind."""
    out: list[RenderableType] = [
        Text(f"{changes['old']['label']} -> {changes['new']['label']}", style="bold")
    ]
    if changes["identical"]:
        out.append(Text("identical"))
        return out
    for kind in ("actors", "issues", "positions", "rules", "forecasts", "gaps", "evidence"):
        items = changes.get(kind) or []
        if not items:
            continue
        table = Table(title=kind, title_justify="left", show_edge=False, pad_edge=False)
        table.add_column("what")
        table.add_column("change")
        for item in items:
            cited = item.get("evidence")
            text = item["text"] + (f"  (new evidence: {', '.join(cited)})" if cited else "")
            table.add_row(item["what"], text)
        out.append(table)
    return out
