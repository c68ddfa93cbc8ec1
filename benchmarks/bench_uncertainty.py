"""Monte Carlo benchmarks: samples per second of every model, engines and their speed-up.

Run from the repository root:
    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_uncertainty.py
Prints a Markdown report (for benchmarks/README.md).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _machine import describe

from accord.models import Compromise, ExpectedUtility, NashBargaining, WeightedMedian
from accord.scenario import Actor, Issue, Scenario, Stake
from accord.uncertainty import make_engine, monte_carlo


def ten_actor_issue() -> Scenario:
    """One issue, 10 actors, every position, salience and capability uncertain."""
    rng = np.random.default_rng(2026)
    actors, stakes = [], []
    for k in range(10):
        c = float(rng.uniform(10, 100))
        actors.append(Actor(id=f"A{k}", capability=c, capability_range=(0.7 * c, 1.3 * c)))
        x = float(rng.uniform(10, 90))
        s = float(rng.uniform(0.3, 0.9))
        stakes.append(
            Stake(
                actor=f"A{k}",
                issue="x",
                position=x,
                salience=s,
                position_range=(x - 10, x + 10),
                salience_range=(s - 0.2, s + 0.1),
            )
        )
    return Scenario(
        id="bench",
        title="10 actors",
        actors=tuple(actors),
        issues=(Issue(id="x", status_quo=20),),
        stakes=tuple(stakes),
    )


def timed(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def main() -> None:
    scenario = ten_actor_issue()
    print(f"Machine: {describe()}\n")
    print("| run | engine | time | samples/s |")
    print("|---|---|---|---|")
    n = 1_000_000
    for name, model in [
        ("mean", Compromise()),
        ("median", WeightedMedian()),
        ("nbs", NashBargaining()),
    ]:
        _, seconds = timed(
            lambda model=model, name=name: monte_carlo([scenario], {name: model}, samples=n, seed=1)
        )
        print(
            f"| 10^6 samples, `{name}`, 10 actors | local (1 core) | {seconds:.2f} s | "
            f"{n / seconds:,.0f} |"
        )
    three = {"mean": Compromise(), "median": WeightedMedian(), "nbs": NashBargaining()}
    _, seconds = timed(lambda: monte_carlo([scenario], three, samples=n, seed=1))
    print(
        f"| 10^6 samples, `mean`+`median`+`nbs` together | local (1 core) | {seconds:.2f} s | "
        f"{n / seconds:,.0f} |"
    )
    bdm = {"bdm": ExpectedUtility(rounds=10)}
    m = 100_000
    (reference,), seconds = timed(lambda: monte_carlo([scenario], bdm, samples=m, seed=1))
    print(
        f"| 10^5 samples, `bdm` 10 rounds, 10 actors | local (1 core) | {seconds:.1f} s | "
        f"{m / seconds:,.0f} |"
    )
    times = {}
    for engine_name, workers in [("processes", 2), ("dask", 1), ("dask", 2)]:
        with make_engine(engine_name, workers=workers) as engine:
            monte_carlo([scenario], {"mean": Compromise()}, samples=10, seed=1, engine=engine)
            (mc,), seconds = timed(
                lambda engine=engine: monte_carlo([scenario], bdm, samples=m, seed=1, engine=engine)
            )
        same = np.array_equal(mc.forecasts, reference.forecasts)
        times[(engine_name, workers)] = seconds
        print(
            f"| 10^5 samples, `bdm` 10 rounds, 10 actors | {engine_name}, {workers} worker(s) | "
            f"{seconds:.1f} s | {m / seconds:,.0f} (identical to local: {same}) |"
        )
    ratio = times[("dask", 1)] / times[("dask", 2)]
    print(f"\nDask speed-up from 1 to 2 local workers on the `bdm` sweep: {ratio:.2f}x")
    print(f"\n{remote_cluster_check()}")


def remote_cluster_check() -> str:
    """The multi-machine recipe, played on one machine: a scheduler and two workers started
    as separate programs, and the command line pointed at the scheduler's address."""
    import json
    import subprocess
    import tempfile

    bin_dir = Path(sys.executable).parent
    folder = Path(tempfile.mkdtemp())
    path = folder / "bench.json"
    from accord.io import save_scenario

    save_scenario(ten_actor_issue(), path)
    port = 8786 + 17
    address = f"tcp://127.0.0.1:{port}"
    processes = [
        subprocess.Popen(
            [str(bin_dir / "dask"), "scheduler", "--port", str(port), "--no-dashboard"],
            stderr=subprocess.DEVNULL,
        )
    ]
    time.sleep(3)
    for _ in range(2):
        processes.append(
            subprocess.Popen(
                [str(bin_dir / "dask"), "worker", address, "--nthreads", "1", "--no-dashboard"],
                stderr=subprocess.DEVNULL,
            )
        )
    time.sleep(5)
    try:
        command = [
            str(bin_dir / "accord"),
            "forecast",
            str(path),
            "--json",
            "--samples",
            "20000",
            "--seed",
            "4",
            "-m",
            "bdm",
        ]
        start = time.perf_counter()
        remote = subprocess.run(
            [*command, "--engine", "dask", "--scheduler", address],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        seconds = time.perf_counter() - start
        local = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        same = json.loads(remote) == json.loads(local) and remote == local
    finally:
        for process in processes:
            process.terminate()
    return (
        f"Separate `dask scheduler` + 2 `dask worker` processes, `accord forecast ... "
        f"--samples 20000 -m bdm --engine dask --scheduler {address}`: {seconds:.1f} s; "
        f"JSON byte-identical to the local engine: {same}"
    )


if __name__ == "__main__":
    main()
