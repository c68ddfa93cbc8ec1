"""KTAB's spatial model (smp): KTAB's own reference runs, the invariants of the model, its
inputs (KTAB CSV and XML) and its place among accord's commands."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.errors import InputError
from accord.io import load_scenario, save_scenario
from accord.models import MODELS, SpatialModel
from accord.models.smp import KtabPRNG, SMPOptions, run
from accord.models.smp._prng import MT19937_64
from accord.scenario import Actor, Issue, Scenario, Stake
from accord.uncertainty import monte_carlo

from conftest import EXAMPLES, accord

KTAB = Path(__file__).parent / "data" / "ktab"
SOE = KTAB / "SOE-Pol-Comp.csv"
EXAMPLE = KTAB / "smpExample.xml"


# --------------------------------------------------------------------------------------------
# KTAB's reference logs


def _history(log: str) -> tuple[dict[tuple[str, str], list[float]], dict[str, list[float]]]:
    """The log's "History of actor positions over time" (by actor and dimension name) and
    "History of actors' winning probabilities" (by actor)."""
    positions_part = log.split("History of actor positions over time:")[1]
    positions_part, probabilities_part = positions_part.split("History of actors' winning")
    positions = {}
    for line in positions_part.strip().splitlines():
        head, values = line.split(":")
        actor, dim = (part.strip() for part in head.split(",", 1))
        positions[actor, dim] = [float(v) for v in values.split()]
    probabilities = {}
    for line in probabilities_part.split("\n", 1)[1].splitlines():
        if ", prob :" not in line:
            break
        actor, values = line.split(", prob :")
        probabilities[actor.strip()] = [float(v) for v in values.split()]
    return positions, probabilities


def _replayed_orders(log: str, n: int) -> tuple[list[list[list[int]]], list[list[int]]]:
    """Per round, each actor's queue as KTAB's threads filled it (initiators, -1 for the status
    quo) and the order in which the threads resolved the queues, from the log's "Bargains
    involving actor" and "Chosen bargain" lines."""
    queues, orders = [], []
    for part in log.split("Starting Model::run iteration")[1:]:
        if "Bargains involving actor" not in part:
            continue
        queue, ids = [], []
        for k in range(n):
            line = re.search(rf"Bargains involving actor +{k}: (.*)", part)
            assert line is not None
            pairs = re.findall(r"\[(\d+), (\d+):(\d+)\]", line.group(1))
            queue.append([-1 if i == j else int(i) for _, i, j in pairs])
            ids.append([int(b) for b, _, _ in pairs])
        chosen = [
            (int(b), int(c), int(size))
            for b, c, size in re.findall(
                r"Chosen bargain \( \w+ \): (\d+) (\d+) out of (\d+)", part
            )
        ]

        order = _assign(chosen, ids, [])
        assert order is not None
        queues.append(queue)
        orders.append(order)
    return queues, orders


def _assign(
    chosen: list[tuple[int, int, int]], ids: list[list[int]], done: list[int]
) -> list[int] | None:
    """Which queue each "Chosen bargain" line resolved (bargain ids can repeat in KTAB's
    threaded log, so this searches for the assignment consistent with every line)."""
    if len(done) == len(chosen):
        return done
    bid, c, size = chosen[len(done)]
    for k in range(len(ids)):
        if k not in done and len(ids[k]) == size and ids[k][c - 1] == bid:
            found = _assign(chosen, ids, [*done, k])
            if found:
                return found
    return None


def _printed(values: np.ndarray) -> list[float]:
    """Positions on [0, 1] as KTAB prints them: 100 x, "%5.1f"."""
    return [float(f"{100 * v:5.1f}") for v in values]


