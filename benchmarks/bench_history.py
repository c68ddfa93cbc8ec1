"""Benchmark the history store: snapshot, history over 1,000 snapshots, ten writers at once.

Usage (repository root)::

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_history.py

What is measured:

- ``accord snapshot`` of the case study: CPU time (user + system) of the whole command, process
  start and imports included (median of 5 runs, each into a fresh store), and in process, after
  the imports, the snapshot itself: reading the file, every model, the gaps, writing;
- ``accord history --json`` over 1,000 snapshots of a 10-issue, 6-actor scenario (1,000
  dates): CPU time of the whole command (median of 5), and in process the store read plus the
  timeline and its JSON;
- 10 processes recording 20 snapshots each into one SQLite store at the same moment: how many
  snapshots are there afterwards, how many processes failed, and the wall time.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _machine import describe  # noqa: E402

from accord.forecast import Forecast, IssueForecast  # noqa: E402
from accord.history.snapshots import record_snapshot, snapshot_content  # noqa: E402
from accord.history.store import open_store  # noqa: E402
from accord.scenario import Actor, Issue, Scenario, Stake  # noqa: E402

CASE = ROOT / "examples" / "ukraine-ceasefire-2025-03.yaml"


def command_cpu(*args: str) -> float:
    """CPU seconds (user + system) of one ``python -m accord`` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "-m", "accord", *args], check=True, capture_output=True, text=True
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def synthetic(k: int) -> Scenario:
    issues = tuple(Issue(id=f"i{n}") for n in range(10))
    actors = tuple(Actor(id=f"A{j}", capability=1 + j) for j in range(6))
    stakes = tuple(
        Stake(actor=a.id, issue=i.id, position=(k * 7 + j + n) % 101, salience=0.5)
        for j, a in enumerate(actors)
        for n, i in enumerate(issues)
    )
    return Scenario(
        id="bench",
        title=f"version {k}",
        actors=actors,
        issues=issues,
        stakes=stakes,
        as_of=dt.date(2020, 1, 1) + dt.timedelta(days=k),
    )


def bench_snapshot(folder: Path) -> dict[str, float]:
    runs = [
        command_cpu("snapshot", str(CASE), "--db", str(folder / f"s{n}.sqlite")) for n in range(5)
    ]
    from accord.cli._common import build_models
    from accord.gaps import party_gaps
    from accord.io import load_scenario

    models = build_models(None, {})
    load_scenario(CASE)  # warm the imports
    with open_store(str(folder / "warm.sqlite")) as store:
        start = time.process_time()
        scenario = load_scenario(CASE)
        forecasts = [m.predict(scenario) for m in models.values()]
        gaps = party_gaps(scenario).to_dict()
        record_snapshot(store, snapshot_content(scenario, forecasts, gaps))
        inside = time.process_time() - start
    return {"command": statistics.median(runs), "in_process": inside}


def bench_history(folder: Path) -> dict[str, float]:
    db = str(folder / "history.sqlite")
    forecast_issues = tuple(IssueForecast(f"i{n}", 50.0) for n in range(10))
    forecasts = [Forecast(m, "bench", forecast_issues) for m in ("mean", "median", "nbs", "bdm")]
    with open_store(db) as store:
        for k in range(1000):
            scenario = synthetic(k)
            from accord.gaps import party_gaps

            record_snapshot(
                store,
                snapshot_content(
                    scenario, forecasts, party_gaps(scenario, agreement=False).to_dict()
                ),
            )
    runs = [command_cpu("history", "bench", "--json", "--db", db) for _ in range(5)]
    from accord.history.snapshots import snapshots_of
    from accord.history.timeline import timeline_json

    with open_store(db) as store:
        start = time.process_time()
        text = timeline_json("bench", snapshots_of(store, "bench"))
        inside = time.process_time() - start
    return {"command": statistics.median(runs), "in_process": inside, "bytes": len(text)}


WRITER = r"""
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[4])
from bench_history import synthetic
from accord.forecast import Forecast, IssueForecast
from accord.history.snapshots import record_snapshot, snapshot_content
from accord.history.store import open_store
store = open_store(sys.argv[1])
forecast = Forecast("mean", "bench", tuple(IssueForecast(f"i{n}", 50.0) for n in range(10)))
print("ready", flush=True)
while not Path(sys.argv[3]).exists():
    time.sleep(0.001)
base = int(sys.argv[2])
for k in range(base, base + 20):
    record_snapshot(store, snapshot_content(synthetic(k), [forecast], {}))
"""


def bench_concurrency(folder: Path) -> dict[str, float]:
    db = str(folder / "shared.sqlite")
    go = folder / "go"
    here = str(Path(__file__).resolve().parent)
    children = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, db, str(5000 + 100 * j), str(go), here],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for j in range(10)
    ]
    for child in children:  # every process has imported accord and opened the store
        assert child.stdout is not None
        child.stdout.readline()
    start = time.perf_counter()
    go.touch()
    errors = [child.communicate()[1] for child in children]
    wall = time.perf_counter() - start
    failed = sum(1 for child in children if child.returncode != 0)
    locked = sum("locked" in e for e in errors)
    with open_store(db) as store:
        count = store.query("SELECT COUNT(*) FROM snapshots")[0][0]
    return {"snapshots": count, "failed": failed, "locked": locked, "wall": wall}


def main() -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        snap = bench_snapshot(folder)
        hist = bench_history(folder)
        conc = bench_concurrency(folder)
    print(f"Machine: {describe()}\n")
    print("| benchmark | CPU time | note |")
    print("|---|---|---|")
    print(
        f"| `accord snapshot` of the case study, whole command | {snap['command']:.2f} s | "
        "median of 5; process start and imports included |"
    )
    print(
        f"| snapshot of the case study, in process after imports | {snap['in_process']:.3f} s | "
        "read + 4 models + gaps + write |"
    )
    print(
        f"| `accord history --json`, 1,000 snapshots x 10 issues, whole command | "
        f"{hist['command']:.2f} s | median of 5; {hist['bytes'] / 1e6:.1f} MB of JSON |"
    )
    print(
        f"| history of 1,000 snapshots, in process (read + timeline + JSON) | "
        f"{hist['in_process']:.3f} s | |"
    )
    print(
        f"\n10 processes x 20 snapshots into one SQLite store at once: {conc['snapshots']} of 200 "
        f"recorded, {conc['failed']} processes failed, {conc['locked']} 'database is locked', "
        f"{conc['wall']:.2f} s wall."
    )


if __name__ == "__main__":
    main()
