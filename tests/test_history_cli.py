"""accord snapshot, history, gaps, diff, seal, verify and grade from the command line.

Most commands run in-process (typer's runner); the exit statuses and one-line errors that
matter most are also checked through a real ``python -m accord`` process.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli import app

from conftest import EXAMPLES

FEB = str(EXAMPLES / "ukraine-ceasefire-2025-02-18.yaml")
MAR11 = str(EXAMPLES / "ukraine-ceasefire-2025-03-11.yaml")
MAR16 = str(EXAMPLES / "ukraine-ceasefire-2025-03.yaml")
CASE = "ukraine-ceasefire-2025-03"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "accord", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "", "COLUMNS": "160", "NO_COLOR": "1", **(env or {})},
        check=False,
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A store holding the three dated versions of the case study."""
    path = str(tmp_path_factory.mktemp("history") / "h.sqlite")
    status, out, err = run("snapshot", MAR16, FEB, MAR11, "--db", path)
    assert status == 0, err
    assert out.count("recorded ") == 3
    return path


def test_snapshot_again_is_a_no_op(store):
    status, out, _ = run("snapshot", MAR11, "--db", store, "--json")
    assert status == 0
    (entry,) = json.loads(out)["snapshots"]
    assert entry["created"] is False and entry["revision"] == 1
    assert re.fullmatch(r"[0-9a-f]{64}", entry["sha256"])


def test_history_json_in_date_order(store):
    status, out, _ = run("history", CASE, "--json", env={"ACCORD_DB": store})
    assert status == 0
    data = json.loads(out)
    assert data["scenario"] == CASE
    snaps = data["snapshots"]
    assert [s["as_of"] for s in snaps] == ["2025-02-18", "2025-03-11", "2025-03-16"]
    assert all(s["revision"] == 1 for s in snaps)
    assert snaps[0]["positions"]["ceasefire"]["RUS"] == 0
    assert snaps[2]["positions"]["ceasefire"]["RUS"] == 25
    models = {"mean", "median", "nbs", "bdm", "setter", "smp"}
    assert set(snaps[2]["forecasts"]["ceasefire"]) == models
    assert "aid" not in snaps[0]["forecasts"] and "aid" in snaps[1]["forecasts"]
    rus_ukr = [next(p for p in s["gaps"]["pairs"] if p["parties"] == ["RUS", "UKR"]) for s in snaps]
    assert all(0 < p["overall"] < 1 for p in rus_ukr)
    assert rus_ukr[2]["issues"]["ceasefire"] == 0.75
    assert len(snaps[0]["new_evidence"]) == 13
    new_in_march_16 = {e["id"] for e in snaps[2]["new_evidence"]}
    assert "putin-nuances-2025-03-13" in new_in_march_16
    assert "jeddah-ceasefire-2025-03-11" not in new_in_march_16


def test_history_tables(store):
    status, out, _ = run("history", CASE, "--db", store)
    assert status == 0
    assert "2025-02-18" in out and "forecast: bdm" in out and "RUS-UKR" in out
    assert "new evidence" in out


def test_diff_of_two_snapshots_and_of_identical_files(store):
    status, out, _ = run(
        "diff", f"{CASE}@2025-03-11", f"{CASE}@2025-03-16", "--db", store, "--json"
    )
    assert status == 1
    changes = json.loads(out)
    moved = {c["what"]: c for c in changes["positions"]}
    assert moved["RUS on ceasefire position"]["from"] == 0
    assert moved["RUS on ceasefire position"]["to"] == 25
    assert "putin-nuances-2025-03-13" in moved["RUS on ceasefire position"]["evidence"]
    assert any(c["what"] == "RUS-UKR overall" for c in changes["gaps"])
    assert any(c["what"] == "bdm on ceasefire" for c in changes["forecasts"])
    assert run("diff", MAR16, MAR16)[0] == 0
    status, out, _ = run("diff", FEB, f"{CASE}@2025-02-18", "--db", store)
    assert status == 0 and "identical" in out


def test_gaps_json():
    status, out, _ = run("gaps", MAR16, "--json")
    assert status == 0
    data = json.loads(out)
    assert data["pairs"][0]["parties"] == ["RUS", "UKR"]
    assert {"pairs", "mediator", "agreement"} <= set(data)
    assert data["agreement"]["zopa"] is True


def test_seal_verify_tamper_grade_round_trip(tmp_path):
    db = str(tmp_path / "seals.sqlite")
    status, out, _ = run("seal", MAR11, "--db", db, "--note", "Jeddah")
    assert status == 0 and "seal 1" in out
    assert run("seal", MAR16, "--db", db)[0] == 0
    status, out, _ = run("verify", "--db", db)
    assert status == 0 and "2 seals" in out
    outcomes = tmp_path / "outcomes.yaml"
    outcomes.write_text(
        f"{CASE}:\n  - date: 2025-03-18\n    values: {{ceasefire: 50}}\n"
        "    note: the Trump-Putin call agreed a halt to strikes on energy infrastructure only\n"
    )
    status, out, _ = run("grade", str(outcomes), "--db", db, "--json")
    assert status == 0
    result = json.loads(out)
    assert {r["seal"] for r in result["errors"]} == {1, 2}
    assert all(r["abs_error"] == abs(r["forecast"] - 50) for r in result["errors"])
    connection = sqlite3.connect(db)
    connection.execute(
        "UPDATE seals SET forecasts = replace(forecasts, '\"ceasefire\":', '\"ceasefire\": ') WHERE id = 1"
    )
    connection.commit()
    connection.close()
    status, out, err = run("verify", "--db", db)
    assert status == 1
    assert err.startswith("accord: ") and "seal 1:" in err and "forecasts do not match" in err
    assert err.count("\n") == 1


def one_line(status: int, out: str, err: str, *needles: str) -> None:
    assert status == 2, err
    assert out == ""
    assert err.startswith("accord: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err


def test_bad_input_is_one_line_and_exit_2(store, tmp_path):
    one_line(*run("history", "no-such-id", "--db", store), "no snapshot", "no-such-id")
    bad = tmp_path / "outcomes.yaml"
    bad.write_text(f"{CASE}:\n  - date: 2025-03-18\n    values: {{ceasefire: lots}}\n")
    one_line(*run("grade", str(bad), "--db", store), "outcomes.yaml:3", "expected a number")
    one_line(*run("diff", "no-such-file.yaml", MAR16, "--db", store), "not a snapshot reference")
    junk = tmp_path / "junk.db"
    junk.write_text("not a database\n")
    done = process("history", CASE, "--db", str(junk))  # a real process: status and stderr
    one_line(done.returncode, done.stdout, done.stderr, str(junk), "not an accord")


def test_evidence_after_as_of_fails_snapshot_and_warns_forecast(tmp_path):
    late = tmp_path / "late.yaml"
    late.write_text(Path(MAR11).read_text().replace("as_of: 2025-03-11", "as_of: 2025-03-01"))
    db = tmp_path / "late.sqlite"
    status, out, err = run("snapshot", str(late), "--db", str(db))
    assert status == 2
    assert "dated 2025-03-02, after the scenario's as_of 2025-03-01" in err
    assert not db.exists()  # nothing written, not even an empty store
    status, out, err = run("forecast", str(late), "--json")
    assert status == 0
    assert "warning" in err and "after the scenario's as_of 2025-03-01" in err
    assert json.loads(out)["scenario"]["id"] == CASE
