"""Logrolls - trades across issues that both sides gain from - and what a package takes.

Algorithm: logrolls
-------------------
Two parties ``X`` and ``Y`` who weigh two issues ``A`` and ``B`` differently can both gain by
trading: ``X`` gets its way on ``A`` (which matters more to it), ``Y`` on ``B`` (Raiffa 1982,
ch. 10-11; Sebenius 1992; Lax & Sebenius 1986 on "differences in priorities"). Precisely, for
every pair of parties and every ordered pair of distinct issues on which both parties have a
position with positive salience, starting from a reference package ``r``:

- a *trade* moves issue ``A`` from ``r_A`` to a value ``a`` that ``X`` prefers and ``Y`` likes
  less, and issue ``B`` from ``r_B`` to a value ``b`` that ``Y`` prefers and ``X`` likes less;
- it is a *logroll* when both parties' utilities rise: ``du_X > 0`` and ``du_Y > 0``, where
  ``du_i = u_i(a on A, b on B, r elsewhere) - u_i(r)`` (additive utilities, so only the two
  issues' terms change);
- the logroll reported for ``(X, Y, A, B)`` is the trade with the largest smaller gain
  ``min(du_X, du_Y)``, then the largest total gain, then the first in value order. The effect on
  every other party is reported with it: a trade between two parties can cost a third.

The reference package (``reference=``):

- ``"split"`` (default): on each issue, the issue-by-issue compromise between ``X`` and ``Y`` -
  the value with the highest smaller value ``min(v_X, v_Y)`` (ties: the larger ``v_X + v_Y``,
  then the lower value), i.e. the midpoint of their positions for distance utilities. Raiffa's
  point is exactly that splitting the difference issue by issue leaves joint gains unclaimed;
- or any package given as value indices, e.g. the Nash package: then a logroll shows a trade
  the two could still make, at the expense of someone else or of acceptability.

Results are sorted by the smaller gain, largest first. All party pairs are computed at once
with numpy; the loop runs over ordered pairs of issues.

Algorithm: what it takes
------------------------
For a package ``y`` (the analysis uses the Nash package), :func:`concessions` gives each party's
concession on each issue it has a position on: the distance ``|y_k - x_ik|`` on the issue's
scale and the utility it gives up there, ``s_ik (v_ik(x_ik) - v_ik(y_k)) / sum_k s_ik``.

Sources
-------
- Raiffa, H. (1982), *The Art and Science of Negotiation*, Harvard UP, chs. 10-11.
- Lax, D. A. & Sebenius, J. K. (1986), *The Manager as Negotiator*, Free Press, ch. 5.
- Sebenius, J. K. (1992), "Negotiation analysis: a characterization and review", *Management
  Science* 38(1): 18-38.
- Coleman, J. S. (1966), "The possibility of a social welfare function", *American Economic
  Review* 56(5): 1105-1122 (vote trading across issues of different intensity).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from accord.deals.utility import PackageUtilities, UtilityShape, stake_value
from accord.scenario import Scenario

__all__ = ["Concession", "Logroll", "LogrollReference", "concessions", "logrolls"]

LogrollReference = Literal["split"]

_GAIN = 1e-12


@dataclass(frozen=True)
class Logroll:
    """``parties[0]`` gets its way on ``issues[0]``, ``parties[1]`` on ``issues[1]``.

    ``moves`` are ``(issue, from, to)``; ``gain`` the two parties' utility gains; ``others`` the
    utility change of every other party.
    """

    parties: tuple[str, str]
    issues: tuple[str, str]
    moves: tuple[tuple[str, float, float], tuple[str, float, float]]
    gain: tuple[float, float]
    others: tuple[tuple[str, float], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "parties": list(self.parties),
            "issues": list(self.issues),
            "gain": dict(zip(self.parties, self.gain, strict=True)),
            "moves": {issue: {"from": a, "to": b} for issue, a, b in self.moves},
            "others": dict(self.others),
        }


@dataclass(frozen=True)
class Concession:
    """How far a package lies from a party's position on one issue, and what it costs it."""

    party: str
    issue: str
    position: float
    value: float
    distance: float
    utility_cost: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "position": self.position,
            "value": self.value,
            "distance": self.distance,
            "utility_cost": self.utility_cost,
        }


