"""``accord forecast --samples`` and friends, run as a user runs them."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest

from conftest import EXAMPLES, TEST_DATA, accord

RANGES = str(TEST_DATA / "ranges.yaml")


def run_json(*args: str) -> dict:
    result = accord("forecast", RANGES, "--json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_samples_json_contract():
    data = run_json("--samples", "1500", "--seed", "12")
    assert data["samples"] == 1500 and data["seed"] == 12
    x = data["issues"][0]
    assert set(x["distribution"]) == {"mean", "median", "nbs", "bdm", "setter", "smp"}
    d = x["distribution"]["mean"]
    assert set(d) == {"mean", "p2_5", "p10", "p50", "p90", "p97_5", "histogram"}
    assert d["p2_5"] <= d["p10"] <= d["p50"] <= d["p90"] <= d["p97_5"]
    assert sum(d["histogram"]["counts"]) == 1500
    assert len(d["histogram"]["edges"]) == len(d["histogram"]["counts"]) + 1
    assert set(x["acceptance"]) == {"A", "B"}
    assert 0 <= x["acceptance"]["A"]["mean"] <= 1
    assert set(x["all_accept"]) == {"mean", "median", "nbs", "bdm", "setter", "smp"}
    # the point forecasts and their booleans are still there
    assert set(x["forecasts"]) == {"mean", "median", "nbs", "bdm", "setter", "smp"}
    assert isinstance(x["acceptable"]["A"]["mean"], bool)
    y = data["issues"][1]
    assert y["acceptance"] == {} and all(v is None for v in y["all_accept"].values())


def test_byte_identical_across_engines_workers_and_chunks():
    base = accord("forecast", RANGES, "--json", "--samples", "3000", "--seed", "99").stdout
    for extra in (
        ["--chunk-size", "77"],
        ["--engine", "processes", "--workers", "2"],
        ["--engine", "processes", "--workers", "1", "--chunk-size", "1024"],
    ):
        other = accord("forecast", RANGES, "--json", "--samples", "3000", "--seed", "99", *extra)
        assert other.returncode == 0, other.stderr
        assert other.stdout == base, extra


def test_fresh_seed_is_reported_and_reproduces():
    first = run_json("--samples", "300")
    again = run_json("--samples", "300", "--seed", str(first["seed"]))
    assert json.dumps(first) == json.dumps(again)
    other = run_json("--samples", "300", "--seed", str(first["seed"] + 1))
    assert other["issues"][0]["distribution"] != first["issues"][0]["distribution"]


def test_sensitivity_json():
    data = run_json("--samples", "2000", "--seed", "1", "--sensitivity")
    items = data["issues"][0]["sensitivity"]
    assert {"input", "low", "high", "swing", "sobol"} <= set(items[0])
    largest = [max(i["swing"].values()) for i in items]
    assert largest == sorted(largest, reverse=True)
    fixed = next(i for i in items if i["input"] == "B.x.position")
    assert all(v == 0 for v in fixed["swing"].values())
    assert all(v == 0 for v in fixed["sobol"].values())
    assert items[0]["input"] in {"A.x.position", "C.x.position", "A.capability", "A.x.salience"}


def test_sensitivity_defaults_to_10000_samples():
    data = run_json("--sensitivity", "--seed", "2", "-m", "mean")
    assert data["samples"] == 10_000


def test_human_output_with_samples():
    result = accord("forecast", RANGES, "--samples", "500", "--seed", "3", "--sensitivity")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "95% interval" in out and "all parties accept" in out
    assert "%" in out and "Monte Carlo: 500 samples, seed 3" in out
    assert "inputs that move the forecasts most" in out and "A.x.position" in out


def test_several_files_and_a_folder(tmp_path):
    both = accord("forecast", RANGES, str(TEST_DATA / "minimal.yaml"), "--json", "-m", "mean")
    data = json.loads(both.stdout)
    assert [d["scenario"]["id"] for d in data] == ["ranges", "minimal"]
    folder = tmp_path / "scenarios"
    folder.mkdir()
    for name in ("b.yaml", "a.yaml"):
        (folder / name).write_text((TEST_DATA / "minimal.yaml").read_text())
    (folder / "notes.txt").write_text("not a scenario")
    listed = json.loads(
        accord(
            "forecast", str(folder), "--json", "-m", "mean", "--samples", "10", "--seed", "1"
        ).stdout
    )
    assert len(listed) == 2 and all(d["samples"] == 10 for d in listed)
    human = accord("forecast", RANGES, str(TEST_DATA / "minimal.yaml"), "-m", "mean")
    assert "Ranges" in human.stdout and "Minimal scenario" in human.stdout


def test_backtest_with_samples(tmp_path):
    # Coverage needs inputs with ranges (without, backtest says there is nothing to cover).
    ranged = tmp_path / "ranged.yaml"
    ranged.write_text((TEST_DATA / "ranges.yaml").read_text() + "outcome:\n  values: {x: 40}\n")
    result = accord("backtest", str(ranged), "--samples", "200", "--json")
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["samples"] == 200
    assert "coverage_95" in data["models"]["mean"]
    assert "interval_95" in data["issues"][0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--samples", "0"], "--samples must be a positive integer, got 0"),
        (["--samples", "-5"], "--samples must be a positive integer, got -5"),
        (
            ["--samples", "10", "--engine", "gpu"],
            "--engine 'gpu': choose from local, processes, dask",
        ),
        (["--samples", "10", "--scheduler", "tcp://127.0.0.1:9"], "--scheduler goes with"),
        (["--samples", "10", "--engine", "processes", "--workers", "0"], "at least 1"),
        (["--samples", "10", "--seed", "-1"], "--seed must be a non-negative integer"),
    ],
)
def test_bad_options(args, message):
    result = accord("forecast", RANGES, "--json", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_unreachable_scheduler():
    pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
    result = accord(
        "forecast",
        RANGES,
        "--json",
        "--samples",
        "10",
        "--engine",
        "dask",
        "--scheduler",
        "tcp://127.0.0.1:9",
    )
    assert result.returncode == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_ctrl_c_stops_cleanly():
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "accord",
            "forecast",
            str(EXAMPLES / "ukraine-ceasefire-2025-03.yaml"),
            "--json",
            "--samples",
            "10000000",
            "--seed",
            "1",
            "-m",
            "bdm",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(3)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr == "accord: interrupted\n"
    assert stdout == ""
