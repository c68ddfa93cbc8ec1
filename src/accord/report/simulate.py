"""Simulated negotiations and truces for people: rich tables from the JSON contracts.

The tables are drawn from the same dictionaries ``--json`` prints (``accord simulate`` and
``accord truce``), so the two outputs cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["histogram_bars", "simulate_tables", "truce_tables"]

_BAR = 30


def histogram_bars(histogram: Mapping[str, int], *, bins: int = 12) -> list[tuple[str, int, str]]:
    """``(label, count, bar)`` rows of a histogram keyed by integer strings, merged into at most
    ``bins`` ranges so that long runs of days or rounds stay readable."""
    if not histogram:
        return []
    keys = sorted(int(k) for k in histogram)
    low, high = keys[0], keys[-1]
    width = max(1, -(-(high - low + 1) // bins))
    rows: list[tuple[str, int]] = []
    for start in range(low, high + 1, width):
        stop = min(high, start + width - 1)
        count = sum(histogram.get(str(k), 0) for k in range(start, stop + 1))
        rows.append((str(start) if start == stop else f"{start}-{stop}", count))
    top = max(count for _, count in rows) or 1
    return [(label, count, "#" * round(_BAR * count / top)) for label, count in rows]


def _table(title: str, columns: list[str]) -> Any:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for k, name in enumerate(columns):
        table.add_column(name, justify="left" if k == 0 or name == "label" else "right")
    return table


def truce_tables(data: Mapping[str, Any], *, sweep: bool = False) -> list[Any]:
    """The tables of ``accord truce`` from its JSON dictionary."""
    s = data["settings"]
    a, b = s["sides"]
    head = (
        f"{a} and {b}, {data['days']} days, {data['runs']:,} runs, seed {data['seed']}; "
        f"policy {s['policy']}, p_detect {s['p_detect']:.3g}, p_false {s['p_false']:.3g}, "
        f"noise {s['noise']:.3g}, temptation {a} {s['temptation'][a]:.3g} / "
        f"{b} {s['temptation'][b]:.3g}, breakdown after {s['breakdown']} days of violations"
    )
    parts = _truce_summary(data, head)
    if sweep:
        table = _table(f"P(truce holds {data['days']} days) against p_detect", [
            "p_detect", "P(holds)", "+-1 se", "violations", "accusations", "deliberate",
        ])  # fmt: skip
        for row in data["sweep"]:
            table.add_row(
                f"{row['p_detect']:.1f}",
                f"{row['p_holds']:.3f}",
                f"{row['p_holds_se']:.3f}",
                f"{row['violations_mean']:.2f}",
                f"{row['accusations_mean']:.2f}",
                ", ".join(k for k, v in row["deliberate"].items() if v) or "none",
            )
        parts.append(table)
    return parts


def _truce_summary(data: Mapping[str, Any], head: str) -> list[Any]:
    summary = _table("Truce", ["measure", "value"])
    deliberate = ", ".join(k for k, v in data["deliberate"].items() if v) or "none"
    summary.add_row(
        f"P(holds {data['days']} days)", f"{data['p_holds']:.3f} +- {data['p_holds_se']:.3f}"
    )
    summary.add_row("true violations per run", f"{data['violations_mean']:.2f}")
    summary.add_row("accusations per run", f"{data['accusations_mean']:.2f}")
    summary.add_row("of which false alarms", f"{data['false_alarms_mean']:.2f}")
    summary.add_row("sides violating deliberately", deliberate)
    collapse = data["collapse_day"]
    if collapse["mean"] is not None:
        summary.add_row("collapse day, mean (collapsed runs)", f"{collapse['mean']:.1f}")
    for cause, count in data["causes"].items():
        summary.add_row(f"collapses started by {cause.replace('_', ' ')}", f"{count:,}")
    parts: list[Any] = [head, summary]
    bars = histogram_bars(collapse["histogram"])
    if bars:
        hist = _table("Day of collapse", ["day", "runs", ""])
        for label, count, bar in bars:
            hist.add_row(label, f"{count:,}", bar)
        parts.append(hist)
    return parts


def simulate_tables(data: Mapping[str, Any], *, show: int = 5) -> list[Any]:
    """The tables of ``accord simulate`` from its JSON dictionary."""
    strategies = ", ".join(f"{k} {v}" for k, v in data["strategies"].items())
    head = (
        f"{data['protocol']} among {', '.join(data['parties'])}; deadline {data['deadline']} "
        f"rounds, {data['runs']:,} runs, seed {data['seed']}; strategies: {strategies}"
    )
    summary = _table("Simulated negotiation", ["measure", "value"])
    summary.add_row(
        "agreement rate",
        f"{data['agreement_rate']:.3f} +- {data['agreement_rate_se']:.3f}",
    )
    rounds = data["rounds"]
    if rounds["mean"] is not None:
        summary.add_row("rounds to agreement, mean (1-based)", f"{rounds['mean']:.1f}")
    if data["distance"]["nash"] is not None:
        summary.add_row("distance to the Nash package, mean", f"{data['distance']['nash']:.3f}")
        summary.add_row(
            "gap to the Pareto frontier of the zone, mean", f"{data['distance']['pareto']:.3f}"
        )
    parts: list[Any] = [head, summary]
    bars = histogram_bars(rounds["histogram"])
    if bars:
        hist = _table("Round of agreement", ["round", "runs", ""])
        for label, count, bar in bars:
            hist.add_row(label, f"{count:,}", bar)
        parts.append(hist)
    labels = data.get("labels", {})
    for k, row in enumerate(data["agreements"][:show], start=1):
        table = _table(
            f"Agreement {k}: {row['count']:,} runs; utilities "
            + ", ".join(f"{p} {u:.3f}" for p, u in row["utilities"].items()),
            ["issue", "value", "label"],
        )
        for issue, value in row["package"].items():
            table.add_row(issue, f"{value:g}", labels.get(issue, {}).get(f"{value:g}", ""))
        parts.append(table)
    return parts
