"""``accord truce``: would a ceasefire hold? Monitoring, retaliation, noise, breakdown."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import typer

from accord.cli._app import app, fail, guarded, print_json, stdout_console
from accord.cli._common import EngineOption, SchedulerOption, WorkersOption, run_engine
from accord.cli._limits import check_days, check_engine, check_workers, size_text

_PROBABILITY = "a probability in [0, 1]"
#: :data:`accord.simulate.truce.POLICIES` as a choice type (tests/test_options.py checks).
Policy = Literal["tft", "gtft", "grim", "proportional"]


def _probability(name: str, value: float | None) -> None:
    if value is not None and not 0.0 <= value <= 1.0:
        fail(f"{name} {value}: {_PROBABILITY}")


@app.command()
def truce(
    file: Annotated[str, typer.Argument(metavar="FILE", help="Scenario file (YAML, JSON, CSV).")],
    days: Annotated[int, typer.Option(metavar="N", help="Days the truce must hold.")] = 30,
    runs: Annotated[int, typer.Option(metavar="N", help="Simulated truces.")] = 100_000,
    seed: Annotated[int, typer.Option(metavar="S", help="Seed of the runs.")] = 0,
    policy: Annotated[Policy, typer.Option(help="Retaliation policy.")] = "tft",
    p_detect: Annotated[
        float | None,
        typer.Option(
            "--p-detect",
            metavar="P",
            help="P(a violation is perceived); default from the monitoring issue.",
        ),
    ] = None,
    p_false: Annotated[
        float | None,
        typer.Option(
            "--p-false",
            metavar="P",
            help="P(a false alarm) per side and day; default from the monitoring issue.",
        ),
    ] = None,
    noise: Annotated[
        float, typer.Option(metavar="P", help="P(an accidental violation) per side and day.")
    ] = 0.01,
    temptation: Annotated[
        float | None,
        typer.Option(
            metavar="T",
            help="Gain from violating, both sides (T - R); default from the ceasefire issue.",
        ),
    ] = None,
    sides: Annotated[
        str | None,
        typer.Option(metavar="A,B", help="The two sides (default: the two strongest parties)."),
    ] = None,
    monitoring: Annotated[
        float | None,
        typer.Option(
            metavar="LEVEL",
            help="Monitoring regime as a value of the monitoring issue (default: status quo).",
        ),
    ] = None,
    breakdown: Annotated[
        int, typer.Option(metavar="K", help="Collapse on the K-th consecutive day of violations.")
    ] = 3,
    discount: Annotated[float, typer.Option(metavar="D", help="Daily discount factor.")] = 0.95,
    sweep: Annotated[
        bool, typer.Option("--sweep", help="P(holds) against p_detect from 0 to 1.")
    ] = False,
    engine: EngineOption = "local",
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON contract only.")] = False,
) -> None:
    """Simulate a ceasefire day by day: P(it holds), violations, accusations, collapse day."""
    with guarded():
        check_engine(engine)
        check_workers(workers)
        for name, value in (("--p-detect", p_detect), ("--p-false", p_false), ("--noise", noise)):
            _probability(name, value)
        if days < 1:
            fail(f"--days {days}: at least 1")
        check_days(days)
        if runs < 1:
            fail(f"--runs {runs}: at least 1")
        if seed < 0:
            fail(f"--seed {seed}: a non-negative integer")
        if breakdown < 1:
            fail(f"--breakdown {breakdown}: at least 1")
        if not 0.0 <= discount < 1.0:
            fail(f"--discount {discount}: in [0, 1)")
        if temptation is not None and not 0.0 <= temptation < float("inf"):
            fail(f"--temptation {temptation}: a finite non-negative number")
        pair: tuple[str, str] | None = None
        if sides is not None:
            names = [s.strip() for s in sides.split(",") if s.strip()]
            if len(names) != 2 or names[0] == names[1]:
                fail(f"--sides {sides!r}: two different actor ids, e.g. RUS,UKR")
            pair = (names[0], names[1])

        from accord.io import load_scenario
        from accord.simulate.batches import BatchTooLarge
        from accord.simulate.truce import simulate_truce, sweep_detection, truce_settings

        scenario = load_scenario(file)
        overrides: dict[str, Any] = {
            "days": days,
            "policy": policy,
            "noise": noise,
            "breakdown": breakdown,
            "discount": discount,
        }
        if p_detect is not None:
            overrides["p_detect"] = p_detect
        if p_false is not None:
            overrides["p_false"] = p_false
        if temptation is not None:
            overrides["temptation"] = (temptation, temptation)
        try:
            settings = truce_settings(scenario, sides=pair, monitoring=monitoring, **overrides)
            settings.check()
        except ValueError as exc:
            fail(f"{file}: {exc}")

        def work(eng: Any, progress: Any) -> Any:
            base = simulate_truce(settings, runs, rng=seed, engine=eng, progress=progress)
            if not sweep:
                return base, []
            return base, sweep_detection(settings, runs, rng=seed, engine=eng, progress=progress)

        try:
            result = run_engine(
                work, engine=engine, workers=workers, scheduler=scheduler, description="truces"
            )
        except BatchTooLarge as exc:
            fail(
                f"--runs {runs:,} of days {days:,} would need about "
                f"{size_text(exc.needed)}, more than the limit of "
                f"{size_text(exc.limit)}; use fewer --runs or a smaller --days"
            )
        base, curve = result
        data: dict[str, Any] = base.to_dict()
        if sweep:
            data["sweep"] = [
                {
                    "p_detect": r.settings.p_detect,
                    "p_holds": r.p_holds,
                    "p_holds_se": r.p_holds_se,
                    "violations_mean": float(r.runs.violations.mean()),
                    "accusations_mean": float(r.runs.accusations.mean()),
                    "deliberate": dict(zip(settings.sides, r.deliberate, strict=True)),
                }
                for r in curve
            ]
        if as_json:
            print_json(data)
            return
        from accord.report.simulate import truce_tables

        console = stdout_console()
        for part in truce_tables(data, sweep=sweep):
            console.print(part)
