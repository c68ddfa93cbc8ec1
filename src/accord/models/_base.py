"""The interface every forecasting model shares.

A model is a small class in the scikit-learn style: the constructor takes keyword-only
hyperparameters and stores them unchanged; the work happens in :meth:`Model.predict`, which
returns a :class:`~accord.forecast.Forecast` with one value per issue, on the issue's scale.

Every model implements :meth:`Model.forecast`, vectorised over the leading axes of a
:class:`~accord.scenario.Profile` whose arrays have shape ``(..., n)``: Monte Carlo evaluates
many samples of an issue in one call. A sample's forecast depends only on that sample, never on
the others in the batch, so results do not depend on how samples are chunked.

Consent. Every model has the hyperparameter ``consent`` (``"ignore"`` | ``"veto"``; None, the
default, means ``"veto"`` when the scenario has decision rules and ``"ignore"`` otherwise). With
``"veto"``, the model's forecast is replaced by the nearest point of the issue's win set
(:mod:`accord.winset`): an outcome that some required actor or coalition would refuse cannot be
decided, and when nothing beats the status quo for all of them the status quo stands (Tsebelis
2002, ch. 1). This is done here, once, after each model's own :meth:`Model.forecast`, so every
model gains it alike; it is vectorised over Monte Carlo samples like the models themselves.
"""

from __future__ import annotations

import inspect
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, ClassVar, Literal, Self

import numpy as np
from numpy.typing import NDArray

from accord.forecast import Forecast, IssueForecast
from accord.randomness import RNGLike
from accord.scenario import Issue, Profile, Scenario
from accord.validation import validate
from accord.winset import WinSet, win_set

__all__ = ["CONSENTS", "Consent", "Model"]

FloatArray = NDArray[np.float64]
Consent = Literal["ignore", "veto"]
CONSENTS: tuple[Consent, ...] = ("ignore", "veto")


class Model(ABC):
    """Base class: ``Model(**hyperparameters).predict(scenario, *, rng=None) -> Forecast``."""

    #: The short name the registry and the command line use.
    name: ClassVar[str]
    #: One line for listings.
    summary: ClassVar[str]
    #: What a hyperparameter left at None applies, for listings (``accord models``).
    automatic: ClassVar[Mapping[str, str]] = {
        "consent": "veto if the scenario has decision rules, else ignore"
    }

    @classmethod
    def from_params(cls, **params: Any) -> Self:
        """The model from flat hyperparameters by name, as ``-p MODEL.NAME=VALUE`` gives them
        (the constructor's own, unless a model has grouped some into one options object)."""
        return cls(**params)

    #: Whether the model forecasts all of a scenario's issues together (a joint model, such as
    #: ``smp``): then :meth:`forecast_issues` is the batched entry point, not :meth:`forecast`.
    joint: ClassVar[bool] = False

    def predict(self, scenario: Scenario, *, rng: RNGLike = None) -> Forecast:
        """Forecast every issue of ``scenario``, in the scenario's issue order.

        ``rng`` is accepted for a uniform interface; the deterministic models ignore it and
        record no seed. An invalid scenario (one built in Python with a salience of -3, say) is
        refused with :class:`~accord.errors.InputError` (:func:`accord.validation.validate`).
        """
        self.check_params()
        validate(scenario)
        issues = []
        for issue in scenario.issues:
            profile = scenario.profile(issue.id)
            issues.append(self._with_consent(profile, self.predict_issue(profile)))
        params = self.effective_params()
        if "consent" in params:
            if self.consent_setting() is None and not scenario.has_decision_rules:
                del params["consent"]  # as before decision rules existed
            else:
                params["consent"] = self.consent_setting() or "veto"
        return Forecast(
            model=self.name,
            scenario=scenario.id,
            issues=tuple(issues),
            params=tuple(params.items()),
        )

    @abstractmethod
    def forecast(self, profile: Profile) -> NDArray[np.float64]:
        """The forecast for every sample of a (possibly batched) profile: shape ``(...)``."""

    def forecast_issues(
        self,
        profiles: Sequence[Profile],
        *,
        seeds: Sequence[int] | None = None,
        scenario: Scenario | None = None,
    ) -> list[FloatArray]:
        """The forecasts of several issues of one scenario, each of shape ``(...)``, from their
        (possibly batched, alike) profiles; ``seeds`` gives one seed per sample to a model that
        draws random numbers, ``scenario`` the scenario (for hyperparameters its file gives).
        Independent models forecast each issue alone; joint models override this."""
        return [np.asarray(self.forecast(profile), dtype=np.float64) for profile in profiles]

    def with_consent(
        self, profile: Profile, values: FloatArray, win: WinSet | None = None
    ) -> FloatArray:
        """``values`` (forecasts of the profile's issue) after the consent rule."""
        if self.consent_for(profile.issue) == "ignore":
            return values
        return (win if win is not None else win_set(profile)).project(values)

    def consent_setting(self) -> Consent | None:
        """The ``consent`` hyperparameter as given (None: decided by the scenario)."""
        value = getattr(self, "consent", None)
        if value is not None:
            check_choice("consent", value, CONSENTS)
        return value

    def consent_for(self, issue: Issue) -> Consent:
        """``"veto"`` when the model must respect the issue's decision rule."""
        setting = self.consent_setting()
        if setting is not None:
            return setting
        return "veto" if issue.decision is not None else "ignore"

    def consented_forecast(self, profile: Profile, win: WinSet | None = None) -> FloatArray:
        """:meth:`forecast` with the consent rule applied (see the module docstring).

        ``win`` may pass the issue's win set when the caller has computed it already.
        """
        return self.with_consent(profile, np.asarray(self.forecast(profile), np.float64), win)

    def _with_consent(self, profile: Profile, item: IssueForecast) -> IssueForecast:
        if self.consent_for(profile.issue) == "ignore":
            return item
        win = win_set(profile)
        value = float(win.project(item.value))
        if value == item.value:
            return item
        if bool(win.no_deal):
            why = "nothing beats the status quo for everyone who must agree: no deal"
        else:
            why = f"projected onto the win set [{_num(win.low)}, {_num(win.high)}]"
        note = f"{_num(item.value)} would be refused; {why}"
        return replace(item, value=value, note=f"{item.note}; {note}" if item.note else note)

    def predict_issue(self, profile: Profile) -> IssueForecast:
        """Forecast one issue from its stakes, with any note the model has on it."""
        value = float(self.forecast(profile))
        return IssueForecast(issue=profile.issue.id, value=value, note=self.note(profile, value))

    def note(self, profile: Profile, value: float) -> str | None:
        """A remark on how the forecast came about, for the reader (None: nothing to say)."""
        return None

    def check_params(self) -> None:
        """Raise ValueError naming the first invalid hyperparameter (called by predict).

        Models with hyperparameters of their own extend it and call ``super().check_params()``.
        """
        self.consent_setting()

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

    def applied_params(self) -> dict[str, Any]:
        """:meth:`effective_params` for a reader: a value left at None says what it applies."""
        return {
            name: self.automatic.get(name, value) if value is None else value
            for name, value in self.effective_params().items()
        }

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({params})"


def check_choice(name: str, value: object, choices: tuple[object, ...]) -> None:
    """Raise ValueError unless ``value`` is one of ``choices``."""
    if value not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {options}; got {value!r}")


def _num(value: Any) -> str:
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"
