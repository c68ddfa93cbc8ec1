"""How the cost of ``accord evidence`` grows with the size of its input (issue 8).

For each generated input of ``benchmarks/evidence_inputs.py`` at several sizes, runs
``accord evidence FILE --json`` as a user does - a separate process, stdout to a file - and
reports wall time, peak memory (the child's maximum resident set size) and the size of the
output, then the cost per MB of input at the largest size. Run from the repository root:

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_evidence_scaling.py [--quick]

``--quick`` runs the sizes up to a quarter of the issue's. ``--timeout S`` stops a run that
takes longer (reported as such). See benchmarks/README.md, section *Evidence: cost per MB*.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _machine import describe
from evidence_inputs import CASES, huge_number


def run(path: Path, out: Path, timeout: float) -> tuple[float, float, float, int, int]:
    """Wall seconds, CPU seconds (user + system), peak RSS in MB, output bytes and exit status
    of one run (seconds are ``inf`` when the run was stopped at ``timeout``)."""
    command = [sys.executable, "-m", "accord", "evidence", str(path), "--json"]
    start = time.perf_counter()
    with out.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.DEVNULL)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                _, status, usage = os.wait4(process.pid, 0)
                inf = float("inf")
                return inf, inf, usage.ru_maxrss / 1024, out.stat().st_size, -9
            time.sleep(0.01)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss / 1024, out.stat().st_size, process.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="sizes up to a quarter only")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per run")
    parser.add_argument("--case", action="append", help="run only these cases (by name)")
    args = parser.parse_args()
    fractions = (1 / 16, 1 / 8, 1 / 4) if args.quick else (1 / 4, 1 / 2, 1)
    sys.stdout.write(describe() + "\n\n")
    sys.stdout.write(
        "| input | size | wall time | CPU time | CPU s per MB | peak memory | output | exit |\n"
        "|---|---|---|---|---|---|---|---|\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, (make, full, html) in CASES.items():
            if args.case and name not in args.case:
                continue
            for fraction in fractions:
                size = int(full * fraction)
                path = folder / ("page.html" if html else "article.txt")
                text = make(size)
                path.write_text(text, encoding="utf-8")
                megabytes = len(text.encode("utf-8")) / 1e6
                seconds, cpu, memory, output, status = run(path, folder / "out.json", args.timeout)
                stopped = seconds == float("inf")
                shown = f"> {args.timeout:.0f} s (stopped)" if stopped else f"{seconds:.2f} s"
                sys.stdout.write(
                    f"| {name} | {megabytes * 1000:,.0f} kB | {shown} | "
                    f"{'-' if stopped else f'{cpu:.2f} s'} | "
                    f"{'-' if stopped else f'{cpu / megabytes:.1f}'} | {memory:,.0f} MB | "
                    f"{output / 1e6:,.2f} MB | {status} |\n"
                )
                sys.stdout.flush()
        path = folder / "number.txt"
        path.write_text(huge_number(), encoding="utf-8")
        seconds, cpu, memory, output, status = run(path, folder / "out.json", args.timeout)
        sys.stdout.write(
            f"| a 400-digit number | {path.stat().st_size:,} B | {seconds:.2f} s | {cpu:.2f} s | "
            f"- | {memory:,.0f} MB | {output / 1e6:,.4f} MB | {status} |\n"
        )


if __name__ == "__main__":
    main()
