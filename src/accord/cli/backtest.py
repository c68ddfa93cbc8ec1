"""``accord backtest``: the models' errors against known outcomes."""

from __future__ import annotations

import sys
from typing import Annotated, Any, Literal

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
    check_engine,
    check_resamples,
    check_rounds,
    check_samples,
    check_workers,
)


@app.command()
def backtest(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="DEU III data (tab-separated) or a scenario file with an outcome."
        ),
    ],
    model: ModelsOption = None,
    capability: Annotated[
        Literal["equal", "gdp"],
        typer.Option(help="DEU III capabilities: equal, or gdp (the GDP line)."),
    ] = "equal",
    seed: Annotated[
        int, typer.Option(metavar="S", help="Seed of the bootstrap and of the samples.")
    ] = 0,
    resamples: Annotated[
        int, typer.Option(metavar="N", help="Bootstrap resamples for the interval.")
    ] = 10_000,
    rounds: RoundsOption = None,
    param: ParamsOption = None,
    samples: Annotated[
        int | None,
        typer.Option(
            metavar="N",
            help="Monte Carlo over the inputs' ranges: forecasts become "
            "the distributions' means, and the 95% intervals' coverage is reported.",
        ),
    ] = None,
    procedures: Annotated[
        bool,
        typer.Option(
            help="DEU III: set each issue's decision rule from its procedure, score every model "
            "also under consent=veto, add the status-quo baseline, and compare every model with "
            "mean per procedure (paired bootstrap).",
        ),
    ] = True,
    engine: EngineOption = "local",
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print scores and per-issue errors as JSON only.")
    ] = False,
) -> None:
    """Score the models against known outcomes: n, mean absolute error, bootstrap 95% interval."""
    with guarded():
        from accord.backtest import backtest as run_backtest
        from accord.io import STDIN, load_scenario, parse_scenario, read_input
        from accord.io.deu3 import CITATION, is_deu3, parse_deu3

        if resamples < 1:
            fail(f"--resamples must be a positive integer, got {resamples}")
        if seed < 0:
            fail(f"--seed must be a non-negative integer, got {seed}")
        if samples is not None and samples < 1:
            fail(f"--samples must be a positive integer, got {samples}")
        check_engine(engine)
        check_workers(workers)
        models = build_models(model, parse_params(param), rounds=rounds)
        text, source = read_input(file)
        skipped: tuple[tuple[str, str], ...] = ()
        groups: dict[str, str] | None = None
        if is_deu3(text):
            data = parse_deu3(
                text,
                source,
                capability=capability,
                rules=procedures,
            )
            cases, skipped, cite = data.cases, data.skipped, CITATION
            if procedures:
                from accord.cli.backtest_procedures import with_consent_variants

                models = with_consent_variants(models)
                groups = dict(data.procedures)
        else:
            case = parse_scenario(text, source) if file == STDIN else load_scenario(file)
            cases, cite = (case,), None
        check_rounds(rounds, cases)
        check_samples(samples, cases, len(models))
        check_resamples(resamples, len(cases), len(models))
        uncertainty: Any = None
        if samples is not None and not any(_has_range(case) for case in cases):
            sys.stderr.write(
                f"accord: warning: --samples: no input of {source} has a range "
                "(position_range, salience_range, capability_range), so there is no "
                "uncertainty to cover; scoring the point forecasts without coverage\n"
            )
            samples = None
        if samples is not None:
            from accord.uncertainty import monte_carlo

            uncertainty = run_engine(
                lambda eng, progress: monte_carlo(
                    cases, models, samples=samples, seed=seed, engine=eng, progress=progress
                ),
                engine=engine,
                workers=workers,
                scheduler=scheduler,
                description=f"{len(cases)} case(s) x {samples:,} samples",
            )
        result = run_backtest(cases, models, rng=seed, resamples=resamples, uncertainty=uncertainty)
        if not result.issues:
            fail(f"{source}: no issue with a known outcome to score against")
        comparison = None
        if groups is not None and "mean" in models:
            from accord.backtest import compare

            comparison = compare(result, groups=groups, rng=seed, resamples=resamples)
        if as_json:
            out = result.to_dict()
            _describe_issues(out["issues"], cases)
            if comparison is not None:
                out["comparison"] = comparison.to_dict()
            out["skipped"] = [{"issue": i, "reason": r} for i, r in skipped]
            if samples is not None:
                out["samples"] = samples
            if cite:
                out["data"] = cite
            print_json(out)
            return
        from rich.table import Table

        from accord.report.titles import whole_title

        level = round(result.level * 100)
        table = Table(title=f"Back-test on {source}", title_justify="left", header_style="bold")
        table.add_column("Model")
        table.add_column("n", justify="right")
        table.add_column("MAE", justify="right")
        table.add_column(f"{level}% CI", justify="right")
        if samples is not None:
            table.add_column("95% interval coverage", justify="right")
        for score in sorted(result.scores, key=lambda s: s.mae):
            row = [
                score.model,
                str(score.n),
                f"{score.mae:.2f}",
                f"{score.ci_low:.2f}-{score.ci_high:.2f}",
            ]
            if score.coverage is not None:
                row.append(f"{score.coverage:.0%}")
            table.add_row(*row)
        console = stdout_console()
        console.print(whole_title(table))
        if comparison is not None:
            from accord.cli.backtest_procedures import comparison_tables

            for part in comparison_tables(comparison):
                console.print(part)
        note = (
            f"Mean absolute error on each issue's scale; percentile bootstrap over issues, "
            f"{result.resamples} resamples, seed {result.seed}."
        )
        if samples is not None:
            note += (
                f" Forecasts are the means of {samples:,} Monte Carlo samples of the "
                "inputs' ranges (inputs without a range keep their value)."
            )
        if skipped:
            note += f" {len(skipped)} issue(s) skipped (no valid outcome or < 3 actors)."
        console.print(f"[dim]{note}[/dim]")
        if cite:
            console.print(f"[dim]Data: {cite}.[/dim]")


def _has_range(scenario: Any) -> bool:
    """Whether any input of the scenario has a range that Monte Carlo can sample."""
    return any(
        span is not None and span[0] < span[1]
        for span in (
            *(a.capability_range for a in scenario.actors),
            *(s.position_range for s in scenario.stakes),
            *(s.salience_range for s in scenario.stakes),
        )
    )


def _describe_issues(items: list[dict[str, Any]], cases: Any) -> None:
    """Add to each scored issue of the JSON its name and scale (low, high, status quo)."""
    from accord.report.forecast import issue_scale

    issues = {(case.id, issue.id): issue for case in cases for issue in case.issues}
    for item in items:
        issue = issues.get((item["case"], item["issue"]))
        if issue is None:
            continue
        item["name"] = issue.name
        item["scale"] = issue_scale(issue)
