"""The SMP iteration for many independent problems at once (Monte Carlo samples).

The same rounds as :mod:`accord.models.smp._engine`, with a leading sample axis on every array,
for KTAB's deterministic transitions with the Conditional PCE and initiator-only bargains (the
defaults); other options run sample by sample. Only the final positions are kept. Each actor's
queue is the status quo plus the bargains it is part of, in initiator order, as in the engine;
the options' utilities do not depend on whose queue they are in, so one coalition matrix per
sample serves every queue, each queue's election multiplying the victory probabilities over its
own options only. Samples stop at their own round, as they would alone.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from accord.models.smp._engine import (
    _MIN_COALITION_CHALLENGE,
    _MIN_GAIN,
    _MIN_SIGNIFICANT_DELTA,
    _interpolate_arrays,
    _vote_in_place,
    big_r,
    coalitions,
    estimated_risk,
    pce,
    utility,
    vote,
)
from accord.models.smp._options import SMPOptions

__all__ = ["batchable", "run_batch"]

FloatArray = NDArray[np.float64]


def batchable(options: SMPOptions) -> bool:
    """Whether :func:`run_batch` handles these options."""
    return (
        options.state_transitions == "Deterministic"
        and options.pce_model == "Conditional"
        and options.bargn_model == "InitOnlyInterp"
    )


def _distance(ideals: FloatArray, sal: FloatArray, positions: FloatArray) -> FloatArray:
    """d[s, i, j] from i's ideal to j's position with i's saliences."""
    diff = (ideals[:, :, None, :] - positions[:, None, :, :]) * sal[:, :, None, :]
    norm = (sal * sal).sum(axis=-1)[:, :, None]
    return np.asarray(np.sqrt((diff * diff).sum(axis=-1) / norm), dtype=np.float64)


def _round(
    pos: FloatArray, ideals: FloatArray, sal: FloatArray, cap: FloatArray, opts: SMPOptions
) -> FloatArray:
    """One round for every sample: the new positions (S, n, d)."""
    samples, n, _ = pos.shape
    idx = np.arange(n)
    rule = opts.voting_rule
    d = _distance(ideals, sal, pos)
    neutral = utility(d, np.zeros((1, 1, 1)))
    p = pce(opts.pce_model, opts.victory_prob_model, coalitions(rule, cap, neutral))
    risk = big_r(p, opts.big_r_range)  # (S, n)
    r_hi = estimated_risk(risk[:, :, None], risk[:, None, :], opts.big_r_adjust)  # (S, h, i)
    u = utility(d[:, None, :, :], r_hi[:, :, :, None])  # u[s, h, i, j]
    # challenges, h = k = i (see _State.challenges)
    weight = sal.sum(axis=-1) * cap  # (S, n)
    u_hh = u[:, idx, idx, idx]  # (S, i)
    u_ij = np.swapaxes(np.diagonal(u, axis1=1, axis2=2), 1, 2)  # u[s, i, i, j]
    u_ji = np.swapaxes(np.diagonal(u, axis1=1, axis2=3), 1, 2)  # u[s, i, j, i]
    u_jj = np.diagonal(u, axis1=2, axis2=3)  # u[s, i, j, j]
    contrib_i = vote(rule, weight[:, :, None], u_hh[:, :, None] - u_ij)
    contrib_j = vote(rule, weight[:, None, :], u_ji - u_jj)
    ch_ij = _MIN_COALITION_CHALLENGE + np.maximum(contrib_i, 0.0) + np.maximum(contrib_j, 0.0)
    ch_ji = _MIN_COALITION_CHALLENGE + np.maximum(-contrib_i, 0.0) + np.maximum(-contrib_j, 0.0)
    u_mi = np.swapaxes(np.diagonal(u, axis1=1, axis2=3), 1, 2)[..., None]  # u[s, i, m, i]
    u_mm = np.diagonal(u, axis1=2, axis2=3)[..., None]  # u[s, i, m, m]
    w_m = weight[:, None, :, None]
    a = _vote_in_place(rule, w_m, np.subtract(u_mi, u))
    b = np.abs(a)
    b += ch_ij[:, :, None, :]
    b += ch_ji[:, :, None, :]
    np.maximum(a, 0.0, out=a)
    a += ch_ij[:, :, None, :]
    a /= b
    if opts.third_party_commit == "SemiCommit":
        c = np.subtract(u, u_mm)
        np.subtract(1.0, a, out=b)
        c *= b
        np.multiply(a, u_mm - u_mi, out=b)
        c += b
        v_tp = _vote_in_place(rule, w_m, c)
        v_tp[:, idx, idx, :] = 0.0
        v_tp[:, :, idx, idx] = 0.0
        gained = np.maximum(v_tp, 0.0, out=b).sum(axis=2)
        ch_ij = ch_ij + gained
        ch_ji = ch_ji + (gained - v_tp.sum(axis=2))
    prob = ch_ij / (ch_ij + ch_ji)
    prob_ji = ch_ji / (ch_ij + ch_ji)
    s_j = sal.sum(axis=-1)[:, None, :]
    eu_vict = 2 * u_hh[:, :, None]
    gain = (1 - s_j) * eu_vict + s_j * (prob * eu_vict + prob_ji * (2 * u_ij))
    gain -= u_hh[:, :, None] + u_ij
    gain[:, idx, idx] = -np.inf
    target = np.argmax(gain, axis=-1)  # (S, i)
    rows = np.arange(samples)[:, None]
    has = gain[rows, idx[None, :], target] > _MIN_GAIN
    # bargains: initiator i with target j, both adopt interpolated positions
    p_i = prob[rows, idx[None, :], target]  # (S, i)
    pos_j = pos[rows, target]  # (S, i, d)
    sal_j = sal[rows, target]
    b_init, b_rcvr = _interpolate_arrays(
        opts.inter_vec_brgn, pos, sal, p_i[..., None], pos_j, sal_j, 1 - p_i[..., None]
    )
    # utility to voter a of the state after bargain i (brgnUtil), from a's ideal
    own = u[:, idx, idx, :]  # (S, a, m) = u[s, a, a, m]
    total = own.sum(axis=-1)  # (S, a)
    u_new_i = utility(_distance(ideals, sal, b_init), risk[:, :, None])  # (S, a, i)
    u_new_j = utility(_distance(ideals, sal, b_rcvr), risk[:, :, None])
    own_init = own  # own[s, a, i]
    own_rcvr = np.take_along_axis(own, np.broadcast_to(target[:, None, :], own.shape), axis=-1)
    u_bargain = (total[:, :, None] - own_init - own_rcvr + u_new_i + u_new_j) / n
    options = np.concatenate([(total / n)[:, :, None], u_bargain], axis=-1)  # (S, a, 1 + n)
    c = coalitions(rule, cap, options)  # (S, 1 + n, 1 + n)
    victory = pce_victory(opts.victory_prob_model, c)
    # which options are in actor k's queue: its status quo, its own bargain, those aimed at it
    valid = np.zeros((samples, n, 1 + n), dtype=bool)  # [s, k, option]
    valid[:, :, 0] = True
    valid[:, idx, 1 + idx] = has
    aimed = has[:, None, :] & (target[:, None, :] == idx[None, :, None])  # [s, k, i]
    valid[:, :, 1:] |= aimed
    factors = np.where(valid[:, :, None, :], victory[:, None, :, :], 1.0)  # (S, k, o, o')
    weights = np.where(valid, np.prod(factors, axis=-1), 0.0)
    weights = weights / weights.sum(axis=-1, keepdims=True)
    best = np.argmax(weights, axis=-1)  # (S, k): the first most probable option
    new = pos.copy()
    chosen = best > 0
    initiator = np.maximum(best - 1, 0)
    own_bargain = initiator == idx[None, :]
    adopted = np.where(
        own_bargain[..., None],
        b_init[rows, initiator],
        b_rcvr[rows, initiator],
    )
    new[chosen] = adopted[chosen]
    return new


