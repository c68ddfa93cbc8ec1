"""Who must agree, for people and programs: each issue's rule, win set and deal or no deal.

For an issue with a decision rule (:mod:`accord.rules`), every model's forecast is one of

``deal``
    inside the win set and away from the status quo: everybody required accepts a change;
``no change``
    inside the win set but at the status quo;
``no deal``
    the win set holds only the status quo: nothing beats it for everybody required, so it stands;
``refused``
    outside the win set (a model run with ``consent="ignore"``): some required actor or coalition
    would refuse it.

JSON (added to each issue of ``accord forecast --json`` when the issue has a rule)::

    "decision": {"rule": "unanimity", "who_must_agree": "...", "must_agree": ["RUS", "UKR"],
                 "setter": "US", "win_set": [low, high], "no_deal": true},
    "agreement": {"<model>": "deal" | "no change" | "no deal" | "refused"}
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from accord.forecast import Forecast
from accord.report.titles import whole_title
from accord.scenario import Issue, Scenario
from accord.winset import WinSet, required_actors, win_set

if TYPE_CHECKING:
    from accord.uncertainty import IssueUncertainty

__all__ = [
    "Agreement",
    "agreement",
    "agreement_marks",
    "decision_json",
    "decision_lines",
    "scale_ends",
    "uncertainty_lines",
]

Agreement = Literal["deal", "no change", "no deal", "refused"]
_STYLE = {"deal": "green", "no change": "yellow", "no deal": "red", "refused": "red"}


def agreement(win: WinSet, value: float) -> Agreement | None:
    """What a forecast means under the issue's rule (None when the issue has none)."""
    q = win.status_quo
    if q is None:
        return None
    if bool(win.no_deal):
        return "no deal" if abs(value - q) <= 1e-9 else "refused"
    if not bool(win.contains(value)):
        return "refused"
    return "no change" if abs(value - q) <= 1e-9 else "deal"


def decision_json(
    scenario: Scenario, issue: Issue, forecasts: Sequence[Forecast]
) -> dict[str, Any]:
    """The ``decision`` and ``agreement`` entries of an issue (empty without a rule)."""
    rule = issue.decision
    if rule is None or not rule.binding:
        return {}
    profile = scenario.profile(issue.id)
    win = win_set(profile)
    return {
        "decision": {
            **rule.to_dict(),
            "who_must_agree": rule.describe(),
            "must_agree": list(required_actors(profile)),
            "win_set": [float(win.low), float(win.high)],
            "no_deal": bool(win.no_deal),
        },
        "agreement": {f.model: agreement(win, f.value(issue.id)) for f in forecasts},
    }


def scale_ends(issue: Issue) -> Text | None:
    """What the ends of the scale mean, from the labels at the ends (or the description)."""
    if issue.labels:
        (low, low_text), (high, high_text) = issue.labels[0], issue.labels[-1]
        return Text(f"{_num(low)} = {_clip(low_text)}\n{_num(high)} = {_clip(high_text)}")
    if issue.description:
        return Text(_clip(issue.description, 200), style="dim")
    return None


def agreement_marks(
    scenario: Scenario, issue: Issue, forecasts: Sequence[Forecast]
) -> dict[str, str]:
    """Each model's deal or no deal as coloured markup (empty without a rule)."""
    rule = issue.decision
    if rule is None or not rule.binding:
        return {}
    win = win_set(scenario.profile(issue.id))
    out = {}
    for f in forecasts:
        kind = agreement(win, f.value(issue.id))
        out[f.model] = "" if kind is None else f"[{_STYLE[kind]}]{kind}[/]"
    return out


def decision_lines(
    scenario: Scenario, issue: Issue, forecasts: Sequence[Forecast], *, with_models: bool = True
) -> list[Text | Table]:
    """Who must agree, the win set, and (``with_models``) each model's deal or no deal."""
    rule = issue.decision
    if rule is None or not rule.binding:
        return []
    profile = scenario.profile(issue.id)
    win = win_set(profile)
    head = Text("who must agree: ", style="bold")
    head.append(rule.describe())
    lines: list[Text | Table] = [head]
    if bool(win.no_deal):
        lines.append(
            Text(
                f"win set: only the status quo ({_num(win.status_quo or 0.0)}): no proposal "
                "beats it for everyone who must agree, so without a change of positions there "
                "is no deal",
                style="red",
            )
        )
    else:
        lines.append(
            Text(
                f"win set: {_num(win.low)} to {_num(win.high)} (the outcomes everyone who must "
                f"agree prefers to the status quo {_num(win.status_quo or 0.0)})"
            )
        )
    if with_models:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(justify="right", no_wrap=True)
        grid.add_column(no_wrap=True)
        for model, mark in agreement_marks(scenario, issue, forecasts).items():
            grid.add_row(
                model, _num(dict((f.model, f.value(issue.id)) for f in forecasts)[model]), mark
            )
        lines.append(grid)
    return lines


def uncertainty_lines(issue: Issue, item: IssueUncertainty) -> list[RenderableType]:
    """Monte Carlo: the probability of no deal and of each labelled outcome, per model."""
    if not item.no_deal and not item.labels:
        return []
    table = Table(box=None, header_style="dim", pad_edge=False, padding=(0, 1))
    table.add_column("model", style="bold", no_wrap=True)
    if item.no_deal:
        table.add_column("no deal", justify="right")
    labels = dict(item.labels)
    values = [value for value, _ in issue.labels] if labels else []
    for value in values:
        table.add_column(f"≈{_num(value)}", justify="right")
    no_deal = dict(item.no_deal)
    for name, _ in item.distributions:
        cells = [name]
        if item.no_deal:
            cells.append(f"{no_deal[name]:.0%}")
        cells += [f"{p:.0%}" for _, p in labels.get(name, ())]
        table.add_row(*cells)
    what = "probability of no deal and of the forecast being nearest each label"
    if not item.no_deal:
        what = "probability of the forecast being nearest each label"
    elif not labels:
        what = "probability of no deal"
    table.title = what
    table.title_justify = "left"
    table.title_style = "dim"
    return [whole_title(table)]


def _clip(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _num(value: Any) -> str:
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"
