"""The SMP iteration on KTAB's [0, 1] scales, vectorised with numpy.

One call of :func:`run` takes the actors' positions and saliences (``(n, d)`` arrays on [0, 1]),
their capabilities (``(n,)``) and the options, and iterates KTAB's bargaining rounds until the
stopping rule holds. Every step over pairs (and triples) of actors is one array expression; the
only Python loops are over rounds and over each actor's queue of bargains (one small
probabilistic Condorcet election per actor, as KTAB does). The algorithm is described in the
package docstring (:mod:`accord.models.smp`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.models.smp._options import SMPOptions

__all__ = ["Round", "Trajectory", "run", "scalar_pce", "vote"]

FloatArray = NDArray[np.float64]

#: KTAB's constants (kmodel.cpp, smp.cpp, smpbcn.cpp).
_MIN_COALITION = 1e-8  # Model::coalitions
_MIN_COALITION_CHALLENGE = 1e-10  # SMPState::probEduChlg
_MIN_WEIGHT = 1e-6  # SMPActor::interpBrgnSnPm
_BINARY_TOLERANCE = 1e-8  # Model::vote, binary response
_MIN_GAIN = 1e-5  # SMPState::bestChallenge
_POSITION_TOLERANCE = 1e-3  # SMPModel::posTol
_MIN_SIGNIFICANT_DELTA = 1e-4  # smpStopFn
_PCE_TOLERANCE = 1e-8


@dataclass(frozen=True)
class Round:
    """One state of the run: positions (n, d), each actor's winning probability, the risk
    attitudes inferred in that state, and the challenges made from it (initiator -> target,
    -1 for none)."""

    positions: FloatArray
    probabilities: FloatArray
    risk: FloatArray
    targets: NDArray[np.int64]


@dataclass(frozen=True)
class Trajectory:
    """All states of a run, the first being the initial one."""

    rounds: tuple[Round, ...]

    @property
    def positions(self) -> FloatArray:
        """Shape (states, n, d)."""
        return np.stack([r.positions for r in self.rounds])

    @property
    def probabilities(self) -> FloatArray:
        """Shape (states, n)."""
        return np.stack([r.probabilities for r in self.rounds])


# ----------------------------------------------------------------------------------------
# KTAB's scalar building blocks, element-wise on arrays


def vote(rule: str, weight: FloatArray | float, du: FloatArray) -> FloatArray:
    """Model::vote: the vote of an actor of weight ``weight`` for an option it values ``du``
    more than the other."""
    du = np.asarray(du, dtype=np.float64)
    if rule == "Prop":
        return weight * du
    binary = np.clip(du / _BINARY_TOLERANCE, -1.0, 1.0)
    if rule == "Binary":
        return weight * binary
    if rule == "PropBin":
        return weight * (0.8 * du + 0.2 * binary)
    cubic = du * du * du
    if rule == "PropCbc":
        return weight * (0.5 * du + 0.5 * cubic)
    if rule == "Cubic":
        return weight * cubic
    if rule == "ASymProsp":
        return np.where(du > 0.0, (2.0 * weight * du) / 3.0, np.where(du < 0.0, weight * du, 0.0))
    raise ValueError(f"unknown voting rule {rule!r}")


def _vote_in_place(rule: str, weight: FloatArray, du: FloatArray) -> FloatArray:
    """:func:`vote`, overwriting ``du`` when the rule allows (large arrays)."""
    if rule == "Prop":
        du *= weight
        return du
    return vote(rule, weight, du)


def victory_probability(model: str, s1: FloatArray, s2: FloatArray) -> FloatArray:
    """Model::vProb: the probability that strength ``s1`` defeats strength ``s2``."""
    if model == "Linear":
        x1, x2 = s1, s2
    elif model == "Square":
        x1, x2 = s1 * s1, s2 * s2
    elif model == "Quartic":
        x1, x2 = (s1 * s1) ** 2, (s2 * s2) ** 2
    elif model == "Octic":
        x1, x2 = ((s1 * s1) ** 2) ** 2, ((s2 * s2) ** 2) ** 2
    elif model == "Binary":
        thresh = 1.10
        r12 = s1 / (s1 + s2)
        p12 = (r12 * (thresh + 1.0) - 1.0) / (thresh - 1.0)
        x1 = np.where(s1 >= thresh * s2, 1.0, np.where(s2 >= thresh * s1, 1e-6, p12))
        x2 = np.where(s1 >= thresh * s2, 1e-6, np.where(s2 >= thresh * s1, 1.0, 1.0 - p12))
    else:
        raise ValueError(f"unknown victory probability model {model!r}")
    return np.asarray(x1 / (x1 + x2), dtype=np.float64)


def coalitions(rule: str, weights: FloatArray, utilities: FloatArray) -> FloatArray:
    """Model::coalitions: ``c[..., i, j]``, the strength of the coalition for option i against
    j, from ``utilities[..., k, i]`` (actor k's utility of option i) and the actors'
    ``weights[k]``; leading axes are independent problems."""
    du = utilities[..., :, :, None] - utilities[..., :, None, :]
    votes = _vote_in_place(rule, weights[..., :, None, None], du)
    c = np.maximum(votes, 0.0, out=votes).sum(axis=-3)
    c += _MIN_COALITION
    n = c.shape[-1]
    c[..., np.arange(n), np.arange(n)] = _MIN_COALITION
    return np.asarray(c, dtype=np.float64)


def pce(pce_model: str, vp_model: str, c: FloatArray) -> FloatArray:
    """Model::probCE2: the probability of each option from the coalition strengths
    ``c[..., i, j]`` (leading axes: independent problems, each iterated as KTAB does)."""
    n = c.shape[-1]
    diag = (..., np.arange(n), np.arange(n))
    victory = victory_probability(vp_model, c, np.swapaxes(c, -1, -2))
    victory[diag] = 0.5
    if pce_model == "Conditional":
        p = np.prod(victory, axis=-1)
        return np.asarray(p / p.sum(axis=-1, keepdims=True), dtype=np.float64)
    p = np.full(c.shape[:-1], 1.0 / n)
    if pce_model == "MarkovUniform":

        def step(p: FloatArray) -> FloatArray:
            return np.asarray((victory * (p[..., :, None] + p[..., None, :])).sum(axis=-1) / n)

        tol = 1e-6
    elif pce_model == "MarkovIncentive":
        incentive = c * victory
        incentive[diag] += 1e-10
        challenge = incentive / incentive.sum(axis=-2, keepdims=True)  # P[i -> j]

        def step(p: FloatArray) -> FloatArray:
            ct = p[..., :, None] * np.swapaxes(challenge, -1, -2)  # p_i P[j -> i]
            return np.asarray((victory * (ct + np.swapaxes(ct, -1, -2))).sum(axis=-1))

        tol = _PCE_TOLERANCE
    else:
        raise ValueError(f"unknown PCE model {pce_model!r}")
    # KTAB's damped fixed-point sweep, p <- (p + q)/2 until no entry changes by more than the
    # tolerance; each problem stops at its own sweep, as it would alone.
    active = np.ones(c.shape[:-2], dtype=bool)
    while active.any():
        q = step(p)
        change = np.max(np.abs(q - p), axis=-1, initial=0.0)
        new = (p + q) / 2.0
        p = np.where(active[..., None], new, p)
        active &= change > tol
    return np.asarray(p, dtype=np.float64)


def scalar_pce(
    weights: FloatArray, utilities: FloatArray, rule: str, vp_model: str, pce_model: str
) -> FloatArray:
    """Model::scalarPCE: option probabilities from actors' utilities of the options."""
    return pce(pce_model, vp_model, coalitions(rule, weights, utilities))


def big_r(p: FloatArray, big_r_range: str) -> FloatArray:
    """Model::bigRfromProb: risk attitudes from the probabilities of the actors' positions
    (along the last axis; 0 for everyone when all probabilities are equal)."""
    lo = p.min(axis=-1, keepdims=True)
    hi = p.max(axis=-1, keepdims=True)
    span = hi - lo
    safe = np.where(span > 0.0, span, 1.0)
    if big_r_range == "Min":
        r = (p - lo) / safe
    elif big_r_range == "Mid":
        r = (3 * p - (hi + 2 * lo)) / (2 * safe)
    else:
        r = (2 * p - (hi + lo)) / safe
    return np.asarray(np.where(span > 0.0, r, 0.0), dtype=np.float64)


def estimated_risk(rh: FloatArray, ri: FloatArray, adjust: str) -> FloatArray:
    """Model::estNRA: h's estimate of i's risk attitude (broadcasting rh against ri)."""
    if adjust == "Full":
        return ri + 0.0 * rh
    if adjust == "TwoThirds":
        return (rh + 2.0 * ri) / 3.0
    if adjust == "Half":
        return (rh + ri) / 2
    if adjust == "OneThird":
        return (2.0 * rh + ri) / 3.0
    return rh + 0.0 * ri


def utility(d: FloatArray, r: FloatArray) -> FloatArray:
    """SMPModel::bsUtil: utility of a salience-weighted distance ``d`` with risk attitude r
    (beyond 1, which round-off can give, ``(1 - d)(1 + r)``)."""
    out = np.multiply(d, r)
    out += 1.0
    out *= 1.0 - d
    far = d > 1.0
    if far.any():
        out = np.where(far, (1.0 - d) * (1.0 + r), out)
    return np.asarray(out, dtype=np.float64)


def distance(ideals: FloatArray, saliences: FloatArray, positions: FloatArray) -> FloatArray:
    """SMPModel::bvDiff for every pair: ``d[i, j]`` from i's ideal to position j, weighted by
    i's saliences. ``positions`` may have extra leading axes before its ``(m, d)`` ones."""
    diff = (ideals[:, None, :] - positions[..., None, :, :]) * saliences[:, None, :]
    return np.asarray(
        np.sqrt((diff * diff).sum(axis=-1) / (saliences * saliences).sum(axis=1)[:, None]),
        dtype=np.float64,
    )


def _round4(x: FloatArray) -> FloatArray:
    return np.floor(0.5 + x * 10000.0) / 10000.0


# ----------------------------------------------------------------------------------------
# One round


@dataclass(frozen=True)
class _Bargain:
    initiator: int
    receiver: int
    init_position: FloatArray
    rcvr_position: FloatArray


def _interpolate(
    rule: str, pos_i: FloatArray, sal_i: FloatArray, p_i: float,
    pos_j: FloatArray, sal_j: FloatArray, p_j: float,
) -> tuple[FloatArray, FloatArray]:  # fmt: skip
    """SMPActor::interpolateBrgn: the positions i and j adopt, dimension by dimension."""
    return _interpolate_arrays(rule, pos_i, sal_i, p_i, pos_j, sal_j, p_j)


def _interpolate_arrays(
    rule: str, pos_i: FloatArray, sal_i: FloatArray, p_i: FloatArray | float,
    pos_j: FloatArray, sal_j: FloatArray, p_j: FloatArray | float,
) -> tuple[FloatArray, FloatArray]:  # fmt: skip
    """:func:`_interpolate` element-wise on arrays (probabilities broadcast over dimensions)."""
    if rule == "S2PMax":
        di = np.maximum(np.subtract(p_j, p_i), 0.0)
        dj = np.maximum(np.subtract(p_i, p_j), 0.0)
        si2, sj2 = sal_i * sal_i, sal_j * sal_j
        dik = (di * sj2) / ((di * sj2) + _MIN_WEIGHT + ((1 - di) * si2))
        djk = (dj * si2) / ((dj * si2) + _MIN_WEIGHT + ((1 - dj) * sj2))
        return pos_i + dik * (pos_j - pos_i), pos_j + djk * (pos_i - pos_j)
    power = 1 if rule == "S1P1" else 2
    wi = sal_i**power * p_i**power
    wj = sal_j**power * p_j**power
    total = wi + _MIN_WEIGHT + wj
    bi = _round4(((wi + _MIN_WEIGHT) * pos_i + wj * pos_j) / total)
    bj = _round4((wi * pos_i + (_MIN_WEIGHT + wj) * pos_j) / total)
    return bi, bj


class _State:
    """One state's positions, ideals and the utilities every actor estimates from it."""

    def __init__(
        self, positions: FloatArray, ideals: FloatArray, sal: FloatArray, cap: FloatArray,
        opts: SMPOptions,
    ) -> None:  # fmt: skip
        self.positions = positions
        self.ideals = ideals
        self.sal = sal
        self.cap = cap
        self.opts = opts
        n = len(cap)
        self.d = distance(ideals, sal, positions)  # (n, n)
        neutral = utility(self.d, np.zeros((n, 1)))
        p = scalar_pce(cap, neutral, opts.voting_rule, opts.victory_prob_model, opts.pce_model)
        self.risk = big_r(p, opts.big_r_range)
        # u[h, i, j]: h's estimate of i's utility of j's position
        r_hi = estimated_risk(self.risk[:, None], self.risk[None, :], opts.big_r_adjust)
        self.u = utility(self.d[None, :, :], r_hi[:, :, None])

    def probabilities(self) -> FloatArray:
        """SMPState::pDist(-1): each actor's position's probability, actors at one position
        sharing it."""
        n = len(self.cap)
        own = self.u[np.arange(n), np.arange(n), :]  # own[i, j] = u[i][i, j]
        unique, index = _unique_positions(self.positions)
        p = scalar_pce(
            self.cap,
            own[:, unique],
            self.opts.voting_rule,
            self.opts.victory_prob_model,
            self.opts.pce_model,
        )
        return np.asarray(p[index], dtype=np.float64)

    def challenges(self) -> tuple[FloatArray, FloatArray]:
        """For h = k = i: ``prob[i, j]``, i's estimate that i beats j, and ``gain[i, j]``, i's
        expected gain from challenging j (SMPState::probEduChlg)."""
        n = len(self.cap)
        idx = np.arange(n)
        u = self.u  # u[h, a, b]
        weight = self.sal.sum(axis=1) * self.cap
        rule = self.opts.voting_rule
        u_hh = u[idx, idx, idx]  # u[i][i, i]
        u_ij = u[idx, idx, :]  # u[i][i, j] -> [i, j]
        u_ji = u[idx, :, idx]  # u[i][j, i] -> [i, j]
        u_jj = u[:, idx, idx]  # u[i][j, j] -> [i, j]
        contrib_i = vote(rule, weight[:, None], u_hh[:, None] - u_ij)
        contrib_j = vote(rule, weight[None, :], u_ji - u_jj)
        ch_ij = _MIN_COALITION_CHALLENGE + np.maximum(contrib_i, 0.0) + np.maximum(contrib_j, 0.0)
        ch_ji = _MIN_COALITION_CHALLENGE + np.maximum(-contrib_i, 0.0) + np.maximum(-contrib_j, 0.0)
        # Third parties m, arrays laid out [i, m, j] (u[i][m, j] is u itself): each estimates
        # the little contest of i, j and itself, then votes on the outcomes' utilities.
        u_mi = u[idx, :, idx][:, :, None]  # u[i][m, i]
        u_mm = np.diagonal(u, axis1=1, axis2=2)[:, :, None]  # u[i][m, m]
        w_m = weight[None, :, None]
        # in place, as these are n^3 arrays: a = v_m, then p_in; b, c scratch
        a = _vote_in_place(rule, w_m, np.subtract(u_mi, u))
        b = np.abs(a)
        b += ch_ij[:, None, :]
        b += ch_ji[:, None, :]
        np.maximum(a, 0.0, out=a)
        a += ch_ij[:, None, :]
        a /= b  # p_in: h's estimate that i (joined by m if m prefers i) beats j
        commit = self.opts.third_party_commit
        if commit == "SemiCommit":
            # (p (2u_mi + u_mm) + (1-p) 3u_mj) - (p 3u_mi + (1-p) (2u_mj + u_mm)), simplified
            c = np.subtract(u, u_mm)
            np.subtract(1.0, a, out=b)
            c *= b
            np.multiply(a, u_mm - u_mi, out=b)
            c += b
            v_tp = _vote_in_place(rule, w_m, c)
            v_tp[idx, idx, :] = 0.0  # m == i
            v_tp[:, idx, idx] = 0.0  # m == j
            gained = np.maximum(v_tp, 0.0, out=b).sum(axis=1)
            ch_ij = ch_ij + gained
            ch_ji = ch_ji + (gained - v_tp.sum(axis=1))
        # With FullCommit or NoCommit, KTAB's third party values both sides of the little
        # contest alike (kmodel.cpp, thirdPartyVoteSU), so its vote is exactly 0.
        prob = ch_ij / (ch_ij + ch_ji)
        prob_ji = ch_ji / (ch_ij + ch_ji)
        s_j = self.sal.sum(axis=1)[None, :]
        eu_sq = u_hh[:, None] + u_ij
        eu_vict = 2 * u_hh[:, None]
        eu_contest = prob * eu_vict + prob_ji * (2 * u_ij)
        gain = (1 - s_j) * eu_vict + s_j * eu_contest - eu_sq
        return prob, gain

    def estimate(self, h: int, k: int, i: int, j: int) -> tuple[float, float]:
        """SMPState::probEduChlg for one (h, k, i, j): h's estimate of the probability that i
        beats j and of k's expected gain (needed for the receiver's view of a bargain)."""
        u = self.u[h]
        n = len(self.cap)
        weight = self.sal.sum(axis=1) * self.cap
        rule = self.opts.voting_rule
        ci = float(vote(rule, weight[i], u[i, i] - u[i, j]))
        cj = float(vote(rule, weight[j], u[j, i] - u[j, j]))
        ch_ij = _MIN_COALITION_CHALLENGE + max(ci, 0.0) + max(cj, 0.0)
        ch_ji = _MIN_COALITION_CHALLENGE + max(-ci, 0.0) + max(-cj, 0.0)
        m = np.array([x for x in range(n) if x not in (i, j)], dtype=np.int64)
        u_mi, u_mj, u_mm = u[m, i], u[m, j], u[m, m]
        v_m = vote(rule, weight[m], u_mi - u_mj)
        c_mi = ch_ij + np.maximum(v_m, 0.0)
        c_mj = ch_ji + np.maximum(-v_m, 0.0)
        p_in = c_mi / (c_mi + c_mj)
        p_jn = 1.0 - p_in
        commit = self.opts.third_party_commit
        if commit == "FullCommit":
            a, b, c, d = 3 * u_mi, 3 * u_mj, 3 * u_mi, 3 * u_mj
        elif commit == "SemiCommit":
            a, b, c, d = 2 * u_mi + u_mm, 3 * u_mj, 3 * u_mi, 2 * u_mj + u_mm
        else:
            a, b = 2 * u_mi + u_mm, 2 * u_mj + u_mm
            c, d = a, b
        v_tp = vote(rule, weight[m], (p_in * a + p_jn * b) - (p_in * c + p_jn * d))
        ch_ij += float(np.maximum(v_tp, 0.0).sum())
        ch_ji += float(np.maximum(-v_tp, 0.0).sum())
        prob = ch_ij / (ch_ij + ch_ji)
        s_j = float(self.sal[j].sum())
        eu_vict = 2 * u[k, i]
        eu_contest = prob * eu_vict + (ch_ji / (ch_ij + ch_ji)) * 2 * u[k, j]
        gain = (1 - s_j) * eu_vict + s_j * eu_contest - (u[k, i] + u[k, j])
        return prob, float(gain)


def _unique_positions(positions: FloatArray) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """KTAB's setUENdx: the first actor of each group of equivalent positions (closer than
    posTol), and for each actor the index (into that list) of its group."""
    n = len(positions)
    gap = np.sqrt(((positions[:, None, :] - positions[None, :, :]) ** 2).sum(axis=-1))
    unique: list[int] = []
    index = np.zeros(n, dtype=np.int64)
    for i in range(n):
        for slot, u in enumerate(unique):
            if gap[i, u] < _POSITION_TOLERANCE:
                index[i] = slot
                break
        else:
            index[i] = len(unique)
            unique.append(i)
    return np.asarray(unique, dtype=np.int64), index


Chooser = Callable[[FloatArray], int]


def _step(
    state: _State,
    choose: Chooser,
    queues: Sequence[Sequence[int]] | None = None,
    order: Sequence[int] | None = None,
) -> tuple[FloatArray, NDArray[np.int64]]:
    """SMPState::doBCN: every actor's best challenge, the bargains, and their resolution.
    ``queues[k]``, if given, orders actor k's queue (see :func:`run`); by default the status
    quo comes first, then the bargains by initiator; ``order`` is the order in which the
    actors' queues are resolved (and draw random numbers). Returns the new positions and each
    actor's target (-1: none)."""
    opts = state.opts
    n = len(state.cap)
    pos, sal = state.positions, state.sal
    prob, gain = state.challenges()
    masked = np.where(np.eye(n, dtype=bool), -np.inf, gain)
    best = np.argmax(masked, axis=1)
    best_gain = masked[np.arange(n), best]
    targets = np.where(best_gain > _MIN_GAIN, best, -1).astype(np.int64)
    bargains: list[_Bargain] = []
    for i in range(n):
        j = int(targets[i])
        if j < 0:
            continue
        p_i = float(prob[i, j])
        b_init = _interpolate(opts.inter_vec_brgn, pos[i], sal[i], p_i, pos[j], sal[j], 1 - p_i)
        if opts.bargn_model == "InitOnlyInterp":
            bargains.append(_Bargain(i, j, *b_init))
            continue
        # KTAB passes j's estimate of i's expected *gain* as the probability here
        # (smpbcn.cpp: pjiJ = get<1>(probEduChlg(j, i, i, j))); the logs show it.
        p_ji = state.estimate(j, i, i, j)[1]
        b_rcvr = _interpolate(opts.inter_vec_brgn, pos[i], sal[i], p_ji, pos[j], sal[j], 1 - p_ji)
        if opts.bargn_model == "InitRcvrInterp":
            bargains.append(_Bargain(i, j, *b_init))
            bargains.append(_Bargain(i, j, *b_rcvr))
        else:
            wi = state.cap[i] * sal[i].sum()
            wj = state.cap[i] * sal[j].sum()  # KTAB takes the initiator's capability twice
            bi = (wi * b_init[0] + wj * b_rcvr[0]) / (wi + wj)
            bj = (wi * b_init[1] + wj * b_rcvr[1]) / (wi + wj)
            bargains.append(_Bargain(i, j, bi, bj))
    new = pos.copy()
    if not bargains:
        for _ in range(n):
            choose(np.ones(1))  # KTAB draws for every actor's queue, even a lone status quo
        return new, targets
    # Utility to each actor a of the state after each bargain: the mean over positions of a's
    # utility, with the two principals' positions replaced (brgnUtil in smpbcn.cpp).
    idx = np.arange(n)
    own = state.u[idx, idx, :]  # own[a, m] = u[a][a, m]
    total = own.sum(axis=1)
    init = np.array([b.initiator for b in bargains])
    rcvr = np.array([b.receiver for b in bargains])
    proposed = np.stack(
        [
            np.stack([b.init_position for b in bargains]),
            np.stack([b.rcvr_position for b in bargains]),
        ]
    )  # (2, B, d)
    d_new = distance(state.ideals, sal, proposed)  # (2, n, B): from a's ideal
    u_new = utility(d_new, state.risk[None, :, None])
    u_bargain = (total[:, None] - own[:, init] - own[:, rcvr] + u_new[0] + u_new[1]) / n
    u_sq = total / n
    # Every actor's queue (status quo first unless replayed), then one batched election per
    # queue length, then the choices in the resolution order (which draws come in).
    entries: dict[int, list[int]] = {}
    for k in range(n):
        mine = [m for m, b in enumerate(bargains) if b.initiator == k or b.receiver == k]
        entries[k] = [-1, *mine] if queues is None else _replayed(queues[k], mine, bargains)
    columns = np.column_stack([u_bargain, u_sq])  # index -1: the status quo
    probabilities: dict[int, FloatArray] = {}
    for size in sorted({len(e) for e in entries.values() if len(e) > 1}):
        group = [k for k in range(n) if len(entries[k]) == size]
        picks = np.array([entries[k] for k in group])  # (G, size)
        options = np.moveaxis(columns[:, picks], 0, 1)  # (G, voters, size)
        p = pce(
            opts.pce_model,
            opts.victory_prob_model,
            coalitions(opts.voting_rule, state.cap, options),
        )
        probabilities.update(zip(group, p, strict=True))
    for k in range(n) if order is None else order:
        if k not in probabilities:
            choose(np.ones(1))  # KTAB draws for every actor's queue, even a lone status quo
            continue
        m = entries[k][choose(probabilities[k])]
        if m >= 0:
            b = bargains[m]
            new[k] = b.init_position if b.initiator == k else b.rcvr_position
    return new, targets


def _replayed(queue: Sequence[int], mine: list[int], bargains: list[_Bargain]) -> list[int]:
    """The bargains of one actor's queue in a given order: ``queue`` lists initiators (-1 for
    the status quo), as KTAB's log shows them."""
    left = list(mine)
    out: list[int] = []
    for initiator in queue:
        if initiator < 0:
            out.append(-1)
            continue
        m = next((m for m in left if bargains[m].initiator == initiator), None)
        if m is None:
            raise ValueError(f"no bargain initiated by actor {initiator} in this queue")
        left.remove(m)
        out.append(m)
    if left or -1 not in out:
        raise ValueError("the replayed queue does not hold this actor's bargains")
    return out


def _state_distance(a: FloatArray, b: FloatArray) -> float:
    return float(np.sqrt(((a - b) ** 2).sum(axis=1)).sum())


def run(
    positions: FloatArray,
    saliences: FloatArray,
    capabilities: FloatArray,
    options: SMPOptions,
    *,
    accommodation: FloatArray | None = None,
    choose: Chooser | None = None,
    queues: Callable[[int], Sequence[Sequence[int]]] | None = None,
    order: Callable[[int], Sequence[int]] | None = None,
) -> Trajectory:
    """Iterate KTAB's SMP from the given state until its stopping rule holds.

    ``choose`` picks a bargain from each actor's queue given the probabilities; the default is
    KTAB's deterministic rule (the first most probable). Stochastic runs pass a chooser that
    draws from the probabilities with the model's random stream. ``queues(t)`` may give, for
    round t (from 1) and each actor, the order of its queue as the initiators of its bargains
    (-1 for keeping its position), to replay a KTAB log: KTAB's threads decide that order
    (see the package docstring). By default the status quo comes first, then the bargains by
    initiator. ``order(t)`` may likewise give the order in which the actors' queues are
    resolved in round t (KTAB resolves them in parallel threads too; by default in the actors'
    order), which decides which random number each queue draws.
    """
    positions = np.asarray(positions, dtype=np.float64)
    sal = np.asarray(saliences, dtype=np.float64)
    cap = np.asarray(capabilities, dtype=np.float64)
    pick: Chooser = choose if choose is not None else (lambda p: int(np.argmax(p)))
    ideals = positions.copy()
    state = _State(positions, ideals, sal, cap, options)
    history: list[_State] = [state]
    rounds: list[Round] = []
    iteration = 0
    while True:
        iteration += 1
        new_positions, targets = _step(
            state,
            pick,
            None if queues is None else queues(iteration),
            None if order is None else order(iteration),
        )
        rounds.append(Round(state.positions, state.probabilities(), state.risk, targets))
        if accommodation is not None:
            share = np.minimum(accommodation.sum(axis=1), 1.0)
            ideals = accommodation @ new_positions + (1.0 - share)[:, None] * state.ideals
        else:
            ideals = new_positions
        state = _State(new_positions, ideals, sal, cap, options)
        history.append(state)
        first = _state_distance(history[0].positions, history[1].positions) + _MIN_SIGNIFICANT_DELTA
        last = _state_distance(history[-1].positions, history[-2].positions)
        if iteration >= options.max_iterations or (
            iteration >= options.min_iterations and last / first < options.stop_ratio
        ):
            break
    rounds.append(Round(state.positions, state.probabilities(), state.risk, np.full(len(cap), -1)))
    return Trajectory(tuple(rounds))
