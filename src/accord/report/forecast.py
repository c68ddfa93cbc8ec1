"""Forecasts for people and for programs: the rich tables and the JSON contract.

The JSON contract of ``accord forecast --json`` (other tools read it)::

    {"scenario": {"id": ..., "title": ...},
     "models": {"<model>": {<hyperparameters>}},
     "issues": [{"id": "ceasefire", "name": "Scope of the ceasefire",
                 "scale": {"low": 0, "high": 100, "status_quo": 0,
                           "labels": {"0": "No ceasefire", ...}},
                 "forecasts": {"mean": 41.2, ...},
                 "nearest_label": {"mean": "Partial: energy and sea", ...},
                 "notes": {"nbs": "..."},
                 "bdm": {"rounds": [{"round": 1, "median": ..., "mean": ...,
                                     "positions": {...}, "risk": {...},
                                     "moves": [...], "offers": [...], "offer_counts": {...}}]},
                 "smp": {"rounds": [{"round": 0, "positions": {...},
                                     "probabilities": {...}}]},
                 "acceptable": {"RUS": {"mean": false, ...}},
                 "outcome": 40.0}]}

Numbers are on each issue's own scale; issues appear in file order; ``bdm`` appears when the
expected-utility model ran, ``smp`` (round 0 the initial state) when KTAB's spatial model
did, ``outcome`` when the scenario has one, ``nearest_label`` when the
issue has labels, ``notes`` when a model left one.

With Monte Carlo (``--samples N``) the top level adds ``"samples": N, "seed": S`` and each issue
``"distribution": {"<model>": {"mean", "p2_5", "p10", "p50", "p90", "p97_5",
"histogram": {"edges": [...], "counts": [...]}}}``, ``"acceptance": {"<actor>": {"<model>": p}}``
(the probability that the forecast is acceptable to each actor with a reservation; the point
forecasts keep their booleans under ``acceptable``) and ``"all_accept": {"<model>": p}`` (null
when no party has a reservation on the issue). With ``--sensitivity`` each issue adds
``"sensitivity": [{"input": "RUS.ceasefire.position", "low": x, "high": x,
"swing": {"<model>": x}, "sobol": {"<model>": x}, "forecast_at_low": {...},
"forecast_at_high": {...}}]``, largest swing first.

Issues with a decision rule add ``"decision"`` and ``"agreement"`` (see
:mod:`accord.report.decision`); with Monte Carlo they add ``"no_deal": {"<model>": p}``, and
issues with labels ``"labels": {"<model>": {"<label value>": p}}``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from accord.forecast import Forecast, IssueForecast
from accord.report.decision import (
    agreement_marks,
    decision_json,
    decision_lines,
    scale_ends,
    uncertainty_lines,
)
from accord.report.titles import whole_title
from accord.scenario import Issue, Scenario

if TYPE_CHECKING:
    from accord.uncertainty import MonteCarlo, Sensitivity

__all__ = ["forecast_json", "forecast_tables", "issue_scale", "sparkline"]

Sensitivities = dict[str, list["Sensitivity"]]


def forecast_json(
    scenario: Scenario,
    forecasts: Sequence[Forecast],
    uncertainty: MonteCarlo | None = None,
    sensitivities: Sensitivities | None = None,
) -> dict[str, Any]:
    """The ``accord forecast --json`` contract (see the module docstring)."""
    issues = []
    for issue in scenario.issues:
        entry: dict[str, Any] = {
            "id": issue.id,
            "name": issue.name,
            "scale": issue_scale(issue),
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
            elif f[issue.id].spatial:
                entry[f.model] = f[issue.id].to_dict()["smp"]
        entry["acceptable"] = {
            stake.actor: {f.model: stake.accepts(f.value(issue.id)) for f in forecasts}
            for stake in scenario.stakes_on(issue.id)
            if stake.reservation is not None
        }
        entry.update(decision_json(scenario, issue, forecasts))
        if uncertainty is not None:
            entry.update(uncertainty[issue.id].to_dict())
        if sensitivities is not None:
            entry["sensitivity"] = [item.to_dict() for item in sensitivities[issue.id]]
        if scenario.outcome is not None:
            outcome = scenario.outcome.value(issue.id)
            if outcome is not None:
                entry["outcome"] = outcome
        issues.append(entry)
    out: dict[str, Any] = {
        "scenario": {"id": scenario.id, "title": scenario.title},
        "models": {f.model: dict(f.params) for f in forecasts},
    }
    if uncertainty is not None:
        out["samples"] = uncertainty.samples
        out["seed"] = uncertainty.seed
    out["issues"] = issues
    return out


def issue_scale(issue: Issue) -> dict[str, Any]:
    """The scale the numbers of an issue are on, for JSON: ``{"low", "high", "status_quo",
    "labels": {"<value>": "<text>"}}``."""
    return {
        "low": issue.low,
        "high": issue.high,
        "status_quo": issue.status_quo,
        "labels": {f"{value:g}": text for value, text in issue.labels},
    }


def _spatial_history(model: str, item: IssueForecast) -> Text:
    """A joint spatial model's positions over time on one issue, as KTAB prints them."""
    width = max((len(a) for a in item.actors), default=0)
    text = Text(f"{model}: history of actor positions over {len(item.spatial)} states", style="dim")
    for k, actor in enumerate(item.actors):
        values = " ".join(f"{r.positions[k]:5.1f}" for r in item.spatial)
        text.append(f"\n  {actor:<{width}} {values}")
    return text