def pce_victory(vp_model: str, c: FloatArray) -> FloatArray:
    """The victory-probability matrices of the Conditional PCE, diagonal 1/2."""
    from accord.models.smp._engine import victory_probability

    n = c.shape[-1]
    victory = victory_probability(vp_model, c, np.swapaxes(c, -1, -2))
    victory[..., np.arange(n), np.arange(n)] = 0.5
    return victory


def run_batch(
    positions: FloatArray,
    saliences: FloatArray,
    capabilities: FloatArray,
    options: SMPOptions,
    *,
    accommodation: FloatArray | None = None,
) -> FloatArray:
    """Final positions (S, n, d) of S independent problems (see the module docstring)."""
    pos = np.array(positions, dtype=np.float64)
    sal = np.asarray(saliences, dtype=np.float64)
    cap = np.asarray(capabilities, dtype=np.float64)
    samples = pos.shape[0]
    ideals = pos.copy()
    first = np.zeros(samples)
    active = np.arange(samples)
    iteration = 0
    final = pos.copy()
    while active.size:
        iteration += 1
        current = final[active]
        new = _round(current, ideals[active], sal[active], cap[active], options)
        if accommodation is not None:
            share = np.minimum(accommodation.sum(axis=1), 1.0)
            ideals[active] = (
                np.einsum("ij,sjd->sid", accommodation, new)
                + (1.0 - share)[None, :, None] * ideals[active]
            )
        else:
            ideals[active] = new
        moved = np.sqrt(((new - current) ** 2).sum(axis=-1)).sum(axis=-1)
        if iteration == 1:
            first[active] = moved + _MIN_SIGNIFICANT_DELTA
        final[active] = new
        done = (iteration >= options.max_iterations) | (
            (iteration >= options.min_iterations) & (moved / first[active] < options.stop_ratio)
        )
        active = active[~done]
    return final
