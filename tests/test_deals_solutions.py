"""Bargaining solutions: the axioms they are known for, worked examples, and the conventions."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from accord.deals import (
    Conventions,
    analyse_deals,
    egalitarian_solution,
    kalai_smorodinsky_solution,
    nash_solution,
    pareto_frontier,
    utilitarian_solution,
)
from accord.scenario import Actor, Issue, Scenario, Stake


def candidates(max_parties: int = 4):
    """Integer utilities 0-20 (ties happen) with a disagreement point below some of them."""
    return st.integers(2, max_parties).flatmap(
        lambda p: st.tuples(
            hnp.arrays(np.float64, st.tuples(st.integers(1, 40), st.just(p)),
                       elements=st.integers(0, 20).map(float)),
            hnp.arrays(np.float64, st.just((p,)), elements=st.integers(0, 8).map(float)),
        )
    )  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(candidates())
def test_nash_is_on_the_frontier_and_individually_rational(data):
    u, d = data
    pick = nash_solution(u, d)
    rational = np.all(u > d, axis=1)
    if not rational.any():
        assert pick is None
        return
    assert pick is not None and rational[pick]
    assert pick in pareto_frontier(u)
    product = np.prod(u[rational] - d, axis=1)
    assert np.prod(u[pick] - d) == pytest.approx(product.max(), rel=1e-12)


@settings(max_examples=150, deadline=None)
@given(
    candidates(),
    st.integers(0, 3),
    st.sampled_from([0.25, 0.5, 2.0, 8.0, 1024.0]),
    st.integers(-50, 50),
)
def test_nash_is_unchanged_by_a_positive_affine_rescaling_of_any_party(data, party, a, b):
    """Scales and shifts that floating point represents exactly, so that exact ties stay ties."""
    u, d = data
    party %= u.shape[1]
    scaled_u, scaled_d = u.copy(), d.copy()
    scaled_u[:, party] = a * u[:, party] + b
    scaled_d[party] = a * d[party] + b
    weights = np.arange(1, u.shape[1] + 1, dtype=float)
    before = nash_solution(u, d, weights=weights, tie="first")
    after = nash_solution(scaled_u, scaled_d, weights=weights, tie="first")
    assert before == after


@settings(max_examples=150, deadline=None)
@given(candidates())
def test_egalitarian_maximises_the_minimum_gain_and_is_not_dominated(data):
    u, d = data
    pick = egalitarian_solution(u, d)
    rational = np.all(u >= d, axis=1)
    if not rational.any():
        assert pick is None
        return
    assert pick is not None
    assert (u[pick] - d).min() == (u[rational] - d).min(axis=1).max()
    assert pick in pareto_frontier(u)  # the welfare tie rule picks a non-dominated one


def test_egalitarian_with_zero_disagreement_maximises_the_minimum_utility():
    u = np.array([[0.9, 0.2], [0.5, 0.45], [0.45, 0.5], [0.3, 0.8]])
    assert egalitarian_solution(u) == 1  # min 0.45 twice; larger total 0.95 both: first
    assert egalitarian_solution(u, tie="first") == 1
    assert egalitarian_solution(u[::-1]) == 1  # [0.45, 0.5] comes first now


@settings(max_examples=100, deadline=None)
@given(candidates())
def test_kalai_smorodinsky_and_utilitarian_are_on_the_frontier(data):
    u, d = data
    for pick in (kalai_smorodinsky_solution(u, d), utilitarian_solution(u)):
        if pick is not None:
            assert pick in pareto_frontier(u)
    total = utilitarian_solution(u)
    assert u[total].sum() == u.sum(axis=1).max()


@settings(max_examples=100, deadline=None)
@given(candidates(), st.integers(0, 3), st.sampled_from([0.5, 4.0]), st.integers(-5, 5))
def test_kalai_smorodinsky_is_invariant_to_rescaling(data, party, a, b):
    u, d = data
    party %= u.shape[1]
    scaled_u, scaled_d = u.copy(), d.copy()
    scaled_u[:, party] = a * u[:, party] + b
    scaled_d[party] = a * d[party] + b
    assert kalai_smorodinsky_solution(u, d, tie="first") == kalai_smorodinsky_solution(
        scaled_u, scaled_d, tie="first"
    )


def test_worked_example_nash_kalai_smorodinsky_egalitarian_utilitarian():
    # Frontier points (u1, u2) and d = (0, 0). Products: .1, .336, .36, .225, 0 -> Nash is
    # (0.6, 0.6); ideal point (1, 1) -> KS and egalitarian the largest min(u1, u2) = 0.6;
    # sums 1.1, 1.22, 1.2, 1.05, 1 -> utilitarian (0.8, 0.42).
    u = np.array([[1.0, 0.1], [0.8, 0.42], [0.6, 0.6], [0.3, 0.75], [0.0, 1.0]])
    assert nash_solution(u) == 2
    assert kalai_smorodinsky_solution(u) == 2
    assert egalitarian_solution(u) == 2
    assert utilitarian_solution(u) == 1
    # asymmetric Nash, weights 3:1, maximises u1^3 u2: .1, .215, .1296, .02, 0
    assert nash_solution(u, weights=[3, 1]) == 1
    # d = (0.5, 0): only the first three are rational; products .05, .126, .06
    assert nash_solution(u, [0.5, 0.0]) == 1
    # ideal (1, 0.6): min shares min(1, .167), min(.6, .7), min(.2, 1)
    assert kalai_smorodinsky_solution(u, [0.5, 0.0]) == 1
    # a different scale of party 2 changes the egalitarian choice: min(u1, u2 / 10)
    assert egalitarian_solution(u, scale=[1.0, 10.0]) == 3
    # ... but not the Kalai-Smorodinsky one, which divides by the gains' own range
    assert kalai_smorodinsky_solution(u * [1.0, 10.0]) == 2


def test_no_solution_when_no_candidate_beats_the_disagreement_point():
    u = np.array([[0.5, 0.2], [0.2, 0.5]])
    assert nash_solution(u, [0.5, 0.5]) is None
    assert kalai_smorodinsky_solution(u, [0.6, 0.6]) is None
    assert egalitarian_solution(u, [0.6, 0.6]) is None
    # weakly rational: equal to d is allowed for KS and egalitarian, not for Nash
    assert nash_solution(u, [0.2, 0.2]) is None
    assert egalitarian_solution(u, [0.2, 0.2]) == 0


def test_tie_rules_and_order():
    u = np.array([[0.5, 0.5], [0.6, 0.4], [0.5, 0.5]])
    assert utilitarian_solution(u) == 0
    assert utilitarian_solution(u, order=[2, 1, 0]) == 2
    with pytest.raises(ValueError, match="tie"):
        utilitarian_solution(u, tie="random")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="positive"):
        nash_solution(u, weights=[1, 0])


# --------------------------------------------------------------------------------------------
# Through the analysis: symmetric domains, conventions, refusal


@st.composite
def symmetric_domains(draw):
    """Two parties mirrored on every issue: B's position is 100 - A's, same saliences."""
    n = draw(st.integers(1, 4))
    issues, stakes = [], []
    for k in range(n):
        x = float(draw(st.integers(0, 10)) * 10)
        s = draw(st.sampled_from([0.2, 0.5, 0.7, 1.0]))
        quo = draw(st.sampled_from([None, 50.0]))
        issues.append(Issue(id=f"i{k}", status_quo=quo))
        stakes += [Stake("A", f"i{k}", x, s), Stake("B", f"i{k}", 100 - x, s)]
    return Scenario(
        id="sym",
        title="sym",
        actors=(Actor("A", 1.0), Actor("B", 1.0)),
        issues=tuple(issues),
        stakes=tuple(stakes),
    )


@settings(max_examples=40, deadline=None)
@given(symmetric_domains(), st.sampled_from([3, 5, 7]))
def test_symmetric_two_party_domain_gets_a_symmetric_nash_package(s, steps):
    result = analyse_deals(s, Conventions(steps=steps))
    nash = result.solution("nash")
    assume(nash.package is not None)
    utilities = dict(nash.utilities)
    # equal up to the 1e-12 rounding of each issue's term (grid points such as 100/6 are not
    # exact in binary, so a package and its mirror image round apart by a few 1e-12)
    assert utilities["A"] == pytest.approx(utilities["B"], abs=1e-10)
    package = np.array([value for _, value in nash.package])
    mirrored = np.all(np.abs(result.frontier.values - (100 - package)) < 1e-9, axis=1)
    mirror_u = result.frontier.utilities[mirrored]
    assert len(mirror_u) == 1  # the mirror image is on the frontier, with the same utilities
    assert mirror_u[0].tolist() == pytest.approx([utilities["B"], utilities["A"]], abs=1e-10)


def test_never_a_nash_package_that_some_party_refuses():
    # B refuses anything above 40 on x; A's best is 100: the whole-space frontier has
    # packages B refuses, the solutions do not.
    s = Scenario(
        id="r",
        title="r",
        actors=(Actor("A", 1.0), Actor("B", 1.0)),
        issues=(Issue(id="x", options=(0, 20, 40, 60, 80, 100)), Issue(id="y", options=(0, 100))),
        stakes=(
            Stake("A", "x", 100, 1.0),
            Stake("A", "y", 0, 0.5),
            Stake("B", "x", 0, 0.5, reservation=40),
            Stake("B", "y", 100, 1.0),
        ),
    )
    result = analyse_deals(s)
    assert any(
        "B" not in result.frontier.row(i)["accepted_by"] for i in range(len(result.frontier))
    )
    for solution in result.solutions:
        assert solution.accepted_by == ("A", "B")
        assert dict(solution.package)["x"] <= 40


def test_no_zone_of_agreement_means_no_solution_and_a_note():
    s = Scenario(
        id="n",
        title="n",
        actors=(Actor("A", 1.0), Actor("B", 1.0)),
        issues=(Issue(id="x", options=(0, 50, 100)),),
        stakes=(Stake("A", "x", 100, 1.0, reservation=80), Stake("B", "x", 0, 1.0, reservation=20)),
    )
    result = analyse_deals(s)
    assert result.zopa.size == 0 and not result.zopa.exists
    for solution in result.solutions:
        assert solution.package is None
        assert solution.note == "no package is acceptable to every party"
    assert "no zone of agreement" in " ".join(result.notes)
    assert result.concessions == ()


def test_conventions_are_recorded_and_checked():
    s = Scenario(
        id="c",
        title="c",
        actors=(Actor("A", 3.0, reservation_utility=0.3), Actor("B", 1.0)),
        issues=(Issue(id="x"),),
        stakes=(Stake("A", "x", 100, 1.0), Stake("B", "x", 0, 1.0)),
    )
    # u_A = t, u_B = 1 - t with t = x / 100 on x = 0, 10, ..., 100; d = (0.3, 0); weights 3:1
    result = analyse_deals(s, Conventions(steps=11))
    assert result.disagreement == pytest.approx((0.3, 0.0))
    # max (t - .3)^3 (1 - t): t = .8 (.025) beats .9 (.0216)
    assert dict(result.solution("nash").package) == {"x": 80.0}
    # from zero: max t^3 (1 - t): .7 (.1029) beats .8 (.1024); A still refuses t < .3
    zero = analyse_deals(s, Conventions(steps=11, disagreement="zero"))
    assert dict(zero.solution("nash").package) == {"x": 70.0}
    assert zero.disagreement == (0.0, 0.0) and zero.reservation == pytest.approx((0.3, 0.0))
    # equal weights: (t - .3)(1 - t) ties at .6 and .7 (0.12); equal totals; outcome order: .6
    equal = analyse_deals(s, Conventions(steps=11, weights="equal"))
    assert dict(equal.solution("nash").package) == {"x": 60.0}
    # egalitarian: max min(t - .3, 1 - t): .6 and .7 tie at .3 -> the first in outcome order
    assert dict(result.solution("egalitarian").package) == {"x": 60.0}
    assert dict(
        analyse_deals(s, Conventions(steps=11, tie="first")).solution("egalitarian").package
    ) == {"x": 60.0}
    conventions = equal.conventions.to_dict()
    assert conventions == {
        "actors": "parties", "steps": 11, "utility": "linear", "disagreement": "reservation",
        "normalisation": "none", "rationality": "weak", "tie": "welfare",
        "weights": "equal", "reference": "split",
    }  # fmt: skip
    with pytest.raises(ValueError, match="normalisation must be one of"):
        analyse_deals(s, Conventions(normalisation="minmax"))  # type: ignore[arg-type]


def test_strict_rationality_needs_a_gain_for_everyone():
    s = Scenario(
        id="c",
        title="c",
        actors=(Actor("A", 1.0, reservation_utility=0.5), Actor("B", 1.0, reservation_utility=0.5)),
        issues=(Issue(id="x"),),
        stakes=(Stake("A", "x", 100, 1.0), Stake("B", "x", 0, 1.0)),
    )
    weak = analyse_deals(s, Conventions(steps=11))
    assert dict(weak.solution("utilitarian").package) == {"x": 50.0}
    assert weak.zopa.size == 1
    strict = analyse_deals(s, Conventions(steps=11, rationality="strict"))
    assert strict.solution("utilitarian").package is None
    assert strict.solution("utilitarian").note == (
        "no acceptable package gives every party more than its reservation utility"
    )
