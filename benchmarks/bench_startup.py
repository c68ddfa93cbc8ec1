"""Start-up benchmark: whole-process wall time of ``accord --version`` and ``accord forecast``.

Run from the repository root:  .venv/bin/python benchmarks/bench_startup.py [--repeat 5]
Each command runs ``--repeat`` times as a fresh process (the ``accord`` console script of the
virtual environment next to this Python); prints the median and the spread of the wall time and
the median CPU time (user + system, which a loaded machine inflates less) as a Markdown table,
and which heavy modules ``import accord`` and ``import accord.models`` load.

``--src DIR`` runs another checkout's ``src`` instead (``PYTHONPATH=DIR``, the same entry point),
to measure before and after a change on the same machine and load, e.g.::

    git archive dc13cfb src | tar -x -C /tmp/before
    .venv/bin/python benchmarks/bench_startup.py --src /tmp/before/src
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from _machine import describe  # noqa: E402

ACCORD = str(Path(sys.executable).with_name("accord"))
COMMANDS = {
    "accord --version": [ACCORD, "--version"],
    "accord forecast examples/ukraine-ceasefire-2025-03.yaml": [
        ACCORD,
        "forecast",
        "examples/ukraine-ceasefire-2025-03.yaml",
    ],
}
TARGETS = dict(zip(COMMANDS, (0.10, 0.35), strict=True))
HEAVY = ("pydantic", "yaml", "rich", "typer", "click", "scipy")


#: The console script's entry point, for ``--src``.
ENTRY = "import sys; sys.argv[0] = 'accord'; from accord.cli import main; main()"


def wall_times(
    command: list[str], repeat: int, env: dict[str, str]
) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) seconds of each of ``repeat`` fresh runs."""
    times, cpu = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return times, cpu


def heavy_after(statement: str, env: dict[str, str]) -> list[str]:
    code = f"import sys; {statement}; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return out.stdout.split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--src", help="run this src folder instead (PYTHONPATH)")
    args = parser.parse_args()
    env = {**os.environ, "COLUMNS": "120"}
    commands = COMMANDS
    if args.src:
        env["PYTHONPATH"] = args.src
        commands = {k: [sys.executable, "-c", ENTRY, *v[1:]] for k, v in COMMANDS.items()}
        print(f"Source: {args.src}")
    print(f"Machine: {describe()}; load average {os.getloadavg()[0]:.1f}\n")
    print(f"| command | wall, median of {args.repeat} | min | max | CPU, median | target |")
    print("|---|---|---|---|---|---|")
    for label, command in commands.items():
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)  # warm up
        times, cpu = wall_times(command, args.repeat, env)
        median = statistics.median(times)
        verdict = "met" if median < TARGETS[label] else "**not met**"
        print(
            f"| `{label}` | {median:.3f} s | {min(times):.3f} s | {max(times):.3f} s "
            f"| {statistics.median(cpu):.3f} s | < {TARGETS[label]:.2f} s: {verdict} |"
        )
    print()
    for statement in ("import accord", "import accord.models"):
        loaded = heavy_after(statement, env) or ["none"]
        print(f"- `{statement}` loads: {', '.join(loaded)}")


if __name__ == "__main__":
    main()
