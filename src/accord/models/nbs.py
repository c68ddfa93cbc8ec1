"""The asymmetric Nash bargaining solution on one issue.

Algorithm
---------
Each actor ``i`` with a position ``x_i`` and positive salience values an outcome ``y`` on the
issue ``[low, high]`` by a loss in distance,

    u_i(y) = -(|y - x_i| / (high - low)) ** p,    p = 2 ("quadratic", default) or 1 ("linear"),

and the solution maximises the weighted Nash product over the outcomes that every actor weakly
prefers to the disagreement point ``d``,

    y* = argmax_y  sum_i w_i log(u_i(y) - u_i(d)),

with bargaining weights ``w_i`` = capability (default), capability*salience ("effective") or 1
("equal", the symmetric solution). The objective is concave, so ``y*`` is unique; it is found
by bisection on the sign of its right derivative, vectorised over any leading (sample) axes.

Disagreement point
------------------
- ``"status_quo"`` (default): the issue's status quo when the scenario gives one - failing to
  agree leaves things as they are (Schneider, Finke & Bailer 2010; Achen 2006). If the status
  quo lies *between* the actors' positions, no outcome is better than it for everyone and the
  solution is the status quo itself (nothing can pass unanimously); the forecast notes this.
  When the issue has no status quo, the ``"worst"`` rule below is used and the forecast says so.
- ``"worst"``: each actor's worst point of the scale (the end farthest from its position), i.e.
  breakdown could bring anything. It keeps every outcome on the scale individually rational,
  makes the solution depend on the positions and weights alone, and for the quadratic utility
  with a remote disagreement point reduces to (approximately) the weighted mean of the positions
  - Achen's (2006) derivation of the compromise model from the Nash solution.

Salience
--------
Under the default weights salience changes nothing but who takes part: the Nash solution is
invariant to a positive rescaling of any actor's utility (Nash 1950), so scaling ``u_i`` by
``s_i`` cancels. Actors with zero salience do not bargain on the issue. Use
``weight="effective"`` to make salience part of bargaining power, as in Achen's effective power
``c_i s_i``.

Sources
-------
- Nash, J. F. (1950), "The bargaining problem", *Econometrica* 18(2): 155-162.
- Achen, C. H. (2006), "Institutional realism and bargaining models", ch. 4 of Thomson et al.
  (eds.), *The European Union Decides*, Cambridge UP.
- Schneider, G., Finke, D. & Bailer, S. (2010), "Bargaining power in the European Union: an
  evaluation of competing game-theoretic models", *Political Studies* 58(1): 85-103.
- Butler, C. K. (2004), "Modeling compromise at the international table", *Conflict Management
  and Peace Science* 21(3): 159-177.
"""

from __future__ import annotations

from typing import ClassVar, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from accord.forecast import IssueForecast
from accord.models._base import Model, check_choice
from accord.scenario import Profile

__all__ = ["NashBargaining", "nash_bargaining"]

Weight = Literal["capability", "effective", "equal"]
Utility = Literal["quadratic", "linear"]
Disagreement = Literal["status_quo", "worst"]

_BISECTIONS = 64


