"""``accord deals``: package deals across issues - frontier, bargaining solutions, logrolls."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from accord.cli._app import app, fail, guarded, stdout_console
from accord.cli._limits import check_steps
from accord.deals.conventions import (
    Conventions,
    Disagreement,
    Normalisation,
    Rationality,
    Reference,
    TieRule,
    UtilityShape,
    Weights,
)

#: The library's defaults, shown by ``--help``.
DEFAULT = Conventions()


@app.command()
def deals(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="Scenario file (YAML, JSON, CSV), GENIUS domain (.xml) or a folder holding one.",
        ),
    ],
    profile: Annotated[
        list[str] | None,
        typer.Option(
            "--profile",
            metavar="XML",
            help="A GENIUS profile (<utility_space> file), one per party (repeatable); "
            "default: the profiles next to the domain file.",
        ),
    ] = None,
    steps: Annotated[
        int,
        typer.Option(
            metavar="N", help="Grid points per continuous issue (at least 2), besides its labels."
        ),
    ] = DEFAULT.steps,
    actors: Annotated[
        str,
        typer.Option(
            metavar="WHO", help="'parties' (role party), 'all', or actor ids separated by commas."
        ),
    ] = "parties",
    utility: Annotated[
        UtilityShape, typer.Option(help="Value of an issue: linear or quadratic loss in distance.")
    ] = DEFAULT.utility,
    disagreement: Annotated[
        Disagreement,
        typer.Option(help="Gains are measured from the reservation utilities or from zero."),
    ] = DEFAULT.disagreement,
    normalisation: Annotated[
        Normalisation,
        typer.Option(help="range: rescale utilities to their range (egalitarian, utilitarian)."),
    ] = DEFAULT.normalisation,
    rationality: Annotated[
        Rationality,
        typer.Option(
            help="Solutions give every party at least (weak) or more than (strict) its "
            "reservation utility."
        ),
    ] = DEFAULT.rationality,
    tie: Annotated[
        TieRule, typer.Option(help="Among tied packages: welfare (largest total) or the first.")
    ] = DEFAULT.tie,
    weights: Annotated[Weights, typer.Option(help="Nash bargaining weights.")] = DEFAULT.weights,
    reference: Annotated[
        Reference, typer.Option(help="Logrolls start from split (split the difference) or nash.")
    ] = DEFAULT.reference,
    show: Annotated[
        int, typer.Option(metavar="N", help="Frontier packages and logrolls shown in the tables.")
    ] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON contract only.")] = False,
) -> None:
    """Package deals across issues: Pareto frontier, bargaining solutions, zone, logrolls."""
    with guarded():
        from accord.deals import OutcomeSpaceTooLarge, analyse_deals
        from accord.io import load_scenario

        if steps < 2:
            fail(f"--steps {steps}: at least 2 (both ends of each continuous issue's scale)")
        check_steps(steps)
        if show < 1:
            fail(f"--show {show}: at least 1")
        who: str | tuple[str, ...] = actors
        if actors not in ("parties", "all"):
            who = tuple(name.strip() for name in actors.split(",") if name.strip())
        conventions = Conventions(
            actors=who,
            steps=steps,
            utility=utility,
            disagreement=disagreement,
            normalisation=normalisation,
            rationality=rationality,
            tie=tie,
            weights=weights,
            reference=reference,
        )
        scenario = load_scenario(file, profiles=profile)
        try:
            analysis = analyse_deals(scenario, conventions)
        except OutcomeSpaceTooLarge as exc:
            fail(
                f"{file}: {exc}; reduce it with fewer --steps (now {steps}, the grid of "
                "continuous issues), fewer issues or fewer --actors"
            )
        except ValueError as exc:
            fail(f"{file}: {exc}")
        if as_json:
            from accord.report.deals import write_deals_json

            write_deals_json(analysis, sys.stdout)
            return
        from accord.report.deals import deals_tables

        console = stdout_console()
        for part in deals_tables(analysis, show=show):
            console.print(part)
