"""The founding case study: complete, sourced, nothing after the cut-off, and it forecasts."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from accord.io import load_scenario
from accord.models import MODELS

from conftest import EXAMPLES, accord

PATH = EXAMPLES / "ukraine-ceasefire-2025-03.yaml"


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(PATH)


def test_actors_and_roles(scenario):
    ids = {a.id for a in scenario.actors}
    assert {"US", "RUS", "UKR", "UKC", "EU", "NATO"} <= ids
    assert scenario.actor("US").role == "mediator"
    assert scenario.actor("RUS").role == "party" and scenario.actor("UKR").role == "party"
    assert "Putin" in scenario.actor("RUS").aliases and "Zelensky" in scenario.actor("UKR").aliases


def test_issues_cover_the_talks(scenario):
    ids = {i.id for i in scenario.issues}
    assert {
        "ceasefire",
        "monitoring",
        "aid",
        "territory",
        "nato",
        "guarantees",
        "sanctions",
        "kursk",
        "prisoners",
    } <= ids
    for issue in scenario.issues:
        assert len(issue.labels) >= 3, issue.id


def test_every_position_is_sourced_and_nothing_is_after_the_cutoff(scenario):
    assert scenario.as_of == dt.date(2025, 3, 16)
    records = {e.id: e for e in scenario.evidence}
    for stake in scenario.stakes:
        assert stake.evidence, f"{stake.actor} on {stake.issue} cites no evidence"
        assert 0 <= stake.salience <= 1
    cited = {ref for stake in scenario.stakes for ref in stake.evidence}
    assert cited == set(records)
    for record in scenario.evidence:
        assert record.quote or record.summary
        assert record.date is None or record.date <= scenario.as_of, record.id


def test_every_model_forecasts_every_issue(scenario):
    for cls in MODELS.values():
        forecast = cls().predict(scenario)
        for issue in scenario.issues:
            value = forecast.value(issue.id)
            assert issue.low <= value <= issue.high


def test_the_readme_command_prints_every_issue(scenario):
    result = accord("forecast", str(PATH))
    assert result.returncode == 0, result.stderr
    for issue in scenario.issues:
        assert f"({issue.id}; scale" in result.stdout
    data = json.loads(accord("forecast", str(PATH), "--json").stdout)
    assert [i["id"] for i in data["issues"]] == [i.id for i in scenario.issues]
