"""``accord report`` (one self-contained HTML briefing) and ``accord plot`` (one figure)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from accord.cli._app import app, fail, guarded
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
from accord.cli._limits import check_engine, check_rounds, check_samples, check_workers

if TYPE_CHECKING:
    from accord.scenario import Scenario
    from accord.uncertainty import MonteCarlo

#: ``accord plot`` kinds; those marked True draw one issue (``--issue``, default the first).
PLOT_KINDS = {
    "positions": True,
    "forecasts": False,
    "trajectory": True,
    "distribution": True,
    "tornado": True,
    "frontier": False,
    "history": True,
}

ReportDbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="PATH",
        help="Add each scenario's history over time from this history store (an SQLite file "
        "or a postgresql:// URL).",
    ),
]
PlotDbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="PATH",
        help="The history store for 'history' (default: $ACCORD_DB, else history.sqlite in "
        "the user data folder).",
    ),
]
SamplesOption = Annotated[
    int | None,
    typer.Option(metavar="N", help="Monte Carlo: draw N samples of the inputs' ranges."),
]
SeedOption = Annotated[
    int | None, typer.Option(metavar="S", help="Seed of the Monte Carlo draws (default: fresh).")
]


def _check_output(path: str, suffixes: Sequence[str]) -> str:
    """The output's suffix (lower case) after checking it and its folder."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in suffixes:
        fail(f"-o {path}: the file name must end in {' or '.join(suffixes)}")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        fail(f"-o {path}: no such folder {str(parent)!r}")
    if target.is_dir():
        fail(f"-o {path}: is a folder")
    return suffix


def _write(path: str, data: str | bytes) -> None:
    from accord.io import atomic_write

    try:
        with atomic_write(path, binary=isinstance(data, bytes)) as handle:
            handle.write(data)
    except OSError as exc:
        fail(f"-o {path}: cannot write: {exc.strerror or exc}")


def _monte_carlo(
    scenarios: Sequence[Scenario],
    models: dict[str, Any],
    *,
    samples: int,
    seed: int | None,
    engine: str,
    workers: int | None,
    scheduler: str | None,
) -> list[MonteCarlo]:
    from accord.randomness import as_generator
    from accord.uncertainty import monte_carlo

    _, chosen = as_generator(seed)
    result: list[MonteCarlo] = run_engine(
        lambda eng, progress: monte_carlo(
            scenarios, models, samples=samples, seed=chosen, engine=eng, progress=progress
        ),
        engine=engine,
        workers=workers,
        scheduler=scheduler,
        description=f"{samples:,} samples",
    )
    return result


def _histories(db: str | None, scenarios: Sequence[Scenario]) -> list[tuple[Any, str | None]]:
    """Each scenario's timeline from the history store at ``db`` (never created by reading),
    or None and the reason there is none."""
    from accord.history.snapshots import snapshots_of
    from accord.history.store import open_store, store_location
    from accord.history.timeline import timeline

    location = store_location(db)
    if "://" not in location and not Path(location).is_file():
        what = "is a folder, not a" if Path(location).is_dir() else "no such"
        fail(f"--db {location}: {what} history store file")
    out: list[tuple[Any, str | None]] = []
    with open_store(location) as store:
        for scenario in scenarios:
            found = snapshots_of(store, scenario.id)
            if found:
                out.append((timeline(scenario.id, found), None))
            else:
                note = f"No snapshot of {scenario.id!r} in the history store {store.location}."
                out.append((None, note))
    return out


#: ``accord report --simulate`` runs ``accord simulate`` and ``accord truce`` with their defaults.
SIMULATED_TALKS = 1_000
SIMULATED_TRUCES = 100_000


