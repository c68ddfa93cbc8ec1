"""``accord snapshot`` and ``accord history``: dated snapshots in the history store."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from accord.cli._app import app, fail, guarded, print_json, stdout_console

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="PATH",
        help="The history store: an SQLite file or a postgresql:// URL "
        "(default: $ACCORD_DB, else history.sqlite in the user data folder).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the JSON contract only.")]


def load_checked(path: str, *, strict: bool) -> Any:
    """The scenario in ``path``; evidence dated after its ``as_of`` is an error (``strict``,
    for what is recorded) or a warning on stderr."""
    from accord.history.snapshots import late_evidence
    from accord.io import InputError, load_scenario

    scenario = load_scenario(path)
    late = late_evidence(scenario)
    if late:
        first = late[0]
        assert scenario.as_of is not None
        assert first.date is not None
        problem = (
            f"evidence {first.id!r} is dated {first.date.isoformat()}, after the scenario's "
            f"as_of {scenario.as_of.isoformat()}"
            + (f" ({len(late) - 1} more records too)" if len(late) > 1 else "")
        )
        if strict:
            raise InputError(path, problem)
        sys.stderr.write(f"accord: warning: {path}: {problem}\n")
    return scenario


@app.command()
def snapshot(
    files: Annotated[
        list[str],
        typer.Argument(metavar="FILE...", help="Scenario files (each needs an as_of date)."),
    ],
    db: DbOption = None,
    samples: Annotated[
        int | None,
        typer.Option(metavar="N", help="Also record Monte Carlo distributions of N samples."),
    ] = None,
    seed: Annotated[
        int | None, typer.Option(metavar="S", help="Seed of the Monte Carlo draws.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Record scenarios as of their dates, with every model's forecast and the party gaps."""
    with guarded():
        from accord.cli._common import build_models
        from accord.cli.forecast import scenario_files
        from accord.gaps import party_gaps
        from accord.history.snapshots import record_snapshot, snapshot_content
        from accord.history.store import open_store
        from accord.io import InputError

        if samples is not None and samples < 1:
            fail(f"--samples must be a positive integer, got {samples}")
        if seed is not None and seed < 0:
            fail(f"--seed must be a non-negative integer, got {seed}")
        paths = scenario_files(files)
        scenarios = [load_checked(path, strict=True) for path in paths]
        for path, scenario in zip(paths, scenarios, strict=True):
            if scenario.as_of is None:
                raise InputError(
                    path, "as_of: missing: a snapshot is dated by the scenario's as_of"
                )
        models = build_models(None, {})
        contents = []
        distributions: list[Any] = [None] * len(scenarios)
        if samples is not None:
            from accord.randomness import as_generator
            from accord.uncertainty import monte_carlo

            _, seed = as_generator(seed)
            results = monte_carlo(scenarios, models, samples=samples, seed=seed)
            distributions = [
                {
                    "samples": samples,
                    "seed": seed,
                    "stream": mc.stream,
                    "issues": {item.issue: item.to_dict() for item in mc.issues},
                }
                for mc in results
            ]
        for scenario, dist in zip(scenarios, distributions, strict=True):
            forecasts = [m.predict(scenario) for m in models.values()]
            gaps = party_gaps(scenario).to_dict()
            contents.append(snapshot_content(scenario, forecasts, gaps, dist))
        with open_store(db) as store:
            done = [record_snapshot(store, content) for content in contents]
            location = store.location
        if as_json:
            print_json(
                {
                    "store": location,
                    "snapshots": [
                        {
                            "id": r.snapshot_id,
                            "scenario": r.scenario,
                            "as_of": r.as_of,
                            "revision": r.revision,
                            "sha256": r.sha256,
                            "created": r.created,
                        }
                        for r in done
                    ],
                }
            )
            return
        for r in done:
            what = "recorded" if r.created else "unchanged, already recorded:"
            print(
                f"{what} {r.scenario} as of {r.as_of}, revision {r.revision} "
                f"(snapshot {r.snapshot_id}, sha256 {r.sha256[:12]})"
            )


@app.command()
def history(
    scenario: Annotated[str, typer.Argument(metavar="ID", help="The scenario id.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Positions, forecasts, party gaps and new evidence of a scenario, snapshot by snapshot."""
    with guarded():
        from accord.history.snapshots import snapshots_of
        from accord.history.store import StoreError, open_store
        from accord.history.timeline import timeline, timeline_json

        with open_store(db) as store:
            found = snapshots_of(store, scenario)
            if not found:
                raise StoreError(f"{store.location}: no snapshot of scenario {scenario!r}")
        if as_json:  # compact, one line: a long history is megabytes (see the README)
            sys.stdout.write(timeline_json(scenario, found) + "\n")
            return
        data = timeline(scenario, found)
        from accord.report.history import history_tables

        console = stdout_console()
        for part in history_tables(data):
            console.print(part)
