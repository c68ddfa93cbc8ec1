"""``accord gaps``: how far apart the parties are, per issue and overall, and from agreement."""

from __future__ import annotations

from typing import Annotated

import typer

from accord.cli._app import app, guarded, print_json, stdout_console


@app.command()
def gaps(
    file: Annotated[str, typer.Argument(metavar="FILE", help="A scenario file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON contract only.")] = False,
) -> None:
    """Gaps between the parties and to the mediator; the distance to an agreement."""
    with guarded():
        from accord.gaps import party_gaps
        from accord.io import load_scenario

        result = party_gaps(load_scenario(file)).to_dict()
        if as_json:
            print_json(result)
            return
        from accord.report.history import gaps_tables

        console = stdout_console()
        for part in gaps_tables(result):
            console.print(part)
