"""Monte Carlo, sensitivity and engines: reproducible, correct where the answer is known."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from accord.io import load_scenario
from accord.models import MODELS, Compromise, make_model
from accord.report.forecast import forecast_json, sparkline
from accord.scenario import Actor, Issue, Scenario, Stake
from accord.uncertainty import (
    EngineError,
    LocalEngine,
    ProcessEngine,
    first_order,
    inputs_of,
    make_engine,
    monte_carlo,
    sensitivity,
)
from accord.uncertainty.inputs import BLOCK, Layout, draw

from conftest import TEST_DATA, make_scenario, red_line_scenario

RANGES = TEST_DATA / "ranges.yaml"
ALL = {name: cls() for name, cls in MODELS.items()}


def contract(scenario, mc, sens=None) -> str:
    forecasts = [m.predict(scenario) for m in ALL.values()]
    return json.dumps(forecast_json(scenario, forecasts, mc, sens), sort_keys=True)


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(RANGES)


def test_inputs_and_names(scenario):
    names = [item.name for item in inputs_of(scenario)]
    assert names[:3] == ["A.capability", "B.capability", "C.capability"]
    assert "A.x.position" in names and "B.y.salience" in names
    uncertain = {item.name for item in inputs_of(scenario) if item.uncertain}
    assert uncertain == {
        "A.capability",
        "A.x.position",
        "A.x.salience",
        "C.x.position",
        "B.y.position",
    }


def test_draws_are_triangular_within_range(scenario):
    inputs = inputs_of(scenario)
    values = draw(inputs, seed=5, stream=0, start=0, stop=20_000)
    j = [item.name for item in inputs].index("A.x.position")
    column = values[:, j]
    assert column.min() >= 0 and column.max() <= 30
    assert column.mean() == pytest.approx((0 + 10 + 30) / 3, abs=0.3)
    k = [item.name for item in inputs].index("B.capability")
    assert (values[:, k] == 1).all()


def test_draws_do_not_depend_on_how_they_are_cut(scenario):
    inputs = inputs_of(scenario)
    whole = draw(inputs, 9, 0, 0, 3 * BLOCK + 17)
    pieces = np.concatenate(
        [draw(inputs, 9, 0, a, b) for a, b in [(0, 5), (5, BLOCK + 3), (BLOCK + 3, 3 * BLOCK + 17)]]
    )
    assert np.array_equal(whole, pieces)
    assert not np.array_equal(draw(inputs, 9, 1, 0, 100), whole[:100])  # another stream
    assert not np.array_equal(draw(inputs, 10, 0, 0, 100), whole[:100])  # another seed


@pytest.mark.parametrize("name", list(MODELS))
def test_batched_forecasts_equal_one_sample_at_a_time(scenario, name):
    inputs = inputs_of(scenario)
    layout = Layout(scenario, inputs)
    values = draw(inputs, 3, 0, 0, 40)
    model = make_model(name)
    for issue in scenario.issues:
        batch = model.forecast(layout.profile(issue.id, values))
        single = [
            float(model.forecast(layout.profile(issue.id, values[k : k + 1]))[0]) for k in range(40)
        ]
        assert np.array_equal(batch, np.array(single))


@pytest.mark.parametrize("chunk", [1, 7, 1000, BLOCK + 1, 4096])
def test_same_seed_same_json_whatever_the_chunk_size(scenario, chunk):
    (reference,) = monte_carlo([scenario], ALL, samples=3000, seed=42)
    (other,) = monte_carlo([scenario], ALL, samples=3000, seed=42, chunk_size=chunk)
    assert contract(scenario, other) == contract(scenario, reference)


def test_same_seed_same_json_across_process_engines(scenario):
    (reference,) = monte_carlo([scenario], ALL, samples=2500, seed=7, chunk_size=600)
    for workers in (1, 2):
        with ProcessEngine(workers) as engine:
            (mc,) = monte_carlo(
                [scenario], ALL, samples=2500, seed=7, engine=engine, chunk_size=300 * workers
            )
        assert contract(scenario, mc) == contract(scenario, reference)


def test_same_seed_same_json_on_a_local_dask_cluster(scenario):
    pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
    (reference,) = monte_carlo([scenario], ALL, samples=2000, seed=11)
    with make_engine("dask", workers=2) as engine:
        (mc,) = monte_carlo([scenario], ALL, samples=2000, seed=11, engine=engine, chunk_size=250)
    assert contract(scenario, mc) == contract(scenario, reference)


def test_different_seeds_give_different_samples(scenario):
    (a,) = monte_carlo([scenario], ALL, samples=500, seed=1)
    (b,) = monte_carlo([scenario], ALL, samples=500, seed=2)
    assert not np.array_equal(a.forecasts, b.forecasts)
    assert a.seed == 1 and b.seed == 2


def test_mean_with_one_triangular_position_matches_closed_form():
    # Only A's position is uncertain: the mean forecast is linear in it, so its expectation
    # is the forecast at A's expected position (a + b + c) / 3.
    low, mode, high = 10.0, 20.0, 60.0
    s = Scenario(
        id="t",
        title="t",
        actors=(Actor(id="A", capability=2), Actor(id="B", capability=1)),
        issues=(Issue(id="x"),),
        stakes=(
            Stake(actor="A", issue="x", position=mode, salience=0.5, position_range=(low, high)),
            Stake(actor="B", issue="x", position=90, salience=1.0),
        ),
    )
    (mc,) = monte_carlo([s], {"mean": Compromise()}, samples=40_000, seed=3)
    samples = mc.samples_of("x", "mean")
    expected_position = (low + mode + high) / 3
    expected = (2 * 0.5 * expected_position + 1 * 1.0 * 90) / (2 * 0.5 + 1 * 1.0)
    standard_error = samples.std(ddof=1) / np.sqrt(len(samples))
    assert abs(samples.mean() - expected) < 4 * standard_error
    # and its spread is the position's, scaled by A's share of the weight (1/2)
    variance = (low**2 + mode**2 + high**2 - low * mode - low * high - mode * high) / 18
    assert samples.std() == pytest.approx(0.5 * np.sqrt(variance), rel=0.03)


def test_acceptance_probability_matches_closed_form():
    # y = (x_A + x_B) / 2 with x_A = 0 fixed; A accepts y <= 30, i.e. x_B <= 60, and
    # P(x_B <= 60) for a triangular(40, 70, 100) is (60-40)^2 / ((100-40)(70-40)) = 2/9.
    s = red_line_scenario()
    (mc,) = monte_carlo([s], {"mean": Compromise()}, samples=40_000, seed=8)
    p = dict(dict(mc["x"].acceptance)["A"])["mean"]
    assert abs(p - 2 / 9) < 4 * np.sqrt(2 / 9 * 7 / 9 / 40_000)
    assert dict(mc["x"].all_accept)["mean"] == p  # A is the only party with a reservation


def test_all_accept_is_null_without_party_reservations():
    s = make_scenario([0, 100], [1, 1], [1, 1])
    (mc,) = monte_carlo([s], {"mean": Compromise()}, samples=10, seed=1)
    assert dict(mc["x"].all_accept) == {"mean": None}
    assert mc["x"].acceptance == ()


def test_no_ranges_no_spread():
    s = make_scenario([0, 30, 100], [1, 2, 3], [0.5, 0.7, 0.9], status_quo=50)
    results = monte_carlo([s], ALL, samples=300, seed=4)
    for name, model in ALL.items():
        point = model.predict(s).value("x")
        d = dict(results[0]["x"].distributions)[name]
        assert d.mean == pytest.approx(point, abs=1e-12)
        assert all(p == pytest.approx(point, abs=1e-12) for p in d.percentiles)
        assert sum(c > 0 for c in d.counts) == 1 and sum(d.counts) == 300


def test_summary_statistics_are_those_of_the_samples(scenario):
    (mc,) = monte_carlo([scenario], ALL, samples=2000, seed=5)
    y = mc.samples_of("x", "bdm")
    d = dict(mc["x"].distributions)["bdm"]
    assert d.mean == pytest.approx(y.mean())
    assert d.percentiles == pytest.approx(tuple(np.percentile(y, [2.5, 10, 50, 90, 97.5])))
    assert sum(d.counts) == 2000 and len(d.edges) == 21
    assert d.edges[0] == 0 and d.edges[-1] == 100


def test_one_at_a_time_swing_is_zero_without_a_range(scenario):
    result = sensitivity(scenario, ALL)
    by_name = {item.input: item for item in result["x"]}
    for name in ("B.x.position", "B.x.salience", "B.capability"):
        assert all(v == 0.0 for _, v in by_name[name].swing)
    assert by_name["A.x.position"].largest_swing > 0
    swings = [item.largest_swing for item in result["x"]]
    assert swings == sorted(swings, reverse=True)
    # the swing is the forecast difference between the input's low and high ends
    item = by_name["A.x.position"]
    low = dict(item.at_low)["mean"]
    high = dict(item.at_high)["mean"]
    assert dict(item.swing)["mean"] == pytest.approx(abs(high - low))
    assert all(v is None for _, v in item.sobol)  # no samples, no Sobol index


def test_first_order_indices_of_a_linear_model():
    # mean = (x_A + x_B) / 2 with independent uniform-ish inputs: S_i = Var_i / (Var_A + Var_B)
    s = Scenario(
        id="t",
        title="t",
        actors=(Actor(id="A", capability=1), Actor(id="B", capability=1)),
        issues=(Issue(id="x"),),
        stakes=(
            Stake(actor="A", issue="x", position=50, salience=1, position_range=(0, 100)),
            Stake(actor="B", issue="x", position=50, salience=1, position_range=(40, 60)),
        ),
    )
    (mc,) = monte_carlo([s], {"mean": Compromise()}, samples=60_000, seed=9)
    result = {
        item.input: dict(item.sobol)["mean"]
        for item in sensitivity(s, {"mean": Compromise()}, mc)["x"]
    }
    var_a, var_b = 100**2 / 24, 20**2 / 24  # triangular with the mode in the middle
    assert result["A.x.position"] == pytest.approx(var_a / (var_a + var_b), abs=0.02)
    assert result["B.x.position"] == pytest.approx(var_b / (var_a + var_b), abs=0.02)
    assert result["A.x.salience"] == 0.0


def test_first_order_of_noise_is_near_zero():
    rng = np.random.default_rng(0)
    assert first_order(rng.normal(size=20_000), rng.normal(size=20_000)) < 0.01
    x = rng.normal(size=20_000)
    assert first_order(x, x) > 0.99


def test_several_scenarios_use_independent_streams(scenario):
    a, b = monte_carlo([scenario, scenario], ALL, samples=200, seed=3)
    assert a.stream == 0 and b.stream == 1
    assert not np.array_equal(a.forecasts, b.forecasts)
    (alone,) = monte_carlo([scenario], ALL, samples=200, seed=3)
    assert np.array_equal(alone.forecasts, a.forecasts)


def test_progress_is_reported(scenario):
    calls = []
    monte_carlo(
        [scenario],
        {"mean": Compromise()},
        samples=100,
        seed=1,
        chunk_size=30,
        engine=LocalEngine(),
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_samples_must_be_positive(scenario):
    with pytest.raises(ValueError, match="positive"):
        monte_carlo([scenario], ALL, samples=0, seed=1)


def _die(_: int) -> int:
    os._exit(3)


def test_a_worker_that_dies_is_a_clear_error():
    with ProcessEngine(2) as engine, pytest.raises(EngineError, match="worker process died"):
        engine.map(_die, [1, 2, 3])


def test_unreachable_scheduler_is_a_clear_error():
    pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
    engine = make_engine("dask", workers=1, scheduler="tcp://127.0.0.1:9")
    engine.timeout = 2.0  # type: ignore[attr-defined]
    with pytest.raises(EngineError, match="cannot reach the Dask scheduler") as caught:
        engine.map(abs, [1])
    assert caught.value.bad_input


def test_missing_dask_extra_is_a_clear_error(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.config", None)
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    engine = make_engine("dask", workers=1)
    with pytest.raises(EngineError, match=r"pip install 'accord\[dask\]'") as caught:
        engine.map(abs, [1])
    assert caught.value.bad_input


def test_engine_choices():
    with pytest.raises(EngineError, match="unknown engine"):
        make_engine("gpu")
    with pytest.raises(EngineError, match="--scheduler goes with --engine dask"):
        make_engine("local", scheduler="tcp://x:1")
    with pytest.raises(EngineError, match="at least 1"):
        make_engine("processes", workers=0)


def test_sparkline():
    assert sparkline([0, 1, 2, 4]) == " ▂▄█"
    assert sparkline([0, 0]) == "  "
