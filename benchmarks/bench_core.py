"""Core benchmarks: the expected-utility model and the DEU III back-test.

Run from the repository root:  .venv/bin/python benchmarks/bench_core.py
Prints a Markdown report (for benchmarks/README.md). Everything runs on one core.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _machine import describe  # noqa: E402

from accord.backtest import backtest  # noqa: E402
from accord.io.deu3 import load_deu3  # noqa: E402
from accord.models import MODELS, ExpectedUtility  # noqa: E402
from accord.models.bdm import VARIANTS, Options, simulate  # noqa: E402
from accord.scenario import Actor, Issue, Scenario, Stake  # noqa: E402

from reference_bdm import ReferenceModel  # noqa: E402


def best_of(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def problem(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.uniform(0, 100, n), rng.uniform(0.1, 1.0, n), rng.uniform(0.1, 1.0, n)


def scenario_of(x: np.ndarray, c: np.ndarray, s: np.ndarray) -> Scenario:
    ids = [f"A{k}" for k in range(len(x))]
    return Scenario(
        id="bench",
        title="bench",
        actors=tuple(Actor(id=a, capability=float(v)) for a, v in zip(ids, c, strict=True)),
        issues=(Issue(id="x"),),
        stakes=tuple(
            Stake(actor=a, issue="x", position=float(p), salience=float(q))
            for a, p, q in zip(ids, x, s, strict=True)
        ),
    )


def main() -> None:
    print(f"Machine: {describe()}\n")
    print("| benchmark | variant | time | note |")
    print("|---|---|---|---|")
    x, c, s = problem(100)
    for name, rules in VARIANTS.items():
        vectorised = best_of(
            lambda rules=rules: simulate(x, c, s, rules=rules, width=100, rounds=10), 7
        )
        start = time.perf_counter()
        reference = ReferenceModel(list(x), list(c), list(s), rules)
        for _ in range(10):
            reference.step()
        loop = time.perf_counter() - start
        got = simulate(x, c, s, rules=rules, width=100, rounds=10).positions[-1]
        same = np.allclose(got, reference.x, rtol=1e-9, atol=1e-9)
        print(
            f"| bdm, 100 actors, 10 rounds (kernel) | {name} | {vectorised * 1e3:.1f} ms | "
            f"per-dyad Python loop: {loop:.1f} s, {loop / vectorised:.0f}x slower; "
            f"same positions: {same} |"
        )
        scen = scenario_of(x, c, s)
        model = ExpectedUtility(options=Options(variant=name), rounds=10)
        full = best_of(lambda model=model, scen=scen: model.predict(scen), 7)
        print(
            f"| bdm, 100 actors, 10 rounds (`predict`, with history) | {name} | "
            f"{full * 1e3:.1f} ms | |"
        )
    x, c, s = problem(1000)
    for name, rules in VARIANTS.items():
        big = best_of(lambda rules=rules: simulate(x, c, s, rules=rules, width=100, rounds=10), 1)
        print(f"| bdm, 1,000 actors, 10 rounds (kernel) | {name} | {big:.2f} s | |")
    start = time.perf_counter()
    data = load_deu3(ROOT / "data" / "deu3" / "deu3-dev.tsv")
    models = {n: cls() for n, cls in MODELS.items()}
    backtest(data.cases, models, rng=0, resamples=10_000)
    total = time.perf_counter() - start
    print(
        f"| DEU III dev half (198 issues): read + every model + bootstrap | defaults | "
        f"{total:.2f} s | {len(data.cases)} counted issues |"
    )


if __name__ == "__main__":
    main()
