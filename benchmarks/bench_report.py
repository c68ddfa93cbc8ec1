"""Report benchmarks: ``accord report`` on the case study, with and without Monte Carlo.

Run from the repository root:  .venv/bin/python benchmarks/bench_report.py
Each run is a fresh ``accord report`` process (start-up, reading, every model, package deals,
Monte Carlo and sensitivities when asked, rendering, writing), timed by wall clock; the file
size is the written report's. The ``--db`` run reads a store of the case study's three dated
versions, recorded (untimed) by ``accord snapshot`` first. The CPU time is the second run's.
Prints a Markdown table (for benchmarks/README.md). The slider timing comes from the browser
test (tests/test_browser.py writes tests/artifacts/slider-timing.txt).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from _machine import describe  # noqa: E402

CASE = ROOT / "examples" / "ukraine-ceasefire-2025-03.yaml"
ACCORD = [sys.executable, "-m", "accord"]

RUNS: list[tuple[str, list[str], float | None]] = [
    ("no --samples (every model)", [], 3.0),
    ("--samples 10000 --seed 1 (every model)", ["--samples", "10000", "--seed", "1"], 10.0),
    (
        "--samples 10000 --seed 1 --engine processes (every model, 2 workers)",
        ["--samples", "10000", "--seed", "1", "--engine", "processes"],
        10.0,
    ),
    (
        "--samples 10000 --seed 1 -m mean -m median -m nbs (no bdm)",
        ["--samples", "10000", "--seed", "1", "-m", "mean", "-m", "median", "-m", "nbs"],
        10.0,
    ),
    ("--db STORE (3 snapshots; every model)", ["--db", "{store}"], None),
    ("--simulate (1,000 talks, 100,000 truces; every model)", ["--simulate"], None),
]


def main() -> None:
    print(f"Machine: {describe()}; load average at the start {os.getloadavg()[0]:.1f}\n")
    print("| run | wall time (best of 2) | CPU time | file size | target |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "report.html"
        store = Path(folder) / "history.sqlite"
        dated = sorted(str(p) for p in (ROOT / "examples").glob("ukraine-ceasefire-2025-*.yaml"))
        subprocess.run([*ACCORD, "snapshot", *dated, "--db", str(store)], check=True,
                       capture_output=True)  # fmt: skip
        for name, template, target in RUNS:
            extra = [arg.format(store=store) for arg in template]
            walls, cpus = [], []
            for _ in range(2):
                start = time.perf_counter()
                done = subprocess.run(
                    [*ACCORD, "report", str(CASE), "-o", str(out), *extra],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                walls.append(time.perf_counter() - start)
                if done.returncode:
                    raise SystemExit(done.stderr)
                usage = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpus.append(usage.ru_utime + usage.ru_stime)
            cpu = cpus[-1] - cpus[0] if len(cpus) > 1 else cpus[0]
            wall = min(walls)
            size = out.stat().st_size
            if target is None:
                verdict = "no target" + ("" if size < 5e6 else "; over 5 MB")
            else:
                met = wall < target and size < 5e6
                verdict = f"< {target:g} s, < 5 MB: {'met' if met else 'NOT met'}"
            print(
                f"| `accord report` {name} | {wall:.2f} s | {cpu:.2f} s | "
                f"{size / 1e6:.2f} MB | {verdict} |"
            )
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f}")
    timing = ROOT / "tests" / "artifacts" / "slider-timing.txt"
    if timing.exists():
        print(f"\nBrowser test: {timing.read_text().strip()} (target < 300 ms)")


if __name__ == "__main__":
    main()
