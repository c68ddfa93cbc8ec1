"""``accord evidence --append`` under concurrency and near the size limit (issue 8, item 2).

Twenty appends to one scenario, each a separate process started at the same moment, must all
land: the file ends with the records it had plus one per run, every run reports success, and the
file still loads. Before the lock, 7 of 20 such runs lost records (each read the old file, and
the last rename won).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from accord.io import load_scenario

from conftest import TEST_DATA

RUNS = 20


def _article(folder: Path, k: int) -> Path:
    path = folder / f"article-{k}.txt"
    path.write_text(
        "Moscow, March 3 (Reuters) - Kremlin spokesman Dmitry Peskov said on Monday: "
        f'"We will study proposal number {k} very carefully before we answer."\n',
        encoding="utf-8",
    )
    return path


def test_concurrent_appends_lose_nothing(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    shutil.copy(TEST_DATA / "minimal.yaml", scenario)
    before = len(load_scenario(scenario).evidence)
    articles = [_article(tmp_path, k) for k in range(RUNS)]
    command = [sys.executable, "-m", "accord", "evidence"]
    runs = [
        subprocess.Popen(
            [*command, str(article), "--scenario", str(scenario), "--append", "--json"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={"PATH": "", "NO_COLOR": "1"},
        )
        for article in articles
    ]
    errors = [run.communicate(timeout=300)[1] for run in runs]
    assert [run.returncode for run in runs] == [0] * RUNS, errors
    assert all("appended 1 evidence record" in e for e in errors), errors
    after = load_scenario(scenario)
    assert len(after.evidence) == before + RUNS
    quotes = {record.quote for record in after.evidence}
    for k in range(RUNS):
        assert f"We will study proposal number {k} very carefully before we answer." in quotes
    assert len({record.id for record in after.evidence}) == len(after.evidence)


def test_append_respects_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from accord.evidence import _append

    scenario = tmp_path / "s.yaml"
    shutil.copy(TEST_DATA / "minimal.yaml", scenario)
    original = scenario.read_bytes()
    monkeypatch.setattr(_append, "MAX_BYTES", len(original) + 50)
    from cli_inprocess import accord

    done = accord("evidence", str(_article(tmp_path, 1)), "--scenario", str(scenario), "--append")
    assert done.returncode == 2
    assert f"over the limit of {len(original) + 50:,} bytes" in done.stderr
    assert "the file is unchanged" in done.stderr
    assert done.stderr.startswith(f"accord: {scenario}: appending would make the file")
    assert scenario.read_bytes() == original
