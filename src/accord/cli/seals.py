"""``accord seal``, ``accord verify`` and ``accord grade``: forecasts sealed, checked, scored."""

from __future__ import annotations

from typing import Annotated

import typer

from accord.cli._app import app, fail, guarded, print_json, stdout_console
from accord.cli.history import DbOption, JsonOption


@app.command()
def seal(
    file: Annotated[str, typer.Argument(metavar="FILE", help="A scenario file.")],
    db: DbOption = None,
    note: Annotated[
        str | None, typer.Option(metavar="TEXT", help="A note sealed with the forecast.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Seal every model's forecast with a UTC time stamp in the store's hash chain."""
    with guarded():
        from accord.cli._common import build_models
        from accord.cli.history import load_checked
        from accord.history.seals import seal as make_seal
        from accord.history.store import open_store

        scenario = load_checked(file, strict=True)
        models = build_models(None, {})
        forecasts = [m.predict(scenario) for m in models.values()]
        with open_store(db) as store:
            done = make_seal(store, scenario, forecasts, note=note)
        if as_json:
            print_json(
                {
                    "id": done.id,
                    "hash": done.hash,
                    "sealed_at": done.sealed_at,
                    "scenario": done.scenario,
                    "previous": done.previous,
                }
            )
            return
        print(f"sealed {done.scenario} as seal {done.id} at {done.sealed_at}\nhash {done.hash}")


@app.command()
def verify(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Re-compute every snapshot's hash and the seal chain; exit 1 naming the first mismatch."""
    with guarded():
        from accord.history.seals import verify as check
        from accord.history.store import open_store

        with open_store(db) as store:
            snapshots, seals, problem = check(store)
            location = store.location
    if as_json:
        print_json(
            {
                "store": location,
                "snapshots": snapshots,
                "seals": seals,
                "ok": problem is None,
                "problem": None if problem is None else str(problem),
            }
        )
    elif problem is None:
        print(f"ok: {snapshots} snapshots and {seals} seals match their hashes ({location})")
    if problem is not None:
        fail(f"{location}: {problem}", status=1)


@app.command()
def grade(
    outcomes: Annotated[
        str, typer.Argument(metavar="OUTCOMES", help="Outcome blocks by scenario id (YAML/JSON).")
    ],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Score every sealed forecast whose scenario has an outcome: absolute error, Brier."""
    with guarded():
        from accord.history.grading import GradingError
        from accord.history.grading import grade as score
        from accord.history.seals import seals
        from accord.history.store import open_store
        from accord.io import InputError
        from accord.io.outcomes import load_outcomes

        known = load_outcomes(outcomes)
        with open_store(db) as store:
            chain = seals(store)
        try:
            result = score(chain, known)
        except GradingError as exc:
            raise InputError(outcomes, str(exc)) from None
        if as_json:
            print_json(result)
            return
        from rich.table import Table

        console = stdout_console()
        if not result["errors"]:
            print(f"no sealed forecast has an outcome in {outcomes} ({len(chain)} seals)")
            return
        table = Table(title="absolute error of sealed forecasts", title_justify="left")
        for name in ("seal", "outcome", "issue", "model", "forecast", "actual", "error", "/scale"):
            table.add_column(name, justify="right" if name not in ("issue", "model") else "left")
        for r in result["errors"]:
            table.add_row(
                str(r["seal"]),
                r["outcome_date"] or "",
                r["issue"],
                r["model"],
                f"{r['forecast']:.1f}",
                f"{r['outcome']:g}",
                f"{r['abs_error']:.1f}",
                f"{r['scaled_error']:.3f}",
            )
        console.print(table)
        summary = Table(title="by model", title_justify="left")
        for name in ("model", "n", "mean abs error", "mean /scale"):
            summary.add_column(name)
        for model, s in result["summary"].items():
            summary.add_row(
                model, str(s["n"]), f"{s['mean_abs_error']:.2f}", f"{s['mean_scaled_error']:.3f}"
            )
        console.print(summary)
        if not result["brier"]:
            console.print("Brier: no probability was sealed (the models seal point forecasts)")
