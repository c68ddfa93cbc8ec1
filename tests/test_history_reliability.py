"""The store under stress: SIGKILL in the middle of writing, and ten writers at once.

Both fork real processes (with accord already imported, so that the time goes to writing)
that record snapshots with the same functions ``accord snapshot`` uses (:func:`~accord.history.snapshots.snapshot_content` and
:func:`~accord.history.snapshots.record_snapshot`) on a synthetic scenario, so the time is spent
writing rather than forecasting.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import time
from pathlib import Path

from typer.testing import CliRunner

from accord.cli import app
from accord.forecast import Forecast, IssueForecast
from accord.history.seals import verify
from accord.history.snapshots import record_snapshot, snapshot_content
from accord.history.store import open_store
from accord.scenario import Actor, Evidence, Issue, Scenario, Stake


def _write(db: str, name: str, start: int, count: int, go: Path | None, out: int) -> None:
    """The child: record snapshots ``start``, ``start + 1``, ... and report each on ``out``."""
    issues = tuple(Issue(id=f"i{k}") for k in range(10))
    actors = tuple(Actor(id=f"A{j}", capability=1 + j) for j in range(6))
    evidence = tuple(Evidence(id=f"e{k}", summary="x" * 400) for k in range(40))
    forecast = Forecast("mean", name, tuple(IssueForecast(i.id, 50.0) for i in issues))
    store = open_store(db)
    os.write(out, b"ready\n")
    while go is not None and not go.exists():
        time.sleep(0.002)
    k = start
    while count < 0 or k < start + count:
        stakes = tuple(
            Stake(actor=a.id, issue=i.id, position=(k * 7 + j + n) % 101, salience=0.5)
            for j, a in enumerate(actors)
            for n, i in enumerate(issues)
        )
        scenario = Scenario(
            id=name,
            title=f"version {k}",
            actors=actors,
            issues=issues,
            stakes=stakes,
            evidence=evidence,
            as_of=dt.date(2025, 3, 16),
        )
        done = record_snapshot(store, snapshot_content(scenario, [forecast], {"pairs": []}))
        os.write(out, f"{done.snapshot_id}\n".encode())
        k += 1


def writer(db: str, start: int, count: int, go: Path | None = None) -> tuple[int, int]:
    """Fork a writer (it has accord imported already); its pid and the read end of its pipe."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child never returns into pytest
        status = 0
        try:
            os.close(read)
            _write(db, "s", start, count, go, write)
        except BaseException:
            status = 1
        os._exit(status)
    os.close(write)
    return pid, read


def lines(fd: int, until_ready: bool = False) -> list[str]:
    data = b""
    while True:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            break
        data += chunk
        if until_ready and data.endswith(b"ready\n"):
            break
    return data.decode().split()


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
    kills = 30
    for n in range(kills):
        pid, fd = writer(db, 1000 * n, -1)
        assert lines(fd, until_ready=True) == ["ready"]
        time.sleep(rng.uniform(0.0, 0.15))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        acknowledged += len(lines(fd))
        os.close(fd)
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
    children = [writer(db, 100 * j, 5, go) for j in range(10)]
    for _, fd in children:
        assert lines(fd, until_ready=True) == ["ready"]
    go.touch()
    written = 0
    for pid, fd in children:
        written += len(lines(fd))
        os.close(fd)
        _, status = os.waitpid(pid, 0)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0  # none failed
    assert written == 50
    assert check_consistent(db) == list(range(1, 51))
