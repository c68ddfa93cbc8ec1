"""Outcome spaces, utilities, reservation rules and the zone of agreement, checked by hand and
against brute force with exact rational arithmetic."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.deals import (
    RESOLUTION,
    Conventions,
    OutcomeSpaceTooLarge,
    analyse_deals,
    count_acceptable,
    issue_values,
    outcome_space,
    package_frontier,
    package_utilities,
)
from accord.scenario import Actor, Issue, Scenario, Stake
from deals_reference import exact, frontier, packages, utility


def scenario(issues, stakes, actors=("A", "B"), **actor_fields) -> Scenario:
    return Scenario(
        id="t",
        title="t",
        actors=tuple(Actor(id=a, capability=1.0, **actor_fields.get(a, {})) for a in actors),
        issues=tuple(issues),
        stakes=tuple(stakes),
    )


def test_values_are_labels_plus_a_regular_grid_or_the_options():
    issue = Issue(id="x", low=0, high=10, labels=((2.5, "a"), (7.0, "b")))
    assert issue_values(issue, steps=5).tolist() == [0, 2.5, 5, 7, 7.5, 10]
    assert issue_values(issue, steps=2).tolist() == [0, 2.5, 7, 10]
    assert issue_values(Issue(id="y", options=(3.0, 1.0)), steps=99).tolist() == [1, 3]
    with pytest.raises(ValueError, match="at least 2"):
        issue_values(issue, steps=1)


def test_space_size_is_the_exact_product():
    s = scenario(
        [Issue(id=f"i{k}", low=0, high=100) for k in range(30)],
        [Stake(actor="A", issue="i0", position=0, salience=1)],
        actors=("A",),
    )
    space = outcome_space(s, steps=11)
    assert space.size == 11**30  # beyond int64
    assert space.shape == (11,) * 30


def test_linear_and_quadratic_utilities_by_hand():
    s = scenario(
        [Issue(id="x", low=0, high=100, options=(0, 40, 100)), Issue(id="y", low=-10, high=10)],
        [
            Stake(actor="A", issue="x", position=20, salience=0.6),
            Stake(actor="A", issue="y", position=-10, salience=0.2),
            Stake(actor="B", issue="x", position=100, salience=0.5),
        ],
    )
    space = outcome_space(s, steps=3)  # y: -10, 0, 10
    linear = package_utilities(s, space, ["A", "B"])
    # A at (40, 0): (0.6 * (1 - 20/100) + 0.2 * (1 - 10/20)) / 0.8 = (0.48 + 0.1) / 0.8
    assert linear.utilities([[1, 1]])[0].tolist() == pytest.approx([0.725, 0.4], abs=1e-12)
    quadratic = package_utilities(s, space, ["A", "B"], utility="quadratic")
    # (0.6 * (1 - 0.04) + 0.2 * (1 - 0.25)) / 0.8 = 0.726 / 0.8; B: 1 - 0.36
    assert quadratic.utilities([[1, 1]])[0].tolist() == pytest.approx([0.9075, 0.64], abs=1e-12)


def test_evaluations_replace_the_distance_rule_and_interpolate_linearly():
    s = scenario(
        [Issue(id="x", low=0, high=10)],
        [
            Stake(actor="A", issue="x", position=5, salience=1, evaluations=((0, 0.2), (5, 1.0))),
            Stake(actor="B", issue="x", position=0, salience=1),
        ],
    )
    space = outcome_space(s, steps=5)  # 0, 2.5, 5, 7.5, 10
    u = package_utilities(s, space, ["A", "B"]).utilities([[0], [1], [4]])
    assert u[:, 0].tolist() == pytest.approx([0.2, 0.6, 1.0])  # constant beyond the last point
    assert u[:, 1].tolist() == pytest.approx([1.0, 0.75, 0.0])


def test_reservation_rules():
    issues = [
        Issue(id="x", low=0, high=100, status_quo=50, options=(0, 50, 100)),
        Issue(id="y", low=0, high=100, options=(0, 100)),  # no status quo
    ]
    stakes = [
        Stake(actor="A", issue="x", position=0, salience=1, reservation=60),
        Stake(actor="A", issue="y", position=0, salience=1),
        Stake(actor="B", issue="x", position=100, salience=1),
    ]
    s = scenario(issues, stakes)
    pu = package_utilities(s, outcome_space(s), ["A", "B"])
    # A: status quo 50 on x (value 0.5), worst value on y (0): (0.5 + 0) / 2; B: 0.5
    assert pu.reservation.tolist() == pytest.approx([0.25, 0.5])
    # A's per-issue reservation: |x - 0| <= 60 rules out x = 100
    assert pu.acceptable[0][:, 0].tolist() == [True, True, False]
    accepts = pu.accepts([[0, 0], [1, 1], [2, 0]])
    assert accepts.tolist() == [[True, False], [True, True], [False, True]]
    # an explicit reservation utility raises the bar, never lowers it
    higher = scenario(issues, stakes, A={"reservation_utility": 0.6})
    lower = scenario(issues, stakes, A={"reservation_utility": 0.1})
    assert package_utilities(higher, outcome_space(s), ["A", "B"]).reservation[0] == 0.6
    assert package_utilities(lower, outcome_space(s), ["A", "B"]).reservation[0] == 0.25


def test_without_status_quos_the_reservation_is_the_worst_package_or_the_stated_utility():
    issues = [Issue(id="x", low=0, high=100, options=(20, 60))]
    stakes = [
        Stake(actor="A", issue="x", position=0, salience=1),
        Stake(actor="B", issue="x", position=100, salience=1),
    ]
    pu = package_utilities(scenario(issues, stakes), outcome_space(scenario(issues, stakes)), "AB")
    assert pu.reservation.tolist() == pytest.approx([0.4, 0.2])
    stated = scenario(issues, stakes, A={"reservation_utility": 0.1})
    assert package_utilities(stated, outcome_space(stated), "AB").reservation[0] == 0.1


def test_a_party_without_positive_salience_is_refused():
    s = scenario(
        [Issue(id="x")],
        [Stake(actor="A", issue="x", position=0, salience=1), Stake("B", "x", 0, 0.0)],
    )
    with pytest.raises(ValueError, match="'B' has no position with a positive salience"):
        package_utilities(s, outcome_space(s), ["A", "B"])


# --------------------------------------------------------------------------------------------
# Brute force: every package enumerated, utilities as exact fractions, every pair compared

decimal = st.sampled_from([0.1, 0.2, 0.25, 0.3, 0.5, 0.7, 0.8, 1.0])
position = st.integers(0, 20).map(lambda v: v * 5)


@st.composite
def small_scenarios(draw):
    n_actors = draw(st.integers(2, 4))
    n_issues = draw(st.integers(1, 3))
    actors = [f"P{i}" for i in range(n_actors)]
    issues = []
    for k in range(n_issues):
        kind = draw(st.sampled_from(["grid", "options", "labels"]))
        if kind == "options":
            values = draw(st.lists(position, min_size=1, max_size=4, unique=True))
            issues.append(Issue(id=f"i{k}", options=tuple(float(v) for v in values)))
        elif kind == "labels":
            issues.append(Issue(id=f"i{k}", labels=((35.0, "l"),), status_quo=draw(position)))
        else:
            issues.append(Issue(id=f"i{k}", status_quo=draw(st.none() | position)))
    stakes = []
    for a in actors:
        for issue in issues:
            # every actor has a stake on the first issue, every issue one (scenarios are validated)
            if draw(st.booleans()) or issue is issues[0] or a == actors[0]:
                reservation = draw(st.none() | position)
                stakes.append(
                    Stake(
                        actor=a,
                        issue=issue.id,
                        position=float(draw(position)),
                        salience=draw(decimal),
                        reservation=None if reservation is None else float(reservation),
                    )
                )
    return scenario(issues, stakes, actors=actors)


def exact_utilities(s, parties):
    all_packages = packages(s, steps=3)
    return all_packages, [tuple(utility(s, p, pk) for p in parties) for pk in all_packages]


@settings(max_examples=40, deadline=None)
@given(small_scenarios())
def test_frontier_and_utilities_match_exact_brute_force(s):
    parties = [a.id for a in s.actors]
    space = outcome_space(s, steps=3)
    pu = package_utilities(s, space, parties)
    _, exact_u = exact_utilities(s, parties)
    grid = np.array(list(itertools.product(*(range(n) for n in space.shape))))
    # utilities: exact to the 1e-12 resolution of the terms
    got = pu.utilities(grid)
    want = np.array([[float(x) for x in row] for row in exact_u])
    assert np.allclose(got, want, rtol=0, atol=1e-11)
    # the frontier: the same packages
    expected = {tuple(grid[i]) for i in frontier(exact_u)}
    result = package_frontier(pu.terms)
    assert {tuple(p) for p in result.packages.tolist()} == expected
    assert len(result) == len(expected)


@settings(max_examples=40, deadline=None)
@given(small_scenarios())
def test_zone_of_agreement_matches_brute_force(s):
    parties = [a.id for a in s.actors]
    space = outcome_space(s, steps=3)
    pu = package_utilities(s, space, parties)
    all_packages, exact_u = exact_utilities(s, parties)
    reservation = [Fraction(int(t), RESOLUTION) / Fraction(sum(
        exact(st_.salience) for st_ in s.stakes if st_.actor == p)) for t, p in zip(pu.threshold, parties, strict=True)]  # fmt: skip
    count = 0
    for package, u in zip(all_packages, exact_u, strict=True):
        ok = all(ui >= r for ui, r in zip(u, reservation, strict=True))
        for stake in s.stakes:
            if stake.reservation is not None:
                y = package[stake.issue]
                ok &= abs(y - exact(stake.position)) <= abs(
                    exact(stake.reservation) - exact(stake.position)
                )
        count += ok
    allowed = [ok.all(axis=1) for ok in pu.acceptable]
    assert count_acceptable(pu.terms, pu.threshold, allowed=allowed) == count
    analysis = analyse_deals(s, Conventions(actors="all", steps=3))
    assert analysis.zopa.size == count
    assert analysis.zopa.exists == (count > 0)


def test_zone_count_is_exact_without_enumerating_a_large_space():
    # 40 issues with 3 values: 3**40 packages; everything acceptable or nothing is decided at
    # the root, and a threshold in between is counted by branch and bound.
    terms = [np.array([[0], [1], [2]], dtype=np.int64)] * 40
    assert count_acceptable(terms, np.array([0])) == 3**40
    assert count_acceptable(terms, np.array([81])) == 0
    assert count_acceptable(terms, np.array([80])) == 1
    assert count_acceptable(terms, np.array([79])) == 41  # one issue at 1, the rest at 2
    with pytest.raises(OutcomeSpaceTooLarge, match="counting the zone of agreement exactly"):
        count_acceptable(terms, np.array([40]), work=10_000)


def test_frontier_over_the_limit_is_refused_with_the_size():
    terms = [np.array([[i, 9 - i] for i in range(10)], dtype=np.int64) * 10**k for k in range(4)]
    with pytest.raises(OutcomeSpaceTooLarge) as info:
        package_frontier(terms, limit=500)
    assert info.value.size == 10_000 and info.value.limit == 500
    assert "the outcome space has 10,000 packages" in str(info.value)
    assert len(package_frontier(terms)) == 10_000  # strictly opposed: every package