def test_soe_reproduces_ktabs_reference_run():
    """Default smp on SOE-Pol-Comp: KTAB's 28 states, every position to the log's 0.1 and
    every winning probability to its 4 decimals."""
    log = (KTAB / "20170530_ref-SOE-Pol-Comp.excerpt.txt").read_text()
    positions, probabilities = _history(log)
    scenario = load_scenario(SOE)
    forecast = SpatialModel().predict(scenario)
    for issue in scenario.issues:
        item = forecast[issue.id]
        assert len(item.spatial) == 28
        for k, actor in enumerate(item.actors):
            got = [float(f"{r.positions[k]:5.1f}") for r in item.spatial]
            assert got == positions[actor, issue.name], (actor, issue.id)
            probs = [float(f"{r.probabilities[k]:.4f}") for r in item.spatial]
            assert probs == probabilities[actor], actor
    # the forecast: the capability-weighted mean of KTAB's final positions (printed to 0.1)
    caps = {a.id: a.capability for a in scenario.actors}
    for issue in scenario.issues:
        final = {a: positions[a, issue.name][-1] for a in caps}
        expected = sum(caps[a] * final[a] for a in caps) / sum(caps.values())
        assert forecast.value(issue.id) == pytest.approx(expected, abs=0.05)


def test_smp_example_reproduces_ktabs_stochastic_run_when_its_thread_order_is_replayed():
    """smpExample (PropCbc, MarkovIncentive, Stochastic, ideal adjustment, seed from the XML):
    KTAB's 15 states exactly, drawing from KTAB's PRNG - given the order in which KTAB's
    threads filled and resolved the bargain queues, which its log records. Without that order
    the draws go to other queues (see the next test)."""
    log = (KTAB / "20170530_ref-smpExample.excerpt.txt").read_text()
    positions, probabilities = _history(log)
    scenario = load_scenario(EXAMPLE)
    params = scenario.model_params("smp")
    options = SMPOptions(**{k: v for k, v in params.items() if k in SMPOptions.__annotations__})
    assert options.stochastic and params["seed"] == 3507583219545544127
    actors = [a.id for a in scenario.actors]
    pos = np.array([[scenario.stake(a, i.id).position for i in scenario.issues] for a in actors])
    sal = np.array([[scenario.stake(a, i.id).salience for i in scenario.issues] for a in actors])
    cap = np.array([a.capability for a in scenario.actors])
    accommodation = np.eye(len(actors))
    for adjusting, reference, rate in params["ideal_adjustment"]:
        accommodation[actors.index(adjusting), actors.index(reference)] = rate
    queues, orders = _replayed_orders(log, len(actors))
    prng = KtabPRNG(params["seed"])

    def choose(p: np.ndarray) -> int:  # KTAB's probSel
        return min(int(np.searchsorted(np.cumsum(p), prng.uniform(), side="left")), len(p) - 1)

    trajectory = run(
        pos / 100,
        sal,
        cap,
        options,
        accommodation=accommodation,
        choose=choose,
        queues=lambda t: queues[t - 1],
        order=lambda t: orders[t - 1],
    )
    assert len(trajectory.rounds) == 15
    for k, actor in enumerate(actors):
        for d, issue in enumerate(scenario.issues):
            got = _printed(trajectory.positions[:, k, d])
            assert got == positions[actor, issue.name], (actor, issue.id)
        probs = [float(f"{p:.4f}") for p in trajectory.probabilities[:, k]]
        assert probs == probabilities[actor], actor


def test_smp_example_without_the_replay_runs_with_the_files_seed():
    scenario = load_scenario(EXAMPLE)
    first = SpatialModel().predict(scenario)
    assert first.seed == 3507583219545544127
    assert first.to_dict() == SpatialModel().predict(scenario).to_dict()
    params = dict(first.params)
    assert params["voting_rule"] == "PropCbc" and params["pce_model"] == "MarkovIncentive"


def test_mersenne_twister_64_matches_the_c_plus_plus_standard():
    # ISO C++ 26.5.5: the 10000th output of a default-constructed mt19937_64 (seed 5489)
    mt = MT19937_64(5489)
    for _ in range(9999):
        mt.next()
    assert mt.next() == 9981545732273789042


