"""Forecasts for people and for programs: the rich tables and the JSON contract.

The JSON contract of ``accord forecast --json`` (other tools read it)::

    {"scenario": {"id": ..., "title": ...},
     "models": {"<model>": {<hyperparameters>}},
     "issues": [{"id": "ceasefire",
                 "forecasts": {"mean": 41.2, ...},
                 "nearest_label": {"mean": "Partial: energy and sea", ...},
                 "notes": {"nbs": "..."},
                 "bdm": {"rounds": [{"round": 1, "median": ..., "mean": ...,
                                     "positions": {...}, "risk": {...},
                                     "moves": [...], "offers": {...}}]},
                 "acceptable": {"RUS": {"mean": false, ...}},
                 "outcome": 40.0}]}

Numbers are on each issue's own scale; issues appear in file order; ``bdm`` appears when the
expected-utility model ran, ``outcome`` when the scenario has one, ``nearest_label`` when the
issue has labels, ``notes`` when a model left one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from accord.forecast import Forecast
from accord.scenario import Issue, Scenario

__all__ = ["forecast_json", "forecast_tables"]


def forecast_json(scenario: Scenario, forecasts: Sequence[Forecast]) -> dict[str, Any]:
    """The ``accord forecast --json`` contract (see the module docstring)."""
    issues = []
    for issue in scenario.issues:
        entry: dict[str, Any] = {
            "id": issue.id,
            "forecasts": {f.model: f.value(issue.id) for f in forecasts},
        }
        if issue.labels:
            entry["nearest_label"] = {
                f.model: _label_text(issue, f.value(issue.id)) for f in forecasts
            }
        notes = {f.model: f[issue.id].note for f in forecasts if f[issue.id].note}
        if notes:
            entry["notes"] = notes
        for f in forecasts:
            if f[issue.id].rounds:
                entry[f.model] = {"rounds": f[issue.id].to_dict()["rounds"]}
        acceptable = {
            stake.actor: {f.model: stake.accepts(f.value(issue.id)) for f in forecasts}
            for stake in scenario.stakes_on(issue.id)
            if stake.reservation is not None
        }
        entry["acceptable"] = acceptable
        if scenario.outcome is not None:
            outcome = scenario.outcome.value(issue.id)
            if outcome is not None:
                entry["outcome"] = outcome
        issues.append(entry)
    return {
        "scenario": {"id": scenario.id, "title": scenario.title},
        "models": {f.model: dict(f.params) for f in forecasts},
        "issues": issues,
    }


def _label_text(issue: Issue, value: float) -> str | None:
    nearest = issue.nearest_label(value)
    return None if nearest is None else nearest[1]


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"


def forecast_tables(scenario: Scenario, forecasts: Sequence[Forecast]) -> list[RenderableType]:
    """One table per issue: the actors' stakes, each model's forecast, who would accept it.

    Actors appear by id (a legend maps ids to names); under each table, every forecast is
    given with the nearest labelled point of the issue's scale.
    """
    parts: list[RenderableType] = []
    heading = Text(scenario.title, style="bold")
    if scenario.as_of is not None:
        heading.append(f"\ninformation as of {scenario.as_of.isoformat()}", style="dim")
    parts.append(heading)
    legend = Text("actors: ", style="dim")
    legend.append(
        "; ".join(
            a.id
            + (f" = {a.name}" if a.name else "")
            + (f" ({a.role})" if a.role != "party" else "")
            for a in scenario.actors
        ),
        style="dim",
    )
    parts.append(legend)
    actors = {a.id: a for a in scenario.actors}
    any_reservation = False
    for issue in scenario.issues:
        title = f"{issue.label} [dim]({issue.id}; scale {_num(issue.low)} to {_num(issue.high)}"
        if issue.status_quo is not None:
            title += f", status quo {_num(issue.status_quo)}"
        title += ")[/dim]"
        table = Table(title=title, title_justify="left", show_footer=True, header_style="bold")
        table.add_column("Actor", footer="Forecast", no_wrap=True)
        table.add_column("Position", justify="right")
        table.add_column("Salience", justify="right")
        table.add_column("Capability", justify="right")
        stakes = scenario.stakes_on(issue.id)
        with_reservation = any(stake.reservation is not None for stake in stakes)
        if with_reservation:
            table.add_column("Reservation", justify="right")
            any_reservation = True
        for f in forecasts:
            table.add_column(
                f.model, footer=Text(_num(f.value(issue.id)), style="bold"), justify="center"
            )
        for stake in stakes:
            marks = []
            for f in forecasts:
                ok = stake.accepts(f.value(issue.id))
                marks.append("" if ok is None else ("[green]✓[/green]" if ok else "[red]✗[/red]"))
            cells = [
                stake.actor,
                _num(stake.position),
                _num(stake.salience),
                _num(actors[stake.actor].capability),
            ]
            if with_reservation:
                cells.append("" if stake.reservation is None else _num(stake.reservation))
            table.add_row(*cells, *marks)
        lines: list[RenderableType] = []
        if issue.labels:
            nearest_table = Table.grid(padding=(0, 2))
            nearest_table.add_column(style="bold", no_wrap=True)
            nearest_table.add_column(justify="right", no_wrap=True)
            nearest_table.add_column()
            for f in forecasts:
                nearest = issue.nearest_label(f.value(issue.id))
                assert nearest is not None
                nearest_table.add_row(
                    f.model, _num(f.value(issue.id)), f"≈ {_num(nearest[0])}: {nearest[1]}"
                )
            lines.append(nearest_table)
        for f in forecasts:
            item = f[issue.id]
            if item.rounds:
                lines.append(Text(f"{f.model}: {len(item.rounds)} round(s)", style="dim"))
            if item.note:
                lines.append(Text(f"{f.model}: {item.note}", style="dim"))
        if scenario.outcome is not None and scenario.outcome.value(issue.id) is not None:
            lines.append(Text(f"known outcome: {_num(scenario.outcome.value(issue.id) or 0)}"))
        parts.append(Text(""))
        parts.append(Group(table, *lines))
    if any_reservation:
        parts.append(Text(""))
        parts.append(
            Text(
                "✓ / ✗: the forecast is within / beyond the actor's reservation "
                "(its worst acceptable outcome); blank: no reservation given.",
                style="dim",
            )
        )
    return parts
