"""The win set: the outcomes that the actors who must agree prefer to the status quo.

Algorithm
---------
On one issue with status quo ``q``, actor ``i`` at position ``x_i`` weakly prefers ``y`` to
``q`` when ``|y - x_i| <= |q - x_i|``: ``y`` lies in the closed interval between ``q`` and its
reflection ``2 x_i - q``, on the side of ``q`` where ``x_i`` lies. Call ``r_i = 2 (x_i - q)``
the actor's *reach* upwards when ``x_i > q`` (0 otherwise), and ``2 (q - x_i)`` its reach
downwards. The actors who accept a move of size ``d > 0`` upwards are those with reach
``>= d``: a set that only shrinks as ``d`` grows. Hence, for every rule in
:mod:`accord.rules` (each a monotone condition on the set of supporters):

- a veto player allows moves up to its own reach;
- unanimity allows moves up to the smallest reach among the voters;
- a quota (the supporters hold at least a share of the voters' weight) allows moves up to the
  *pivot*: sort the voters by reach, largest first, and take the reach of the voter at which the
  accumulated weight first meets the quota; several quotas (a double majority) allow the
  smallest of their pivots.

The win set is ``[q - down, q + up]`` with ``up`` and ``down`` the smallest of these bounds, cut
to the issue's scale: an interval that always contains ``q``. For a proper rule (two disjoint
coalitions cannot both qualify, e.g. unanimity, any quota above one half, or any veto player)
at most one side is non-empty, so ``q`` is an end point (Tsebelis 2002, ch. 1; the closed form
of the pivots in Krehbiel 1998). "No deal" means the win set holds nothing but ``q``: no move
in either direction is accepted by everybody required, so the status quo stands.

The set is the closure of the strict win set ``{y : the required actors strictly prefer y}``:
the pivotal actor is indifferent at the far end point, and a proposer may offer it (Romer &
Rosenthal 1978 make the same convention). Preferences are taken as a distance from the
position: any utility strictly decreasing in ``|y - x_i|`` - linear, quadratic, or scaled by a
salience - orders the outcomes identically in one dimension, so it gives the same win set; no
utility option is needed here (tests check linear and quadratic utilities by brute force).

Everything is vectorised over the leading axes of a batched profile (Monte Carlo samples): one
sort per quota over the last axis, ``O(n log n)`` per sample.

Sources
-------
- Romer, T. & Rosenthal, H. (1978), "Political resource allocation, controlled agendas, and the
  status quo", *Public Choice* 33(4): 27-43.
- Tsebelis, G. (2002), *Veto Players: How Political Institutions Work*, Princeton UP, ch. 1.
- Krehbiel, K. (1998), *Pivotal Politics*, University of Chicago Press: pivots of a
  supermajority rule in one dimension.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord.rules import DecisionRule, Quota
from accord.scenario import Profile

__all__ = ["WinSet", "required_actors", "win_set"]

FloatArray = NDArray[np.float64]
_SLACK = 1e-12


@dataclass(frozen=True)
class WinSet:
    """The win set ``[low, high]`` of one issue, one interval per sample (arrays of shape
    ``(...)``, the profile's leading axes; 0-d for a plain profile).

    ``status_quo`` is None when the issue has no binding rule: then the win set is the whole
    scale and nobody's consent is modelled.
    """

    issue: str
    status_quo: float | None
    low: FloatArray
    high: FloatArray

    @property
    def no_deal(self) -> NDArray[np.bool_]:
        """Where the win set holds only the status quo."""
        if self.status_quo is None:
            return np.zeros(np.shape(self.low), dtype=bool)
        return np.asarray(self.high - self.low <= _SLACK * max(1.0, abs(self.status_quo)))

    def project(self, values: Any) -> FloatArray:
        """The nearest point of the win set to each value (the status quo when no deal)."""
        y = np.asarray(values, dtype=np.float64)
        if self.status_quo is None:
            return y
        return np.asarray(np.where(self.no_deal, self.status_quo, np.clip(y, self.low, self.high)))

    def contains(self, values: Any) -> NDArray[np.bool_]:
        y = np.asarray(values, dtype=np.float64)
        width = _SLACK * max(1.0, abs(self.status_quo or 0.0))
        return np.asarray((y >= self.low - width) & (y <= self.high + width))

    def to_dict(self) -> dict[str, Any]:
        """For a plain (unbatched) win set."""
        return {
            "low": float(self.low),
            "high": float(self.high),
            "no_deal": bool(self.no_deal),
        }


def win_set(profile: Profile, rule: DecisionRule | None = None) -> WinSet:
    """The win set of the profile's issue under ``rule`` (default: the issue's own rule).

    Raises ValueError when the rule binds but the issue has no status quo, or a veto player
    has no position on the issue (the file checks in :mod:`accord.io` catch both earlier).
    """
    issue = profile.issue
    rule = issue.decision if rule is None else rule
    x = np.asarray(profile.positions, dtype=np.float64)
    shape = x.shape[:-1]
    if rule is None or not rule.binding:
        return WinSet(issue.id, None, np.full(shape, issue.low), np.full(shape, issue.high))
    q = issue.status_quo
    if q is None:
        raise ValueError(f"issue {issue.id!r}: a decision rule needs a status quo")
    up_reach = 2.0 * np.maximum(x - q, 0.0)
    down_reach = 2.0 * np.maximum(q - x, 0.0)
    up = np.full(shape, issue.high - q)
    down = np.full(shape, q - issue.low)
    index = {actor: k for k, actor in enumerate(profile.actors)}
    if rule.veto:
        missing = [a for a in rule.veto if a not in index]
        if missing:
            raise ValueError(f"issue {issue.id!r}: veto player {missing[0]!r} has no position")
        veto = np.zeros(len(profile.actors), dtype=bool)
        veto[[index[a] for a in rule.veto]] = True
        up = np.minimum(up, np.where(veto, up_reach, np.inf).min(axis=-1))
        down = np.minimum(down, np.where(veto, down_reach, np.inf).min(axis=-1))
    voters = _voters(profile, rule, index)
    if rule.rule == "unanimity" and voters.any():
        up = np.minimum(up, np.where(voters, up_reach, np.inf).min(axis=-1))
        down = np.minimum(down, np.where(voters, down_reach, np.inf).min(axis=-1))
    elif rule.rule in ("majority", "qualified"):
        for quota in rule.quotas:
            weights = np.where(voters, _weights(profile, quota), 0.0)
            up = np.minimum(up, _pivot_reach(up_reach, weights, quota))
            down = np.minimum(down, _pivot_reach(down_reach, weights, quota))
    low = np.maximum(q - down, issue.low)
    high = np.minimum(q + up, issue.high)
    return WinSet(issue.id, q, np.asarray(low), np.asarray(high))


def required_actors(profile: Profile, rule: DecisionRule | None = None) -> tuple[str, ...]:
    """The actors each of whom must accept (veto players, and every voter under unanimity)."""
    rule = profile.issue.decision if rule is None else rule
    if rule is None:
        return ()
    out = list(rule.veto)
    if rule.rule == "unanimity":
        index = {actor: k for k, actor in enumerate(profile.actors)}
        mask = _voters(profile, rule, index)
        out += [a for a, chosen in zip(profile.actors, mask, strict=True) if chosen]
    return tuple(dict.fromkeys(out))


def _voters(profile: Profile, rule: DecisionRule, index: dict[str, int]) -> NDArray[np.bool_]:
    """Who votes, among the profile's actors: voters without a position abstain."""
    if rule.voters is None:
        return np.ones(len(profile.actors), dtype=bool)
    mask = np.zeros(len(profile.actors), dtype=bool)
    mask[[index[a] for a in rule.voters if a in index]] = True
    return mask


def _weights(profile: Profile, quota: Quota) -> FloatArray:
    if quota.weight == "equal":
        return np.ones(len(profile.actors))
    if quota.weight == "capability":
        return np.asarray(profile.capabilities, dtype=np.float64)
    values = dict(quota.values)
    return np.array([values.get(actor, 0.0) for actor in profile.actors])


def _pivot_reach(reach: FloatArray, weights: FloatArray, quota: Quota) -> FloatArray:
    """The largest move that voters holding the quota's share of the weight all accept."""
    w = np.broadcast_to(weights, reach.shape)
    order = np.argsort(-reach, axis=-1, kind="stable")
    sorted_reach = np.take_along_axis(reach, order, axis=-1)
    cumulative = np.cumsum(np.take_along_axis(w, order, axis=-1), axis=-1)
    needed = quota.share * cumulative[..., -1:]
    if quota.strict:
        reached = cumulative > needed * (1.0 + _SLACK)
    else:
        reached = cumulative >= needed * (1.0 - _SLACK)
    first = np.argmax(reached, axis=-1)[..., None]
    pivot = np.take_along_axis(sorted_reach, first, axis=-1)[..., 0]
    return np.asarray(np.where(reached.any(axis=-1), pivot, 0.0))