# --------------------------------------------------------------------------------------------
# Invariants


def _scenario(positions, saliences, capabilities, ids=None, low=0.0, high=100.0) -> Scenario:
    """Actors with positions and saliences ``(n, d)`` on ``d`` issues of scale [low, high]."""
    n, d = np.shape(positions)
    ids = ids or [f"a{k}" for k in range(n)]
    return Scenario(
        id="t",
        title="t",
        actors=tuple(Actor(id=ids[k], capability=float(capabilities[k])) for k in range(n)),
        issues=tuple(Issue(id=f"i{j}", low=low, high=high) for j in range(d)),
        stakes=tuple(
            Stake(
                actor=ids[k],
                issue=f"i{j}",
                position=float(positions[k][j]),
                salience=float(saliences[k][j]),
            )
            for k in range(n)
            for j in range(d)
        ),
    )


problems = st.integers(3, 6).flatmap(
    lambda n: st.tuples(
        st.lists(st.lists(st.integers(0, 100), min_size=2, max_size=2), min_size=n, max_size=n),
        st.lists(st.lists(st.integers(5, 45), min_size=2, max_size=2), min_size=n, max_size=n),
        # distinct capabilities: actors that differ in nothing would tie, and KTAB breaks
        # ties by the actors' order, which relabelling changes
        st.lists(st.integers(1, 200), min_size=n, max_size=n, unique=True),
        st.permutations(range(n)),
    )
)


@settings(max_examples=60, deadline=None)
@given(problems)
def test_reordering_and_relabelling_actors_relabels_the_result(problem):
    positions, saliences, caps, perm = problem
    saliences = [[s / 100 for s in row] for row in saliences]
    n = len(caps)
    base = SpatialModel().predict(_scenario(positions, saliences, caps))
    ids = [f"x{perm[k]}" for k in range(n)]
    order = np.argsort(perm)  # the relabelled scenario lists actor x0 first, ...
    moved = SpatialModel().predict(
        _scenario(
            [positions[k] for k in order],
            [saliences[k] for k in order],
            [caps[k] for k in order],
            ids=[ids[k] for k in order],
        )
    )
    for issue in ("i0", "i1"):
        assert moved.value(issue) == pytest.approx(base.value(issue), abs=1e-9)
        a, b = base[issue], moved[issue]
        assert len(a.spatial) == len(b.spatial)
        for ra, rb in zip(a.spatial, b.spatial, strict=True):
            got = dict(zip(b.actors, rb.positions, strict=True))
            want = {ids[k]: ra.positions[k] for k in range(n)}
            assert got == pytest.approx(want, abs=1e-9)


@settings(max_examples=25, deadline=None)
@given(problems, st.sampled_from([(0.0, 100.0), (-5.0, 5.0), (1990.0, 2030.0)]))
def test_positions_stay_inside_each_issues_scale(problem, scale):
    positions, saliences, caps, _ = problem
    low, high = scale
    x = [[low + (high - low) * p / 100 for p in row] for row in positions]
    forecast = SpatialModel().predict(
        _scenario(x, [[s / 100 for s in row] for row in saliences], caps, low=low, high=high)
    )
    for item in forecast.issues:
        assert low - 1e-9 <= item.value <= high + 1e-9
        for r in item.spatial:
            assert all(low - 1e-9 <= v <= high + 1e-9 for v in r.positions)


@pytest.mark.parametrize("factor", [0.01, 0.5, 3.0, 100.0])
def test_scaling_every_capability_changes_nothing(factor):
    from dataclasses import replace

    scenario = load_scenario(SOE)
    scaled = replace(
        scenario,
        actors=tuple(replace(a, capability=a.capability * factor) for a in scenario.actors),
    )
    base, other = SpatialModel().predict(scenario), SpatialModel().predict(scaled)
    for issue in scenario.issues:
        a, b = base[issue.id].spatial, other[issue.id].spatial
        assert len(a) == len(b) == 28
        for ra, rb in zip(a, b, strict=True):
            assert rb.positions == pytest.approx(ra.positions, abs=1e-9)


