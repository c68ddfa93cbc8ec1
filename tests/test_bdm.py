"""The vectorised expected-utility model against the per-dyad reference, and its options."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from accord.models import ExpectedUtility
from accord.models.bdm import VARIANTS, Options, Rules, final_median, simulate

from conftest import make_scenario
from reference_bdm import ReferenceModel

OPTION_GRID = [
    Rules(probability=p, vote_risk=v, perspective=pe, capitulation=cap, selection=sel)
    for p, v, pe, cap, sel in itertools.product(
        ("dyad", "all_pairs"),
        ("neutral", "voter"),
        ("receiver", "proposer", "own"),
        (True, False),
        ("scholz", "enforce"),
    )
]


def random_problem(rng: np.random.Generator, n: int) -> tuple[list[float], ...]:
    # Positions on a coarse grid so that ties and coinciding actors occur, as in real data.
    x = rng.integers(0, 11, size=n).astype(float) * 10
    if np.ptp(x) == 0:
        x[0] = 0.0
        x[-1] = 100.0
    c = rng.uniform(0.1, 1.0, size=n)
    s = rng.uniform(0.05, 1.0, size=n)
    return list(x), list(c), list(s)


@pytest.mark.parametrize(
    "rules",
    OPTION_GRID,
    ids=lambda r: "-".join(
        str(getattr(r, f))
        for f in ("probability", "vote_risk", "perspective", "capitulation", "selection")
    ),
)
def test_vectorised_matches_reference(rules):
    # Seeded by the combination's place in the grid: the same problems in every process
    # (hash() of strings changes with PYTHONHASHSEED, so it would not be).
    rng = np.random.default_rng(OPTION_GRID.index(rules))
    for _ in range(3):
        n = int(rng.integers(3, 9))
        x, c, s = random_problem(rng, n)
        reference = ReferenceModel(x, c, s, rules)
        expected = [list(reference.x)]
        for _ in range(4):
            reference.step()
            expected.append(list(reference.x))
        trajectory = simulate(x, c, s, rules=rules, width=100, rounds=4)
        np.testing.assert_allclose(trajectory.positions, expected, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("q", [1.0, 0.5, 0.0])
@pytest.mark.parametrize("mu", ["median", "mean"])
@pytest.mark.parametrize("scale", ["initial", "current"])
def test_status_quo_options_match_reference(q, mu, scale):
    rng = np.random.default_rng(7)
    for variant in VARIANTS.values():
        rules = Rules(
            **{
                **{f: getattr(variant, f) for f in Rules.__dataclass_fields__},
                "q": q,
                "t": 0.3,
                "mu": mu,
                "scale": scale,
            }
        )
        x, c, s = random_problem(rng, 7)
        reference = ReferenceModel(x, c, s, rules)
        for _ in range(3):
            reference.step()
        trajectory = simulate(x, c, s, rules=rules, width=100, rounds=3)
        np.testing.assert_allclose(trajectory.positions[-1], reference.x, rtol=1e-9, atol=1e-9)


def test_conflict_switch_matches_reference():
    rng = np.random.default_rng(11)
    rules = Rules(
        probability="dyad",
        vote_risk="neutral",
        perspective="proposer",
        capitulation=True,
        selection="enforce",
        conflict=False,
    )
    x, c, s = random_problem(rng, 8)
    reference = ReferenceModel(x, c, s, rules)
    reference.step()
    trajectory = simulate(x, c, s, rules=rules, width=100, rounds=1)
    np.testing.assert_allclose(trajectory.positions[1], reference.x, rtol=1e-9, atol=1e-9)
    assert not (trajectory.kind == 1).any()


def test_batch_equals_one_problem_at_a_time():
    rng = np.random.default_rng(3)
    problems = [random_problem(rng, 6) for _ in range(5)]
    x, c, s = (np.array([p[k] for p in problems]) for k in range(3))
    batch = simulate(x, c, s, rules=VARIANTS["scholz"], width=100, max_rounds=6)
    for k in range(5):
        single = simulate(x[k], c[k], s[k], rules=VARIANTS["scholz"], width=100, max_rounds=6)
        assert int(batch.rounds[k]) == int(single.rounds)
        np.testing.assert_array_equal(batch.positions[k], single.positions)
        assert batch.forecast[k] == single.forecast


def test_rounds_runs_exactly_that_many(emissions):
    forecast = ExpectedUtility(rounds=7).predict(emissions)["x"]
    assert [r.round for r in forecast.rounds] == list(range(1, 8))


def test_default_stopping_rule(emissions):
    # Scholz's trajectory: 7.0 -> 8.416 -> 9.611 -> 9.962 -> 9.962: the median stops moving
    # after round 4, so the default rule stops there.
    forecast = ExpectedUtility().predict(emissions)["x"]
    assert len(forecast.rounds) == 4
    assert forecast.value == pytest.approx(9.962, abs=5e-4)


def test_round_cap(emissions):
    forecast = ExpectedUtility(max_rounds=2, tolerance=0.0).predict(emissions)["x"]
    assert len(forecast.rounds) == 2


def test_unanimous_actors_do_not_move():
    scenario = make_scenario([40, 40, 40], [1, 2, 3], [0.5, 0.5, 0.5])
    forecast = ExpectedUtility().predict(scenario)["x"]
    assert forecast.value == 40
    assert len(forecast.rounds) == 1
    assert forecast.rounds[0].moves == ()


def test_history_records_moves(emissions):
    first = ExpectedUtility(rounds=1).predict(emissions)["x"].rounds[0]
    by_actor = {m.actor: m for m in first.moves}
    assert by_actor["Ireland"].kind == "conflict"
    assert by_actor["Ireland"].position == 4.0
    assert by_actor["Belgium"].kind == "compromise"
    offered = first.offer_counts()
    assert offered["conflict"] >= 2 and offered["compromise"] >= 1
    assert offered["capitulation"] == 0
    # every move is one of the offers made to that actor
    for move in first.moves:
        assert any(
            o.receiver == move.actor
            and o.proposer == move.toward
            and o.position == move.position
            and o.kind == move.kind
            for o in first.offers
        )
    # Ireland (at 7, salience 0.1) is challenged from both sides
    challengers = {o.proposer for o in first.offers if o.receiver == "Ireland"}
    assert {"Netherlands", "France"} <= challengers


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"variant": "nope"}, "variant"),
        ({"probability": "x"}, "probability"),
        ({"q": 1.5}, "q must lie"),
        ({"rounds": 0}, "rounds"),
        ({"max_rounds": 0}, "max_rounds"),
        ({"tolerance": -1}, "tolerance"),
    ],
)
def test_invalid_hyperparameters(params, message, emissions):
    with pytest.raises(ValueError, match=message):
        ExpectedUtility.from_params(**params).predict(emissions)


def test_literal_variant_differs_and_is_explicit(emissions):
    literal = ExpectedUtility(options=Options(variant="literal"), rounds=3).predict(emissions)
    scholz = ExpectedUtility(rounds=3).predict(emissions)
    assert literal.value("x") != scholz.value("x")
    params = dict(literal.params)
    assert params["probability"] == "dyad" and params["capitulation"] is True


def test_override_one_option(emissions):
    model = ExpectedUtility(options=Options(capitulation=True))
    assert model.rules().capitulation is True
    assert model.rules().probability == "all_pairs"
    flat = ExpectedUtility.from_params(capitulation=True, rounds=3)
    assert flat.options == Options(capitulation=True) and flat.rounds == 3


@pytest.mark.parametrize("rules", OPTION_GRID[::5] + list(VARIANTS.values()))
@pytest.mark.parametrize("rounds", [None, 4])
def test_the_forecast_alone_equals_the_full_simulation_bit_for_bit(rules, rounds):
    # final_median drops the problems that have stopped; the rest must not notice.
    rng = np.random.default_rng(7)
    problems = [random_problem(rng, 7) for _ in range(300)]
    x, c, s = (np.array([p[k] for p in problems]) for k in range(3))
    full = simulate(x, c, s, rules=rules, width=100.0, rounds=rounds)
    alone = final_median(x, c, s, rules=rules, width=100.0, rounds=rounds)
    assert alone.shape == (300,)
    assert np.array_equal(alone, full.forecast)
    assert (
        len(set(full.rounds.tolist())) > 1 or rounds is not None
    )  # problems stop at different rounds
    one = final_median(x[0], c[0], s[0], rules=rules, width=100.0, rounds=rounds)
    assert one.shape == () and one == full.forecast[0]
