"""The win set: closed forms, a brute-force cross-check, and its properties.

Golden values come from the closed forms of the 1-D win set (Tsebelis 2002, ch. 1; the pivots of
Krehbiel 1998), worked out for the examples in /work/shared/research/decision-rules.md sections
1.3 and 2.2 (see tests/data/README.md): the notes found no published numeric example, so these
are derivations from the published closed forms, checked here also by brute force.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.rules import DecisionRule, Quota
from accord.scenario import Actor, Issue, Profile, Scenario, Stake
from accord.winset import required_actors, win_set

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def profile(positions, q, rule, capabilities=None):
    ids = [f"A{k}" for k in range(len(positions))]
    caps = capabilities or [1.0] * len(positions)
    scenario = Scenario(
        id="t",
        title="t",
        actors=tuple(Actor(id=a, capability=c) for a, c in zip(ids, caps, strict=True)),
        issues=(Issue(id="x", status_quo=q, decision=rule),),
        stakes=tuple(
            Stake(actor=a, issue="x", position=p, salience=1.0)
            for a, p in zip(ids, positions, strict=True)
        ),
    )
    return scenario.profile("x")


def interval(p: Profile) -> tuple[float, float]:
    w = win_set(p)
    return float(w.low), float(w.high)


def k_of_n(k: int, n: int) -> DecisionRule:
    return DecisionRule(rule="qualified", quotas=(Quota(share=k / n),))


FIVE = [10, 30, 50, 70, 90]


@pytest.mark.parametrize(
    ("q", "rule", "expected"),
    [
        # section 1.3: five equal voters; majority (k=3), k=4, unanimity; closed intervals
        (20, DecisionRule(rule="majority", quotas=(Quota(0.5, strict=True),)), (20, 80)),
        (20, k_of_n(4, 5), (20, 40)),
        (20, DecisionRule(rule="unanimity"), (20, 20)),
        (50, DecisionRule(rule="majority", quotas=(Quota(0.5, strict=True),)), (50, 50)),
        (60, DecisionRule(rule="majority", quotas=(Quota(0.5, strict=True),)), (40, 60)),
        (60, k_of_n(4, 5), (60, 60)),
        (95, DecisionRule(rule="majority", quotas=(Quota(0.5, strict=True),)), (5, 95)),
        (95, k_of_n(4, 5), (45, 95)),
        (95, DecisionRule(rule="unanimity"), (85, 95)),
    ],
)
def test_five_voters(q, rule, expected):
    assert interval(profile(FIVE, q, rule)) == pytest.approx(expected)


def test_weighted_quota_example():
    # section 1.3: weights 4, 3, 2, 1, 1 (total 11), quota 8, positions 0, 40, 60, 80, 100
    rule = DecisionRule(rule="qualified", quotas=(Quota(8 / 11, "capability"),))
    positions, caps = [0, 40, 60, 80, 100], [4.0, 3.0, 2.0, 1.0, 1.0]
    assert interval(profile(positions, 90, rule, caps)) == pytest.approx((30, 90))
    assert interval(profile(positions, 10, rule, caps)) == pytest.approx((10, 10))
    assert interval(profile(positions, 50, rule, caps)) == pytest.approx((50, 50))


def test_veto_players_and_absorption():
    # section 2.2 (Tsebelis 2002, ch. 1): veto players {30, 60}, q = 20
    def veto(*positions):
        n = len(positions)
        return interval(
            profile(list(positions), 20, DecisionRule(veto=tuple(f"A{k}" for k in range(n))))
        )

    assert veto(30, 60) == pytest.approx((20, 40))
    assert veto(30, 60, 45) == pytest.approx((20, 40))  # absorbed
    assert veto(30, 60, 25) == pytest.approx((20, 30))
    assert veto(30, 60, 10) == pytest.approx((20, 20))  # q inside the unanimity core


def test_no_rule_is_the_whole_scale_and_required_actors():
    p = profile(FIVE, None, None)
    assert interval(p) == (0, 100)
    assert not bool(win_set(p).no_deal)
    rule = DecisionRule(rule="unanimity", voters=("A0", "A1"), veto=("A4",))
    assert required_actors(profile(FIVE, 20, rule)) == ("A4", "A0", "A1")


def test_a_binding_rule_without_status_quo_is_refused():
    with pytest.raises(ValueError, match="status quo"):
        win_set(profile(FIVE, None, DecisionRule(rule="unanimity")))


def test_voters_limit_the_rule_to_themselves():
    rule = DecisionRule(rule="unanimity", voters=("A3", "A4"))
    assert interval(profile(FIVE, 20, rule)) == pytest.approx((20, 100))


def test_double_majority_takes_the_tighter_quota():
    # 4 members; one member's population dominates: 75% of members or 60% of population
    actors = [
        Actor(id=a, capability=1.0, population=p)
        for a, p in zip("ABCD", [70, 10, 10, 10], strict=True)
    ]
    pop = tuple((a.id, a.population) for a in actors)
    rule = DecisionRule(
        rule="qualified", quotas=(Quota(0.75), Quota(0.6, "population", values=pop))
    )
    scenario = Scenario(
        id="t",
        title="t",
        actors=tuple(actors),
        issues=(Issue(id="x", status_quo=0.0, decision=rule),),
        stakes=tuple(
            Stake(actor=a, issue="x", position=p, salience=1.0)
            for a, p in zip("ABCD", [10, 40, 30, 20], strict=True)
        ),
    )
    # reaches up: A 20, B 80, C 60, D 40. Members: 3 of 4 accept up to 40 (B, C, D).
    # Population: A (70) must accept, so moves only up to 20.
    assert interval(scenario.profile("x")) == pytest.approx((0, 20))


# --------------------------------------------------------------------------------------------
# Brute force on a fine grid


@st.composite
def cases(draw):
    n = draw(st.integers(1, 8))
    x = draw(st.lists(st.integers(0, 100).map(float), min_size=n, max_size=n))
    w = draw(st.lists(st.integers(1, 5).map(float), min_size=n, max_size=n))
    q = float(draw(st.integers(0, 100)))
    kind = draw(st.sampled_from(["none", "unanimity", "majority", "qualified"]))
    veto = tuple(f"A{k}" for k in range(n) if draw(st.booleans()))
    share = draw(st.sampled_from([0.5, 0.55, 0.6, 2 / 3, 0.75, 1.0]))
    weight = draw(st.sampled_from(["equal", "capability"]))
    quotas = ()
    if kind == "majority":
        quotas = (Quota(0.5, weight, strict=True),)
    elif kind == "qualified":
        quotas = (Quota(share, weight),)
    return x, w, q, DecisionRule(rule=kind, veto=veto, quotas=quotas)


def accepted_by_rule(x, w, q, rule, y, utility):
    """Brute force: at each point of ``y``, do the required actors and a qualifying coalition
    weakly prefer it to q?"""
    u = (lambda d: -np.abs(d)) if utility == "linear" else (lambda d: -(d**2))
    x = np.asarray(x)
    likes = u(y[:, None] - x) >= u(q - x) - 1e-9  # (points, actors)
    ids = [f"A{k}" for k in range(len(x))]
    ok = np.ones(len(y), dtype=bool)
    for a in rule.veto:
        ok &= likes[:, ids.index(a)]
    if rule.rule == "unanimity":
        ok &= likes.all(axis=1)
    for quota in rule.quotas:
        weights = np.ones(len(x)) if quota.weight == "equal" else np.asarray(w)
        support, total = likes @ weights, weights.sum()
        if quota.strict:
            ok &= support > quota.share * total + 1e-9
        else:
            ok &= support >= quota.share * total - 1e-9
    return ok


GRID = np.linspace(0, 100, 2001)  # step 0.05; every reflection 2x - q of an integer is on it


@pytest.mark.parametrize("utility", ["linear", "quadratic"])
@SETTINGS
@given(case=cases())
def test_win_set_matches_brute_force(case, utility):
    x, w, q, rule = case
    low, high = interval(profile(x, q, rule, w))
    inside = accepted_by_rule(x, w, q, rule, GRID, utility)
    assert low <= q <= high  # the status quo is always in its own win set's closure
    if rule.binding:
        expected = GRID[inside]
        assert expected.min() == pytest.approx(low, abs=1e-9)
        assert expected.max() == pytest.approx(high, abs=1e-9)
        assert inside[(low - 1e-9 <= GRID) & (high + 1e-9 >= GRID)].all()  # an interval


@SETTINGS
@given(case=cases(), extra=st.integers(0, 100).map(float))
def test_adding_a_veto_player_never_enlarges_the_win_set(case, extra):
    x, w, q, rule = case
    before = interval(profile(x, q, rule, w))
    n = len(x)
    bigger = DecisionRule(rule=rule.rule, veto=(*rule.veto, f"A{n}"), quotas=rule.quotas)
    # the new actor is a veto player only: it does not vote (voters = the original actors)
    voters = tuple(f"A{k}" for k in range(n))
    bigger = DecisionRule(rule=bigger.rule, voters=voters, veto=bigger.veto, quotas=bigger.quotas)
    after = interval(profile([*x, extra], q, bigger, [*w, 1.0]))
    assert before[0] - 1e-9 <= after[0] and after[1] <= before[1] + 1e-9


@SETTINGS
@given(case=cases(), samples=st.integers(1, 5))
def test_batched_profiles_give_each_sample_its_own_win_set(case, samples):
    x, w, q, rule = case
    rng = np.random.default_rng(len(x) + samples)
    batch = rng.uniform(0, 100, size=(samples, len(x)))
    base = profile(x, q, rule, w)
    batched = Profile(
        issue=base.issue,
        actors=base.actors,
        positions=batch,
        saliences=np.ones_like(batch),
        capabilities=np.broadcast_to(np.asarray(w), batch.shape),
    )
    together = win_set(batched)
    for s in range(samples):
        alone = interval(profile(list(batch[s]), q, rule, w))
        assert (float(together.low[s]), float(together.high[s])) == pytest.approx(alone)
