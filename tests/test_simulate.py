"""Simulated negotiations: hand-derived runs, reservations, batches, engines, the CLI."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.io import load_scenario
from accord.simulate.arena import build_arena
from accord.simulate.batches import BatchTooLarge, Block
from accord.simulate.outcomes import _block, pareto_gap, simulate_negotiation
from accord.simulate.protocols import PROTOCOLS, run_protocol
from accord.simulate.strategies import STRATEGIES, Memory, strategy
from accord.uncertainty import make_engine
from test_cli import accord

from conftest import EXAMPLES, TEST_DATA

A4 = TEST_DATA / "simulate" / "a4.yaml"
CASE = str(EXAMPLES / "ukraine-ceasefire-2025-03.yaml")
WTP, WJP = [1, 1, 0], [1, 0, 0]  # (zone, monitors, timing): wide-third-phased, wide-joint-phased


@pytest.fixture(scope="module")
def a4():
    return build_arena(load_scenario(A4))


@pytest.fixture(scope="module")
def case():
    return build_arena(load_scenario(CASE))


@pytest.mark.parametrize(
    ("a", "b", "agreed", "round_", "package", "utilities"),
    [
        # research notes A4, derived by hand and reproduced with NegMAS 0.15.7 (state.step)
        ("boulware", "conceder", True, 7, WTP, (0.85, 0.55)),
        ("conceder", "boulware", True, 8, WJP, (0.55, 0.85)),
        ("boulware", "boulware", False, 0, [-1, -1, -1], (0.0, 0.0)),
        ("linear", "linear", True, 5, WJP, (0.55, 0.85)),
    ],
)
def test_alternating_offers_by_hand(a4, a, b, agreed, round_, package, utilities):
    runs = run_protocol(
        "alternating", a4, [STRATEGIES[a], STRATEGIES[b]], deadline=9, rng=np.random.default_rng(0)
    )
    assert runs.agreed[0] == agreed
    assert runs.round[0] == round_
    assert runs.package[0].tolist() == package
    assert runs.utilities[0] == pytest.approx(utilities)


def test_boulware_round_six_trace(a4):
    # t = 0.7 in round 6 (0-based): Boulware's target 1 - 0.7^4 = 0.7599 -> it offers WTP (0.85)
    memory = Memory.empty(1)
    target = STRATEGIES["boulware"].targets(0.7, memory, 1.0, np.zeros(1))
    assert target[0] == pytest.approx(1 - 0.7**4)
    assert STRATEGIES["conceder"].targets(0.7, memory, 1.0, np.zeros(1))[0] == pytest.approx(
        1 - 0.7**0.25
    )


def test_stalling_against_conceder_takes_the_surplus(a4):
    runs = run_protocol(
        "alternating", a4, [STRATEGIES["stalling"], STRATEGIES["conceder"]], deadline=20,
        rng=np.random.default_rng(0),
    )  # fmt: skip
    assert runs.agreed[0] and runs.utilities[0, 0] >= 0.85
    stuck = run_protocol(
        "alternating", a4, [STRATEGIES["stalling"], STRATEGIES["stalling"]], deadline=20,
        rng=np.random.default_rng(0),
    )  # fmt: skip
    # two stallers agree only once both have started to concede (t > 0.8)
    assert (stuck.round[0] - 1 + 1) / 21 > 0.8


def test_mediators_rescue_two_boulwares(a4):
    # two Boulware parties time out in alternating offers (A4) but not with a mediator
    plan = [STRATEGIES["boulware"]] * 2
    for protocol in ("single-text", "shuttle"):
        runs = run_protocol(protocol, a4, plan, deadline=9, rng=np.random.default_rng(1), runs=50)
        assert runs.agreed.all()
        assert set(map(tuple, runs.package.tolist())) <= {tuple(WTP), tuple(WJP)}


@settings(max_examples=15, deadline=None)
@given(
    protocol=st.sampled_from(PROTOCOLS),
    names=st.lists(st.sampled_from(sorted(STRATEGIES)), min_size=8, max_size=8),
    deadline=st.integers(1, 25),
    seed=st.integers(0, 2**32),
)
def test_no_agreement_below_any_reservation(case, protocol, names, deadline, seed):
    plan = [STRATEGIES[n] for n in names[: len(case.parties)]]
    runs = run_protocol(
        protocol, case, plan, deadline=deadline, rng=np.random.default_rng(seed), runs=20,
        offer="random", band=0.1,
    ) if protocol == "alternating" else run_protocol(
        protocol, case, plan, deadline=deadline, rng=np.random.default_rng(seed), runs=20
    )  # fmt: skip
    agreed = runs.package[runs.agreed].astype(np.intp)
    if len(agreed):
        assert case.accepts(agreed).all()
        assert (runs.utilities[runs.agreed] >= case.reservation - 1e-12).all()
        assert np.allclose(case.utilities(agreed), runs.utilities[runs.agreed])


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_batch_equals_single_runs_with_spawned_streams(case, protocol):
    cycle = ("stalling", "linear", "conceder", "tit-for-tat")
    plan = [STRATEGIES[cycle[k % 4]] for k in range(len(case.parties))]
    result = simulate_negotiation(case, protocol, plan, deadline=12, runs=6, rng=3, block=1)
    options = dict(result.options)
    for i, stream in enumerate(np.random.SeedSequence(3).spawn(6)):
        single = run_protocol(
            protocol, case, plan, deadline=12, rng=np.random.default_rng(stream), **options
        )
        assert single.agreed[0] == result.runs.agreed[i]
        assert single.round[0] == result.runs.round[i]
        assert np.array_equal(single.package[0], result.runs.package[i])
    # with blocks of several runs, each block is the same runs as that block computed alone
    big = simulate_negotiation(case, protocol, plan, deadline=12, runs=6, rng=3, block=4)
    streams = np.random.SeedSequence(3).spawn(2)
    last = _block(protocol, case, tuple(plan), 12, result.options,
                  Block(index=1, start=4, stop=6, stream=streams[1]))  # fmt: skip
    assert np.array_equal(big.runs.package[4:], last.package)
    assert np.array_equal(big.runs.round[4:], last.round)


def test_same_seed_same_json_on_every_engine(case):
    plan = [STRATEGIES["linear"]] * len(case.parties)
    run = lambda engine=None: json.dumps(  # noqa: E731
        simulate_negotiation(
            case, "alternating", plan, deadline=20, runs=600, rng=5, block=200, engine=engine
        ).to_dict()
    )
    local = run()
    assert 0 < json.loads(local)["agreement_rate"] <= 1
    with make_engine("processes", workers=2) as engine:
        assert run(engine) == local


def test_same_seed_same_json_on_a_local_dask_cluster(a4):
    pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
    from accord.simulate.truce import TruceSettings, simulate_truce

    plan = [STRATEGIES["tit-for-tat"], STRATEGIES["stalling"]]
    truce = TruceSettings(policy="proportional", noise=0.03, p_false=0.02)
    runs = {
        protocol: lambda engine=None, protocol=protocol: json.dumps(
            simulate_negotiation(
                a4, protocol, plan, deadline=15, runs=900, rng=8, block=200, engine=engine
            ).to_dict()
        )
        for protocol in PROTOCOLS
    }
    local = {protocol: run() for protocol, run in runs.items()}
    truce_local = json.dumps(simulate_truce(truce, 5000, rng=8, block=1000).to_dict())
    with make_engine("dask", workers=2) as engine:
        for protocol, run in runs.items():
            assert run(engine) == local[protocol], protocol
        on_dask = simulate_truce(truce, 5000, rng=8, block=1000, engine=engine).to_dict()
        assert json.dumps(on_dask) == truce_local


def test_summary_contract(case):
    plan = [STRATEGIES["conceder"]] * len(case.parties)
    data = simulate_negotiation(case, "alternating", plan, deadline=20, runs=300, rng=1).to_dict()
    assert data["runs"] == 300 and data["seed"] == 1
    agreed = round(data["agreement_rate"] * 300)
    assert sum(data["rounds"]["histogram"].values()) == agreed
    assert sum(row["count"] for row in data["agreements"]) <= agreed
    row = data["agreements"][0]
    assert set(row["package"]) == {i.id for i in load_scenario(CASE).issues}
    assert set(row["utilities"]) == set(case.parties)
    assert data["distance"]["pareto"] >= 0


def test_the_nash_package_leaves_no_joint_gain(a4, case):
    # the Pareto gap is measured against the zone of agreement's frontier, where every
    # agreement lies: the Nash package (efficient in the zone) has a gap of 0, and a package
    # that some zone package improves for every party by 0.1 has a gap of at least 0.1
    for arena in (a4, case):
        assert pareto_gap(arena.nash[None, :], arena.frontier)[0] == pytest.approx(0, abs=1e-12)
        assert pareto_gap(arena.nash[None, :] - 0.1, arena.frontier)[0] >= 0.1 - 1e-12
        inside = arena.accepts(arena.offers)
        assert np.isin(
            arena.frontier.round(12).view([("", float)] * arena.frontier.shape[1]),
            arena.u[inside.all(axis=1)].round(12).view([("", float)] * arena.u.shape[1]),
        ).all()


def test_bad_input(case):
    with pytest.raises(ValueError, match="unknown strategy"):
        strategy("hawk")
    with pytest.raises(ValueError, match="protocol"):
        run_protocol("auction", case, [STRATEGIES["linear"]] * 4, deadline=3,
                     rng=np.random.default_rng(0))  # fmt: skip
    with pytest.raises(ValueError, match="deadline"):
        run_protocol("alternating", case, [STRATEGIES["linear"]] * 4, deadline=0,
                     rng=np.random.default_rng(0))  # fmt: skip
    with pytest.raises(BatchTooLarge):
        simulate_negotiation(case, "alternating", [STRATEGIES["linear"]] * 4, deadline=3,
                             runs=10**11)  # fmt: skip


def test_cli_simulate():
    result = accord("simulate", CASE, "--runs", "300", "--strategy", "RUS=stalling", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    for key in ("runs", "seed", "agreement_rate", "rounds", "agreements"):
        assert key in data
    assert data["strategies"]["RUS"] == "stalling" and data["strategies"]["UKR"] == "linear"
    assert "histogram" in data["rounds"] and "mean" in data["rounds"]
    tables = accord("simulate", str(A4), "--runs", "50", "--protocol", "shuttle")
    assert tables.returncode == 0 and "agreement rate" in tables.stdout
    for args in (
        ["--strategy", "A=hawk"], ["--strategy", "XXX=linear"], ["--strategy", "linear"],
        ["--protocol", "auction"], ["--deadline", "0"], ["--runs", "0"], ["--band", "2"],
        ["--runs", str(10**12)],
    ):  # fmt: skip
        bad = accord("simulate", str(A4), *args)
        assert bad.returncode == 2, (args, bad.stderr)
        assert bad.stdout == ""
        assert len(bad.stderr.strip().splitlines()) == 1 and bad.stderr.startswith("accord: ")


def test_simulate_imports_only_numpy_the_core_deals_and_engines():
    from test_layers import files, imports_of

    allowed = ("accord.simulate", "accord.deals", "accord.scenario", "accord.randomness",
               "accord.uncertainty.engines", "numpy", "__future__", "abc", "collections",
               "dataclasses", "functools", "typing")  # fmt: skip
    for path in files("simulate"):
        for name in imports_of(path):
            assert name.startswith(allowed), f"{path.name} imports {name}"


def test_strategies_set_in_the_scenario(tmp_path):
    from typing import get_args

    from accord.io import save_scenario
    from accord.io._schema import ActorFile

    # the file format accepts exactly the named strategies
    annotation = ActorFile.model_fields["strategy"].annotation
    (names,) = [a for a in get_args(annotation) if a is not type(None)]
    assert set(get_args(names)) == set(STRATEGIES)
    text = A4.read_text().replace("{id: A, capability: 50}", "{id: A, capability: 50, "
                                  "strategy: boulware}")  # fmt: skip
    path = tmp_path / "a4.yaml"
    path.write_text(text)
    scenario = load_scenario(path)
    assert [a.strategy for a in scenario.actors] == ["boulware", None]
    save_scenario(scenario, tmp_path / "again.yaml")
    assert load_scenario(tmp_path / "again.yaml") == scenario
    # the file's strategy; then --strategy overrides it; all=NAME only fills the others
    plain = json.loads(accord("simulate", str(path), "--runs", "20", "--json").stdout)
    assert plain["strategies"] == {"A": "boulware", "B": "linear"}
    # boulware against linear on A4 is a different run from linear against linear (by hand,
    # linear-linear agrees in round 5)
    assert plain["rounds"]["mean"] != 5
    override = accord("simulate", str(path), "--runs", "20", "--strategy", "A=conceder",
                      "--strategy", "all=stalling", "--json")  # fmt: skip
    assert json.loads(override.stdout)["strategies"] == {"A": "conceder", "B": "stalling"}
    rest = accord("simulate", str(path), "--runs", "20", "--strategy", "all=conceder", "--json")
    assert json.loads(rest.stdout)["strategies"] == {"A": "boulware", "B": "conceder"}
    # an unknown name in the file is one line naming the file and the field, exit 2
    path.write_text(text.replace("strategy: boulware", "strategy: hawk"))
    bad = accord("simulate", str(path))
    assert bad.returncode == 2 and bad.stdout == ""
    assert len(bad.stderr.strip().splitlines()) == 1
    assert "a4.yaml" in bad.stderr and "strategy" in bad.stderr


@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_every_strategy_pickles_and_keeps_its_target_between_reservation_and_best(name):
    import pickle

    chosen = STRATEGIES[name]
    assert pickle.loads(pickle.dumps(chosen)) == chosen and chosen.name == name
    with pytest.raises(AttributeError):
        chosen.name = "other"  # type: ignore[misc]  # frozen hyperparameters

    @settings(max_examples=40, deadline=None)
    @given(
        t=st.floats(0.0, 1.0),
        lo=st.floats(0.0, 0.9),
        first=st.floats(0.0, 1.0),
        best=st.floats(0.0, 1.0),
    )
    def check(t, lo, first, best):
        memory = Memory(first=np.asarray([first]), best=np.asarray([max(first, best)]))
        target = chosen.targets(t, memory, 1.0, np.asarray([lo]))[0]
        assert lo - 1e-12 <= target <= 1.0 + 1e-12
        # the time-dependent and stalling curves never rise with time
        if name != "tit-for-tat":
            later = chosen.targets(min(1.0, t + 0.05), memory, 1.0, np.asarray([lo]))[0]
            assert later <= target + 1e-12

    check()
