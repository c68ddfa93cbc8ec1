"""KTAB's spatial model (smp): the reference scenarios, 100 actors x 5 dimensions, Monte Carlo.

Run from the repository root:  OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_smp.py
Prints a Markdown table (for benchmarks/README.md). Everything runs on one core. Times are the
best of a few runs (the machine is shared).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from _machine import describe  # noqa: E402

from accord.io import load_scenario  # noqa: E402
from accord.models import SpatialModel  # noqa: E402
from accord.models.smp import SMPOptions, run  # noqa: E402
from accord.uncertainty import monte_carlo  # noqa: E402


def best_of(fn, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def main() -> None:
    rows = []
    soe = load_scenario(ROOT / "tests" / "data" / "ktab" / "SOE-Pol-Comp.csv")
    t, f = best_of(lambda: SpatialModel().predict(soe), 5)
    rows.append(("SOE-Pol-Comp, 13 actors x 2 dims (`predict`)", t, f"{len(f.issues[0].spatial)} states; KTAB's log: 1.21 s"))  # type: ignore[union-attr]
    example = load_scenario(ROOT / "tests" / "data" / "ktab" / "smpExample.xml")
    t, f = best_of(lambda: SpatialModel().predict(example), 5)
    rows.append(("smpExample, 5 actors x 3 dims (`predict`, stochastic)", t, f"{len(f.issues[0].spatial)} states; KTAB's log: 0.22 s"))  # type: ignore[union-attr]
    rng = np.random.default_rng(1)
    n, d = 100, 5
    pos = rng.uniform(0, 1, (n, d))
    sal = rng.uniform(0.1, 1, (n, d))
    sal = sal / sal.sum(axis=1, keepdims=True) * rng.uniform(0.5, 0.95, (n, 1))
    cap = rng.uniform(10, 200, n)
    t, tr = best_of(lambda: run(pos, sal, cap, SMPOptions()), 2)
    rows.append(("100 actors x 5 dims, to convergence (engine)", t, f"{len(tr.rounds)} states"))  # type: ignore[union-attr]
    case = load_scenario(ROOT / "examples" / "ukraine-ceasefire-2025-03.yaml")
    models = {"smp": SpatialModel()}
    t, _ = best_of(lambda: monte_carlo([case], models, samples=1000, seed=1), 2)
    rows.append(("Monte Carlo, 1,000 samples of the case study (6 actors x 11 issues)", t, "local engine"))
    print(f"Machine: {describe()}\n")
    print("| benchmark | time | note |\n|---|---|---|")
    for name, seconds, note in rows:
        print(f"| {name} | {seconds:.3f} s | {note} |")


if __name__ == "__main__":
    main()
