"""Batches of simulation runs: fixed blocks, one random stream per block, any engine.

Algorithm
---------
``runs`` runs are cut into consecutive *blocks* of ``block`` runs (the last may be shorter).
Block ``b`` draws all its random numbers from child stream ``b`` of
``numpy.random.SeedSequence(seed)`` (:func:`accord.randomness.child_seeds`), up front, in one
array whose shape fixes the order of the draws; the block's runs are then one vectorised
computation (no Python loop over runs). Blocks are self-contained jobs for an engine
(:mod:`accord.uncertainty.engines`), joined in block order, so the same seed and block size give
the same runs - byte for byte - on every engine and any number of workers. With ``block=1``
run ``i`` uses child stream ``i`` alone: a batch is exactly ``runs`` single runs with the
spawned streams (the tests check both statements).

Memory is estimated before anything is allocated (:func:`check_memory`): what the batch keeps
per run, plus one block's working arrays per worker.

Sources
-------
- O'Neill, M. E. (2014), "PCG: a family of simple fast space-efficient statistically good
  algorithms for random number generation", HMC-CS-2014-0905 (numpy's default generator).
- Salmon, J. K., Moraes, M. A., Dror, R. O. & Shaw, D. E. (2011), "Parallel random numbers: as
  easy as 1, 2, 3", SC'11 (independent streams per unit of parallel work), as implemented by
  numpy's ``SeedSequence.spawn``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from accord.randomness import RNGLike, as_generator, child_seeds
from accord.uncertainty.engines import Engine, LocalEngine

__all__ = [
    "MEMORY_LIMIT",
    "BatchTooLarge",
    "Block",
    "check_memory",
    "plan_blocks",
    "run_blocks",
]

#: Bytes a batch may keep (2 GiB) unless the caller allows more.
MEMORY_LIMIT = 2 * 1024**3

Result = TypeVar("Result")
Progress = Callable[[int, int], None]


class BatchTooLarge(ValueError):
    """The batch would need more memory than the limit; nothing was allocated."""

    def __init__(self, *, runs: int, needed: int, limit: int) -> None:
        self.runs = runs
        self.needed = needed
        self.limit = limit
        super().__init__(
            f"{runs:,} runs would need about {min(needed, 2**80) / 1024**2:,.0f} MB, more than "
            "the limit of "
            f"{limit / 1024**2:,.0f} MB; use fewer runs"
        )


@dataclass(frozen=True)
class Block:
    """Runs ``start`` to ``stop - 1`` of a batch, drawing from ``stream``."""

    index: int
    start: int
    stop: int
    stream: np.random.SeedSequence

    @property
    def size(self) -> int:
        return self.stop - self.start

    def generator(self) -> np.random.Generator:
        return np.random.default_rng(self.stream)


def check_memory(
    runs: int, *, per_run: int, per_block_run: int, block: int, limit: int = MEMORY_LIMIT
) -> int:
    """Estimated bytes of a batch; raises :class:`BatchTooLarge` above ``limit``.

    ``per_run`` bytes are kept for every run, ``per_block_run`` bytes per run of a block while it
    is being computed.
    """
    if runs < 1:
        raise ValueError(f"runs must be at least 1, got {runs}")
    if block < 1:
        raise ValueError(f"block must be at least 1, got {block}")
    needed = runs * per_run + min(block, runs) * per_block_run
    if needed > limit:
        raise BatchTooLarge(runs=runs, needed=needed, limit=limit)
    return needed


def plan_blocks(runs: int, block: int, rng: RNGLike) -> tuple[int, list[Block]]:
    """The seed and the blocks of a batch of ``runs`` runs."""
    _, seed = as_generator(rng)
    count = -(-runs // block)
    streams = child_seeds(seed, count)
    blocks = [
        Block(index=b, start=b * block, stop=min(runs, (b + 1) * block), stream=streams[b])
        for b in range(count)
    ]
    return seed, blocks


def run_blocks(
    fn: Callable[[Block], Result],
    blocks: Sequence[Block],
    *,
    engine: Engine | None = None,
    progress: Progress | None = None,
) -> list[Result]:
    """``[fn(block) for block in blocks]`` on the engine, in block order."""
    return (engine or LocalEngine()).map(fn, blocks, progress)
