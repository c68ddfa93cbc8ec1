"""``accord simulate``: play a bargaining protocol many times among the scenario's parties."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import typer

from accord.cli._app import app, fail, guarded, print_json, stdout_console
from accord.cli._common import EngineOption, SchedulerOption, WorkersOption, run_engine
from accord.cli._limits import check_engine, check_steps, check_workers, size_text

#: :data:`accord.simulate.protocols.PROTOCOLS` and ``OFFER_RULES`` as choice types
#: (tests/test_options.py checks they agree; spelt here so that registering is cheap).
Protocol = Literal["alternating", "single-text", "shuttle"]
OfferRule = Literal["random", "nice", "lowest"]


@app.command()
def simulate(
    file: Annotated[str, typer.Argument(metavar="FILE", help="Scenario file or GENIUS domain.")],
    protocol: Annotated[Protocol, typer.Option(help="The bargaining protocol.")] = "alternating",
    strategy: Annotated[
        list[str] | None,
        typer.Option(
            "--strategy",
            metavar="ACTOR=NAME",
            help="A party's strategy (repeatable): boulware, linear, conceder, tit-for-tat, "
            "stalling; it overrides the actor's 'strategy' in the file; 'all=NAME' sets it for "
            "the parties with neither (default: linear).",
        ),
    ] = None,
    deadline: Annotated[int, typer.Option(metavar="N", help="Rounds before talks end.")] = 30,
    runs: Annotated[int, typer.Option(metavar="N", help="Simulated negotiations.")] = 1000,
    seed: Annotated[int, typer.Option(metavar="S", help="Seed of the runs.")] = 0,
    actors: Annotated[
        str, typer.Option(metavar="WHO", help="'parties', 'all', or actor ids separated by commas.")
    ] = "parties",
    offer: Annotated[
        OfferRule,
        typer.Option(help="Alternating offers: random or nice within --band, or the lowest."),
    ] = "random",
    band: Annotated[
        float, typer.Option(metavar="B", help="Width of the offer band above the target.")
    ] = 0.1,
    steps: Annotated[int, typer.Option(metavar="N", help="Grid points per continuous issue.")] = 5,
    show: Annotated[int, typer.Option(metavar="N", help="Most frequent agreements shown.")] = 3,
    engine: EngineOption = "local",
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON contract only.")] = False,
) -> None:
    """Simulate negotiations: agreement rate, rounds, the packages agreed."""
    with guarded():
        from accord.simulate.strategies import STRATEGIES

        check_engine(engine)
        check_workers(workers)
        if deadline < 1:
            fail(f"--deadline {deadline}: at least 1 round")
        if runs < 1:
            fail(f"--runs {runs}: at least 1")
        if seed < 0:
            fail(f"--seed {seed}: a non-negative integer")
        if not 0.0 <= band <= 1.0:
            fail(f"--band {band}: in [0, 1]")
        if steps < 2:
            fail(f"--steps {steps}: at least 2")
        check_steps(steps)
        chosen: dict[str, str] = {}
        for item in strategy or []:
            who, sep, name = item.partition("=")
            if not sep or not who.strip():
                fail(f"--strategy {item!r}: expected ACTOR=NAME, e.g. RUS=stalling")
            if name not in STRATEGIES:
                fail(f"--strategy {item!r}: unknown strategy; choose from {', '.join(STRATEGIES)}")
            chosen[who.strip()] = name

        from accord.deals import OutcomeSpaceTooLarge
        from accord.io import load_scenario
        from accord.simulate.arena import build_arena
        from accord.simulate.batches import BatchTooLarge
        from accord.simulate.outcomes import simulate_negotiation
        from accord.simulate.strategies import choose_strategy

        scenario = load_scenario(file)
        among: str | list[str] = actors
        if actors not in ("parties", "all"):
            among = [name.strip() for name in actors.split(",") if name.strip()]
        try:
            arena = build_arena(scenario, actors=among, steps=steps)
        except OutcomeSpaceTooLarge as exc:
            fail(f"{file}: {exc}; use fewer --steps or --actors")
        except ValueError as exc:
            fail(f"{file}: {exc}")
        default = chosen.pop("all", "linear")
        unknown = [name for name in chosen if name not in arena.parties]
        if unknown:
            fail(
                f"--strategy {unknown[0]}=...: not a party of this negotiation "
                f"({', '.join(arena.parties)})"
            )
        plan = [STRATEGIES[choose_strategy(scenario, p, chosen, default)] for p in arena.parties]

        def work(eng: Any, progress: Any) -> Any:
            return simulate_negotiation(
                arena, protocol, plan, deadline=deadline, runs=runs, rng=seed, engine=eng,
                progress=progress, offer=offer, band=band,
            )  # fmt: skip

        try:
            result = run_engine(
                work, engine=engine, workers=workers, scheduler=scheduler,
                description="negotiations",
            )  # fmt: skip
        except BatchTooLarge as exc:
            fail(
                f"--runs {runs:,} of deadline {deadline:,} would need about "
                f"{size_text(exc.needed)}, more than the limit of "
                f"{size_text(exc.limit)}; use fewer --runs or a smaller --deadline"
            )
        data = result.to_dict()
        if as_json:
            print_json(data)
            return
        from accord.report.simulate import simulate_tables

        console = stdout_console()
        for part in simulate_tables(data, show=show):
            console.print(part)
