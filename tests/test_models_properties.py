"""Property-based invariants every forecasting model must satisfy (hypothesis)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.models import MODELS

from conftest import make_scenario

positions = st.lists(st.integers(0, 20).map(lambda v: v * 5.0), min_size=2, max_size=9)


@st.composite
def problems(draw: st.DrawFn) -> tuple[list[float], list[float], list[float]]:
    x = draw(positions)
    n = len(x)
    c = draw(st.lists(st.floats(0.1, 10.0), min_size=n, max_size=n))
    s = draw(st.lists(st.floats(0.05, 1.0), min_size=n, max_size=n))
    return x, c, s


ALL = list(MODELS)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("name", ALL)
@SETTINGS
@given(problem=problems(), status_quo=st.one_of(st.none(), st.integers(0, 100).map(float)))
def test_forecast_within_range_of_positions(name, problem, status_quo):
    x, c, s = problem
    value = MODELS[name]().predict(make_scenario(x, c, s, status_quo=status_quo)).value("x")
    assert min(x) - 1e-9 <= value <= max(x) + 1e-9


@pytest.mark.parametrize("name", ALL)
@SETTINGS
@given(problem=problems(), data=st.data())
def test_reordering_and_relabelling_actors_changes_nothing(name, problem, data):
    x, c, s = problem
    n = len(x)
    order = data.draw(st.permutations(range(n)))
    model = MODELS[name]()
    base = model.predict(make_scenario(x, c, s))
    names = [f"Z{k:02d}" for k in range(n)]
    shuffled = make_scenario(
        [x[k] for k in order],
        [c[k] for k in order],
        [s[k] for k in order],
        names=[names[k] for k in order],
    )
    other = model.predict(shuffled)
    assert other.value("x") == pytest.approx(base.value("x"), abs=1e-9)
    # For the dynamic model the whole history is the same, actor by actor.
    for a, b in zip(base["x"].rounds, other["x"].rounds, strict=True):
        mapping = dict(zip(other["x"].actors, b.positions, strict=True))
        relabelled = {f"A{k}": mapping[names[k]] for k in range(n)}
        assert dict(zip(base["x"].actors, a.positions, strict=True)) == pytest.approx(relabelled)


# smp: KTAB adds absolute floors (1e-8, 1e-10) to its coalition strengths, which matter when
# capability x salience x utility differences are tiny (as here, with capabilities from 0.1),
# and can change which challenge is best; test_smp.py checks the scaling on KTAB's reference
# scenario (capabilities 15-100) instead, from 0.01 to 100 times.
@pytest.mark.parametrize("name", [name for name in ALL if name != "smp"])
@SETTINGS
@given(problem=problems(), factor=st.floats(0.01, 100.0))
def test_scaling_all_capabilities_changes_nothing(name, problem, factor):
    x, c, s = problem
    model = MODELS[name]()
    base = model.predict(make_scenario(x, c, s)).value("x")
    scaled = model.predict(make_scenario(x, [v * factor for v in c], s)).value("x")
    assert scaled == pytest.approx(base, abs=1e-7)


@pytest.mark.parametrize("name", ["mean", "median"])
@SETTINGS
@given(problem=problems(), k=st.integers(0, 8))
def test_two_identical_actors_equal_one_with_double_capability(name, problem, k):
    x, c, s = problem
    k %= len(x)
    model = MODELS[name]()
    doubled_c = list(c)
    doubled_c[k] *= 2
    one = model.predict(make_scenario(x, doubled_c, s)).value("x")
    two = model.predict(make_scenario([*x, x[k]], [*c, c[k]], [*s, s[k]])).value("x")
    assert two == pytest.approx(one, abs=1e-9)


@SETTINGS
@given(problem=problems())
def test_median_is_a_weighted_median(problem):
    x, c, s = problem
    value = MODELS["median"]().predict(make_scenario(x, c, s)).value("x")
    w = np.array(c) * np.array(s)
    xs = np.array(x)
    assert w[xs <= value].sum() >= w.sum() / 2 - 1e-9
    assert w[xs >= value].sum() >= w.sum() / 2 - 1e-9
    assert value in x
