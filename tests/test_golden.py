"""Golden tests: published numbers the models must reproduce (sources in tests/data/README.md)."""

from __future__ import annotations

import pytest

from accord.backtest import backtest
from accord.io import load_scenario
from accord.io.deu3 import load_deu3
from accord.models import Compromise, ExpectedUtility, WeightedMedian

from conftest import DATA, EXAMPLES

# Scholz, Calbert & Smith (2011), EC car emission standards (Bueno de Mesquita 1994, Table 1).
SCHOLZ_MEDIANS = [8.416, 9.611, 9.962, 9.962, 9.962, 7.472, 8.825, 9.671, 9.671, 7.000]
SCHOLZ_RISK_ROUND_1 = {
    "Netherlands": 1.4057,
    "Belgium": 0.7542,
    "Luxembourg": 0.5089,
    "Germany": 1.4057,
    "France": 1.0465,
    "Italy": 1.0465,
    "UK": 1.9649,
    "Ireland": 0.5000,
    "Denmark": 2.0000,
    "Greece": 1.1121,
}


def test_emissions_trajectory_matches_scholz(emissions):
    forecast = ExpectedUtility(rounds=10).predict(emissions)["x"]
    medians = [r.median for r in forecast.rounds]
    assert medians == pytest.approx(SCHOLZ_MEDIANS, abs=5e-4)
    assert forecast.value == pytest.approx(7.000, abs=5e-4)


def test_emissions_first_round_matches_scholz(emissions):
    first = ExpectedUtility(rounds=1).predict(emissions)["x"].rounds[0]
    risk = dict(zip(emissions.profile("x").actors, first.risk, strict=True))
    assert risk == pytest.approx(SCHOLZ_RISK_ROUND_1, abs=5e-5)
    positions = dict(zip(emissions.profile("x").actors, first.positions, strict=True))
    assert positions["Belgium"] == pytest.approx(8.4159, abs=5e-5)
    assert positions["Luxembourg"] == 7.0
    assert positions["Ireland"] == 4.0
    moved = {m.actor for m in first.moves}
    assert moved == {"Belgium", "Luxembourg", "Ireland"}
    assert first.median == pytest.approx(8.4159, abs=5e-5)
    assert first.mean == pytest.approx(7.4613, abs=5e-5)


def test_emissions_round_zero():
    scenario = load_scenario(EXAMPLES / "emissions-1994.csv")
    assert WeightedMedian().predict(scenario).value("issue") == 7.0
    assert Compromise().predict(scenario).value("issue") == pytest.approx(7.38996, abs=5e-6)


def test_deu3_mean_with_equal_capabilities():
    data = load_deu3(DATA / "deu3" / "deu3-dev.tsv")
    result = backtest(data.cases, {"mean": Compromise()}, rng=0, resamples=200)
    (score,) = result.scores
    assert score.n == 189
    assert score.mae == pytest.approx(23.77, abs=0.005)


def test_deu3_mean_with_gdp_capabilities():
    data = load_deu3(DATA / "deu3" / "deu3-dev.tsv", capability="gdp")
    (score,) = backtest(data.cases, {"mean": Compromise()}, rng=0, resamples=200).scores
    assert score.n == 189
    assert score.mae == pytest.approx(23.57, abs=0.005)
