"""What a new user meets first, tried from the README: each rough edge that was found, fixed."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from accord import load_scenario

from conftest import DATA, EXAMPLES, ROOT, TEST_DATA, accord

MINIMAL = TEST_DATA / "minimal.yaml"
RANGES = TEST_DATA / "ranges.yaml"
CASE = EXAMPLES / "ukraine-ceasefire-2025-03.yaml"
DEU = DATA / "deu3" / "deu3-dev.tsv"


def _run(
    *args: str, columns: int = 160, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "accord", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=300,
        env={"COLUMNS": str(columns), "PATH": "", "NO_COLOR": "1"},
        cwd=ROOT,
    )


def _one_line_exit_2(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert len(lines[0]) <= 300
    return lines[0]


# --------------------------------------------------------------------------------------------
# Misspelt required fields


def test_a_misspelt_required_field_is_reported_at_the_misspelt_key(tmp_path):
    lines = MINIMAL.read_text().splitlines()
    k = next(k for k, line in enumerate(lines) if line.strip().startswith("salience:"))
    lines[k] = lines[k].replace("salience:", "salince:")
    path = tmp_path / "misspelt.yaml"
    path.write_text("\n".join(lines) + "\n")
    message = _one_line_exit_2(accord("forecast", str(path)))
    assert message.startswith(f"accord: {path}:{k + 1}: positions[0].salince: ")
    assert "did you mean 'salience'?" in message


# --------------------------------------------------------------------------------------------
# Files that are not scenarios, and standard input


@pytest.mark.parametrize("command", ["forecast", "backtest"])
def test_an_article_says_what_it_looks_like_and_which_command_reads_it(tmp_path, command):
    article = tmp_path / "article.txt"
    article.write_text(
        "Kyiv, 12 March. Ukraine said on Tuesday it would accept a 30-day ceasefire, the White "
        "House said after talks in Jeddah.\n\nRussia has not yet answered, officials said.\n"
    )
    message = _one_line_exit_2(accord(command, str(article)))
    assert f"{article}: this looks like an article" in message
    assert "accord evidence" in message


def test_deu3_data_given_to_forecast_points_to_backtest():
    message = _one_line_exit_2(accord("forecast", str(DEU)))
    assert "looks like DEU III data" in message and "accord backtest" in message


def test_a_tab_separated_table_given_to_forecast_is_named(tmp_path):
    table = tmp_path / "table.tsv"
    table.write_text("a\tb\tc\n1\t2\t3\n4\t5\t6\n")
    message = _one_line_exit_2(accord("forecast", str(table)))
    assert "looks like a tab-separated table" in message and "accord backtest" in message


def test_dash_reads_a_scenario_from_standard_input():
    result = _run("forecast", "-", "--json", "-m", "mean", stdin=MINIMAL.read_text())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["scenario"]["id"] == "minimal"
    csv = (EXAMPLES / "emissions-1994.csv").read_text()
    result = _run("forecast", "-", "--json", "-m", "mean", stdin=csv)
    assert result.returncode == 0, result.stderr
    deu = _run("backtest", "-", "-m", "mean", "--resamples", "50", "--json", stdin=DEU.read_text())
    assert deu.returncode == 0, deu.stderr
    assert json.loads(deu.stdout)["models"]["mean"]["n"] > 100
    article = _run("forecast", "-", stdin="Talks ended today without agreement, officials said.")
    assert "<stdin>: this looks like an article" in _one_line_exit_2(article)


# --------------------------------------------------------------------------------------------
# --param


def test_an_unknown_parameter_names_the_model_and_its_parameters():
    message = _one_line_exit_2(accord("forecast", str(MINIMAL), "-p", "mean.foo=1"))
    assert message == (
        "accord: --param mean.foo: model 'mean' has no parameter 'foo'; its parameters: consent"
    )


def test_a_bad_value_names_the_model_the_parameter_and_the_allowed_values():
    message = _one_line_exit_2(accord("forecast", str(MINIMAL), "-p", "bdm.q=abc"))
    assert "model 'bdm', parameter 'q': expected a number; q must lie in [0, 1]" in message
    assert message.endswith("got 'abc'")
    choice = _one_line_exit_2(accord("forecast", str(MINIMAL), "-p", "bdm.mu=middle"))
    assert "parameter 'mu'" in choice and "mu must be one of 'median', 'mean'" in choice


# --------------------------------------------------------------------------------------------
# The Monte Carlo table


def test_monte_carlo_labels_the_point_forecast_and_draws_the_histogram_axis():
    out = _run("forecast", str(RANGES), "--samples", "500", "--seed", "3").stdout
    assert "Point forecast" in out  # the footer row of the stakes table
    header = next(line for line in out.splitlines() if "80% interval" in line)
    assert header.split()[:2] == ["model", "point"] and "│" in header
    assert re.search(r"\s0\s+100\s", header)  # the histogram's axis: the scale's two ends
    assert "28.31 to 44.66" in out or " to " in header + out  # intervals read "a to b"
    assert not re.search(r"\d-\d+\.?\d*\s+\d", header)


def test_a_point_forecast_outside_its_80_percent_interval_gets_a_note(tmp_path):
    path = tmp_path / "lopsided.yaml"
    path.write_text(
        "id: lopsided\ntitle: Lopsided\nactors:\n  - {id: A, capability: 1}\n"
        "  - {id: B, capability: 1}\nissues:\n  - {id: x}\npositions:\n"
        "  - {actor: A, issue: x, position: 0, salience: 1, position_range: [0, 100]}\n"
        "  - {actor: B, issue: x, position: 0, salience: 1}\n"
    )
    out = _run("forecast", str(path), "-m", "mean", "--samples", "500", "--seed", "1").stdout
    assert "note: mean's point forecast 0 lies below its 80% interval" in " ".join(out.split())


def test_an_issue_without_ranges_says_so_instead_of_a_degenerate_interval():
    out = _run("forecast", str(MINIMAL), "--samples", "200", "--seed", "1", "--sensitivity").stdout
    flat = " ".join(out.split())
    assert flat.count("no input of this issue has a range") == 2  # both issues of the file
    assert "80% interval" not in out and "inputs that move the forecasts most" not in out


def test_swings_keep_their_sign():
    result = _run(
        "forecast",
        str(RANGES),
        "-m",
        "mean",
        "--samples",
        "300",
        "--seed",
        "2",
        "--sensitivity",
        "--json",
    )
    items = {i["input"]: i for i in json.loads(result.stdout)["issues"][0]["sensitivity"]}
    out = _run(
        "forecast", str(RANGES), "-m", "mean", "--samples", "300", "--seed", "2", "--sensitivity"
    ).stdout
    for name in ("A.capability", "A.x.position"):
        change = items[name]["forecast_at_high"]["mean"] - items[name]["forecast_at_low"]["mean"]
        row = next(line for line in out.splitlines() if line.startswith(name))
        cell = row.split()[-2]  # "<signed swing> (<index>)"
        assert (cell.startswith("-") and change < 0) or (cell.startswith("+") and change > 0)
    assert (
        items["A.capability"]["forecast_at_high"]["mean"]
        < items["A.capability"]["forecast_at_low"]["mean"]
    )  # more capability for A (at 10) pulls the mean down


def test_backtest_samples_without_ranges_says_there_is_no_uncertainty_to_cover():
    result = accord("backtest", str(MINIMAL), "--samples", "200", "-m", "mean")
    assert result.returncode == 0
    assert "no uncertainty to cover" in result.stderr
    assert "coverage" not in result.stdout and "0%" not in result.stdout
    as_json = accord("backtest", str(MINIMAL), "--samples", "50", "-m", "mean", "--json")
    assert "coverage_95" not in json.loads(as_json.stdout)["models"]["mean"]


# --------------------------------------------------------------------------------------------
# convert


def test_convert_warns_that_comments_are_not_carried_over(tmp_path):
    result = accord("convert", str(CASE), str(tmp_path / "case.json"))
    assert result.returncode == 0
    assert "comments are not carried over to the JSON file" in result.stderr
    assert load_scenario(tmp_path / "case.json") == load_scenario(CASE)
    clean = accord("convert", str(tmp_path / "case.json"), str(tmp_path / "again.yaml"))
    assert clean.returncode == 0 and clean.stderr == ""


def test_convert_to_csv_names_the_real_reason_first(tmp_path):
    message = _one_line_exit_2(accord("convert", str(CASE), str(tmp_path / "case.csv")))
    reason = message.split("without loss: ", 1)[1]
    assert reason.startswith("CSV cannot hold evidence")
    assert "slug" not in message
    two = tmp_path / "two.yaml"
    two.write_text(
        "id: two\ntitle: Two\nactors:\n  - {id: A, capability: 1}\n  - {id: B, capability: 1}\n"
        "issues:\n  - {id: x, name: Xx}\n  - {id: y}\npositions:\n"
        "  - {actor: A, issue: x, position: 0, salience: 1}\n"
        "  - {actor: B, issue: x, position: 100, salience: 1}\n"
        "  - {actor: A, issue: y, position: 0, salience: 1}\n"
        "  - {actor: B, issue: y, position: 100, salience: 1}\n"
    )
    message = _one_line_exit_2(accord("convert", str(two), str(tmp_path / "two.csv")))
    assert message.split("without loss: ", 1)[1].startswith("it has 2 issues")


# --------------------------------------------------------------------------------------------
# JSON contracts


def _readme_keys() -> set[str]:
    return set(re.findall(r'"([a-z_0-9]+)"', (ROOT / "README.md").read_text()))


def test_forecast_json_names_each_issue_its_scale_and_labels_and_every_key_is_documented():
    result = _run(
        "forecast", str(CASE), "--json", "--samples", "200", "--seed", "1", "--sensitivity"
    )
    data = json.loads(result.stdout)
    scenario = load_scenario(CASE)
    documented = _readme_keys()
    assert set(data) <= documented
    for entry, issue in zip(data["issues"], scenario.issues, strict=True):
        assert entry["name"] == issue.name
        assert entry["scale"]["low"] == issue.low and entry["scale"]["high"] == issue.high
        assert entry["scale"]["status_quo"] == issue.status_quo
        assert entry["scale"]["labels"] == {f"{v:g}": t for v, t in issue.labels}
        assert set(entry) <= documented, set(entry) - documented
        assert set(entry["scale"]) <= documented
        for item in entry["sensitivity"]:
            assert set(item) <= documented
        for distribution in entry["distribution"].values():
            assert set(distribution) <= documented
        if "decision" in entry:
            assert set(entry["decision"]) <= documented, set(entry["decision"]) - documented


def test_backtest_json_names_each_issue_and_every_key_is_documented():
    data = json.loads(
        accord("backtest", str(DEU), "-m", "mean", "--resamples", "50", "--json").stdout
    )
    documented = _readme_keys()
    assert set(data) <= documented, set(data) - documented
    for item in data["issues"]:
        assert set(item) <= documented
        assert set(item["scale"]) == {"low", "high", "status_quo", "labels"}
    assert data["issues"][0]["scale"]["low"] == 0 and data["issues"][0]["scale"]["high"] == 100
    assert set(data["models"]["mean"]) <= documented


def test_deals_json_names_each_issue_and_its_scale():
    data = json.loads(accord("deals", str(MINIMAL), "--json").stdout)
    scenario = load_scenario(MINIMAL)
    for entry in data["issues"]:
        issue = scenario.issue(entry["id"])
        assert entry["name"] == issue.name
        assert entry["scale"]["low"] == issue.low and entry["scale"]["high"] == issue.high


# --------------------------------------------------------------------------------------------
# Titles


@pytest.mark.parametrize("columns", [100, 110, 120])
def test_table_titles_do_not_break_in_the_middle_of_a_phrase(columns):
    out = _run(
        "forecast", str(CASE), "--samples", "300", "--seed", "1", "--sensitivity", columns=columns
    ).stdout
    lines = out.splitlines()
    titles = [
        "Monte Carlo, 300 samples: each model's point forecast, then the distribution of its "
        "forecast",
        "probability of no deal and of the forecast being nearest each label",
        "inputs that move the forecasts most: forecast(high) - forecast(low) (first-order index)",
    ]
    scenario = load_scenario(CASE)
    for issue in scenario.issues:
        title = f"{issue.label} ({issue.id}; scale"
        if len(title) < columns - 20:
            titles.append(title)
    for title in titles:
        assert any(title in line for line in lines), (columns, title)
    backtest = _run(
        "backtest", "tests/data/minimal.yaml", "-m", "mean", "--resamples", "50", columns=columns
    ).stdout
    assert "Back-test on tests/data/minimal.yaml" in backtest.splitlines()[0]


def test_param_messages_see_through_an_options_object():
    """A model that groups hyperparameters in an options dataclass (set by ``-p`` field by
    field through ``from_params``) gets the same messages, from the fields' annotations."""
    from dataclasses import dataclass
    from typing import Literal

    from accord.cli._common import param_problem

    @dataclass(frozen=True)
    class Options:
        mu: Literal["median", "mean"] = "median"
        q: float = 0.5

        def __post_init__(self) -> None:
            if self.mu not in ("median", "mean"):
                raise ValueError(f"mu: bad value {self.mu!r}")

    class Grouped:
        def __init__(self, *, options: Options = Options(), rounds: int = 1) -> None:
            self.options = options

        @classmethod
        def from_params(cls, **params):
            rounds = params.pop("rounds", 1)
            return cls(options=Options(**params), rounds=rounds)

        def check_params(self) -> None:
            pass

    try:
        Grouped.from_params(mu="middle")
    except ValueError as exc:
        message = param_problem(Grouped, "g", {"mu": "middle"}, exc)
    assert message == (
        "--param g.mu='middle': model 'g', parameter 'mu': mu must be one of 'median', 'mean'; "
        "got 'middle'"
    )
    unknown = param_problem(Grouped, "g", {"muu": 1}, TypeError("x"))
    assert "has no parameter 'muu' (did you mean 'mu'?); its parameters: mu, q, rounds" in unknown