def _label_text(issue: Issue, value: float) -> str | None:
    nearest = issue.nearest_label(value)
    return None if nearest is None else nearest[1]


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"


def forecast_tables(
    scenario: Scenario,
    forecasts: Sequence[Forecast],
    uncertainty: MonteCarlo | None = None,
    sensitivities: Sensitivities | None = None,
) -> list[RenderableType]:
    """One table per issue: the actors' stakes, each model's forecast, who would accept it.

    Actors appear by id (a legend maps ids to names); under each table, every forecast is
    given with the nearest labelled point of the issue's scale. With Monte Carlo, acceptance
    is shown as a probability and each model's distribution is summarised with a small
    histogram; with sensitivities, the inputs that move the forecasts most are listed.
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
    any_reservation = False
    for issue in scenario.issues:
        table = _issue_table(scenario, issue, forecasts, uncertainty)
        any_reservation |= any(s.reservation is not None for s in scenario.stakes_on(issue.id))
        lines: list[RenderableType] = []
        ends = scale_ends(issue)
        if ends is not None:
            lines.append(ends)
        verdicts = agreement_marks(scenario, issue, forecasts)
        if issue.labels:
            lines.append(_nearest_labels(issue, forecasts, verdicts))
        lines.extend(decision_lines(scenario, issue, forecasts, with_models=not issue.labels))
        ranged = _has_range(scenario, issue.id)
        if uncertainty is not None and not ranged:
            lines.append(Text(_NO_RANGE, style="dim"))
        elif uncertainty is not None:
            lines.extend(_distribution_lines(uncertainty, issue, forecasts))
            lines.extend(uncertainty_lines(issue, uncertainty[issue.id]))
        if sensitivities is not None and ranged:
            lines.append(_sensitivity_table(sensitivities[issue.id], [f.model for f in forecasts]))
        elif sensitivities is not None and uncertainty is None:
            lines.append(Text(_NO_RANGE, style="dim"))
        for f in forecasts:
            item = f[issue.id]
            if item.rounds:
                lines.append(Text(f"{f.model}: {len(item.rounds)} round(s)", style="dim"))
            if item.spatial:
                lines.append(_spatial_history(f.model, item))
            if item.note:
                lines.append(Text(f"{f.model}: {item.note}", style="dim"))
        outcome = scenario.outcome.value(issue.id) if scenario.outcome is not None else None
        if outcome is not None:
            lines.append(Text(f"known outcome: {_num(outcome)}"))
        parts.append(Text(""))
        parts.append(Group(table, *lines))
    if any_reservation:
        parts.append(Text(""))
        if uncertainty is None:
            explain = (
                "✓ / ✗: the forecast is within / beyond the actor's reservation "
                "(its worst acceptable outcome); blank: no reservation given."
            )
        else:
            explain = (
                "%: the probability that the forecast is within the actor's reservation "
                "(its worst acceptable outcome); blank: no reservation given."
            )
        parts.append(Text(explain, style="dim"))
    if uncertainty is not None:
        parts.append(
            Text(
                f"Monte Carlo: {uncertainty.samples:,} samples, seed {uncertainty.seed}; "
                "intervals are percentiles of the forecasts.",
                style="dim",
            )
        )
    return parts


def _issue_table(
    scenario: Scenario,
    issue: Issue,
    forecasts: Sequence[Forecast],
    uncertainty: MonteCarlo | None,
) -> RenderableType:
    title = f"{issue.label} [dim]({issue.id}; scale {_num(issue.low)} to {_num(issue.high)}"
    if issue.status_quo is not None:
        title += f", status quo {_num(issue.status_quo)}"
    title += ")[/dim]"
    table = Table(title=title, title_justify="left", show_footer=True, header_style="bold")
    # With Monte Carlo the cells are probabilities over the samples; the footer is not.
    footer = "Forecast" if uncertainty is None else "Point forecast"
    table.add_column("Actor", footer=footer, no_wrap=uncertainty is None)
    table.add_column("Position", justify="right")
    table.add_column("Salience", justify="right")
    table.add_column("Capability", justify="right")
    stakes = scenario.stakes_on(issue.id)
    with_reservation = any(stake.reservation is not None for stake in stakes)
    if with_reservation:
        table.add_column("Reservation", justify="right")
    for f in forecasts:
        table.add_column(
            f.model, footer=Text(_num(f.value(issue.id)), style="bold"), justify="center"
        )
    chances = dict(uncertainty[issue.id].acceptance) if uncertainty is not None else {}
    for stake in stakes:
        marks = []
        for f in forecasts:
            if stake.actor in chances:
                p = dict(chances[stake.actor])[f.model]
                marks.append(f"[{'green' if p >= 0.5 else 'red'}]{p:.0%}[/]")
                continue
            ok = stake.accepts(f.value(issue.id))
            marks.append("" if ok is None else ("[green]✓[/green]" if ok else "[red]✗[/red]"))
        cells = [
            stake.actor,
            _num(stake.position),
            _num(stake.salience),
            _num(scenario.actor(stake.actor).capability),
        ]
        if with_reservation:
            cells.append("" if stake.reservation is None else _num(stake.reservation))
        table.add_row(*cells, *marks)
    return whole_title(table)


def _nearest_labels(
    issue: Issue, forecasts: Sequence[Forecast], verdicts: dict[str, str] | None = None
) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    if verdicts:
        table.add_column(no_wrap=True)
    table.add_column()
    for f in forecasts:
        nearest = issue.nearest_label(f.value(issue.id))
        assert nearest is not None
        cells = [f.model, _num(f.value(issue.id))]
        if verdicts:
            cells.append(verdicts[f.model])
        table.add_row(*cells, f"≈ {_num(nearest[0])}: {nearest[1]}")
    return table


_BARS = "▁▂▃▄▅▆▇█"


def sparkline(counts: Sequence[int]) -> str:
    """A histogram as one line of block characters (a blank for an empty bin)."""
    top = max(counts, default=0)
    if top == 0:
        return " " * len(counts)
    return "".join(
        " " if c == 0 else _BARS[min(len(_BARS) - 1, (c * len(_BARS) - 1) // top)] for c in counts
    )


_NO_RANGE = (
    "no input of this issue has a range: Monte Carlo has nothing to vary, the point forecast "
    "is the answer"
)


def _has_range(scenario: Scenario, issue_id: str) -> bool:
    """Whether any input that a forecast of the issue depends on has a range."""
    for stake in scenario.stakes_on(issue_id):
        if stake.position_range is not None and stake.position_range[0] < stake.position_range[1]:
            return True
        if stake.salience_range is not None and stake.salience_range[0] < stake.salience_range[1]:
            return True
        span = scenario.actor(stake.actor).capability_range
        if span is not None and span[0] < span[1]:
            return True
    return False


def _span(low: float, high: float) -> str:
    return f"{_num(low)} to {_num(high)}"


def _axis(issue: Issue, width: int) -> str:
    """The histogram's axis: the issue's low end at the left, its high end at the right."""
    low, high = _num(issue.low), _num(issue.high)
    return low + " " * max(1, width - len(low) - len(high)) + high


def _distribution_lines(
    uncertainty: MonteCarlo, issue: Issue, forecasts: Sequence[Forecast]
) -> list[RenderableType]:
    """The Monte Carlo distribution of each model's forecast, next to its point forecast,
    with a note for every point forecast outside its 80% interval."""
    item = uncertainty[issue.id]
    points = {f.model: f.value(issue.id) for f in forecasts}
    table = Table(
        box=None,
        header_style="dim",
        pad_edge=False,
        padding=(0, 1),
        title=f"Monte Carlo, {uncertainty.samples:,} samples: each model's point forecast, "
        "then the distribution of its forecast",
        title_justify="left",
        title_style="dim",
    )
    bins = max((len(d.counts) for _, d in item.distributions), default=20)
    table.add_column("model", style="bold", no_wrap=True)
    table.add_column("point forecast", justify="right", no_wrap=True)
    table.add_column("│", style="dim", no_wrap=True)
    table.add_column("mean", justify="right", no_wrap=True)
    table.add_column("80% interval", justify="right", no_wrap=True)
    table.add_column("95% interval", justify="right", no_wrap=True)
    table.add_column(_axis(issue, bins), no_wrap=True)
    table.add_column("all parties accept", justify="right")
    all_accept = dict(item.all_accept)
    notes: list[RenderableType] = []
    for name, d in item.distributions:
        p2, p10, _, p90, p97 = d.percentiles
        chance = all_accept[name]
        point = points.get(name)
        table.add_row(
            name,
            "" if point is None else _num(point),
            "│",
            _num(d.mean),
            _span(p10, p90),
            _span(p2, p97),
            f"[cyan]{sparkline(d.counts)}[/cyan]",
            "-" if chance is None else f"{chance:.0%}",
        )
        if point is not None and not p10 <= point <= p90:
            side = "below" if point < p10 else "above"
            notes.append(
                Text(
                    f"note: {name}'s point forecast {_num(point)} lies {side} its 80% interval "
                    f"{_span(p10, p90)}: the inputs' ranges pull the forecast away from the "
                    "value at their point estimates",
                    style="yellow",
                )
            )
    return [whole_title(table), *notes]


def _sensitivity_table(
    items: Sequence[Sensitivity], models: Sequence[str], top: int = 5
) -> RenderableType:
    table = Table(
        box=None,
        header_style="dim",
        pad_edge=False,
        padding=(0, 1),
        title="inputs that move the forecasts most: forecast(high) - forecast(low) "
        "(first-order index)",
        title_justify="left",
        title_style="dim",
    )
    table.add_column("input", no_wrap=True)
    table.add_column("range", justify="right", no_wrap=True)
    for name in models:
        table.add_column(name, justify="right", no_wrap=True)
    for item in [i for i in items if i.largest_swing > 0][:top]:
        at_low, at_high, sobol = dict(item.at_low), dict(item.at_high), dict(item.sobol)
        cells = []
        for name in models:
            index = sobol[name]
            change = at_high[name] - at_low[name]
            signed = ("+" if change > 0 else "") + _num(change)
            cells.append(signed + ("" if index is None else f" ({index:.2f})"))
        table.add_row(item.input, _span(item.low, item.high), *cells)
    return whole_title(table)
