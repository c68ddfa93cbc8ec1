"""``accord backtest``: the models' errors against known outcomes."""

from __future__ import annotations

from typing import Annotated

import typer

from accord.cli._app import app, fail, guarded, print_json, stdout_console
from accord.cli._common import build_models, parse_params


@app.command()
def backtest(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="DEU III data (tab-separated) or a scenario file with an outcome."
        ),
    ],
    model: Annotated[
        list[str] | None,
        typer.Option(
            "--model",
            "-m",
            metavar="NAME",
            help="A model to score (repeatable); default: every registered model.",
        ),
    ] = None,
    capability: Annotated[
        str, typer.Option(help="DEU III capabilities: 'equal' or 'gdp' (the GDP line).")
    ] = "equal",
    seed: Annotated[int, typer.Option(min=0, help="Seed of the bootstrap.")] = 0,
    resamples: Annotated[
        int, typer.Option(min=1, help="Bootstrap resamples for the interval.")
    ] = 10_000,
    rounds: Annotated[
        int | None, typer.Option(min=1, help="Run bdm exactly N rounds, with no early stop.")
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            metavar="MODEL.NAME=VALUE",
            help="Set a model hyperparameter, e.g. bdm.variant=literal (repeatable).",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print scores and per-issue errors as JSON only.")
    ] = False,
) -> None:
    """Score the models against known outcomes: n, mean absolute error, bootstrap 95% interval."""
    with guarded():
        from accord.backtest import backtest as run_backtest
        from accord.io import load_scenario
        from accord.io._text import read_text
        from accord.io.deu3 import CITATION, is_deu3, parse_deu3

        if capability not in ("equal", "gdp"):
            fail(f"--capability {capability!r}: choose 'equal' or 'gdp'")
        models = build_models(model, parse_params(param), rounds=rounds)
        text = read_text(file)
        skipped: tuple[tuple[str, str], ...] = ()
        if is_deu3(text):
            data = parse_deu3(text, file, capability=capability)  # type: ignore[arg-type]
            cases, skipped, cite = data.cases, data.skipped, CITATION
        else:
            cases, cite = (load_scenario(file),), None
        result = run_backtest(cases, models, rng=seed, resamples=resamples)
        if not result.issues:
            fail(f"{file}: no issue with a known outcome to score against")
        if as_json:
            out = result.to_dict()
            out["skipped"] = [{"issue": i, "reason": r} for i, r in skipped]
            if cite:
                out["data"] = cite
            print_json(out)
            return
        from rich.table import Table

        level = round(result.level * 100)
        table = Table(title=f"Back-test on {file}", title_justify="left", header_style="bold")
        table.add_column("Model")
        table.add_column("n", justify="right")
        table.add_column("MAE", justify="right")
        table.add_column(f"{level}% CI", justify="right")
        for score in sorted(result.scores, key=lambda s: s.mae):
            table.add_row(
                score.model,
                str(score.n),
                f"{score.mae:.2f}",
                f"{score.ci_low:.2f}-{score.ci_high:.2f}",
            )
        console = stdout_console()
        console.print(table)
        console.print(
            f"[dim]Mean absolute error on each issue's scale; percentile bootstrap over issues, "
            f"{result.resamples} resamples, seed {result.seed}."
            + (
                f" {len(skipped)} issue(s) skipped (no valid outcome or < 3 actors)."
                if skipped
                else ""
            )
            + "[/dim]"
        )
        if cite:
            console.print(f"[dim]Data: {cite}.[/dim]")