def test_identical_actors_on_one_issue_converge_at_once():
    forecast = SpatialModel().predict(_scenario([[40]] * 4, [[0.5]] * 4, [10, 20, 30, 40]))
    item = forecast["i0"]
    assert item.value == 40
    assert len(item.spatial) == SMPOptions().min_iterations + 1  # nobody ever moves
    assert all(r.positions == (40.0,) * 4 for r in item.spatial)


def test_a_seed_reproduces_stochastic_transitions_byte_for_byte():
    scenario = load_scenario(SOE)
    model = SpatialModel(state_transitions="Stochastic")
    first = model.predict(scenario, rng=7)
    assert first.seed == 7
    assert json.dumps(first.to_dict()) == json.dumps(model.predict(scenario, rng=7).to_dict())
    other = model.predict(scenario, rng=8)
    assert other.to_dict() != first.to_dict()


def test_monte_carlo_of_stochastic_smp_is_seeded_and_independent_of_chunking():
    scenario = load_scenario(EXAMPLES / "ukraine-ceasefire-2025-03.yaml")
    models = {"smp": SpatialModel(state_transitions="Stochastic", max_iterations=5)}
    a = monte_carlo([scenario], models, samples=24, seed=3, chunk_size=24)[0]
    b = monte_carlo([scenario], models, samples=24, seed=3, chunk_size=5)[0]
    assert a.forecasts.tobytes() == b.forecasts.tobytes()
    c = monte_carlo([scenario], models, samples=24, seed=4, chunk_size=24)[0]
    assert a.forecasts.tobytes() != c.forecasts.tobytes()


def test_monte_carlo_forecasts_all_issues_of_the_joint_model_together():
    scenario = load_scenario(EXAMPLES / "ukraine-ceasefire-2025-03.yaml")
    point = SpatialModel(consent="ignore").predict(scenario)
    mc = monte_carlo([scenario], {"smp": SpatialModel(consent="ignore")}, samples=8, seed=1)[0]
    assert mc.forecasts.shape == (8, len(scenario.issues), 1)
    # without ranges every sample is the point forecast, computed jointly
    fixed = [i for i in scenario.issues if np.ptp(mc.samples_of(i.id, "smp")) == 0]
    for issue in fixed:
        assert mc.samples_of(issue.id, "smp")[0] == pytest.approx(point.value(issue.id))


def test_selected_issues_are_the_joint_model_the_others_stand_alone():
    scenario = load_scenario(SOE)
    joint = SpatialModel().predict(scenario)
    alone = SpatialModel(issues="policy-position").predict(scenario)
    one = SpatialModel().predict(
        Scenario(
            id="p",
            title="p",
            actors=scenario.actors,
            issues=scenario.issues[:1],
            stakes=tuple(s for s in scenario.stakes if s.issue == "policy-position"),
        )
    )
    assert alone.value("policy-position") == pytest.approx(one.value("policy-position"))
    assert alone.value("policy-position") != pytest.approx(joint.value("policy-position"))


# --------------------------------------------------------------------------------------------
# Files and commands


def test_forecast_command_prints_ktabs_trajectory():
    done = accord("forecast", str(SOE), "--model", "smp")
    assert done.returncode == 0, done.stderr
    assert "history of actor positions over 28 states" in done.stdout
    flat = " ".join(done.stdout.split())
    assert "XJ 30.0 30.0 30.9 31.4 31.4 34.2 34.2 40.1" in flat


