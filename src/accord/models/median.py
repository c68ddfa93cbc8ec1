"""The weighted median: the position that no weighted majority would move away from.

Algorithm
---------
Sort the actors on the issue by position and accumulate their effective power ``c_i s_i``; the
forecast is the lowest position at which the cumulative weight reaches half of the total. With
single-peaked (distance-based) preferences this is the position that beats every other in a
pairwise vote weighted by ``c_i s_i`` (Black 1948), the "median voter" of the spatial models;
it is also the ``mu`` of Bueno de Mesquita's expected-utility model (Scholz et al. 2011, eqs.
26-29).

Ties: when the cumulative weight equals half exactly at a position, that (lower) position is
chosen. "Reaches" allows a relative rounding slack of 1e-12 of the total weight, so that
weights such as 0.1 + 0.2 behave as they would in exact arithmetic.

Sources
-------
- Black, D. (1948), "On the rationale of group decision-making", *Journal of Political Economy*
  56(1): 23-34.
- Achen, C. H. (2006), ch. 10 of *The European Union Decides* (Cambridge UP): the weighted
  median as a baseline on the DEU data.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from accord.models._base import Consent, Model
from accord.scenario import Profile

__all__ = ["WeightedMedian", "weighted_median"]

_SLACK = 1e-12


def weighted_median(positions: ArrayLike, weights: ArrayLike) -> NDArray[np.float64]:
    """Weighted median over the last axis; leading axes are independent problems (samples)."""
    x = np.asarray(positions, dtype=np.float64)
    w = np.broadcast_to(np.asarray(weights, dtype=np.float64), x.shape)
    order = np.argsort(x, axis=-1, kind="stable")
    xs = np.take_along_axis(x, order, axis=-1)
    cumulative = np.cumsum(np.take_along_axis(w, order, axis=-1), axis=-1)
    total = cumulative[..., -1:]
    reached = cumulative >= total * (0.5 - _SLACK)
    index = np.argmax(reached, axis=-1)[..., None]
    return np.asarray(np.take_along_axis(xs, index, axis=-1)[..., 0])


class WeightedMedian(Model):
    """The capability*salience-weighted median of the positions on each issue."""

    name: ClassVar[str] = "median"
    summary: ClassVar[str] = "capability*salience-weighted median (the median voter)"

    def __init__(self, *, consent: Consent | None = None) -> None:
        self.consent = consent

    def forecast(self, profile: Profile) -> NDArray[np.float64]:
        return weighted_median(profile.positions, profile.weights)
