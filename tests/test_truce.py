"""The truce model: closed forms, deterrence, monotonicity, reproducibility across engines."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.io import load_scenario
from accord.simulate.batches import BatchTooLarge, Block
from accord.simulate.truce import (
    POLICIES,
    TruceSettings,
    complies,
    monitoring_quality,
    run_truce_block,
    simulate_truce,
    sweep_detection,
    truce_settings,
)
from accord.uncertainty import make_engine
from test_cli import accord

from conftest import EXAMPLES

NOISE_ONLY = TruceSettings(policy="grim", p_detect=1.0, p_false=0.0, temptation=(0.0, 0.0))


@pytest.mark.parametrize("e", [0.01, 0.005])
def test_noise_only_grim_holds_with_probability_one_minus_e_to_the_2n(e):
    result = simulate_truce(replace(NOISE_ONLY, noise=e, days=30), 200_000, rng=11)
    exact = (1 - e) ** 60
    assert abs(result.p_holds - exact) < 4 * np.sqrt(exact * (1 - exact) / 200_000)
    # the whole survival curve, day by day
    survival = np.asarray(result.survival())
    exact_curve = (1 - e) ** (2 * np.arange(1, 31))
    assert np.max(np.abs(survival - exact_curve)) < 0.005


def test_noise_only_collapse_day_is_geometric():
    e = 0.01
    p = 1 - (1 - e) ** 2
    result = simulate_truce(replace(NOISE_ONLY, noise=e, days=2000), 40_000, rng=5)
    day = result.runs.collapse_day
    assert (day > 0).all()  # P(survive 2000 days) = 0.9801**2000 < 1e-17
    mean, se = day.mean(), day.std(ddof=1) / np.sqrt(len(day))
    assert abs(mean - 1 / p) < 3 * se
    # geometric: the variance is (1 - p) / p^2 and P(day = 1) = p
    assert abs(day.var() - (1 - p) / p**2) < 0.1 * (1 - p) / p**2
    assert abs(np.mean(day == 1) - p) < 4 * np.sqrt(p * (1 - p) / len(day))
    assert result.to_dict()["causes"] == {"deliberate": 0, "accident": 40_000, "retaliation": 0}


def test_imperfect_monitoring_closed_form():
    # research notes B6: e = 0.01, d = 0.6, f = 0.002 -> a = 0.00798, P(holds 30) = (1 - a)^60
    s = TruceSettings(policy="grim", p_detect=0.6, p_false=0.002, noise=0.01, temptation=(0, 0))
    result = simulate_truce(s, 200_000, rng=3)
    a = 0.01 * 0.6 + 0.99 * 0.002
    exact = (1 - a) ** 60
    assert abs(result.p_holds - exact) < 4 * np.sqrt(exact * (1 - exact) / 200_000)


@pytest.mark.parametrize("discount", [0.3, 0.49, 0.5, 0.51, 0.9])
@pytest.mark.parametrize("temptation", [0.5, 2.0, 4.0])
def test_grim_without_noise_holds_for_ever_or_collapses_on_day_one(discount, temptation):
    # perfect monitoring: cooperation pays iff T - R <= delta (R - P) / (1 - delta)
    s = TruceSettings(
        policy="grim", p_detect=1.0, p_false=0.0, noise=0.0,
        temptation=(temptation, temptation), discount=discount, days=50,
    )  # fmt: skip
    result = simulate_truce(s, 500, rng=0)
    keeps = temptation <= discount * (3 - 1) / (1 - discount)
    if keeps:
        assert (result.runs.collapse_day == 0).all()
        assert result.runs.violations.sum() == 0
    else:
        assert (result.runs.collapse_day == 1).all()
        assert result.to_dict()["causes"]["deliberate"] == 500


def test_textbook_threshold_delta_half():
    # defaults R, P, S = 3, 1, 0 and temptation 2 (T = 5): delta* = (T - R) / (T - P) = 0.5
    base = TruceSettings(policy="grim", p_detect=1.0, p_false=0.0, noise=0.0)
    assert complies(replace(base, discount=0.5)) == (True, True)
    assert complies(replace(base, discount=0.4999)) == (False, False)


def test_only_the_tempted_side_violates():
    s = TruceSettings(policy="tft", p_detect=1.0, p_false=0.0, noise=0.0, temptation=(5.0, 0.0))
    assert complies(s) == (False, True)
    result = simulate_truce(s, 100, rng=0)
    # A violates every day, B answers from day 2: three days of violations -> collapse on day 3
    assert (result.runs.collapse_day == 3).all()
    assert (result.runs.violations == 1 + 2 + 2).all()


@settings(max_examples=25, deadline=None)
@given(
    temptation=st.floats(0, 3),
    discount=st.floats(0, 0.99),
    breakdown=st.integers(1, 5),
    d1=st.floats(0, 1),
    d2=st.floats(0, 1),
)
def test_more_detection_never_lowers_p_holds_under_tft_without_false_alarms(
    temptation, discount, breakdown, d1, d2
):
    low, high = sorted((d1, d2))
    s = TruceSettings(
        policy="tft", p_false=0.0, noise=0.0, temptation=(temptation, temptation / 2),
        discount=discount, breakdown=breakdown, days=20,
    )  # fmt: skip
    a = simulate_truce(replace(s, p_detect=low), 300, rng=1)
    b = simulate_truce(replace(s, p_detect=high), 300, rng=1)
    assert b.p_holds >= a.p_holds


def test_with_accidents_detection_cuts_both_ways():
    # A negative result the README reports: under tft with accidents, better detection lengthens
    # the echo of retaliation (Wu & Axelrod 1995), so P(holds) falls once deterrence is won.
    s = TruceSettings(policy="tft", p_false=0.0, noise=0.01, temptation=(0.5, 0.5))
    curve = [r.p_holds for r in sweep_detection(s, 20_000, rng=2, grid=(0.2, 0.6, 1.0))]
    assert curve[0] > curve[1] > curve[2]
    gtft = [r.p_holds for r in sweep_detection(replace(s, policy="gtft"), 20_000, rng=2)]
    assert gtft[-1] > curve[-1]  # generosity contains the echo


def test_batch_equals_single_runs_with_spawned_streams():
    s = TruceSettings(policy="gtft", noise=0.05, p_false=0.02, temptation=(0.2, 0.2))
    batch = simulate_truce(s, 40, rng=9, block=1)
    for i, stream in enumerate(np.random.SeedSequence(9).spawn(40)):
        single = run_truce_block(s, Block(index=0, start=0, stop=1, stream=stream))
        for name in ("collapse_day", "violations", "accusations", "false_alarms", "cause"):
            assert getattr(single, name)[0] == getattr(batch.runs, name)[i]
    assert len(set(batch.runs.violations.tolist())) > 1  # the runs do differ
    # with bigger blocks, each block is the same runs as that block computed alone
    big = simulate_truce(s, 40, rng=9, block=16)
    streams = np.random.SeedSequence(9).spawn(3)
    last = run_truce_block(s, Block(index=2, start=32, stop=40, stream=streams[2]))
    assert np.array_equal(big.runs.violations[32:], last.violations)


@pytest.fixture(scope="module")
def processes():
    with make_engine("processes", workers=2) as engine:
        yield engine


@pytest.mark.parametrize("policy", POLICIES)
def test_same_seed_same_json_on_every_engine(policy, processes):
    s = TruceSettings(policy=policy, noise=0.02)
    local = json.dumps(simulate_truce(s, 3000, rng=4, block=1000).to_dict())
    assert json.dumps(simulate_truce(s, 3000, rng=4, block=1000).to_dict()) == local
    parallel = json.dumps(simulate_truce(s, 3000, rng=4, block=1000, engine=processes).to_dict())
    assert parallel == local
    assert json.dumps(simulate_truce(s, 3000, rng=5, block=1000).to_dict()) != local


def test_counts_are_consistent():
    s = TruceSettings(policy="proportional", noise=0.03, p_false=0.02)
    data = simulate_truce(s, 5000, rng=1).to_dict()
    assert 0 <= data["false_alarms_mean"] <= data["accusations_mean"]
    held = round(data["p_holds"] * 5000)
    assert held + sum(data["collapse_day"]["histogram"].values()) == 5000
    assert sum(data["causes"].values()) == 5000 - held
    assert data["survival"][-1] == pytest.approx(data["p_holds"])


def test_bad_settings_and_too_many_runs():
    for bad in (
        {"p_detect": 1.5}, {"p_false": -0.1}, {"noise": 2.0}, {"days": 0},
        {"policy": "nuke"}, {"breakdown": 0}, {"discount": 1.0}, {"temptation": (-1.0, 0.0)},
    ):  # fmt: skip
        with pytest.raises(ValueError):
            simulate_truce(replace(TruceSettings(), **bad), 10, rng=0)  # type: ignore[arg-type]
    with pytest.raises(BatchTooLarge):
        simulate_truce(TruceSettings(), 10**12, rng=0)


def test_settings_from_the_case_study():
    case_study = load_scenario(EXAMPLES / "ukraine-ceasefire-2025-03.yaml")
    s = truce_settings(case_study)
    assert s.sides == ("RUS", "UKR")
    # RUS: position 25 on the ceasefire issue, salience 0.7 -> 2 * 0.7 * 0.75
    assert s.temptation == pytest.approx((1.05, 0.0))
    # monitoring status quo 0: "each side judges violations itself"
    assert (s.p_detect, s.p_false) == pytest.approx(monitoring_quality(0.0))
    technical = truce_settings(case_study, monitoring=50)
    assert (technical.p_detect, technical.p_false) == pytest.approx(monitoring_quality(0.5))
    with pytest.raises(ValueError, match="unknown actor"):
        truce_settings(case_study, sides=("RUS", "XXX"))


def test_cli_truce_json_and_bad_input():
    case = str(EXAMPLES / "ukraine-ceasefire-2025-03.yaml")
    result = accord("truce", case, "--runs", "2000", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    for key in ("days", "runs", "p_holds", "violations_mean", "collapse_day"):
        assert key in data
    assert data["runs"] == 2000 and data["days"] == 30
    assert "histogram" in data["collapse_day"]
    again = accord("truce", case, "--runs", "2000", "--json")
    assert again.stdout == result.stdout
    sweep = accord("truce", case, "--runs", "500", "--p-detect", "0.5", "--sweep", "--json")
    curve = json.loads(sweep.stdout)
    assert [row["p_detect"] for row in curve["sweep"]][-1] == 1.0
    # the sweep carries the summary of the chosen settings, and with the same seed its point at
    # the chosen p_detect is the same batch (common random numbers)
    for key in ("days", "runs", "p_holds", "violations_mean", "collapse_day"):
        assert key in curve
    (same,) = [row for row in curve["sweep"] if row["p_detect"] == 0.5]
    assert same["p_holds"] == curve["p_holds"]
    assert same["violations_mean"] == curve["violations_mean"]
    tables = accord("truce", case, "--runs", "500")
    assert "P(holds 30 days)" in tables.stdout
    for args in (
        ["--p-detect", "1.5"], ["--p-false", "-0.1"], ["--noise", "2"], ["--policy", "nuke"],
        ["--days", "0"], ["--runs", "0"], ["--sides", "RUS"], ["--sides", "RUS,XXX"],
        ["--runs", str(10**12)],
    ):  # fmt: skip
        bad = accord("truce", case, *args)
        assert bad.returncode == 2, (args, bad.stderr)
        assert bad.stdout == ""
        assert len(bad.stderr.strip().splitlines()) == 1 and bad.stderr.startswith("accord: ")


def test_sweep_reports_progress_over_the_whole_grid():
    calls: list[tuple[int, int]] = []
    grid = (0.2, 0.6, 1.0)
    s = TruceSettings(policy="tft", noise=0.02)
    sweep_detection(s, 2500, rng=1, grid=grid, block=1000, progress=lambda *a: calls.append(a))
    assert calls == [(k, 9) for k in range(1, 10)]  # 3 blocks per point, 3 points
