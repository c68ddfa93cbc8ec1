"""accord: understand and forecast multi-party negotiations.

Describe a negotiation once - actors, issues, positions, salience, capability, red lines and
the evidence behind each number - and ask the field's models what outcome is likely::

    from accord import load_scenario, models

    scenario = load_scenario("examples/ukraine-ceasefire-2025-03.yaml")
    forecast = models.ExpectedUtility().predict(scenario)
"""

from __future__ import annotations

from accord import models
from accord.forecast import Forecast, IssueForecast, Move, Round
from accord.io import InputError, load_scenario, save_scenario
from accord.models import MODELS, make_model
from accord.scenario import Actor, Evidence, Issue, Outcome, Profile, Scenario, Stake
from accord.validation import validate

__version__ = "0.1.0"

__all__ = [
    "MODELS",
    "Actor",
    "Evidence",
    "Forecast",
    "InputError",
    "Issue",
    "IssueForecast",
    "Move",
    "Outcome",
    "Profile",
    "Round",
    "Scenario",
    "Stake",
    "__version__",
    "load_scenario",
    "make_model",
    "models",
    "save_scenario",
    "validate",
]
