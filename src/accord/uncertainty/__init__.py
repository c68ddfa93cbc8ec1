"""Uncertainty: Monte Carlo over the inputs' ranges, sensitivity, and the engines that run it.

- :func:`monte_carlo` - the distribution of every model's forecast on every issue;
- :func:`sensitivity` - one-at-a-time swings (tornado) and first-order Sobol indices;
- :func:`make_engine` - in-process, local processes, or Dask (``accord[dask]``).

The same seed gives byte-identical results whatever the engine, the number of workers or the
chunk size (see :mod:`accord.uncertainty.inputs`).
"""

from __future__ import annotations

from accord.uncertainty.engines import (
    ENGINES,
    DaskEngine,
    Engine,
    EngineError,
    LocalEngine,
    ProcessEngine,
    make_engine,
)
from accord.uncertainty.inputs import UncertainInput, inputs_of
from accord.uncertainty.montecarlo import (
    PERCENTILES,
    ActorAcceptance,
    AllAccept,
    Distribution,
    IssueUncertainty,
    LabelProbability,
    ModelDistribution,
    ModelLabels,
    ModelProbability,
    MonteCarlo,
    monte_carlo,
)
from accord.uncertainty.sensitivity import Sensitivity, first_order, sensitivity

__all__ = [
    "ENGINES",
    "PERCENTILES",
    "ActorAcceptance",
    "AllAccept",
    "DaskEngine",
    "Distribution",
    "Engine",
    "EngineError",
    "IssueUncertainty",
    "LabelProbability",
    "LocalEngine",
    "ModelDistribution",
    "ModelLabels",
    "ModelProbability",
    "MonteCarlo",
    "ProcessEngine",
    "Sensitivity",
    "UncertainInput",
    "first_order",
    "inputs_of",
    "make_engine",
    "monte_carlo",
    "sensitivity",
]
