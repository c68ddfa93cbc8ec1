"""``accord diff``: what changed between two versions of a scenario (files or snapshots)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from accord.cli._app import app, guarded, print_json, stdout_console
from accord.cli.history import DbOption, JsonOption


def _state(reference: str, db: str | None, store: list[Any]) -> dict[str, Any]:
    """A file's state (computed) or a snapshot's (read from the store, opened once)."""
    if Path(reference).exists():
        from accord.cli._common import build_models
        from accord.cli.history import load_checked
        from accord.gaps import party_gaps
        from accord.history.canonical import forecast_document, scenario_document

        scenario = load_checked(reference, strict=False)
        models = build_models(None, {})
        return {
            "label": reference,
            "document": scenario_document(scenario),
            "forecasts": forecast_document([m.predict(scenario) for m in models.values()]),
            "gaps": party_gaps(scenario).to_dict(),
        }
    from accord.history.snapshots import find_snapshot
    from accord.history.store import open_store

    if not store:
        store.append(open_store(db))
    snap = find_snapshot(store[0], reference)
    return {
        "label": snap.label,
        "document": snap.document,
        "forecasts": snap.forecasts,
        "gaps": snap.gaps,
    }


@app.command()
def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help="A scenario file or a snapshot.")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="A scenario file or a snapshot.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """What changed between two versions; exit 0 when identical, 1 when they differ.

    A snapshot is named by its number, ID@DATE (that date's latest revision) or
    ID@DATE#REVISION.
    """
    with guarded():
        from accord.history.compare import compare

        store: list[Any] = []
        try:
            changes = compare(_state(old, db, store), _state(new, db, store))
        finally:
            for opened in store:
                opened.close()
        if as_json:
            print_json(changes)
        else:
            from accord.report.history import diff_tables

            console = stdout_console()
            for part in diff_tables(changes):
                console.print(part)
    raise typer.Exit(0 if changes["identical"] else 1)
