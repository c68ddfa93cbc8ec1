"""Back-tests that can tell models apart: procedures, the status-quo baseline, paired intervals."""

from __future__ import annotations

import json

import numpy as np
import pytest

from accord.backtest import StatusQuo, backtest, compare
from accord.io.deu3 import NICE_VOTES, QMV_SHARE, load_deu3, procedure_rule
from accord.models import Compromise
from accord.scenario import Actor, Issue, Outcome, Scenario, Stake
from accord.winset import win_set

from conftest import DATA, accord

DEU = DATA / "deu3" / "deu3-dev.tsv"


def test_procedure_rules():
    actors = ["com", "ep", "de", "fr", "mt"]
    cod = procedure_rule("COD", "QMV", actors, 20.0)
    assert cod.rule == "qualified" and cod.veto == ("ep",) and cod.setter == "com"
    assert cod.voters == ("de", "fr", "mt")
    assert cod.quotas[0].share == pytest.approx(255 / 345) == pytest.approx(QMV_SHARE)
    assert dict(cod.quotas[0].values) == {"de": 29.0, "fr": 29.0, "mt": 3.0}
    assert cod.quotas[1].strict and cod.quotas[1].share == 0.5
    cns = procedure_rule("CNS", "Unan", actors, 20.0)
    assert cns.rule == "unanimity" and cns.veto == () and cns.setter == "com"
    assert procedure_rule("COD", "QMV", actors, None) is None  # no reference point: no rule
    assert sum(NICE_VOTES.values()) == 352  # EU-28 (Croatia Accession Act, Art. 20)


def test_nice_votes_decide_a_qmv_win_set():
    # de, fr (58 votes) want to move up, mt (3) does not: 58/61 >= 73.9% and 2 of 3 members
    rule = procedure_rule("CNS", "QMV", ["com", "de", "fr", "mt"], 0.0)
    sc = Scenario(
        id="t",
        title="t",
        actors=tuple(Actor(id=a, capability=1.0) for a in ("com", "de", "fr", "mt")),
        issues=(Issue(id="x", status_quo=0.0, decision=rule),),
        stakes=tuple(
            Stake(actor=a, issue="x", position=p, salience=1.0)
            for a, p in (("com", 90.0), ("de", 30.0), ("fr", 40.0), ("mt", 0.0))
        ),
    )
    win = win_set(sc.profile("x"))
    assert (float(win.low), float(win.high)) == (0.0, 60.0)  # up to de's reflection of q


def small_cases():
    def case(k, q, positions, outcome):
        ids = [f"A{j}" for j in range(len(positions))]
        return Scenario(
            id=f"c{k}",
            title="c",
            actors=tuple(Actor(id=a, capability=1.0) for a in ids),
            issues=(Issue(id="x", status_quo=q),),
            stakes=tuple(
                Stake(actor=a, issue="x", position=p, salience=1.0)
                for a, p in zip(ids, positions, strict=True)
            ),
            outcome=Outcome(values=(("x", outcome),)),
        )

    return [
        case(0, 0.0, [0, 100], 50.0),  # mean 50 exact; status quo 50 off
        case(1, None, [0, 40], 30.0),  # mean 20 (10 off); no status quo
        case(2, 60.0, [20, 60], 60.0),  # mean 40 (20 off); status quo exact
    ]


def test_status_quo_baseline_and_paired_differences():
    result = backtest(
        small_cases(), {"mean": Compromise(), "sq": StatusQuo()}, rng=1, resamples=500
    )
    scores = {s.model: s for s in result.scores}
    assert scores["mean"].n == 3 and scores["mean"].mae == pytest.approx(10.0)
    assert scores["sq"].n == 2 and scores["sq"].mae == pytest.approx(25.0)
    comparison = compare(result, groups={"c0": "a", "c1": "a", "c2": "b"}, rng=1, resamples=500)
    assert comparison.groups == ("all", "a", "b")
    overall = comparison.score("all", "sq")
    # paired over the two issues both forecast: (50 - 0) and (0 - 20) -> mean +15
    assert overall.paired == 2 and overall.diff == pytest.approx(15.0)
    assert overall.diff_low == pytest.approx(-20.0) and overall.diff_high == pytest.approx(50.0)
    assert comparison.score("b", "sq").diff == pytest.approx(-20.0)
    assert comparison.score("all", "mean").diff == 0.0
    issue = result.issues[1].to_dict()
    assert issue["forecasts"]["sq"] is None  # JSON has no NaN
    json.dumps(comparison.to_dict(), allow_nan=False)


def test_deu3_by_procedure_command():
    result = accord(
        "backtest", str(DEU), "--json", "--resamples", "300", "-m", "mean", "-m", "setter"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["models"]["mean"]["mae"] == pytest.approx(23.7716, abs=1e-4)  # unchanged
    assert set(data["models"]) == {"mean", "setter", "mean+veto", "status_quo"}
    assert data["models"]["status_quo"]["n"] == 137
    comparison = data["comparison"]
    assert comparison["groups"] == ["all", "CNS/QMV", "CNS/Unan", "COD/QMV", "COD/Unan"]
    rows = {(s["group"], s["model"]): s for s in comparison["scores"]}
    assert sum(rows[(g, "mean")]["n"] for g in comparison["groups"][1:]) == 189
    setter = rows[("all", "setter")]
    assert setter["diff"] == pytest.approx(setter["mae"] - 23.7716, abs=1e-4)
    assert setter["diff_ci"][0] < setter["diff"] < setter["diff_ci"][1]


def test_rules_off_by_default_in_the_library():
    data = load_deu3(DEU)
    assert all(c.issues[0].decision is None for c in data.cases)
    ruled = load_deu3(DEU, rules=True)
    assert sum(c.issues[0].decision is not None for c in ruled.cases) == 137
    assert np.isclose(
        backtest(ruled.cases, {"mean": Compromise(consent="ignore")}, rng=0, resamples=10)
        .scores[0]
        .mae,
        23.7716,
        atol=1e-4,
    )
