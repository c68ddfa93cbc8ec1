"""accord: understand and forecast multi-party negotiations.

Describe a negotiation once - actors, issues, positions, salience, capability, red lines and
the evidence behind each number - and ask the field's models what outcome is likely::

    from accord import load_scenario, models

    scenario = load_scenario("examples/ukraine-ceasefire-2025-03.yaml")
    forecast = models.ExpectedUtility().predict(scenario)

The names below are loaded when first used (module ``__getattr__``, PEP 562), so that
``import accord`` costs almost nothing and never loads the edge's stacks (pydantic, PyYAML,
rich, typer) before a file is read or the command line runs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from accord import models
    from accord.errors import InputError
    from accord.forecast import Forecast, IssueForecast, Move, Round
    from accord.io import load_scenario, save_scenario
    from accord.models import MODELS, make_model
    from accord.scenario import Actor, Evidence, Issue, Outcome, Profile, Scenario, Stake
    from accord.validation import validate

#: Where each public name lives; the module is imported when the name is first used.
_HOMES: dict[str, str] = {
    "MODELS": "accord.models",
    "Actor": "accord.scenario",
    "Evidence": "accord.scenario",
    "Forecast": "accord.forecast",
    "InputError": "accord.errors",
    "Issue": "accord.scenario",
    "IssueForecast": "accord.forecast",
    "Move": "accord.forecast",
    "Outcome": "accord.scenario",
    "Profile": "accord.scenario",
    "Round": "accord.forecast",
    "Scenario": "accord.scenario",
    "Stake": "accord.scenario",
    "load_scenario": "accord.io",
    "make_model": "accord.models",
    "save_scenario": "accord.io",
    "validate": "accord.validation",
}

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


def __getattr__(name: str) -> Any:
    if name == "models":
        return import_module("accord.models")
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'accord' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