def nash_bargaining(
    positions: ArrayLike,
    weights: ArrayLike,
    *,
    low: ArrayLike,
    high: ArrayLike,
    status_quo: ArrayLike | None = None,
    power: float = 2.0,
) -> NDArray[np.float64]:
    """The weighted Nash bargaining solution over the last axis.

    ``positions`` and ``weights`` have shape ``(..., n)``; ``low``, ``high`` and ``status_quo``
    broadcast against ``(...)``. Actors with zero weight take no part. Without a status quo the
    disagreement point is each actor's worst end of the scale; with one, it is the status quo,
    and where no outcome improves on it for every actor the status quo is returned.
    """
    x = np.asarray(positions, dtype=np.float64)
    w = np.broadcast_to(np.asarray(weights, dtype=np.float64), x.shape)
    lo = np.broadcast_to(np.asarray(low, dtype=np.float64), x.shape[:-1])[..., None]
    hi = np.broadcast_to(np.asarray(high, dtype=np.float64), x.shape[:-1])[..., None]
    width = hi - lo
    active = w > 0

    if status_quo is None:
        radius = np.maximum(x - lo, hi - x)
        q = None
    else:
        q = np.broadcast_to(np.asarray(status_quo, dtype=np.float64), x.shape[:-1])[..., None]
        radius = np.abs(x - q)
    # Outcomes no worse than breakdown for actor i: |y - x_i| <= radius_i.
    inf = np.inf
    rational_left = np.max(np.where(active, x - radius, -inf), axis=-1, keepdims=True)
    rational_right = np.min(np.where(active, x + radius, inf), axis=-1, keepdims=True)
    # The optimum lies among the positions (moving towards them helps everyone).
    left = np.maximum(rational_left, np.min(np.where(active, x, inf), axis=-1, keepdims=True))
    right = np.minimum(rational_right, np.max(np.where(active, x, -inf), axis=-1, keepdims=True))

    gain_at_breakdown = (radius / width) ** power

    def slope_sign(y: NDArray[np.float64]) -> NDArray[np.bool_]:
        """Whether the right derivative of the log Nash product at y is positive."""
        distance = np.abs(y - x) / width
        gain = gain_at_breakdown - distance**power
        direction = np.where(y >= x, -1.0, 1.0)
        marginal = power * distance ** (power - 1.0) / width if power != 1.0 else 1.0 / width
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(active, w * direction * marginal / gain, 0.0)
            return np.asarray(terms.sum(axis=-1, keepdims=True) > 0)

    a, b = left.copy(), right.copy()
    for _ in range(_BISECTIONS):
        mid = 0.5 * (a + b)
        up = slope_sign(mid)
        a = np.where(up, mid, a)
        b = np.where(up, b, mid)
    solution = 0.5 * (a + b)
    if q is not None:
        # Only the status quo itself is no worse for everyone: nothing to bargain over.
        solution = np.where(rational_left < rational_right, solution, q)
    return np.asarray(solution[..., 0])


class NashBargaining(Model):
    """Asymmetric Nash bargaining solution, capability as bargaining weight (see module doc)."""

    name: ClassVar[str] = "nbs"
    summary: ClassVar[str] = "asymmetric Nash bargaining solution (status quo as disagreement)"

    def __init__(
        self,
        *,
        weight: Weight = "capability",
        utility: Utility = "quadratic",
        disagreement: Disagreement = "status_quo",
    ) -> None:
        self.weight = weight
        self.utility = utility
        self.disagreement = disagreement

    def check_params(self) -> None:
        check_choice("weight", self.weight, ("capability", "effective", "equal"))
        check_choice("utility", self.utility, ("quadratic", "linear"))
        check_choice("disagreement", self.disagreement, ("status_quo", "worst"))

    def bargaining_weights(self, profile: Profile) -> NDArray[np.float64]:
        takes_part = profile.saliences > 0
        if self.weight == "capability":
            return np.where(takes_part, profile.capabilities, 0.0)
        if self.weight == "effective":
            return profile.weights
        return takes_part.astype(np.float64)

    def predict_issue(self, profile: Profile) -> IssueForecast:
        issue = profile.issue
        use_status_quo = self.disagreement == "status_quo" and issue.status_quo is not None
        value = float(
            nash_bargaining(
                profile.positions,
                self.bargaining_weights(profile),
                low=issue.low,
                high=issue.high,
                status_quo=issue.status_quo if use_status_quo else None,
                power=2.0 if self.utility == "quadratic" else 1.0,
            )
        )
        note = None
        if self.disagreement == "status_quo" and not use_status_quo:
            note = "no status quo given: disagreement at each actor's worst end of the scale"
        elif use_status_quo and value == issue.status_quo:
            note = "no outcome is better than the status quo for every actor"
        return IssueForecast(issue=issue.id, value=value, note=note)
