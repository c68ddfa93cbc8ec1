"""The case study's decision rules: who must agree on each issue, and what follows from them."""

from __future__ import annotations

import json

import pytest

from accord.io import load_scenario
from accord.models import MODELS
from accord.winset import required_actors, win_set

from conftest import EXAMPLES, accord

PATH = EXAMPLES / "ukraine-ceasefire-2025-03.yaml"


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(PATH)


def test_every_issue_has_a_rule_with_a_reason(scenario):
    text = PATH.read_text()
    for issue in scenario.issues:
        assert issue.decision is not None, issue.id
    # each override in the file is preceded by a comment giving its reason
    lines = text.splitlines()
    overrides = [k for k, line in enumerate(lines) if line.startswith("    decision:")]
    assert len(overrides) == 6
    for k in overrides:
        assert lines[k - 1].lstrip().startswith("#"), lines[k]


def test_who_must_agree(scenario):
    def must(issue):
        return set(required_actors(scenario.profile(issue)))

    assert must("ceasefire") == {"RUS", "UKR"}
    assert must("aid") == {"RUS", "UKR", "US", "UKC", "EU"}
    assert must("nato") == {"RUS", "UKR", "US", "NATO"}
    assert must("sanctions") == {"US", "EU", "UKC"}
    assert scenario.issue("prisoners").decision.binding is False


def test_forecasts_under_the_rules(scenario):
    # the ceasefire: Russia at 25 accepts moves from 0 up to 50; the US, setting the agenda at
    # 95, proposes 50 ("partial truce only"); every model is held to the win set [0, 50]
    win = win_set(scenario.profile("ceasefire"))
    assert (float(win.low), float(win.high)) == (0.0, 50.0)
    forecasts = {name: cls().predict(scenario) for name, cls in MODELS.items()}
    assert forecasts["setter"].value("ceasefire") == 50.0
    assert all(0 <= f.value("ceasefire") <= 50 for f in forecasts.values())
    # territory, NATO, guarantees, sanctions, Kursk, elections: no deal at the point estimates
    for issue in ("territory", "nato", "guarantees", "sanctions", "kursk", "elections", "aid"):
        q = scenario.issue(issue).status_quo
        assert bool(win_set(scenario.profile(issue)).no_deal), issue
        assert all(f.value(issue) == q for f in forecasts.values()), issue


def test_json_reports_the_rule_and_the_chance_of_no_deal():
    result = accord(
        "forecast",
        str(PATH),
        "--json",
        "-m",
        "setter",
        "-m",
        "mean",
        "--samples",
        "500",
        "--seed",
        "3",
    )
    assert result.returncode == 0, result.stderr
    issues = {i["id"]: i for i in json.loads(result.stdout)["issues"]}
    territory = issues["territory"]
    assert territory["decision"]["must_agree"] == ["RUS", "UKR"]
    assert territory["agreement"] == {"setter": "no deal", "mean": "no deal"}
    assert 0.5 < territory["no_deal"]["setter"] <= 1.0
    assert set(issues["ceasefire"]["labels"]["mean"]) == {"0", "25", "50", "75", "100"}
    assert sum(issues["ceasefire"]["labels"]["mean"].values()) == pytest.approx(1.0)
    assert "decision" not in issues["prisoners"] and "no_deal" not in issues["prisoners"]
