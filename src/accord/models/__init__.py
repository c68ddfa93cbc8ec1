"""The forecasting models and the registry that names them.

Every model follows one interface, ``Model(**hyperparameters).predict(scenario, *, rng=None)
-> Forecast``. The registry maps the short names used on the command line to the classes.
"""

from __future__ import annotations

from typing import Any

from accord.models._base import Model
from accord.models.bdm import ExpectedUtility
from accord.models.mean import Compromise
from accord.models.median import WeightedMedian
from accord.models.nbs import NashBargaining
from accord.models.setter import AgendaSetter
from accord.models.smp import SpatialModel

__all__ = [
    "MODELS",
    "AgendaSetter",
    "Compromise",
    "ExpectedUtility",
    "Model",
    "NashBargaining",
    "SpatialModel",
    "WeightedMedian",
    "make_model",
]

#: Registered models by name, in the order reports show them.
MODELS: dict[str, type[Model]] = {
    cls.name: cls
    for cls in (
        Compromise,
        WeightedMedian,
        NashBargaining,
        ExpectedUtility,
        AgendaSetter,
        SpatialModel,
    )
}


def make_model(name: str, **params: Any) -> Model:
    """The registered model called ``name``, built with ``params``."""
    try:
        cls = MODELS[name]
    except KeyError:
        known = ", ".join(MODELS)
        raise ValueError(f"unknown model {name!r}; choose from {known}") from None
    return cls.from_params(**params)