def _simulations(
    scenario: Scenario, seed: int
) -> tuple[dict[str, Any] | None, dict[str, Any] | None, tuple[str, ...]]:
    """The default ``accord simulate`` and ``accord truce`` of a scenario as their JSON
    dictionaries, or None and a note saying why one cannot run."""
    from accord.deals import OutcomeSpaceTooLarge
    from accord.simulate.arena import build_arena
    from accord.simulate.outcomes import simulate_negotiation
    from accord.simulate.strategies import STRATEGIES
    from accord.simulate.truce import simulate_truce, truce_settings

    notes = []
    talks = truce = None
    try:
        arena = build_arena(scenario)
    except (OutcomeSpaceTooLarge, ValueError) as exc:
        notes.append(f"No simulated talks: {exc}.")
    else:
        plan = [STRATEGIES["linear"]] * len(arena.parties)
        result = simulate_negotiation(
            arena, "alternating", plan, deadline=30, runs=SIMULATED_TALKS, rng=seed
        )
        talks = result.to_dict()
    try:
        settings = truce_settings(scenario)
        settings.check()
    except ValueError as exc:
        notes.append(f"No simulated truce: {exc}.")
    else:
        truce = simulate_truce(settings, SIMULATED_TRUCES, rng=seed).to_dict()
    return talks, truce, tuple(notes)


def _check_counts(samples: int | None, seed: int | None) -> None:
    if samples is not None and samples < 1:
        fail(f"--samples must be a positive integer, got {samples}")
    if seed is not None and seed < 0:
        fail(f"--seed must be a non-negative integer, got {seed}")


@app.command()
def report(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...", help="Scenario files (YAML, JSON or CSV), or folders of them."
        ),
    ],
    output: Annotated[
        str, typer.Option("--output", "-o", metavar="FILE.html", help="The HTML file to write.")
    ],
    model: ModelsOption = None,
    rounds: RoundsOption = None,
    param: ParamsOption = None,
    samples: SamplesOption = None,
    seed: SeedOption = None,
    engine: EngineOption = "local",
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    db: ReportDbOption = None,
    simulate: Annotated[
        bool,
        typer.Option(
            "--simulate",
            help=f"Add simulated talks ({SIMULATED_TALKS:,} runs of accord simulate's defaults) "
            f"and a simulated truce ({SIMULATED_TRUCES:,} runs of accord truce's), seeded by "
            "--seed (default 0).",
        ),
    ] = False,
) -> None:
    """Write one self-contained HTML briefing (offline, printable) for the scenarios.

    With --db, a section shows each scenario's snapshots in the history store over time."""
    with guarded():
        from importlib.metadata import version

        from accord.cli.forecast import scenario_files
        from accord.io import load_scenario
        from accord.report.html import ReportData, deals_for_report, render_report

        _check_counts(samples, seed)
        check_engine(engine)
        check_workers(workers)
        _check_output(output, (".html", ".htm"))
        models = build_models(model, parse_params(param), rounds=rounds)
        scenarios = [load_scenario(path) for path in scenario_files(files)]
        check_rounds(rounds, scenarios)
        check_samples(samples, scenarios, len(models), sensitivity=True)
        histories: list[tuple[Any, str | None]] = [(None, None)] * len(scenarios)
        if db is not None:
            histories = _histories(db, scenarios)
        uncertainty: list[Any] = [None] * len(scenarios)
        sensitivities: list[Any] = [None] * len(scenarios)
        if samples is not None:
            from accord.uncertainty import sensitivity

            uncertainty = _monte_carlo(
                scenarios,
                models,
                samples=samples,
                seed=seed,
                engine=engine,
                workers=workers,
                scheduler=scheduler,
            )
            sensitivities = [
                sensitivity(s, models, mc) for s, mc in zip(scenarios, uncertainty, strict=True)
            ]
        reports = []
        for s, mc, sens, (history, history_note) in zip(
            scenarios, uncertainty, sensitivities, histories, strict=True
        ):
            deals, note = deals_for_report(s)
            forecasts = tuple(m.predict(s, rng=seed) for m in models.values())
            talks = truce = None
            simulation_notes: tuple[str, ...] = ()
            if simulate:
                talks, truce, simulation_notes = _simulations(s, 0 if seed is None else seed)
            reports.append(
                ReportData(
                    s,
                    forecasts,
                    mc,
                    sens,
                    deals,
                    note,
                    history=history,
                    history_note=history_note,
                    simulation=talks,
                    truce=truce,
                    simulation_notes=simulation_notes,
                )
            )
        page = render_report(reports, generator=f"accord {version('accord')}")
        _write(output, page)


