"""``accord forecast``: every model's forecast for every issue of a scenario."""

from __future__ import annotations

from typing import Annotated

import typer

from accord.cli._app import app, guarded, print_json, stdout_console
from accord.cli._common import build_models, parse_params


@app.command()
def forecast(
    file: Annotated[str, typer.Argument(metavar="FILE", help="Scenario file: YAML, JSON or CSV.")],
    model: Annotated[
        list[str] | None,
        typer.Option(
            "--model",
            "-m",
            metavar="NAME",
            help="A model to run (repeatable); default: every registered model.",
        ),
    ] = None,
    rounds: Annotated[
        int | None,
        typer.Option(min=1, help="Run bdm exactly N rounds, with no early stop."),
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
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON contract only.")] = False,
) -> None:
    """Forecast the outcome of every issue with the field's models."""
    with guarded():
        from accord.io import load_scenario
        from accord.report.forecast import forecast_json, forecast_tables

        models = build_models(model, parse_params(param), rounds=rounds)
        scenario = load_scenario(file)
        forecasts = [m.predict(scenario) for m in models.values()]
        if as_json:
            print_json(forecast_json(scenario, forecasts))
            return
        console = stdout_console()
        for part in forecast_tables(scenario, forecasts):
            console.print(part)
