"""The command line, run as a user runs it: a separate process, its exit status and streams."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import DATA, EXAMPLES, TEST_DATA, accord

MINIMAL = str(TEST_DATA / "minimal.yaml")


def test_help():
    result = accord("--help")
    assert result.returncode == 0
    for command in ("forecast", "convert", "backtest", "models"):
        assert command in result.stdout


def test_version():
    result = accord("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("accord ") and result.stdout.count(".") >= 2


def test_forecast_table():
    result = accord("forecast", MINIMAL)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Scope of the ceasefire" in out and "aid" in out
    for model in ("mean", "median", "nbs", "bdm"):
        assert model in out
    assert "≈ 50: Partial: energy and sea" in out
    assert "≈ 100: Full 30-day ceasefire" in out
    assert "scale 0 to 100" in out
    assert "✓" in out and "✗" in out
    assert "(mediator)" in out
    assert result.stderr == ""


def test_forecast_json_contract():
    result = accord("forecast", MINIMAL, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["scenario"] == {"id": "minimal", "title": "Minimal scenario"}
    assert [i["id"] for i in data["issues"]] == ["ceasefire", "aid"]
    first = data["issues"][0]
    assert set(first["forecasts"]) == {"mean", "median", "nbs", "bdm", "setter", "smp"}
    assert all(isinstance(v, float) for v in first["forecasts"].values())
    assert first["outcome"] == 40
    assert set(first["acceptable"]) == {"RUS", "UKR"}
    assert set(first["acceptable"]["RUS"]) == {"mean", "median", "nbs", "bdm", "setter", "smp"}
    rounds = first["bdm"]["rounds"]
    assert rounds[0]["round"] == 1 and set(rounds[0]["positions"]) == {"RUS", "UKR", "US"}
    states = first["smp"]["rounds"]
    assert states[0]["round"] == 0 and set(states[0]["probabilities"]) == {"RUS", "UKR", "US"}
    assert "outcome" not in data["issues"][1]
    # The mean is checkable by hand: (80*.9*35 + 60*.8*100 + 90*.7*90) / (80*.9 + 60*.8 + 90*.7)
    expected = (80 * 0.9 * 35 + 60 * 0.8 * 100 + 90 * 0.7 * 90) / (80 * 0.9 + 60 * 0.8 + 90 * 0.7)
    assert first["forecasts"]["mean"] == pytest.approx(expected)
    assert first["acceptable"]["RUS"]["mean"] is False  # 62.2 is beyond RUS's reservation (20)


def test_forecast_selected_models_and_rounds():
    result = accord(
        "forecast",
        str(EXAMPLES / "emissions-1994.csv"),
        "--json",
        "--model",
        "bdm",
        "--model",
        "mean",
        "--rounds",
        "10",
    )
    data = json.loads(result.stdout)
    issue = data["issues"][0]
    assert list(issue["forecasts"]) == ["bdm", "mean"]
    assert len(issue["bdm"]["rounds"]) == 10
    assert issue["forecasts"]["bdm"] == pytest.approx(7.0, abs=5e-4)
    assert [round(r["median"], 3) for r in issue["bdm"]["rounds"]][:3] == [8.416, 9.611, 9.962]


def test_forecast_param():
    result = accord("forecast", MINIMAL, "--json", "-m", "bdm", "--param", "bdm.variant=literal")
    assert json.loads(result.stdout)["models"]["bdm"]["probability"] == "dyad"


def test_python_dash_m_and_entry_point_agree():
    import shutil

    exe = shutil.which("accord", path=str(__import__("pathlib").Path(sys.executable).parent))
    assert exe is not None
    direct = subprocess.run([exe, "forecast", MINIMAL, "--json"], capture_output=True, text=True)
    assert direct.stdout == accord("forecast", MINIMAL, "--json").stdout


def test_convert_round_trip(tmp_path):
    out = tmp_path / "m.json"
    assert accord("convert", MINIMAL, str(out)).returncode == 0
    back = tmp_path / "m.yaml"
    assert accord("convert", str(out), str(back)).returncode == 0
    a = accord("forecast", MINIMAL, "--json").stdout
    assert accord("forecast", str(back), "--json").stdout == a


def test_convert_refuses_lossy_csv_and_writes_nothing(tmp_path):
    out = tmp_path / "m.csv"
    result = accord("convert", MINIMAL, str(out))
    assert result.returncode == 2
    assert "without loss" in result.stderr and result.stderr.count("\n") == 1
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_backtest_deu3():
    result = accord("backtest", str(DATA / "deu3" / "deu3-dev.tsv"), "--json", "--resamples", "500")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["models"]["mean"]["n"] == 189
    assert data["models"]["mean"]["mae"] == pytest.approx(23.7716, abs=1e-4)
    low, high = data["models"]["mean"]["ci"]
    assert low < 23.77 < high
    assert len(data["issues"]) == 189 and len(data["skipped"]) == 9
    first = data["issues"][0]
    plain = {"mean", "median", "nbs", "bdm", "setter", "smp", "status_quo"}
    vetoed = {"mean+veto", "median+veto", "nbs+veto", "bdm+veto", "smp+veto"}
    assert set(first["errors"]) == plain | vetoed
    # seeded: the same command gives the same interval
    again = json.loads(
        accord(
            "backtest", str(DATA / "deu3" / "deu3-dev.tsv"), "--json", "--resamples", "500"
        ).stdout
    )
    assert again["models"]["mean"]["ci"] == data["models"]["mean"]["ci"]


def test_backtest_table():
    result = accord(
        "backtest", str(DATA / "deu3" / "deu3-dev.tsv"), "-m", "mean", "--resamples", "200"
    )
    assert result.returncode == 0
    assert "23.77" in result.stdout and "doi:10.34810/data53" in result.stdout


def test_backtest_scenario_with_outcome():
    data = json.loads(accord("backtest", MINIMAL, "--json", "--resamples", "50").stdout)
    assert data["models"]["mean"]["n"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["forecast", "nope.yaml"], "nope.yaml: no such file"),
        (["forecast", MINIMAL, "--model", "oracle"], "unknown model 'oracle'"),
        (["forecast", MINIMAL, "--param", "bdm.variant=weird"], "variant must be one of"),
        (
            ["forecast", MINIMAL, "--param", "bdm.colour=red"],
            "model 'bdm' has no parameter 'colour'",
        ),
        (["forecast", MINIMAL, "--param", "junk"], "expected MODEL.NAME=VALUE"),
        (["backtest", str(TEST_DATA / "ktab-3dim.csv")], "no issue with a known outcome"),
        (["convert", MINIMAL, "out.txt"], "unknown output format"),
        (
            ["backtest", MINIMAL, "--capability", "votes"],
            "--capability 'votes': choose from equal, gdp",
        ),
    ],
)
def test_bad_input_one_line_exit_2(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = accord(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_bad_scenario_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        (TEST_DATA / "minimal.yaml").read_text().replace("salience: 0.9", "salience: 9")
    )
    result = accord("forecast", str(path), "--json")
    assert result.returncode == 2
    assert result.stderr == (
        f"accord: {path}:31: positions[0].salience: must be less than or equal to 1, got 9\n"
    )
    assert result.stdout == ""


def test_usage_errors_exit_2():
    result = accord("forecast", MINIMAL, "--rounds", "0")
    assert result.returncode == 2
    assert result.stderr == "accord: --rounds must be a positive integer, got 0\n"
    result = accord("forecast", MINIMAL, "--samples", "many")
    assert result.returncode == 2 and "Traceback" not in result.stderr