def test_forecast_json_has_smp_rounds_on_the_issues_scale():
    done = accord("forecast", str(SOE), "--model", "smp", "--json")
    assert done.returncode == 0, done.stderr
    issue = json.loads(done.stdout)["issues"][0]
    rounds = issue["smp"]["rounds"]
    assert rounds[0]["round"] == 0 and rounds[0]["positions"]["XJ"] == 30.0
    assert rounds[0]["probabilities"]["XJ"] == pytest.approx(0.0618, abs=5e-5)
    assert len(rounds) == 28 and rounds[-1]["positions"]["XJ"] == pytest.approx(43.18, abs=0.01)
    # KTAB's log, iteration 1: "Inferred risk attitudes: +1.000 -0.498 ..." and "In turn 0
    # actor 0 has most advantageous target 10", "actor 3 ... target 8", "actor 4 ... target 5"
    assert rounds[0]["risk"]["XJ"] == 1.0 and rounds[0]["risk"]["LK"] == pytest.approx(
        -0.498, abs=5e-4
    )
    assert {a: rounds[0]["challenges"][a] for a in ("XJ", "MK", "LH")} == {
        "XJ": "SHX",
        "MK": "MEP",
        "LH": "XS",
    }
    assert all(v is None for v in rounds[-1]["challenges"].values())


def test_ktab_xml_round_trips_through_yaml(tmp_path):
    scenario = load_scenario(EXAMPLE)
    assert [i.id for i in scenario.issues] == ["firstdim", "seconddim", "yadn"]
    assert scenario.stake("Alice", "firstdim").position == 52.8
    save_scenario(scenario, tmp_path / "s.yaml")
    again = load_scenario(tmp_path / "s.yaml")
    assert again == scenario
    save_scenario(again, tmp_path / "s.xml")
    assert load_scenario(tmp_path / "s.xml") == scenario
    done = accord("convert", str(EXAMPLE), str(tmp_path / "c.json"))
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "c.json").read_text())["models"]["smp"]["seed"] == (
        3507583219545544127
    )


def test_scenario_file_gives_smp_parameters_and_the_command_line_overrides(tmp_path):
    path = tmp_path / "s.yaml"
    save_scenario(load_scenario(SOE), path)
    text = path.read_text() + "models:\n  smp:\n    max_iterations: 3\n"
    path.write_text(text)
    done = accord("forecast", str(path), "--model", "smp", "--json")
    assert json.loads(done.stdout)["models"]["smp"]["max_iterations"] == 3
    assert len(json.loads(done.stdout)["issues"][0]["smp"]["rounds"]) == 4
    done = accord("forecast", str(path), "--model", "smp", "--param", "smp.max_iterations=5")
    assert "over 6 states" in done.stdout


def _one_line_error(done, *needles):
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert len(done.stderr.strip()) <= 300
    for needle in needles:
        assert needle in done.stderr


XML_ACTOR = (
    "<Actor><name>{name}</name><capability>10</capability>"
    "<Position>{pos}</Position><Salience>{sal}</Salience></Actor>"
)


def _xml(actors: str, dims: int = 2, params: str = "") -> str:
    names = "".join(f"<dName>D{k}</dName>" for k in range(dims))
    return (
        f"<Scenario><name>x</name><ModelParameters>{params}</ModelParameters>"
        f"<Dimensions>{names}</Dimensions><Actors>{actors}</Actors></Scenario>"
    )


def _actor(name: str, pos: list[str], sal: list[str]) -> str:
    return XML_ACTOR.format(
        name=name,
        pos="".join(f"<dCoord>{p}</dCoord>" for p in pos),
        sal="".join(f"<dSal>{s}</dSal>" for s in sal),
    )


