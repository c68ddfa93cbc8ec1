"""The exact Pareto frontier: properties, duplicates, and brute force on small sets."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from accord.deals import dominated_by, package_frontier, pareto_frontier
from deals_reference import dominates, frontier, frontier_numpy


def points(max_parties: int = 5, max_points: int = 120, top: int = 6):
    """Small integer utility vectors: plenty of ties and duplicates."""
    return st.integers(1, max_parties).flatmap(
        lambda p: hnp.arrays(
            np.int64,
            st.tuples(st.integers(0, max_points), st.just(p)),
            elements=st.integers(0, top),
        )
    )


@settings(max_examples=150, deadline=None)
@given(points())
def test_no_frontier_point_is_dominated(u):
    front = pareto_frontier(u)
    assert not dominated_by(u[front], u).any()


@settings(max_examples=150, deadline=None)
@given(points())
def test_every_point_off_the_frontier_is_dominated_by_a_frontier_point(u):
    front = pareto_frontier(u)
    off = np.setdiff1d(np.arange(len(u)), front)
    assert dominated_by(u[off], u[front]).all()


@settings(max_examples=100, deadline=None)
@given(points(max_points=60))
def test_matches_pairwise_brute_force(u):
    expected = frontier([tuple(row) for row in u.tolist()])
    assert pareto_frontier(u).tolist() == expected


def test_every_copy_of_a_non_dominated_vector_is_kept_and_dominated_copies_are_not():
    u = np.array([[1, 2], [2, 1], [1, 2], [0, 0], [0, 0], [2, 1]])
    assert pareto_frontier(u).tolist() == [0, 1, 2, 5]
    u3 = np.array([[1, 1, 1], [1, 1, 1], [1, 1, 0]])
    assert pareto_frontier(u3).tolist() == [0, 1]


def test_equal_in_one_utility_better_in_another_dominates():
    u = np.array([[3, 1], [3, 2], [1, 5], [1, 4], [0, 5]])
    assert pareto_frontier(u).tolist() == [1, 2]


@pytest.mark.parametrize("parties", [2, 3, 4, 5])
def test_large_random_sets_match_numpy_brute_force(parties):
    """Past the all-against-all leaves: the divide-and-conquer and the pre-filter paths."""
    rng = np.random.default_rng(parties)
    for n, top in ((3000, 1000), (3000, 8)):
        u = rng.integers(0, top, size=(n, parties))
        assert pareto_frontier(u).tolist() == frontier_numpy(u).tolist()


def test_anti_correlated_set_where_most_points_are_on_the_frontier():
    rng = np.random.default_rng(7)
    x = rng.integers(0, 60, size=(3000, 3))
    u = np.column_stack([x, 200 - x.sum(axis=1)])
    front = pareto_frontier(u)
    assert front.tolist() == frontier_numpy(u).tolist()
    assert len(front) > 2000


def test_floats_and_integers_alike():
    u = np.array([[0.5, 0.25, 0.125], [0.5, 0.25, 0.125], [0.25, 0.5, 0.0], [0.25, 0.25, 0.0]])
    assert pareto_frontier(u).tolist() == [0, 1, 2]
    assert pareto_frontier((u * 8).astype(int)).tolist() == [0, 1, 2]


def test_bad_input():
    with pytest.raises(ValueError, match="2-d"):
        pareto_frontier([1, 2, 3])
    with pytest.raises(ValueError, match="finite"):
        pareto_frontier([[0.0, np.nan]])
    assert pareto_frontier(np.empty((0, 3))).tolist() == []


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda parties: st.lists(
            hnp.arrays(
                np.int64,
                st.tuples(st.integers(1, 5), st.just(parties)),
                elements=st.integers(0, 4),
            ),
            min_size=1,
            max_size=4,
        )
    )
)
def test_issue_by_issue_frontier_is_the_frontier_of_the_enumerated_space(terms):
    """Minkowski decomposition versus enumerating every package and comparing every pair."""
    grid = np.array(list(itertools.product(*(range(len(t)) for t in terms))))
    totals = sum(t[grid[:, k]] for k, t in enumerate(terms))
    expected = {tuple(grid[i]) for i in frontier([tuple(r) for r in totals.tolist()])}
    result = package_frontier(terms)
    got = [tuple(p) for p in result.packages.tolist()]
    assert len(got) == len(set(got)) and set(got) == expected
    assert np.array_equal(result.totals, sum(t[result.packages[:, k]] for k, t in enumerate(terms)))
    # ordered by the first party's utility (descending), ties by the next parties', then by
    # outcome order
    keys = [(*(-result.totals[i]).tolist(), *result.packages[i].tolist()) for i in range(len(got))]
    assert keys == sorted(keys)


def test_frontier_with_values_ruled_out():
    terms = [np.array([[0, 4], [2, 2], [4, 0]]), np.array([[1, 0], [0, 1]])]
    allowed = [np.array([True, True, False]), np.array([True, True])]
    result = package_frontier(terms, allowed=allowed)
    assert {tuple(p) for p in result.packages.tolist()} == {(0, 0), (0, 1), (1, 0), (1, 1)}
    none = [np.array([False, False, False]), np.array([True, True])]
    assert len(package_frontier(terms, allowed=none)) == 0


def test_dominance_helper():
    assert dominates((1, 2), (1, 1)) and not dominates((1, 1), (1, 1))