@app.command()
def plot(
    kind: Annotated[str, typer.Argument(metavar="KIND", help=f"One of: {', '.join(PLOT_KINDS)}.")],
    file: Annotated[str, typer.Argument(metavar="FILE", help="A scenario file.")],
    output: Annotated[
        str,
        typer.Option("--output", "-o", metavar="FIG.svg|png", help="The figure file to write."),
    ],
    issue: Annotated[
        str | None,
        typer.Option(metavar="ID", help="The issue to draw (default: the first)."),
    ] = None,
    model: ModelsOption = None,
    rounds: RoundsOption = None,
    param: ParamsOption = None,
    samples: Annotated[
        int | None,
        typer.Option(metavar="N", help="Monte Carlo samples for 'distribution' (default 10,000)."),
    ] = None,
    seed: SeedOption = None,
    db: PlotDbOption = None,
) -> None:
    """Draw one figure of the report as SVG, or PNG (needs accord[plot]), for slides.

    'history' draws the issue's snapshots in the history store (--db) over time."""
    with guarded():
        from accord.io import load_scenario
        from accord.report import figures
        from accord.report.html import deals_for_report, tornado_model
        from accord.report.svg import MissingExtra, to_png, to_svg

        if kind not in PLOT_KINDS:
            fail(f"unknown plot kind {kind!r}; choose from {', '.join(PLOT_KINDS)}")
        _check_counts(samples, seed)
        suffix = _check_output(output, (".svg", ".png"))
        if issue is not None and not PLOT_KINDS[kind]:
            fail(f"--issue does not apply to '{kind}' (it draws every issue)")
        if db is not None and kind != "history":
            fail(f"--db applies only to 'history', not to '{kind}'")
        models = build_models(model, parse_params(param), rounds=rounds)
        scenario = load_scenario(file)
        check_rounds(rounds, [scenario])
        check_samples(samples, [scenario], len(models), sensitivity=kind == "tornado")
        issue_id = issue if issue is not None else scenario.issues[0].id
        if issue_id not in {i.id for i in scenario.issues}:
            known = ", ".join(i.id for i in scenario.issues)
            fail(f"{file}: no issue {issue_id!r}; choose from {known}")
        forecasts = [m.predict(scenario) for m in models.values()]
        if kind == "history":
            history, note = _histories(db, [scenario])[0]
            if history is None:
                fail(f"{file}: {note}")
            over_time = figures.history_figure(scenario, issue_id, history)
            if over_time is None:
                fail(f"{file}: no snapshot in the history store has the issue {issue_id!r}")
            figure = over_time
        elif kind == "positions":
            figure = figures.positions_figure(scenario, issue_id, forecasts)
        elif kind == "forecasts":
            figure = figures.forecasts_figure(scenario, forecasts)
        elif kind == "trajectory":
            drawn = [figures.trajectory_figure(scenario, issue_id, f) for f in forecasts]
            found = [f for f in drawn if f is not None]
            if not found:
                fail("'trajectory' draws the rounds of a dynamic model: add --model bdm or smp")
            figure = found[0]
        elif kind == "distribution":
            mc = _monte_carlo(
                [scenario],
                models,
                samples=samples or 10_000,
                seed=seed,
                engine="local",
                workers=None,
                scheduler=None,
            )[0]
            figure = figures.distribution_figure(scenario, issue_id, mc, forecasts)
        elif kind == "tornado":
            from accord.uncertainty import sensitivity

            swings = sensitivity(scenario, models)[issue_id]
            figure = figures.tornado_figure(scenario, issue_id, swings, tornado_model(forecasts))
        else:
            analysis, note = deals_for_report(scenario)
            if analysis is None:
                fail(f"{file}: {note}")
            figure = figures.frontier_figure(analysis)
        if suffix == ".svg":
            _write(output, to_svg(figure) + "\n")
            return
        try:
            _write(output, to_png(figure))
        except MissingExtra as exc:
            fail(str(exc))
