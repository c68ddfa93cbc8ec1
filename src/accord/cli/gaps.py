"""``accord gaps``: how far apart the parties are, per issue and overall, and from agreement."""

from __future__ import annotations

from typing import Annotated

import typer

from accord.cli._app import app, fail, guarded, print_json, stdout_console


@app.command()
def gaps(
    file: Annotated[str, typer.Argument(metavar="FILE", help="A scenario file.")],
    issue: Annotated[
        list[str] | None,
        typer.Option(
            "--issue",
            metavar="ID",
            help="Measure on this issue only (repeatable), e.g. the issues two versions share.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON contract only.")] = False,
) -> None:
    """Gaps between the parties and to the mediator; the distance to an agreement."""
    with guarded():
        import dataclasses

        from accord.gaps import party_gaps
        from accord.io import load_scenario

        scenario = load_scenario(file)
        if issue:
            known = [i.id for i in scenario.issues]
            unknown = [i for i in issue if i not in known]
            if unknown:
                fail(f"--issue {unknown[0]!r}: {file} has no such issue; it has {', '.join(known)}")
            scenario = dataclasses.replace(
                scenario,
                issues=tuple(i for i in scenario.issues if i.id in issue),
                stakes=tuple(s for s in scenario.stakes if s.issue in issue),
            )
        result = party_gaps(scenario).to_dict()
        if as_json:
            print_json(result)
            return
        from accord.report.history import gaps_tables

        console = stdout_console()
        for part in gaps_tables(result):
            console.print(part)
