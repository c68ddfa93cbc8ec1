"""What-if: a scenario with some actors' positions, saliences or capabilities changed.

The web app's sliders send *changes* relative to the loaded scenario::

    {"stakes": [{"actor": "RUS", "issue": "sanctions", "salience": 0.4}],
     "capabilities": {"RUS": 70}}

:func:`apply_changes` checks them (known actor and issue, finite numbers, a position on the
issue's scale, a salience in [0, 1], a positive capability) and returns a new frozen scenario
(an uncertainty range that no longer holds its changed value is stretched to hold it);
:func:`forecast_view` runs every model on it and returns what the page shows: each model's
forecast on each issue with its nearest label, and whether every red line is met. No web
framework is imported here, so this is tested like the rest of the library.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from accord.forecast import Forecast
from accord.models import Model
from accord.report.figures import SOLUTIONS, num
from accord.scenario import Scenario

if TYPE_CHECKING:
    from accord.deals import DealAnalysis

__all__ = ["ChangeError", "apply_changes", "deals_view", "forecast_view"]

_STAKE_FIELDS = ("position", "salience")


class ChangeError(ValueError):
    """A what-if change that cannot apply (one line, shown in the page)."""


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ChangeError(f"{where}: expected a number, got {type(value).__name__}")
    number = float(value)
    if not math.isfinite(number):
        raise ChangeError(f"{where}: expected a finite number")
    return number


def apply_changes(scenario: Scenario, changes: Mapping[str, Any]) -> Scenario:
    """The scenario with ``changes`` applied (see the module docstring); ChangeError if bad."""
    if not isinstance(changes, Mapping):
        raise ChangeError("changes: expected an object")
    unknown = set(changes) - {"stakes", "capabilities"}
    if unknown:
        raise ChangeError(f"changes: unknown field {sorted(unknown)[0]!r}")
    stakes = {(s.actor, s.issue): s for s in scenario.stakes}
    items = changes.get("stakes", [])
    if not isinstance(items, Sequence) or isinstance(items, str):
        raise ChangeError("changes.stakes: expected a list")
    for k, item in enumerate(items):
        where = f"changes.stakes[{k}]"
        if not isinstance(item, Mapping):
            raise ChangeError(f"{where}: expected an object")
        key = (str(item.get("actor")), str(item.get("issue")))
        if key not in stakes:
            raise ChangeError(f"{where}: no stake of actor {key[0]!r} on issue {key[1]!r}")
        extra = set(item) - {"actor", "issue", *_STAKE_FIELDS}
        if extra:
            raise ChangeError(f"{where}: unknown field {sorted(extra)[0]!r}")
        stake = stakes[key]
        issue = scenario.issue(stake.issue)
        position, salience = stake.position, stake.salience
        if "position" in item:
            position = _number(item["position"], f"{where}.position")
            if not issue.low <= position <= issue.high:
                raise ChangeError(
                    f"{where}.position: {num(position)} is off the scale "
                    f"[{num(issue.low)}, {num(issue.high)}]"
                )
        if "salience" in item:
            salience = _number(item["salience"], f"{where}.salience")
            if not 0 <= salience <= 1:
                raise ChangeError(f"{where}.salience: {num(salience)} is outside [0, 1]")
        stakes[key] = replace(
            stake,
            position=position,
            salience=salience,
            position_range=_widen(stake.position_range, position),
            salience_range=_widen(stake.salience_range, salience),
        )
    capabilities = changes.get("capabilities", {})
    if not isinstance(capabilities, Mapping):
        raise ChangeError("changes.capabilities: expected an object")
    known = {a.id for a in scenario.actors}
    new_capability: dict[str, float] = {}
    for actor_id, value in capabilities.items():
        if actor_id not in known:
            raise ChangeError(f"changes.capabilities: no actor {actor_id!r}")
        capability = _number(value, f"changes.capabilities.{actor_id}")
        if capability <= 0:
            raise ChangeError(f"changes.capabilities.{actor_id}: must be positive")
        new_capability[actor_id] = capability
    actors = tuple(
        replace(
            a,
            capability=new_capability[a.id],
            capability_range=_widen(a.capability_range, new_capability[a.id]),
        )
        if a.id in new_capability
        else a
        for a in scenario.actors
    )
    order = {(s.actor, s.issue): k for k, s in enumerate(scenario.stakes)}
    new_stakes = tuple(sorted(stakes.values(), key=lambda s: order[(s.actor, s.issue)]))
    return replace(scenario, actors=actors, stakes=new_stakes)


def _widen(bounds: tuple[float, float] | None, value: float) -> tuple[float, float] | None:
    """An input's uncertainty range stretched to hold its new value (a range must contain
    its value; the analyst's range is kept wherever it still does)."""
    if bounds is None:
        return None
    return (min(bounds[0], value), max(bounds[1], value))


def forecast_view(
    scenario: Scenario, models: Mapping[str, Model], issue: str | None = None
) -> dict[str, Any]:
    """Every model's forecast of every issue (only of ``issue`` when given: what a slider
    needs at once), with nearest labels and red lines met or not (under ``issues``, ready for
    JSON), and the :class:`Forecast` objects (``forecasts``)."""
    if issue is None:
        forecasts = [m.predict(scenario) for m in models.values()]
    else:
        profile = scenario.profile(issue)
        forecasts = [
            Forecast(model=m.name, scenario=scenario.id, issues=(m.predict_issue(profile),))
            for m in models.values()
        ]
    return {"issues": _issue_views(scenario, forecasts, issue), "forecasts": forecasts}


def _issue_views(
    scenario: Scenario, forecasts: Sequence[Forecast], only: str | None
) -> list[dict[str, Any]]:
    out = []
    for issue in scenario.issues:
        if only is not None and issue.id != only:
            continue
        entry: dict[str, Any] = {"id": issue.id, "forecasts": {}, "red_lines": []}
        for f in forecasts:
            value = f.value(issue.id)
            nearest = issue.nearest_label(value)
            entry["forecasts"][f.model] = {
                "value": value,
                "text": num(value),
                "label": None if nearest is None else f"≈ {num(nearest[0])}: {nearest[1]}",
            }
        for stake in scenario.stakes_on(issue.id):
            if stake.reservation is not None:
                entry["red_lines"].append(
                    {
                        "actor": stake.actor,
                        "reservation": stake.reservation,
                        "met": {f.model: stake.accepts(f.value(issue.id)) for f in forecasts},
                    }
                )
        out.append(entry)
    return out


def deals_view(deals: tuple[DealAnalysis | None, str | None]) -> dict[str, Any]:
    """The four bargaining solutions' packages (or why there are none), for the page, from
    :func:`accord.report.html.deals_for_report`'s analysis and note."""
    analysis, note = deals
    if analysis is None:
        return {"note": note, "solutions": []}
    solutions = []
    for key, title, _ in SOLUTIONS:
        solution = analysis.solution(key)
        solutions.append(
            {
                "name": title,
                "package": None
                if solution.package is None
                else {issue: num(value) for issue, value in solution.package},
                "accepted_by": list(solution.accepted_by),
                "note": solution.note,
            }
        )
    return {
        "note": None,
        "parties": list(analysis.parties),
        "frontier": len(analysis.frontier),
        "zopa": analysis.zopa.size,
        "solutions": solutions,
    }
