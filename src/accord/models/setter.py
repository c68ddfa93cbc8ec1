"""The agenda-setter / veto-player model: the setter proposes its best point of the win set.

Algorithm
---------
On an issue with status quo ``q`` and a decision rule (:mod:`accord.rules`), the win set
``W`` is the closed interval of outcomes that every veto player and a qualifying coalition of
voters weakly prefer to ``q`` (:mod:`accord.winset`). An agenda setter at ``a`` makes one
take-it-or-leave-it proposal; a proposal outside ``W`` is refused and ``q`` stands, so the
setter proposes the point of ``W`` nearest its own position:

    y = clamp(a, min W, max W)

With a single pivotal voter at ``m`` this is the Romer-Rosenthal closed form: ``W`` is the
interval between ``q`` and ``2m - q``, the setter gets ``a`` when the reversion is bad enough
(``q <= 2m - a`` for ``a > m``), makes the voter indifferent (``y = 2m - q``) when it is not,
and nothing changes when ``q`` lies between ``m`` and ``a``. With veto players only, ``W`` is
the overlap of their preferred-to-``q`` sets (Tsebelis 2002); the EU procedures with the
Commission as setter are the special cases of Steunenberg (1994), Crombez (1996) and Tsebelis &
Garrett (2000) in one dimension. When the win set holds only ``q`` there is no deal and the
forecast is ``q``.

Without a setter (the rule names none) no actor has agenda power, and the documented default
``fallback="mean"`` proposes the capability-and-salience weighted mean (the compromise model)
projected onto ``W``; ``fallback="median"`` uses the weighted median instead, the "median
proposer" of pivotal politics (Krehbiel 1998). Without a decision rule at all, ``W`` is the
whole scale and the model reduces to its fallback (or to the setter's position).

Sources
-------
- Romer, T. & Rosenthal, H. (1978), "Political resource allocation, controlled agendas, and the
  status quo", *Public Choice* 33(4): 27-43.
- Tsebelis, G. (2002), *Veto Players: How Political Institutions Work*, Princeton UP, ch. 1.
- Tsebelis, G. & Garrett, G. (2000), "Legislative politics in the European Union", *European
  Union Politics* 1(1): 9-36.
- Crombez, C. (1996), "Legislative procedures in the European Community", *British Journal of
  Political Science* 26(2): 199-228.
- Steunenberg, B. (1994), "Decision making under different institutional arrangements:
  legislation by the European Community", *JITE* 150(4): 642-669.
- Krehbiel, K. (1998), *Pivotal Politics*, University of Chicago Press.
"""

from __future__ import annotations

from typing import ClassVar, Literal

import numpy as np
from numpy.typing import NDArray

from accord.models._base import Consent, Model, check_choice
from accord.models.mean import compromise
from accord.models.median import weighted_median
from accord.scenario import Profile
from accord.winset import win_set

__all__ = ["AgendaSetter"]

Fallback = Literal["mean", "median"]


class AgendaSetter(Model):
    """The setter's favourite point of the win set (Romer & Rosenthal 1978; Tsebelis 2002).

    ``consent`` is accepted for the uniform interface; the model's proposals always lie in the
    win set, so projecting them changes nothing.
    """

    name: ClassVar[str] = "setter"
    summary: ClassVar[str] = "agenda setter / veto players: the setter's best point of the win set"

    def __init__(self, *, fallback: Fallback = "mean", consent: Consent | None = None) -> None:
        self.fallback = fallback
        self.consent = consent

    def check_params(self) -> None:
        super().check_params()
        check_choice("fallback", self.fallback, ("mean", "median"))

    def proposal(self, profile: Profile) -> NDArray[np.float64]:
        """What is proposed: the setter's position, or the fallback without a setter."""
        rule = profile.issue.decision
        if rule is not None and rule.setter is not None and rule.setter in profile.actors:
            return np.asarray(profile.positions[..., profile.actors.index(rule.setter)])
        if self.fallback == "median":
            return weighted_median(profile.positions, profile.weights)
        return compromise(profile.positions, profile.weights)

    def forecast(self, profile: Profile) -> NDArray[np.float64]:
        return win_set(profile).project(self.proposal(profile))

    def note(self, profile: Profile, value: float) -> str | None:
        rule = profile.issue.decision
        if rule is None or not rule.binding:
            return "no decision rule: the proposal stands unopposed"
        if rule.setter is None:
            return f"no setter: the {self.fallback} proposal, projected onto the win set"
        return None
