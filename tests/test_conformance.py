"""A conformance suite run against every registered model."""

from __future__ import annotations

import copy
import json
import pickle

import numpy as np
import pytest

from accord.forecast import Forecast
from accord.models import MODELS, Model, make_model

from conftest import make_scenario


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

    def test_deterministic_under_a_seed(self, name, scenario):
        model = make_model(name)
        first = model.predict(scenario, rng=42)
        second = model.predict(scenario, rng=42)
        assert first == second
        assert json.dumps(first.to_dict()) == json.dumps(second.to_dict())

    def test_accepts_every_kind_of_rng(self, name, scenario):
        model = make_model(name)
        values = {
            model.predict(scenario, rng=rng).value("x")
            for rng in (None, 1, np.random.default_rng(1), np.random.SeedSequence(1))
        }
        assert len(values) == 1  # these models are deterministic

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

    def test_forecast_shape(self, name, scenario):
        forecast = make_model(name).predict(scenario)
        assert isinstance(forecast, Forecast)
        assert forecast.model == name and forecast.scenario == "test"
        assert [f.issue for f in forecast.issues] == ["x"]
        json.dumps(forecast.to_dict())  # serialisable