@pytest.mark.parametrize(
    ("text", "needles"),
    [
        ("<Scenario><name>x</name><Actors>", ("malformed XML",)),
        (_xml(_actor("A", ["10"], ["20", "30"])), ("Actor[1] (A)/Position", "1 <dCoord>")),
        (_xml(_actor("A", ["10", ""], ["20", "30"])), ("dCoord[2]", "got nothing")),
        (_xml(_actor("A", ["10", "20"], ["60", "50"])), ("saliences total 110", "at most 100")),
        (
            _xml(_actor("A", ["10", "20"], ["6", "5"]), params="<PCEModel>Best</PCEModel>"),
            ("ModelParameters/PCEModel", "Conditional"),
        ),
    ],
)
def test_bad_ktab_xml_is_one_line_exit_2(tmp_path, text, needles):
    path = tmp_path / "bad.xml"
    path.write_text(text)
    _one_line_error(accord("forecast", str(path), "--model", "smp"), str(path), *needles)


def test_the_blank_coordinate_of_the_shared_smp_example_is_reported(tmp_path):
    path = tmp_path / "smpExample.xml"
    path.write_text(EXAMPLE.read_text().replace("<dCoord>52.8</dCoord>", "<dCoord></dCoord>"))
    with pytest.raises(InputError, match=r"Actor\[1\] \(Alice\)/Position/dCoord\[1\]"):
        load_scenario(path)


def test_ktab_csv_saliences_over_100_are_one_line_exit_2(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("T,d,3,2\nActor,Desc,Cap,P1,S1,P2,S2\nA,a,10,20,60,30,50\nB,b,1,4,3,3,2\n")
    path.write_text(path.read_text().replace("3,2\nActor", "2,2\nActor"))
    _one_line_error(accord("forecast", str(path)), "bad.csv:3", "saliences total 110")


def test_unknown_issue_in_smp_issues_is_one_line_exit_2():
    done = accord("forecast", str(SOE), "--model", "smp", "--param", "smp.issues=nope")
    _one_line_error(done, "smp.issues", "unknown issue 'nope'", "policy-position")


def test_bad_smp_parameter_is_one_line_exit_2():
    done = accord("forecast", str(SOE), "--model", "smp", "--param", "smp.voting_rule=Loud")
    _one_line_error(done, "voting_rule", "PropCbc")


def test_smp_is_registered_and_runs_on_the_case_study():
    assert MODELS["smp"] is SpatialModel and SpatialModel.joint
    scenario = load_scenario(EXAMPLES / "ukraine-ceasefire-2025-03.yaml")
    forecast = SpatialModel().predict(scenario)
    for issue in scenario.issues:
        assert issue.low <= forecast.value(issue.id) <= issue.high


def test_stochastic_smp_in_monte_carlo_from_the_command_line_is_byte_reproducible():
    args = [
        "forecast",
        str(EXAMPLES / "ukraine-ceasefire-2025-03.yaml"),
        "--model",
        "smp",
        "--param",
        "smp.state_transitions=Stochastic",
        "--samples",
        "30",
        "--seed",
        "5",
        "--json",
    ]
    first, second = accord(*args), accord(*args)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert data["seed"] == 5 and data["models"]["smp"]["state_transitions"] == "Stochastic"
    assert "smp" in data["issues"][0]["distribution"]


def test_batched_monte_carlo_runs_every_sample_as_it_would_run_alone():
    """The batched rounds (deterministic, Conditional PCE, initiator-only bargains) give every
    sample exactly the final positions of its own run."""
    from accord.models.smp._batch import run_batch

    scenario = load_scenario(SOE)
    actors = [a.id for a in scenario.actors]
    pos = np.array([[scenario.stake(a, i.id).position for i in scenario.issues] for a in actors])
    sal = np.array([[scenario.stake(a, i.id).salience for i in scenario.issues] for a in actors])
    cap = np.array([a.capability for a in scenario.actors])
    rng = np.random.default_rng(0)
    samples = np.clip(pos[None] / 100 + rng.normal(0, 0.05, (12, *pos.shape)), 0, 1)
    together = run_batch(
        samples, np.repeat(sal[None], 12, 0), np.repeat(cap[None], 12, 0), SMPOptions()
    )
    for s in range(12):
        alone = run(samples[s], sal, cap, SMPOptions()).rounds[-1].positions
        assert np.array_equal(together[s], alone)
