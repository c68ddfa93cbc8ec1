"""``accord backtest`` on DEU III with procedures: consent variants and the paired tables."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from accord.backtest import Comparison, StatusQuo

__all__ = ["comparison_tables", "with_consent_variants"]

VETO = "+veto"


def with_consent_variants(models: Mapping[str, Any]) -> dict[str, Any]:
    """Each model as published (``consent="ignore"``) and, as ``<name>+veto``, held to the win
    set of the issue's procedure; the setter model once (it always proposes inside the win set);
    then the status-quo baseline. A model given an explicit ``consent`` is kept as it is."""
    plain: dict[str, Any] = {}
    vetoed: dict[str, Any] = {}
    for name, model in models.items():
        params = model.get_params()
        if name == "setter" or params.get("consent") is not None:
            plain[name] = model
            continue
        plain[name] = type(model)(**{**params, "consent": "ignore"})
        vetoed[name + VETO] = type(model)(**{**params, "consent": "veto"})
    return {**plain, **vetoed, StatusQuo.name: StatusQuo()}


def _diff(score: Any, reference: str) -> str:
    if score.model == reference or score.paired == 0:
        return "-"
    mark = ""
    if score.diff_high < 0:
        mark = " [green]better[/]"
    elif score.diff_low > 0:
        mark = " [red]worse[/]"
    return f"{score.diff:+.2f} ({score.diff_low:+.2f} to {score.diff_high:+.2f}){mark}"


def comparison_tables(comparison: Comparison) -> list[RenderableType]:
    """Per model: the MAE and the paired difference to the reference, overall and per group."""
    ref = comparison.reference
    level = round(comparison.level * 100)
    models = list(dict.fromkeys(s.model for s in comparison.scores))
    table = Table(
        title=f"Compared with {ref} on the same issues: MAE difference (paired {level}% CI)",
        title_justify="left",
        header_style="bold",
    )
    table.add_column("Model", no_wrap=True)
    for group in comparison.groups:
        n = comparison.score(group, ref).n
        table.add_column(f"{group} (n={n})", justify="right")
    for model in models:
        cells = [model]
        for group in comparison.groups:
            score = comparison.score(group, model)
            if score.n == 0:
                cells.append("-")
                continue
            cells.append(f"{score.mae:.2f}\n{_diff(score, ref)}")
        table.add_row(*cells, end_section=True)
    note = Text(
        f"Each cell: the model's MAE on the group's issues it forecasts, then its mean error minus "
        f"{ref}'s on the issues both forecast, with a paired percentile bootstrap interval "
        f"({comparison.resamples} resamples, seed {comparison.seed}); negative = closer to the "
        "outcomes. '+veto' = the model held to the win set of the issue's procedure (COD: "
        "Council and Parliament must agree; CNS: the Council; QMV with the Nice weights, Unan "
        "= every member); setter = the Commission's best point of that win set; status_quo = "
        "no change (issues with a reference point only). Issues without a reference point have "
        "no rule and are forecast as without one.",
        style="dim",
    )
    return [table, note]
