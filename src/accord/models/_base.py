"""The interface every forecasting model shares.

A model is a small class in the scikit-learn style: the constructor takes keyword-only
hyperparameters and stores them unchanged; the work happens in :meth:`Model.predict`, which
returns a :class:`~accord.forecast.Forecast` with one value per issue, on the issue's scale.

Every model implements :meth:`Model.forecast`, vectorised over the leading axes of a
:class:`~accord.scenario.Profile` whose arrays have shape ``(..., n)``: Monte Carlo evaluates
many samples of an issue in one call. A sample's forecast depends only on that sample, never on
the others in the batch, so results do not depend on how samples are chunked.
"""

from __future__ import annotations

import inspect
from abc import ABC, abstractmethod
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from accord.forecast import Forecast, IssueForecast
from accord.randomness import RNGLike
from accord.scenario import Profile, Scenario

__all__ = ["Model"]


class Model(ABC):
    """Base class: ``Model(**hyperparameters).predict(scenario, *, rng=None) -> Forecast``."""

    #: The short name the registry and the command line use.
    name: ClassVar[str]
    #: One line for listings.
    summary: ClassVar[str]

    def predict(self, scenario: Scenario, *, rng: RNGLike = None) -> Forecast:
        """Forecast every issue of ``scenario``, in the scenario's issue order.

        ``rng`` is accepted for a uniform interface; the deterministic models ignore it and
        record no seed.
        """
        self.check_params()
        return Forecast(
            model=self.name,
            scenario=scenario.id,
            issues=tuple(self.predict_issue(scenario.profile(i.id)) for i in scenario.issues),
            params=tuple(self.effective_params().items()),
        )

    @abstractmethod
    def forecast(self, profile: Profile) -> NDArray[np.float64]:
        """The forecast for every sample of a (possibly batched) profile: shape ``(...)``."""

    def predict_issue(self, profile: Profile) -> IssueForecast:
        """Forecast one issue from its stakes, with any note the model has on it."""
        value = float(self.forecast(profile))
        return IssueForecast(issue=profile.issue.id, value=value, note=self.note(profile, value))

    def note(self, profile: Profile, value: float) -> str | None:
        """A remark on how the forecast came about, for the reader (None: nothing to say)."""
        return None

    def check_params(self) -> None:  # noqa: B027 - models without hyperparameters keep it
        """Raise ValueError naming the first invalid hyperparameter (called by predict)."""

    def get_params(self) -> dict[str, Any]:
        """The hyperparameters, as given to the constructor."""
        names = [
            p.name
            for p in inspect.signature(type(self).__init__).parameters.values()
            if p.kind is inspect.Parameter.KEYWORD_ONLY
        ]
        return {name: getattr(self, name) for name in names}

    def effective_params(self) -> dict[str, Any]:
        """The hyperparameters as the model applies them (defaults resolved); recorded in
        every :class:`~accord.forecast.Forecast`."""
        return self.get_params()

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({params})"


def check_choice(name: str, value: object, choices: tuple[object, ...]) -> None:
    """Raise ValueError unless ``value`` is one of ``choices``."""
    if value not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {options}; got {value!r}")
