"""Logrolls, concessions and the case study, checked by hand and by brute force."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from accord.deals import (
    Conventions,
    analyse_deals,
    concessions,
    logrolls,
    outcome_space,
    package_utilities,
)
from accord.deals.analysis import choose_parties
from accord.io import load_scenario
from accord.scenario import Actor, Issue, Scenario, Stake

from conftest import EXAMPLES, without_rules

CASE = EXAMPLES / "ukraine-ceasefire-2025-03.yaml"


def trading_scenario() -> Scenario:
    """A cares about p, B about q; C cares only about p, and likes its middle."""
    return Scenario(
        id="trade",
        title="trade",
        actors=(Actor("A", 1.0), Actor("B", 1.0), Actor("C", 1.0)),
        issues=(Issue(id="p", options=(0, 50, 100)), Issue(id="q", options=(0, 50, 100))),
        stakes=(
            Stake("A", "p", 100, 1.0),
            Stake("A", "q", 100, 0.2),
            Stake("B", "p", 0, 0.2),
            Stake("B", "q", 0, 1.0),
            Stake("C", "p", 50, 1.0),
        ),
    )


def test_logroll_worked_by_hand():
    s = trading_scenario()
    pu = package_utilities(s, outcome_space(s), ["A", "B", "C"])
    rolls = logrolls(pu)
    assert len(rolls) == 1
    (roll,) = rolls
    # split the difference: p = q = 50. A gets p -> 100, B gets q -> 0:
    # A: (1.0 * 0.5 - 0.2 * 0.5) / 1.2 = 1/3; B likewise; C loses 0.5 on p.
    assert roll.parties == ("A", "B") and roll.issues == ("p", "q")
    assert roll.moves == (("p", 50.0, 100.0), ("q", 50.0, 0.0))
    assert roll.gain == pytest.approx((1 / 3, 1 / 3), abs=1e-12)
    assert dict(roll.others) == pytest.approx({"C": -0.5}, abs=1e-12)
    assert roll.to_dict() == {
        "parties": ["A", "B"],
        "issues": ["p", "q"],
        "gain": {"A": roll.gain[0], "B": roll.gain[1]},
        "moves": {"p": {"from": 50.0, "to": 100.0}, "q": {"from": 50.0, "to": 0.0}},
        "others": {"C": -0.5},
    }


def test_no_logroll_when_priorities_agree():
    s = Scenario(
        id="same",
        title="same",
        actors=(Actor("A", 1.0), Actor("B", 1.0)),
        issues=(Issue(id="p", options=(0, 50, 100)), Issue(id="q", options=(0, 50, 100))),
        stakes=(
            Stake("A", "p", 100, 1.0),
            Stake("A", "q", 100, 1.0),
            Stake("B", "p", 0, 1.0),
            Stake("B", "q", 0, 1.0),
        ),
    )
    assert logrolls(package_utilities(s, outcome_space(s), ["A", "B"])) == ()


def test_logroll_from_a_given_reference_package():
    s = trading_scenario()
    pu = package_utilities(s, outcome_space(s), ["A", "B"])
    # from (p, q) = (0, 100): A wants p up, B wants q down
    (roll,) = logrolls(pu, reference=[0, 2])
    assert roll.moves[0][1:] == (0.0, 100.0) and roll.moves[1][1:] == (100.0, 0.0)
    assert roll.gain == pytest.approx((0.8 / 1.2, 0.8 / 1.2), abs=1e-12)


def test_concessions_by_hand():
    s = trading_scenario()
    pu = package_utilities(s, outcome_space(s), ["A", "B"])
    taken = {(c.party, c.issue): c for c in concessions(s, pu, [2, 0])}  # p = 100, q = 0
    assert taken["A", "p"].distance == 0 and taken["A", "p"].utility_cost == 0
    assert taken["A", "q"].distance == 100
    assert taken["A", "q"].utility_cost == pytest.approx(0.2 / 1.2)
    assert taken["B", "p"].utility_cost == pytest.approx(0.2 / 1.2)
    assert set(taken) == {("A", "p"), ("A", "q"), ("B", "p"), ("B", "q")}


# --------------------------------------------------------------------------------------------
# The case study


@pytest.fixture(scope="module")
def case():
    # the golden numbers are for the parties alone, as before decision rules existed
    scenario = without_rules(load_scenario(CASE))
    return scenario, analyse_deals(scenario)


def test_veto_players_join_the_parties():
    parties, notes = choose_parties(load_scenario(CASE))
    assert parties == ("US", "RUS", "UKR", "UKC", "EU", "NATO")
    assert notes[0] == "veto players included as parties: US, NATO"
    assert choose_parties(without_rules(load_scenario(CASE)))[0] == ("RUS", "UKR", "UKC", "EU")


def test_case_study_sizes(case):
    _, result = case
    assert result.parties == ("RUS", "UKR", "UKC", "EU")
    assert result.outcomes == 5**11
    assert len(result.frontier) == 7864
    assert result.zopa.size == 10006
    assert len(result.zopa.frontier) == 254
    assert len(result.logrolls) == 25
    assert "not included: US, NATO" in result.notes[0]
    u = result.frontier.utilities
    assert np.all(np.diff(u[:, 0]) <= 0)  # ordered by RUS's utility


def reference_utilities(scenario: Scenario, parties, grid: np.ndarray) -> np.ndarray:
    """Utilities straight from the formula, for packages given as values (n, issues)."""
    ids = [i.id for i in scenario.issues]
    out = np.zeros((len(grid), len(parties)))
    for j, party in enumerate(parties):
        total = 0.0
        for stake in scenario.stakes:
            if stake.actor == party:
                y = grid[:, ids.index(stake.issue)]
                out[:, j] += stake.salience * (1 - np.abs(y - stake.position) / 100)
                total += stake.salience
        out[:, j] /= total
    return out


def test_case_study_solutions_are_the_brute_force_optima_of_the_zone(case):
    """Enumerate every package all parties' per-issue reservations allow, apply the status-quo
    rule by hand, and find each solution by exhaustive search."""
    scenario, result = case
    parties = list(result.parties)
    values = np.array([0.0, 25.0, 50.0, 75.0, 100.0])
    allowed = []
    for issue in scenario.issues:
        ok = np.ones(5, dtype=bool)
        for stake in scenario.stakes_on(issue.id):
            if stake.actor in parties and stake.reservation is not None:
                ok &= np.abs(values - stake.position) <= abs(stake.reservation - stake.position)
        allowed.append(values[ok])
    grid = np.array(list(itertools.product(*allowed)))
    u = reference_utilities(scenario, parties, grid)
    # status quo package; "prisoners" has none: each party's worst value there
    quo = []
    for issue in scenario.issues:
        quo.append(issue.status_quo if issue.status_quo is not None else np.nan)
    d = np.zeros(len(parties))
    for j, party in enumerate(parties):
        total = 0.0
        for stake in scenario.stakes:
            if stake.actor != party:
                continue
            issue = scenario.issue(stake.issue)
            if issue.status_quo is None:
                worst = max(abs(stake.position - 0), abs(stake.position - 100))
                value = 1 - worst / 100
            else:
                value = 1 - abs(issue.status_quo - stake.position) / 100
            d[j] += stake.salience * value
            total += stake.salience
        d[j] /= total
    assert result.reservation == pytest.approx(tuple(d), abs=1e-11)
    zone = np.all(u >= d - 1e-12, axis=1)
    assert zone.sum() == result.zopa.size == 10006
    u, grid = u[zone], grid[zone]
    weights = np.array([scenario.actor(p).capability for p in parties])
    gains = u - d
    with np.errstate(divide="ignore"):
        nash = np.where(
            np.all(gains > 0, axis=1), np.log(np.maximum(gains, 1e-300)) @ weights, -np.inf
        )
    expected = {
        "nash": nash,
        "kalai_smorodinsky": ((u - d) / (u.max(axis=0) - d)).min(axis=1),
        "egalitarian": (u - d).min(axis=1),
        "utilitarian": u.sum(axis=1),
    }
    for name, objective in expected.items():
        best = np.flatnonzero(objective >= objective.max() - 1e-12)
        if len(best) > 1:  # the tie rule: the largest total utility, then outcome order
            totals = u[best].sum(axis=1)
            best = best[totals >= totals.max() - 1e-12]
        solution = result.solution(name)
        assert [v for _, v in solution.package] == grid[best[0]].tolist(), name
        assert [v for _, v in solution.utilities] == pytest.approx(u[best[0]], abs=1e-11)
        assert solution.accepted_by == tuple(parties)


def test_case_study_nash_package_and_what_it_takes(case):
    scenario, result = case
    nash = dict(result.solution("nash").package)
    assert nash == {
        "ceasefire": 75.0, "monitoring": 75.0, "aid": 25.0, "mobilisation": 75.0,
        "territory": 75.0, "nato": 0.0, "guarantees": 25.0, "sanctions": 75.0, "kursk": 25.0,
        "prisoners": 100.0, "elections": 75.0,
    }  # fmt: skip
    taken = {(c.party, c.issue): c for c in result.concessions}
    # Russia on the ceasefire: position 25, the package 75; salience 0.7 of RUS's 7.35 total
    c = taken["RUS", "ceasefire"]
    assert (c.position, c.value, c.distance) == (25.0, 75.0, 50.0)
    rus_total = sum(s.salience for s in scenario.stakes if s.actor == "RUS")
    assert c.utility_cost == pytest.approx(0.7 * 0.5 / rus_total)
    for party in result.parties:
        u = dict(result.solution("nash").utilities)[party]
        assert sum(c.utility_cost for c in result.concessions if c.party == party) == (
            pytest.approx(1 - u)
        )


def test_case_study_first_logroll(case):
    _, result = case
    first = result.logrolls[0]
    # Russia gets neutrality (nato 50 -> 0), Ukraine the full ceasefire (50 -> 100)
    assert first.parties == ("RUS", "UKR")
    assert first.moves == (("nato", 50.0, 0.0), ("ceasefire", 50.0, 100.0))
    # RUS (total salience 7.35): nato 0.5 -> 1.0 at salience 0.9, ceasefire 0.75 -> 0.25 at 0.7
    # UKR (7.65): ceasefire 0.5 -> 1.0 at 0.8, nato 0.55 -> 0.05 at 0.6
    assert first.gain == pytest.approx((0.1 / 7.35, 0.1 / 7.65), abs=1e-12)
    gains = [min(roll.gain) for roll in result.logrolls]
    assert gains == sorted(gains, reverse=True) and all(g > 0 for g in gains)


@pytest.mark.parametrize("n_parties", [2, 13])
def test_the_streamed_json_is_the_contract(n_parties):
    """The column-aligned rows (up to 12 parties) and the plain rows (more) parse to the dict."""
    import io
    import json

    from accord.report.deals import deals_json, write_deals_json

    names = [f"P{i}" for i in range(n_parties)]
    s = Scenario(
        id="many",
        title="many",
        actors=tuple(Actor(n, 1.0) for n in names),
        # y's scale holds every position (10 i for up to 13 parties): scenarios are validated.
        issues=(
            Issue(id="x", options=(0, 30, 70, 100)),
            Issue(id="y", high=120.0, labels=((40.0, "l"),)),
        ),
        stakes=tuple(
            Stake(n, issue, 100.0 * (i % 2) if issue == "x" else 10.0 * i, 0.5 + 0.01 * i)
            for i, n in enumerate(names)
            for issue in ("x", "y")
        ),
    )
    result = analyse_deals(s, Conventions(actors="all"))
    out = io.StringIO()
    write_deals_json(result, out)
    assert json.loads(out.getvalue()) == deals_json(result)
    assert len(result.frontier) > 1
