"""A batch of simulated negotiations and what it says: agreement rate, rounds, packages.

Algorithm
---------
:func:`simulate_negotiation` cuts ``runs`` into blocks, each with its own child stream
(:mod:`accord.simulate.batches`), plays every block as one vectorised protocol run
(:mod:`accord.simulate.protocols`) on the chosen engine, and joins the blocks in order. The
summary reports, with its denominator: the agreement rate and its standard error
``sqrt(p (1 - p) / N)``; the distribution of the 1-based round of agreement; the agreed
packages by frequency (ties in outcome order) with every party's utility; and how far the
agreements lie from the Nash package (the mean Euclidean distance of the utility vectors, from
:func:`accord.deals.analyse_deals`) and from the Pareto frontier of the zone of agreement (the
mean *Pareto gap*: the largest amount by which some package of that frontier improves every
party's utility at once, 0 for an efficient agreement; Raiffa 1982, ch. 11, on "leaving joint
gains on the table"). The zone's frontier, not the whole space's, because every agreement is
acceptable to every party: a package beyond someone's red line is no joint gain left unused.

Sources
-------
- Raiffa, H. (1982), *The Art and Science of Negotiation*, Harvard UP, ch. 11.
- Nash, J. F. (1950), "The bargaining problem", *Econometrica* 18(2): 155-162.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord.randomness import RNGLike
from accord.simulate.arena import Arena
from accord.simulate.batches import Block, check_memory, plan_blocks, run_blocks
from accord.simulate.protocols import Runs, run_protocol
from accord.simulate.strategies import Strategy
from accord.uncertainty.engines import Engine

__all__ = ["DEFAULT_BLOCK", "NegotiationResult", "pareto_gap", "simulate_negotiation"]

#: Runs per random stream unless the caller asks otherwise.
DEFAULT_BLOCK = 250
#: Agreed packages listed in the summary.
SHOWN = 10


def pareto_gap(points: NDArray[np.float64], frontier: NDArray[np.float64]) -> NDArray[np.float64]:
    """For each utility vector, the largest ``min_j (f_j - a_j)`` over frontier points ``f``,
    floored at 0."""
    out = np.zeros(len(points))
    for start in range(0, len(points), 64):
        chunk = points[start : start + 64]
        gain = (frontier[None, :, :] - chunk[:, None, :]).min(axis=2).max(axis=1)
        out[start : start + 64] = np.maximum(gain, 0.0)
    return out


@dataclass(frozen=True)
class NegotiationResult:
    """A batch of runs of one protocol; ``to_dict`` is the ``accord simulate --json`` contract."""

    protocol: str
    arena: Arena
    strategies: tuple[str, ...]
    deadline: int
    seed: int
    block: int
    options: tuple[tuple[str, Any], ...]
    runs: Runs

    @property
    def n_runs(self) -> int:
        return len(self.runs.agreed)

    @property
    def agreement_rate(self) -> float:
        return float(self.runs.agreed.mean())

    def to_dict(self) -> dict[str, Any]:
        a, r = self.arena, self.runs
        p = self.agreement_rate
        agreed = r.agreed
        rounds = r.round[agreed]
        counts = np.bincount(rounds, minlength=self.deadline + 1)
        packages: NDArray[np.int16] = np.zeros((0, len(a.pu.terms)), dtype=np.int16)
        inverse: NDArray[np.intp] = np.zeros(0, dtype=np.intp)
        tally: NDArray[np.intp] = np.zeros(0, dtype=np.intp)
        if agreed.any():
            packages, inverse, tally = np.unique(
                r.package[agreed], axis=0, return_inverse=True, return_counts=True
            )
        order = np.argsort(-np.asarray(tally), kind="stable")
        utilities = a.utilities(packages.astype(np.intp)) if len(packages) else np.zeros((0, 0))
        nash = None
        gap = None
        if agreed.any():
            per = utilities[np.asarray(inverse).ravel()]
            gap = float(pareto_gap(utilities, a.frontier)[np.asarray(inverse).ravel()].mean())
            if a.nash is not None:
                nash = float(np.linalg.norm(per - a.nash, axis=1).mean())
        rows: list[dict[str, Any]] = []
        for k in order[:SHOWN]:
            rows.append(
                {
                    "package": a.pu.space.package(packages[k]),
                    "count": int(tally[k]),
                    "utilities": dict(zip(a.parties, utilities[k].tolist(), strict=True)),
                }
            )
        shown = {issue for row in rows for issue in row["package"]}
        return {
            "protocol": self.protocol,
            "parties": list(a.parties),
            "strategies": dict(zip(a.parties, self.strategies, strict=True)),
            "deadline": self.deadline,
            "runs": self.n_runs,
            "seed": self.seed,
            "block": self.block,
            "options": dict(self.options),
            "offers": a.describe(),
            "reservation": dict(zip(a.parties, a.reservation.tolist(), strict=True)),
            "agreement_rate": p,
            "agreement_rate_se": float(np.sqrt(p * (1 - p) / self.n_runs)),
            "rounds": {
                "mean": float(rounds.mean()) if len(rounds) else None,
                "histogram": {str(k): int(counts[k]) for k in np.flatnonzero(counts)},
            },
            "agreements": rows,
            "distinct_agreements": len(packages),
            "distance": {"nash": nash, "pareto": gap},
            "nash": a.nash_package,
            "labels": {k: v for k, v in a.labels.items() if k in shown and v},
        }


def _block(
    protocol: str, arena: Arena, strategies: tuple[Strategy, ...], deadline: int,
    options: tuple[tuple[str, Any], ...], block: Block,
) -> Runs:  # fmt: skip
    return run_protocol(
        protocol, arena, strategies, deadline=deadline, rng=block.generator(), runs=block.size,
        **dict(options),
    )  # fmt: skip


def simulate_negotiation(
    arena: Arena,
    protocol: str,
    strategies: Sequence[Strategy],
    *,
    deadline: int,
    runs: int,
    rng: RNGLike = None,
    block: int = DEFAULT_BLOCK,
    engine: Engine | None = None,
    progress: Any = None,
    offer: str = "random",
    band: float = 0.1,
) -> NegotiationResult:
    """``runs`` runs of ``protocol`` (see the module docstring); ValueError on bad input and
    :class:`~accord.simulate.batches.BatchTooLarge` before allocating too much."""
    n, m = len(arena.parties), len(arena.offers)
    per_block = 8 * (deadline * n + 6 * n * sum(arena.pu.space.shape) + m // 8 + 64)
    check_memory(runs, per_run=2 * len(arena.pu.terms) + 8 * n + 8, per_block_run=per_block,
                 block=block)  # fmt: skip
    options: tuple[tuple[str, Any], ...] = ()
    if protocol == "alternating":
        options = (("offer", offer), ("band", band))
    run_protocol(protocol, arena, tuple(strategies), deadline=deadline,
                 rng=np.random.default_rng(0), runs=0, **dict(options))  # fmt: skip
    seed, blocks = plan_blocks(runs, block, rng)
    job = functools.partial(_block, protocol, arena, tuple(strategies), deadline, options)
    parts = run_blocks(job, blocks, engine=engine, progress=progress)
    return NegotiationResult(
        protocol=protocol,
        arena=arena,
        strategies=tuple(s.name for s in strategies),
        deadline=deadline,
        seed=seed,
        block=block,
        options=options,
        runs=Runs.join(parts),
    )
