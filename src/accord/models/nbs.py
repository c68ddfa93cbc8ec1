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

from accord.models._base import Consent, Model, check_choice
from accord.scenario import Profile

__all__ = ["NashBargaining", "nash_bargaining"]

Weight = Literal["capability", "effective", "equal"]
Utility = Literal["quadratic", "linear"]
Disagreement = Literal["status_quo", "worst"]

_MAX_STEPS = 100
_TOLERANCE = 1e-13


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

    The log Nash product is concave on the outcomes every actor weakly prefers to breakdown. It
    is maximised by Newton's method safeguarded by bisection on the sign of its derivative,
    each problem independently (a problem stops when its own bracket or step is below 1e-13 of
    the scale). With linear utilities the maximum may sit at a kink, an actor's position; those
    are found first, by the sign change of the one-sided derivatives.
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
    a = np.maximum(rational_left, np.min(np.where(active, x, inf), axis=-1, keepdims=True))
    b = np.minimum(rational_right, np.max(np.where(active, x, -inf), axis=-1, keepdims=True))
    at_breakdown = (radius / width) ** power  # u_i(y) - u_i(d) = at_breakdown - distance**power

    def slopes(y: NDArray[np.float64], kink_sign: float) -> tuple[NDArray[np.float64], ...]:
        """First and second derivatives of the log Nash product at y (one-sided at kinks)."""
        offset = (y - x) / width
        if power == 2.0:
            gain = at_breakdown - offset * offset
            du = -2.0 * offset / width
            d2u: NDArray[np.float64] | float = -2.0 / width**2
        elif power == 1.0:
            gain = at_breakdown - np.abs(offset)
            direction = np.where(offset > 0, 1.0, np.where(offset < 0, -1.0, kink_sign))
            du = -direction / width
            d2u = 0.0
        else:
            distance = np.abs(offset)
            gain = at_breakdown - distance**power
            du = -power * distance ** (power - 1.0) * np.sign(offset) / width
            d2u = -power * (power - 1.0) * distance ** (power - 2.0) / width**2
        with np.errstate(divide="ignore", invalid="ignore"):
            first = np.where(active, w * du / gain, 0.0).sum(axis=-1, keepdims=True)
            second = np.where(active, w * (d2u * gain - du * du) / gain**2, 0.0).sum(
                axis=-1, keepdims=True
            )
        return first, second

    solved = ~(a < b)  # a single point: nothing to search
    solution = a.copy()
    if power == 1.0:
        kink = _kink_optimum(x, w, active, a, b, at_breakdown, width)
        found = ~solved & np.isfinite(kink)
        solution = np.where(found, kink, solution)
        solved = solved | found

    y = 0.5 * (a + b)
    previous = last = b - a  # sizes of the step before last and of the last step
    for _ in range(_MAX_STEPS):
        if solved.all():
            break
        first, second = slopes(y, +1.0)
        up = first > 0
        a = np.where(solved | ~up, a, y)
        b = np.where(solved | up, b, y)
        with np.errstate(divide="ignore", invalid="ignore"):
            newton = y - first / second
        # Newton's step is taken when it stays inside the bracket and is at most half the
        # step before last (the safeguard of Press et al.'s rtsafe); otherwise bisect.
        fast = (
            np.isfinite(newton)
            & (newton > a)
            & (newton < b)
            & (np.abs(newton - y) <= 0.5 * np.abs(previous))
        )
        converged = np.isfinite(newton) & (np.abs(newton - y) <= _TOLERANCE * width)
        step = np.where(fast | converged, newton, 0.5 * (a + b))
        previous = np.where(solved, previous, last)
        last = np.where(solved, last, np.abs(step - y))
        done = ~solved & (converged | (b - a <= _TOLERANCE * width))
        y = np.where(solved, y, step)
        solution = np.where(done, y, solution)
        solved = solved | done
    solution = np.where(solved, solution, y)
    if q is not None:
        # Only the status quo itself is no worse for everyone: nothing to bargain over.
        solution = np.where(rational_left < rational_right, solution, q)
    return np.asarray(solution[..., 0])


def _kink_optimum(
    x: NDArray[np.float64],
    w: NDArray[np.float64],
    active: NDArray[np.bool_],
    a: NDArray[np.float64],
    b: NDArray[np.float64],
    at_breakdown: NDArray[np.float64],
    width: NDArray[np.float64],
) -> NDArray[np.float64]:
    """With linear utilities: the actor position at which the log Nash product peaks, if the
    peak is at one (its left derivative >= 0 >= its right derivative), else NaN. Shape (..., 1).
    """
    y = x[..., :, None]  # candidate k on axis -2, actors i on axis -1
    offset = (y - x[..., None, :]) / width[..., None]
    gain = at_breakdown[..., None, :] - np.abs(offset)
    act = active[..., None, :]
    inside = np.all(~act | (gain > 0), axis=-1) & active & (x >= a) & (x <= b)
    with np.errstate(divide="ignore", invalid="ignore"):
        away = np.where(act & (offset != 0), w[..., None, :] * -np.sign(offset) / gain, 0.0)
        here = np.where(act & (offset == 0), w[..., None, :] / gain, 0.0)
        smooth = away.sum(axis=-1) / width
        kink = here.sum(axis=-1) / width
        optimal = inside & (smooth + kink >= 0) & (smooth - kink <= 0)
    first = np.argmax(optimal, axis=-1)[..., None]
    value = np.take_along_axis(x, first, axis=-1)
    return np.where(optimal.any(axis=-1, keepdims=True), value, np.nan)


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
        consent: Consent | None = None,
    ) -> None:
        self.weight = weight
        self.utility = utility
        self.disagreement = disagreement
        self.consent = consent

    def check_params(self) -> None:
        super().check_params()
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

    def forecast(self, profile: Profile) -> NDArray[np.float64]:
        issue = profile.issue
        return nash_bargaining(
            profile.positions,
            self.bargaining_weights(profile),
            low=issue.low,
            high=issue.high,
            status_quo=issue.status_quo if self._uses_status_quo(profile) else None,
            power=2.0 if self.utility == "quadratic" else 1.0,
        )

    def _uses_status_quo(self, profile: Profile) -> bool:
        return self.disagreement == "status_quo" and profile.issue.status_quo is not None

    def note(self, profile: Profile, value: float) -> str | None:
        if self.disagreement == "status_quo" and not self._uses_status_quo(profile):
            return "no status quo given: disagreement at each actor's worst end of the scale"
        if self._uses_status_quo(profile) and value == profile.issue.status_quo:
            return "no outcome is better than the status quo for every actor"
        return None
