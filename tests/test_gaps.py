"""Party gaps and the distance to agreement: the formula, its invariants, and the concession LP."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.deals import analyse_deals
from accord.gaps import agreement_distance, party_gaps
from accord.io import load_scenario
from accord.scenario import Actor, Issue, Scenario, Stake

from conftest import EXAMPLES


def two_issue_scenario(
    rus: tuple[float, float], ukr: tuple[float, float], saliences=((0.5, 1.0), (1.0, 0.5))
) -> Scenario:
    issues = (Issue(id="a", low=0, high=100), Issue(id="b", low=0, high=10))
    stakes = []
    for actor, pos, sal in (("RUS", rus, saliences[0]), ("UKR", ukr, saliences[1])):
        for issue, x, s in zip(issues, pos, sal, strict=True):
            stakes.append(Stake(actor=actor, issue=issue.id, position=x, salience=s))
    return Scenario(
        id="t",
        title="t",
        actors=(
            Actor(id="US", capability=1, role="mediator"),
            Actor(id="RUS", capability=1),
            Actor(id="UKR", capability=1),
        ),
        issues=issues,
        stakes=(*stakes, Stake(actor="US", issue="a", position=50, salience=1)),
    )


def test_gap_is_the_salience_weighted_mean_of_normalised_distances():
    scenario = two_issue_scenario((20, 2), (80, 10))
    gap = party_gaps(scenario, agreement=False).pair("RUS", "UKR")
    # issue a: |20-80|/100 = 0.6, w = (0.5+1)/2 = 0.75; issue b: |2-10|/10 = 0.8, w = 0.75
    assert gap.issues == (("a", 0.6), ("b", 0.8))
    assert gap.overall == pytest.approx((0.75 * 0.6 + 0.75 * 0.8) / 1.5)


def test_mediator_distance_covers_only_the_issues_it_has_a_position_on():
    gaps = party_gaps(two_issue_scenario((20, 2), (80, 10)), agreement=False)
    mediator = gaps.to_dict()["mediator"]["US"]
    assert mediator["RUS"] == {"overall": pytest.approx(0.3), "issues": {"a": pytest.approx(0.3)}}
    assert mediator["UKR"]["overall"] == pytest.approx(0.3)


positions = st.tuples(st.floats(0, 100), st.floats(0, 10))
saliences = st.tuples(st.floats(0.01, 1), st.floats(0.01, 1))


@settings(max_examples=60, deadline=None)
@given(positions, positions, saliences, saliences)
def test_gap_lies_in_0_1_is_symmetric_and_0_only_for_equal_positions(a, b, sa, sb):
    forward = party_gaps(two_issue_scenario(a, b, (sa, sb)), agreement=False).pair("RUS", "UKR")
    backward = party_gaps(two_issue_scenario(b, a, (sb, sa)), agreement=False).pair("RUS", "UKR")
    assert forward.overall is not None
    assert 0 <= forward.overall <= 1 + 1e-12
    assert forward.overall == pytest.approx(backward.overall)
    same = party_gaps(two_issue_scenario(a, a, (sa, sb)), agreement=False).pair("RUS", "UKR")
    assert same.overall == 0


def test_opposite_ends_everywhere_is_1():
    gap = party_gaps(two_issue_scenario((0, 0), (100, 10)), agreement=False).pair("RUS", "UKR")
    assert gap.overall == 1


def one_issue(reservations: list[float | None], positions: list[float], status_quo=None):
    ids = [f"P{k}" for k in range(len(positions))]
    return Scenario(
        id="z",
        title="z",
        actors=tuple(Actor(id=i, capability=1) for i in ids),
        issues=(Issue(id="x", low=0, high=100, status_quo=status_quo),),
        stakes=tuple(
            Stake(actor=i, issue="x", position=p, salience=1, reservation=r)
            for i, p, r in zip(ids, positions, reservations, strict=True)
        ),
    )


def test_a_zone_of_agreement_needs_no_concession():
    scenario = one_issue([60, 30], [20, 80])
    agreement = agreement_distance(scenario)
    assert agreement is not None
    assert agreement.zopa is True
    assert agreement.size == analyse_deals(scenario).zopa.size
    assert agreement.concession == 0


def test_without_a_zone_the_concession_is_the_gap_between_the_red_lines():
    # P0 accepts up to 30, P1 down to 70: someone must move 40 points = 0.4 of the scale.
    agreement = agreement_distance(one_issue([30, 70], [10, 90]))
    assert agreement is not None
    assert agreement.zopa is False
    assert agreement.concession == pytest.approx(0.4)
    assert 30 <= dict(agreement.package)["x"] <= 70


def concession_at(scenario: Scenario, points: np.ndarray) -> np.ndarray:
    """C(y) of the gaps module docstring at each row of ``points`` (an independent evaluation)."""
    from accord.deals.space import outcome_space
    from accord.deals.utility import package_utilities

    parties = tuple(a.id for a in scenario.actors)
    d = package_utilities(scenario, outcome_space(scenario, steps=2), parties).reservation
    total = np.zeros(len(points))
    for j, party in enumerate(parties):
        s_total, loss = 0.0, np.zeros(len(points))
        for k, issue in enumerate(scenario.issues):
            stake = scenario.stake(party, issue.id)
            if stake is None:
                continue
            dist = np.abs(points[:, k] - stake.position) / issue.width
            s_total += stake.salience
            loss += stake.salience * dist
            if stake.reservation is not None:
                radius = abs(stake.reservation - stake.position) / issue.width
                total += np.maximum(0.0, dist - radius)
        total += np.maximum(0.0, d[j] - (1 - loss / s_total))
    return total


@settings(max_examples=20, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 20), st.integers(0, 20), st.integers(0, 20), st.integers(0, 20)),
        min_size=2,
        max_size=3,
    ),
    st.lists(st.floats(0.1, 1), min_size=6, max_size=6),
    st.integers(0, 20),
)
def test_the_concession_programme_finds_the_brute_force_minimum(parties, sal, sq):
    issues = (Issue(id="a", low=0, high=20, status_quo=sq), Issue(id="b", low=0, high=20))
    stakes = []
    for j, (xa, ra, xb, rb) in enumerate(parties):
        stakes.append(
            Stake(actor=f"P{j}", issue="a", position=xa, salience=sal[2 * j], reservation=ra)
        )
        stakes.append(
            Stake(actor=f"P{j}", issue="b", position=xb, salience=sal[2 * j + 1], reservation=rb)
        )
    scenario = Scenario(
        id="r",
        title="r",
        actors=tuple(Actor(id=f"P{j}", capability=1) for j in range(len(parties))),
        issues=issues,
        stakes=tuple(stakes),
    )
    agreement = agreement_distance(scenario)
    assert agreement is not None
    grid = np.asarray(list(itertools.product(range(21), range(21))), dtype=float)
    on_grid = concession_at(scenario, grid).min()
    if agreement.zopa:
        assert agreement.concession == 0
        assert on_grid == pytest.approx(0, abs=1e-9)
        return
    package = np.asarray([[dict(agreement.package)[i] for i in ("a", "b")]])
    # The programme's package achieves its value, and no point of the integer grid does better.
    assert concession_at(scenario, package)[0] == pytest.approx(agreement.concession, abs=1e-7)
    assert agreement.concession <= on_grid + 1e-7
    assert sum(dict(agreement.by_party).values()) == pytest.approx(agreement.concession)


def test_case_study_gaps():
    gaps = party_gaps(load_scenario(EXAMPLES / "ukraine-ceasefire-2025-03.yaml")).to_dict()
    pairs = {tuple(p["parties"]): p for p in gaps["pairs"]}
    assert set(pairs) == {
        ("RUS", "UKR"), ("RUS", "UKC"), ("RUS", "EU"), ("UKR", "UKC"), ("UKR", "EU"), ("UKC", "EU")
    }  # fmt: skip
    assert pairs[("RUS", "UKR")]["issues"]["ceasefire"] == 0.75  # 25 vs 100 on 0-100
    assert 0.8 < pairs[("RUS", "UKR")]["overall"] < 0.9
    assert set(gaps["mediator"]["US"]) == {"RUS", "UKR", "UKC", "EU"}
    assert gaps["agreement"]["zopa"] is True and gaps["agreement"]["concession"] == 0
