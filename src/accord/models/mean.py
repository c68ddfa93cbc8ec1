"""The compromise model: the capability-and-salience weighted mean of the positions.

Algorithm
---------
For one issue with actors ``i`` holding position ``x_i``, capability ``c_i`` and salience
``s_i``, the forecast is

    y = sum_i c_i s_i x_i / sum_i c_i s_i

over the actors with a position on the issue. Each actor pulls the outcome towards its position
in proportion to its effective power ``c_i s_i``.

Sources
-------
- van den Bos, J. M. M. (1991), *Dutch EC Policy Making*, Thela Thesis: the compromise model.
- Achen, C. H. (2006), "Institutional realism and bargaining models", and "Evaluating political
  decision-making models", chs. 4 and 10 of Thomson, Stokman, Achen & Koenig (eds.),
  *The European Union Decides*, Cambridge UP: derives the weighted mean as an approximation to
  the asymmetric Nash bargaining solution and finds it "as good or better" than the complex
  models on the DEU data.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from accord.models._base import Consent, Model
from accord.scenario import Profile

__all__ = ["Compromise", "compromise"]


def compromise(positions: ArrayLike, weights: ArrayLike) -> NDArray[np.float64]:
    """Weighted mean over the last axis; leading axes are independent problems (samples)."""
    x = np.asarray(positions, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64)
    return np.asarray((w * x).sum(axis=-1) / w.sum(axis=-1))


class Compromise(Model):
    """The compromise model: ``sum(c*s*x) / sum(c*s)`` on each issue."""

    name: ClassVar[str] = "mean"
    summary: ClassVar[str] = "compromise model: capability*salience-weighted mean"

    def __init__(self, *, consent: Consent | None = None) -> None:
        self.consent = consent

    def forecast(self, profile: Profile) -> NDArray[np.float64]:
        return compromise(profile.positions, profile.weights)
