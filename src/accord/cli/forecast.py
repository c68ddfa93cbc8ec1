"""``accord forecast``: every model's forecast for every issue, with uncertainty if asked."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from accord.cli._app import app, fail, guarded, print_json, stdout_console
from accord.cli._common import (
    EngineOption,
    ModelsOption,
    ParamsOption,
    RoundsOption,
    SchedulerOption,
    WorkersOption,
    build_models,
    parse_params,
    run_engine,
)
from accord.cli._limits import (
    check_chunk_size,
    check_engine,
    check_rounds,
    check_samples,
    check_workers,
)


def scenario_files(paths: list[str]) -> list[str]:
    """The files named, with each folder replaced by its scenario files in name order (the
    suffixes of the scenario formats of :data:`accord.io.formats.REGISTRY`, but GENIUS's,
    whose profiles are XML files too)."""
    from accord.io.formats import scenario_formats

    suffixes = tuple(
        dict.fromkeys(
            suffix
            for entry in scenario_formats()
            if entry.name != "genius"
            for suffix in entry.suffixes
        )
    )
    out: list[str] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            found = sorted(
                str(f) for f in p.iterdir() if f.is_file() and f.suffix.lower() in suffixes
            )
            if not found:
                fail(f"{path}: no scenario files ({', '.join(suffixes)}) in this folder")
            out.extend(found)
        else:
            out.append(path)
    return out


@app.command()
def forecast(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...", help="Scenario files (YAML, JSON or CSV), or folders of them."
        ),
    ],
    model: ModelsOption = None,
    rounds: RoundsOption = None,
    param: ParamsOption = None,
    samples: Annotated[
        int | None,
        typer.Option(metavar="N", help="Monte Carlo: draw N samples of the inputs' ranges."),
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option(metavar="S", help="Seed of the Monte Carlo draws (default: fresh)."),
    ] = None,
    sensitivity: Annotated[
        bool,
        typer.Option(
            "--sensitivity",
            help="Which inputs move each forecast most (swings and Sobol indices; "
            "with 10,000 samples unless --samples is given).",
        ),
    ] = False,
    engine: EngineOption = "local",
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    chunk_size: Annotated[
        int | None,
        typer.Option(metavar="N", help="Samples per job (never changes results)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON contract only.")] = False,
) -> None:
    """Forecast the outcome of every issue with the field's models."""
    with guarded():
        from accord.cli.history import load_checked
        from accord.report.forecast import forecast_json, forecast_tables

        if samples is None and sensitivity:
            samples = 10_000
        if samples is not None and samples < 1:
            fail(f"--samples must be a positive integer, got {samples}")
        if seed is not None and seed < 0:
            fail(f"--seed must be a non-negative integer, got {seed}")
        if chunk_size is not None and chunk_size < 1:
            fail(f"--chunk-size must be a positive integer, got {chunk_size}")
        check_engine(engine)
        check_workers(workers)
        models = build_models(model, parse_params(param), rounds=rounds)
        scenarios = [load_checked(path, strict=False) for path in scenario_files(files)]
        check_rounds(rounds, scenarios)
        check_samples(samples, scenarios, len(models), sensitivity=sensitivity)
        check_chunk_size(chunk_size, scenarios, len(models))
        # --seed also seeds the point forecasts of models that draw random numbers (smp's
        # stochastic transitions), so that one command line gives one output
        forecasts = [[m.predict(s, rng=seed) for m in models.values()] for s in scenarios]
        uncertainty: list[Any] = [None] * len(scenarios)
        sensitivities: list[Any] = [None] * len(scenarios)
        if samples is not None:
            from accord.randomness import as_generator
            from accord.uncertainty import monte_carlo
            from accord.uncertainty import sensitivity as find_sensitivity

            _, seed = as_generator(seed)
            uncertainty = run_engine(
                lambda eng, progress: monte_carlo(
                    scenarios,
                    models,
                    samples=samples,
                    seed=seed,
                    engine=eng,
                    chunk_size=chunk_size,
                    progress=progress,
                ),
                engine=engine,
                workers=workers,
                scheduler=scheduler,
                description=f"{samples:,} samples",
            )
            if sensitivity:
                sensitivities = [
                    find_sensitivity(s, models, mc)
                    for s, mc in zip(scenarios, uncertainty, strict=True)
                ]
        if as_json:
            documents = [
                forecast_json(s, f, u, v)
                for s, f, u, v in zip(scenarios, forecasts, uncertainty, sensitivities, strict=True)
            ]
            print_json(
                documents[0]
                if len(files) == 1 and len(documents) == 1 and not Path(files[0]).is_dir()
                else documents
            )
            return
        console = stdout_console()
        for k, (s, f, u, v) in enumerate(
            zip(scenarios, forecasts, uncertainty, sensitivities, strict=True)
        ):
            if k:
                console.rule()
            for part in forecast_tables(s, f, u, v):
                console.print(part)
