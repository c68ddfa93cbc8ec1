"""The store under stress: SIGKILL in the middle of writing, and ten writers at once.

Both run real processes that record snapshots with the same functions ``accord snapshot``
uses (:func:`~accord.history.snapshots.snapshot_content` and
:func:`~accord.history.snapshots.record_snapshot`) on a synthetic scenario, so the time is spent
writing rather than forecasting.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

from typer.testing import CliRunner

from accord.cli import app
from accord.history.seals import verify
from accord.history.store import open_store

WRITER = r"""
import sys, time, datetime as dt
from pathlib import Path
from accord.forecast import Forecast, IssueForecast
from accord.history.snapshots import record_snapshot, snapshot_content
from accord.history.store import open_store
from accord.scenario import Actor, Evidence, Issue, Scenario, Stake

db, name, start, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
issues = tuple(Issue(id=f"i{k}") for k in range(10))
actors = tuple(Actor(id=f"A{j}", capability=1 + j) for j in range(6))
evidence = tuple(Evidence(id=f"e{k}", summary="x" * 400) for k in range(40))
forecast = Forecast("mean", "s", tuple(IssueForecast(i.id, 50.0) for i in issues))
store = open_store(db)
print("ready", flush=True)
while go != "-" and not Path(go).exists():
    time.sleep(0.005)
k = start
while count < 0 or k < start + count:
    stakes = tuple(
        Stake(actor=a.id, issue=i.id, position=(k * 7 + j + n) % 101, salience=0.5)
        for j, a in enumerate(actors) for n, i in enumerate(issues)
    )
    scenario = Scenario(id=name, title=f"version {k}", actors=actors, issues=issues,
                        stakes=stakes, evidence=evidence, as_of=dt.date(2025, 3, 16))
    done = record_snapshot(store, snapshot_content(scenario, [forecast], {"pairs": []}))
    print(done.snapshot_id, flush=True)
    k += 1
"""


def writer(db: str, name: str, start: int, count: int, go: str = "-") -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, db, name, str(start), str(count), go],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def check_consistent(db: str) -> list[int]:
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    revisions = [r for (r,) in connection.execute("SELECT revision FROM snapshots ORDER BY id")]
    connection.close()
    assert revisions == list(range(1, len(revisions) + 1))  # no gap, no duplicate
    with open_store(db) as store:
        assert verify(store)[2] is None
    return revisions


def test_sigkill_in_the_middle_of_snapshots_leaves_a_consistent_store(tmp_path):
    db = str(tmp_path / "killed.sqlite")
    rng = random.Random(20250316)
    acknowledged = 0
    kills = 10
    for n in range(kills):
        child = writer(db, "s", 1000 * n, -1)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.15))
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate()
        assert child.returncode == -signal.SIGKILL
        acknowledged += len(out.split())
        revisions = check_consistent(db)
        # every acknowledged commit is there; at most the one being committed when killed too
        assert acknowledged <= len(revisions) <= acknowledged + n + 1
    assert acknowledged > kills  # the kills did land while snapshots were being written
    result = CliRunner().invoke(app, ["verify", "--db", db])
    assert result.exit_code == 0
    assert f"{len(revisions)} snapshots" in result.stdout


def test_ten_processes_snapshotting_at_once_lose_nothing(tmp_path):
    db = str(tmp_path / "shared.sqlite")
    go = tmp_path / "go"
    children = [writer(db, "s", 100 * j, 5, str(go)) for j in range(10)]
    for child in children:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
    go.touch()
    results = [child.communicate(timeout=120) for child in children]
    for child, (_, err) in zip(children, results, strict=True):
        assert child.returncode == 0, err
        assert "locked" not in err
    assert sum(len(out.split()) for out, _ in results) == 50
    assert check_consistent(db) == list(range(1, 51))