def _split_reference(
    terms: NDArray[np.int64],
    saliences: NDArray[np.float64],
    x: NDArray[np.intp],
    y: NDArray[np.intp],
) -> NDArray[np.intp]:
    """Per pair, the value index of the issue-by-issue compromise (see the module docstring)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        value = terms / np.where(saliences > 0, saliences, 1.0)  # (values, parties)
    vx, vy = value[:, x].T, value[:, y].T  # (pairs, values)
    low = np.minimum(vx, vy)
    total = vx + vy
    best = low.max(axis=1, keepdims=True)
    candidate = low >= best - _GAIN * np.abs(best).clip(1.0)
    key = np.where(candidate, total, -np.inf)
    return np.asarray(np.argmax(key, axis=1), dtype=np.intp)


def logrolls(
    utilities: PackageUtilities,
    *,
    reference: LogrollReference | ArrayLike = "split",
) -> tuple[Logroll, ...]:
    """Every pair of parties' best logroll on every pair of issues (see the module docstring)."""
    parties = utilities.parties
    n_parties = len(parties)
    if n_parties < 2 or len(utilities.terms) < 2:
        return ()
    pairs = np.asarray(list(itertools.combinations(range(n_parties), 2)), dtype=np.intp)
    x, y = pairs[:, 0], pairs[:, 1]
    n_pairs = len(pairs)
    rows = np.arange(n_pairs)
    space = utilities.space
    if isinstance(reference, str):
        if reference != "split":
            raise ValueError(f"reference must be 'split' or a package, got {reference!r}")
        start = [
            _split_reference(t, utilities.saliences[k], x, y) for k, t in enumerate(utilities.terms)
        ]
    else:
        package = np.asarray(reference, dtype=np.intp)
        start = [np.full(n_pairs, package[k], dtype=np.intp) for k in range(len(space.issues))]
    # change[k]: (pairs, values, parties) utility change from the reference on issue k
    change = [
        (t[None, :, :] - t[start[k]][:, None, :]) / utilities.scale
        for k, t in enumerate(utilities.terms)
    ]
    has = utilities.saliences > 0
    found: list[tuple[float, float, int, int, int, Logroll]] = []
    for a, b in itertools.permutations(range(len(space.issues)), 2):
        both = has[a, x] & has[a, y] & has[b, x] & has[b, y]
        if not both.any():
            continue
        xa, ya = change[a][rows, :, x], change[a][rows, :, y]  # (pairs, values of a)
        xb, yb = change[b][rows, :, x], change[b][rows, :, y]
        toward_x = (xa > _GAIN) & (ya < -_GAIN)
        toward_y = (yb > _GAIN) & (xb < -_GAIN)
        gain_x = xa[:, :, None] + xb[:, None, :]
        gain_y = ya[:, :, None] + yb[:, None, :]
        ok = (
            toward_x[:, :, None]
            & toward_y[:, None, :]
            & (gain_x > _GAIN)
            & (gain_y > _GAIN)
            & both[:, None, None]
        )
        if not ok.any():
            continue
        smaller = np.where(ok, np.minimum(gain_x, gain_y), -np.inf).reshape(n_pairs, -1)
        total = (gain_x + gain_y).reshape(n_pairs, -1)
        best = smaller.max(axis=1, keepdims=True)
        tied = np.isfinite(smaller) & (smaller >= best - _GAIN)
        pick = np.argmax(np.where(tied, total, -np.inf), axis=1)
        for p in np.flatnonzero(np.isfinite(best[:, 0])):
            i, j = divmod(int(pick[p]), change[b].shape[1])
            delta = change[a][p, i, :] + change[b][p, j, :]
            px, py = int(x[p]), int(y[p])
            roll = Logroll(
                parties=(parties[px], parties[py]),
                issues=(space.issues[a], space.issues[b]),
                moves=(
                    (
                        space.issues[a],
                        float(space.values[a][start[a][p]]),
                        float(space.values[a][i]),
                    ),
                    (
                        space.issues[b],
                        float(space.values[b][start[b][p]]),
                        float(space.values[b][j]),
                    ),
                ),
                gain=(float(delta[px]), float(delta[py])),
                others=tuple(
                    (parties[q], float(delta[q])) for q in range(n_parties) if q not in (px, py)
                ),
            )
            found.append((-min(roll.gain), -sum(roll.gain), int(p), a, b, roll))
    found.sort(key=lambda item: item[:5])
    return tuple(item[-1] for item in found)


def concessions(
    scenario: Scenario,
    utilities: PackageUtilities,
    package: ArrayLike,
    *,
    utility: UtilityShape = "linear",
) -> tuple[Concession, ...]:
    """Each party's concession on each issue it has a position on, for the package ``package``.

    ``package`` holds value indices, one per issue of ``utilities.space``.
    """
    index = np.asarray(package, dtype=np.intp)
    values = utilities.space.packages(index[None, :])[0]
    out = []
    for j, party in enumerate(utilities.parties):
        total = utilities.saliences[:, j].sum()
        for k, issue in enumerate(scenario.issues):
            stake = scenario.stake(party, issue.id)
            if stake is None:
                continue
            at_position, at_value = stake_value(
                stake, issue, [stake.position, values[k]], utility=utility
            )
            out.append(
                Concession(
                    party=party,
                    issue=issue.id,
                    position=stake.position,
                    value=float(values[k]),
                    distance=abs(float(values[k]) - stake.position),
                    utility_cost=float(stake.salience * (at_position - at_value) / total),
                )
            )
    return tuple(out)
