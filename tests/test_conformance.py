"""A conformance suite run against every registered model.

Every registered model is deterministic, so the seed tests would pass whatever the seeding did;
they also run against :class:`RandomDictator`, a stochastic model kept here for that purpose,
which must draw from the ``rng`` it is given, record the seed and replay from it.
"""

from __future__ import annotations

import copy
import json
import pickle
from typing import Any, ClassVar

import numpy as np
import pytest

from accord.forecast import Forecast, IssueForecast
from accord.models import MODELS, Model, make_model
from accord.randomness import RNGLike, as_generator
from accord.scenario import Profile, Scenario

from conftest import make_scenario


class RandomDictator(Model):
    """Random dictatorship: one actor, drawn with probability proportional to capability times
    salience, decides each issue at its own position (Gibbard 1977, "Manipulation of schemes
    that mix voting with chance", *Econometrica* 45(3): 665-681). ``forecast`` gives the
    lottery's expected value; ``predict`` draws the dictator from ``rng``."""

    name: ClassVar[str] = "dictator"
    summary: ClassVar[str] = "random dictatorship (a test model)"

    def __init__(self, *, consent: Any = None) -> None:
        self.consent = consent

    def forecast(self, profile: Profile) -> np.ndarray:
        w = profile.capabilities * profile.saliences
        return (w * profile.positions).sum(axis=-1) / w.sum(axis=-1)

    def predict(self, scenario: Scenario, *, rng: RNGLike = None) -> Forecast:
        generator, seed = as_generator(rng)
        issues = []
        for issue in scenario.issues:
            profile = scenario.profile(issue.id)
            w = profile.capabilities * profile.saliences
            k = int(generator.choice(len(w), p=w / w.sum()))
            issues.append(IssueForecast(issue=issue.id, value=float(profile.positions[k])))
        return Forecast(model=self.name, scenario=scenario.id, issues=tuple(issues), seed=seed)


#: The registered models and the stochastic test model, by name.
EVERY_MODEL: dict[str, type[Model]] = {**MODELS, RandomDictator.name: RandomDictator}
STOCHASTIC = [RandomDictator.name]


@pytest.fixture
def scenario():
    return make_scenario(
        [0, 20, 35, 60, 100], [3, 1, 2, 2.5, 1], [0.9, 0.3, 0.6, 0.8, 0.5], status_quo=10
    )


@pytest.mark.parametrize("name", list(MODELS))
class TestEveryModel:
    def test_registered_under_its_name(self, name):
        assert MODELS[name].name == name
        assert isinstance(make_model(name), Model)
        assert MODELS[name].__doc__ and MODELS[name].summary

    def test_module_docstring_cites_sources(self, name):
        import sys

        doc = sys.modules[MODELS[name].__module__].__doc__ or ""
        assert "Sources" in doc and "Algorithm" in doc

    def test_does_not_mutate_the_scenario(self, name, scenario):
        before = copy.deepcopy(scenario)
        profile = scenario.profile("x")
        make_model(name).predict(scenario)
        assert scenario == before
        assert not profile.positions.flags.writeable

    def test_pickles(self, name, scenario):
        model = make_model(name)
        clone = pickle.loads(pickle.dumps(model))
        assert clone.get_params() == model.get_params()
        forecast = model.predict(scenario)
        assert pickle.loads(pickle.dumps(forecast)) == forecast
        assert clone.predict(scenario) == forecast

    def test_constructor_stores_params_unchanged(self, name):
        model = make_model(name)
        params = model.get_params()
        assert type(model)(**params).get_params() == params
        assert repr(model).startswith(type(model).__name__)

    def test_recorded_params_rebuild_the_model(self, name, scenario):
        """A forecast's params, given back by name (as ``-p MODEL.NAME=VALUE`` would), build a
        model that applies the same values and forecasts the same."""
        model = make_model(name)
        forecast = model.predict(scenario)
        params = dict(forecast.params)
        rebuilt = make_model(name, **params)
        assert dict(rebuilt.predict(scenario).params) == params
        assert rebuilt.predict(scenario) == forecast

    def test_forecast_shape(self, name, scenario):
        forecast = make_model(name).predict(scenario)
        assert isinstance(forecast, Forecast)
        assert forecast.model == name and forecast.scenario == "test"
        assert [f.issue for f in forecast.issues] == ["x"]
        json.dumps(forecast.to_dict())  # serialisable


@pytest.mark.parametrize("name", list(EVERY_MODEL))
class TestSeeds:
    """What ``rng`` promises: the same seed gives the same forecast, whatever form it takes."""

    def test_deterministic_under_a_seed(self, name, scenario):
        model = EVERY_MODEL[name]()
        first = model.predict(scenario, rng=42)
        second = model.predict(scenario, rng=42)
        assert first == second
        assert json.dumps(first.to_dict()) == json.dumps(second.to_dict())

    def test_every_kind_of_rng_replays(self, name, scenario):
        model = EVERY_MODEL[name]()
        for rng in (7, np.random.SeedSequence(7), lambda: np.random.default_rng(7)):
            made = rng() if callable(rng) else rng
            again = rng() if callable(rng) else rng
            assert model.predict(scenario, rng=made) == model.predict(scenario, rng=again)

    def test_the_recorded_seed_reproduces_the_forecast(self, name, scenario):
        model = EVERY_MODEL[name]()
        forecast = model.predict(scenario, rng=None)
        if name in STOCHASTIC:
            assert isinstance(forecast.seed, int)
            assert model.predict(scenario, rng=forecast.seed) == forecast
        else:
            assert forecast.seed is None  # deterministic: no seed to record
            assert model.predict(scenario, rng=np.random.default_rng(3)) == forecast


@pytest.mark.parametrize("name", STOCHASTIC)
def test_a_stochastic_model_depends_on_its_seed(name, scenario):
    """Different seeds give different draws: the seed tests above can fail."""
    model = EVERY_MODEL[name]()
    values = {model.predict(scenario, rng=seed).value("x") for seed in range(40)}
    assert len(values) >= 3
    weights = np.array([3 * 0.9, 1 * 0.3, 2 * 0.6, 2.5 * 0.8, 1 * 0.5])
    draws = [model.predict(scenario, rng=seed).value("x") for seed in range(400)]
    share_of_zero = np.mean(np.array(draws) == 0.0)
    assert abs(share_of_zero - weights[0] / weights.sum()) < 0.08
