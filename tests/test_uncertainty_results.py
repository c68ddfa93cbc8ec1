"""Monte Carlo results are named objects: look-up by issue, model and actor, and ``to_dict()``."""

from __future__ import annotations

import json

import numpy as np
import pytest

from accord.io import load_scenario
from accord.models import Compromise, WeightedMedian
from accord.uncertainty import AllAccept, ModelDistribution, ModelProbability, monte_carlo

from conftest import TEST_DATA, red_line_scenario

MODELS = {"mean": Compromise(), "median": WeightedMedian()}


@pytest.fixture(scope="module")
def acceptance_run():
    s = red_line_scenario()
    (mc,) = monte_carlo([s], MODELS, samples=20_000, seed=8)
    return mc


def test_look_up_by_issue_model_and_actor(acceptance_run):
    mc = acceptance_run
    item = mc["x"]
    # the mean of A at 0 and B on a triangular (40, 70, 100): A accepts when B's position <= 60
    p = mc.accepts("x", "A", "mean")
    assert p == item.accepts("A", "mean")
    assert abs(p - 2 / 9) < 4 * np.sqrt(2 / 9 * 7 / 9 / 20_000)
    assert item.all_accept_of("mean") == p  # A is the only party with a reservation
    d = mc.distribution("x", "mean")
    assert d is item.distribution("mean")
    assert d.mean == pytest.approx(mc.samples_of("x", "mean").mean())
    assert d.mean == pytest.approx(35.0, abs=0.3)  # half of B's mean position, 70


def test_records_are_named_and_unpack_as_pairs(acceptance_run):
    item = acceptance_run["x"]
    first = item.distributions[0]
    assert isinstance(first, ModelDistribution) and first.model == "mean"
    assert dict(item.distributions)["median"] is item.distribution("median")
    (a,) = item.acceptance
    assert a.actor == "A" and [m.model for m in a.by_model] == ["mean", "median"]
    assert isinstance(a.by_model[0], ModelProbability)
    assert isinstance(item.all_accept[0], AllAccept)


def test_unknown_names_say_what_exists(acceptance_run):
    mc = acceptance_run
    with pytest.raises(KeyError, match=r"no issue 'y' \(issues: x\)"):
        mc["y"]
    with pytest.raises(KeyError, match=r"no distribution for model 'bdm' \(models: mean, median\)"):
        mc.distribution("x", "bdm")
    with pytest.raises(KeyError, match=r"'B' has no reservation on 'x' \(actors with one: A\)"):
        mc.accepts("x", "B", "mean")
    with pytest.raises(KeyError, match="no no-deal probability"):
        mc["x"].no_deal_of("mean")


def test_to_dict_is_the_json_of_the_run(acceptance_run):
    mc = acceptance_run
    data = json.loads(json.dumps(mc.to_dict()))
    assert data["scenario"] == "t" and data["models"] == ["mean", "median"]
    assert data["samples"] == 20_000 and data["seed"] == 8 and data["stream"] == 0
    issue = data["issues"]["x"]
    assert issue["acceptance"]["A"]["mean"] == mc.accepts("x", "A", "mean")
    assert issue["distribution"]["median"]["mean"] == mc.distribution("x", "median").mean
    assert issue == mc["x"].to_dict()


def test_labels_and_no_deal_by_model():
    scenario = load_scenario(TEST_DATA / "ranges.yaml")
    (mc,) = monte_carlo([scenario], MODELS, samples=500, seed=3)
    for item in mc.issues:
        issue = scenario.issue(item.issue)
        if issue.labels:
            shares = item.labels_of("mean")
            assert list(shares) == [value for value, _ in issue.labels]
            assert sum(shares.values()) == pytest.approx(1.0)
        else:
            with pytest.raises(KeyError):
                item.labels_of("mean")
