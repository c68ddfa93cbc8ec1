"""The Nash bargaining solution against a brute-force maximisation of the Nash product."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.models import NashBargaining
from accord.models.nbs import nash_bargaining

from conftest import make_scenario


def brute_force(x, w, low, high, status_quo, power):
    grid = np.linspace(low, high, 200_001)
    x = np.asarray(x)[:, None]
    w = np.asarray(w)[:, None]
    width = high - low
    radius = np.abs(x - status_quo) if status_quo is not None else np.maximum(x - low, high - x)
    gain = (radius / width) ** power - (np.abs(grid - x) / width) ** power
    feasible = (gain > 0).all(axis=0)
    if not feasible.any():
        return status_quo
    with np.errstate(divide="ignore", invalid="ignore"):
        objective = np.where(feasible, (w * np.log(gain)).sum(axis=0), -np.inf)
    return grid[np.argmax(objective)]


@settings(max_examples=80, deadline=None)
@given(
    x=st.lists(st.integers(0, 100).map(float), min_size=2, max_size=6),
    data=st.data(),
    power=st.sampled_from([1.0, 2.0]),
)
def test_matches_brute_force(x, data, power):
    n = len(x)
    w = data.draw(st.lists(st.floats(0.1, 5.0), min_size=n, max_size=n))
    sq = data.draw(st.one_of(st.none(), st.integers(0, 100).map(float)))
    got = float(nash_bargaining(x, w, low=0, high=100, status_quo=sq, power=power))
    expected = brute_force(x, w, 0, 100, sq, power)
    assert got == pytest.approx(expected, abs=2e-3)


def test_symmetric_pair_meets_in_the_middle():
    scenario = make_scenario([20, 80], [1, 1], [0.5, 0.9])
    assert NashBargaining().predict(scenario).value("x") == pytest.approx(50)


def test_status_quo_between_the_positions_is_kept():
    scenario = make_scenario([20, 80], [1, 3], [1, 1], status_quo=50)
    forecast = NashBargaining().predict(scenario)["x"]
    assert forecast.value == 50
    assert "status quo" in forecast.note


def test_status_quo_outside_moves_towards_the_stronger():
    weak = NashBargaining().predict(make_scenario([20, 80], [1, 1], [1, 1], status_quo=100))
    strong = NashBargaining().predict(make_scenario([20, 80], [4, 1], [1, 1], status_quo=100))
    assert strong.value("x") < weak.value("x") <= 80


def test_weights_and_salience():
    x, c, s = [0, 100], [1, 1], [0.2, 1.0]
    # Capability as the bargaining weight: salience only says who takes part.
    assert NashBargaining().predict(make_scenario(x, c, s)).value("x") == pytest.approx(50)
    effective = NashBargaining(weight="effective").predict(make_scenario(x, c, s)).value("x")
    assert effective > 50
    # Zero salience: the actor does not bargain.
    three = NashBargaining().predict(make_scenario([0, 30, 100], [1, 1, 1], [0, 1, 1]))
    two = NashBargaining().predict(make_scenario([30, 100], [1, 1], [1, 1]))
    assert three.value("x") == pytest.approx(two.value("x"))


def test_batched_equals_one_at_a_time():
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 100, size=(50, 5))
    w = rng.uniform(0.1, 2, size=(50, 5))
    batched = nash_bargaining(x, w, low=0, high=100, status_quo=None)
    single = [float(nash_bargaining(x[k], w[k], low=0, high=100)) for k in range(50)]
    np.testing.assert_allclose(batched, single, rtol=0, atol=1e-12)
