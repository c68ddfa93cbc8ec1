"""``accord convert``: a scenario from one file format to another."""

from __future__ import annotations

from typing import Annotated

import typer

from accord.cli._app import app, fail, guarded


@app.command()
def convert(
    source: Annotated[str, typer.Argument(metavar="IN", help="Scenario file to read.")],
    target: Annotated[
        str,
        typer.Argument(
            metavar="OUT", help="File to write: .yaml, .yml, .json, .csv or .xml (KTAB SMP)."
        ),
    ],
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="FORMAT",
            help="yaml, json, csv (Actor,Capability,Position,Salience), ktab (KTAB CSV) or "
            "ktab-xml; "
            "default: from OUT's suffix (.csv: whichever CSV holds the scenario).",
        ),
    ] = None,
) -> None:
    """Convert a scenario between YAML, JSON and the field's CSV conventions, without loss."""
    with guarded():
        from accord.io import FORMATS, load_scenario, save_scenario

        if to is not None and to not in FORMATS:
            fail(f"--to {to!r}: choose from {', '.join(FORMATS)}")
        scenario = load_scenario(source)
        save_scenario(scenario, target, to)
