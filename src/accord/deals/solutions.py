"""Bargaining solutions over a finite set of candidate packages.

Every function takes the candidates' utilities ``(n, parties)`` and returns the index of the
chosen candidate, or None when the solution does not exist. The caller decides which packages
are candidates (the analysis passes the Pareto-optimal packages that every party accepts, in
outcome order - see :mod:`accord.deals.analysis`); gains are measured from a disagreement point
``d``. The conventions are explicit because the field's tools differ on them: NegMAS's
``kalai_points``, for one, is a max-min point of gains over the reserved values (what is called
egalitarian here), not the Kalai-Smorodinsky solution, and tools differ on whether gains are
measured from the reservation values or from zero.

Algorithm
---------
Each solution is a vectorised score over the candidates and an argmax with the tie rule:

- **Nash** (Nash 1950; asymmetric form: Kalai 1977b, Roth 1979):
  ``argmax sum_i w_i log(u_i - d_i)`` over the candidates with ``u_i > d_i`` for every party;
  None when no candidate gives every party strictly more than ``d`` (the bargaining problem is
  then degenerate and the solution is the disagreement point itself). Invariant under positive
  affine rescaling of any party's utility (rescale ``d`` alike).
- **Kalai-Smorodinsky** (Kalai & Smorodinsky 1975): with the ideal point
  ``a_i = max u_i`` over the candidates with ``u >= d``, ``argmax min_i (u_i - d_i) / (a_i - d_i)``
  over those candidates - the discrete counterpart of the point where the line from ``d`` to
  ``a`` meets the frontier. Parties with ``a_i = d_i`` can gain nothing and are left out of the
  minimum. Invariant under positive affine rescaling.
- **Egalitarian** (Kalai 1977a): ``argmax min_i (u_i - d_i) / s_i`` over the candidates with
  ``u >= d``: equal absolute gains. ``s_i = 1`` unless the caller normalises utilities (then
  ``s_i`` is the range of party ``i``'s utility). Not invariant to rescaling - which is why the
  normalisation is a named convention.
- **Utilitarian** (Harsanyi 1955): ``argmax sum_i u_i / s_i``, the largest total utility.

Ties
----
Objective values within ``1e-12`` (relative to the larger of 1 and the best value) tie. Among
tied candidates ``tie="welfare"`` takes the one with the largest sum of utilities, then the
first; ``tie="first"`` the first - the first by ``order`` when the caller ranks the candidates
(the analysis passes outcome order), else by position. With ``"welfare"`` a max-min solution
is never Pareto-dominated within the candidates (a dominating candidate would tie on the
minimum and have a larger sum).

Sources
-------
- Nash, J. F. (1950), "The bargaining problem", *Econometrica* 18(2): 155-162.
- Kalai, E. & Smorodinsky, M. (1975), "Other solutions to Nash's bargaining problem",
  *Econometrica* 43(3): 513-518.
- Kalai, E. (1977a), "Proportional solutions to bargaining situations: interpersonal utility
  comparisons", *Econometrica* 45(7): 1623-1630.
- Kalai, E. (1977b), "Nonsymmetric Nash solutions and replications of 2-person bargaining",
  *International Journal of Game Theory* 6(3): 129-133.
- Roth, A. E. (1979), *Axiomatic Models of Bargaining*, Springer (the asymmetric Nash solution).
- Harsanyi, J. C. (1955), "Cardinal welfare, individualistic ethics, and interpersonal
  comparisons of utility", *Journal of Political Economy* 63(4): 309-321.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from accord.deals.conventions import TieRule

__all__ = [
    "TieRule",
    "egalitarian_solution",
    "kalai_smorodinsky_solution",
    "nash_solution",
    "utilitarian_solution",
]


_TIE = 1e-12


def row_min(values: NDArray[np.float64]) -> NDArray[np.float64]:
    """The minimum of each row (column by column: fast for few, long columns)."""
    out = values[:, 0].copy()
    for j in range(1, values.shape[1]):
        np.minimum(out, values[:, j], out=out)
    return out


def row_all(mask: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """Whether every entry of each row is True (column by column)."""
    out = mask[:, 0].copy()
    for j in range(1, mask.shape[1]):
        out &= mask[:, j]
    return out


def _pick(
    objective: NDArray[np.float64],
    utilities: NDArray[np.float64],
    tie: TieRule,
    order: NDArray[np.int64] | None,
) -> int | None:
    """The index of the best finite objective value, ties broken by the tie rule."""
    if tie not in ("welfare", "first"):
        raise ValueError(f"tie must be 'welfare' or 'first', got {tie!r}")
    finite = np.isfinite(objective)
    if not finite.any():
        return None
    best = objective[finite].max()
    tied = np.flatnonzero(finite & (objective >= best - _TIE * max(1.0, abs(best))))
    if tie == "welfare" and len(tied) > 1:
        welfare = utilities[tied].sum(axis=1)
        tied = tied[welfare == welfare.max()]
    if len(tied) > 1 and order is not None:
        return int(tied[np.argmin(order[tied])])
    return int(tied[0])


def _order(order: ArrayLike | None, n: int) -> NDArray[np.int64] | None:
    if order is None:
        return None
    key = np.asarray(order, dtype=np.int64)
    if key.shape != (n,):
        raise ValueError(f"order must have one entry per candidate ({n}), got shape {key.shape}")
    return key


def _prepare(
    utilities: ArrayLike, disagreement: ArrayLike | None
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    u = np.asarray(utilities, dtype=np.float64)
    if u.ndim != 2:
        raise ValueError(f"utilities must be a 2-d array (candidates, parties), got {u.shape}")
    d = (
        np.zeros(u.shape[1])
        if disagreement is None
        else np.broadcast_to(np.asarray(disagreement, dtype=np.float64), (u.shape[1],))
    )
    return u, d


def nash_solution(
    utilities: ArrayLike,
    disagreement: ArrayLike | None = None,
    *,
    weights: ArrayLike | None = None,
    tie: TieRule = "welfare",
    order: ArrayLike | None = None,
) -> int | None:
    """The (asymmetric) Nash bargaining solution among the candidates, or None.

    ``weights`` are the bargaining weights ``w_i > 0`` (default: equal, the symmetric solution).
    ``order``, when given, ranks the candidates for the tie rule (default: their position).
    """
    u, d = _prepare(utilities, disagreement)
    w = np.ones(u.shape[1]) if weights is None else np.asarray(weights, dtype=np.float64)
    if np.any(w <= 0):
        raise ValueError("bargaining weights must be positive")
    gains = u - d
    with np.errstate(divide="ignore", invalid="ignore"):
        objective = np.where(row_all(gains > 0), np.log(gains) @ w, -np.inf)
    return _pick(objective, u, tie, _order(order, len(u)))


def kalai_smorodinsky_solution(
    utilities: ArrayLike,
    disagreement: ArrayLike | None = None,
    *,
    tie: TieRule = "welfare",
    order: ArrayLike | None = None,
) -> int | None:
    """The Kalai-Smorodinsky solution among the candidates, or None when none has ``u >= d``."""
    u, d = _prepare(utilities, disagreement)
    key = _order(order, len(u))
    rational = row_all(u >= d)
    if not rational.any():
        return None
    ideal = u[rational].max(axis=0)
    room = ideal - d
    counted = room > 0
    if not counted.any():
        return _pick(np.where(rational, 0.0, -np.inf), u, tie, key)
    share = (u[:, counted] - d[counted]) / room[counted]
    objective = np.where(rational, row_min(share), -np.inf)
    return _pick(objective, u, tie, key)


def egalitarian_solution(
    utilities: ArrayLike,
    disagreement: ArrayLike | None = None,
    *,
    scale: ArrayLike | None = None,
    tie: TieRule = "welfare",
    order: ArrayLike | None = None,
) -> int | None:
    """The egalitarian (max-min gain) solution, or None when no candidate has ``u >= d``."""
    u, d = _prepare(utilities, disagreement)
    s = np.ones(u.shape[1]) if scale is None else np.asarray(scale, dtype=np.float64)
    rational = row_all(u >= d)
    objective = np.where(rational, row_min((u - d) / s), -np.inf)
    return _pick(objective, u, tie, _order(order, len(u)))


def utilitarian_solution(
    utilities: ArrayLike,
    *,
    scale: ArrayLike | None = None,
    tie: TieRule = "welfare",
    order: ArrayLike | None = None,
) -> int | None:
    """The utilitarian (maximum total utility) solution among the candidates, or None if empty."""
    u, _ = _prepare(utilities, None)
    s = np.ones(u.shape[1]) if scale is None else np.asarray(scale, dtype=np.float64)
    return _pick((u / s) @ np.ones(u.shape[1]), u, tie, _order(order, len(u)))
