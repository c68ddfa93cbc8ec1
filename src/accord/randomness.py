"""The one place where a user's ``rng`` argument becomes a :class:`numpy.random.Generator`.

Follows SPEC 7 (Scientific Python): ``rng`` may be None (fresh entropy), an int seed, a
:class:`~numpy.random.SeedSequence` or a Generator. Whatever it was, the caller gets back the
integer seed that reproduces the stream, so results can record it. Parallel work spawns
independent child streams from one :class:`~numpy.random.SeedSequence` (see :func:`child_seeds`).
"""

from __future__ import annotations

import numpy as np

__all__ = ["RNGLike", "as_generator", "child_seeds"]

RNGLike = None | int | np.integer | np.random.SeedSequence | np.random.Generator

_SEED_BITS = 63


def as_generator(rng: RNGLike) -> tuple[np.random.Generator, int]:
    """Return ``(generator, seed)`` where ``np.random.default_rng(seed)`` replays the generator.

    A Generator passed in is advanced by one draw (which picks the seed); None draws fresh
    entropy from the operating system.
    """
    if rng is None:
        seed = int(np.random.SeedSequence().generate_state(2, np.uint64)[0] >> 1)
    elif isinstance(rng, np.random.Generator):
        seed = int(rng.integers(0, 2**_SEED_BITS))
    elif isinstance(rng, np.random.SeedSequence):
        seed = int(rng.generate_state(2, np.uint64)[0] >> 1)
    elif isinstance(rng, int | np.integer) and not isinstance(rng, bool):
        if int(rng) < 0:
            raise ValueError(f"a seed must be a non-negative integer, got {rng}")
        seed = int(rng)
    else:
        raise TypeError(f"rng must be None, an int, a SeedSequence or a Generator, not {rng!r}")
    return np.random.default_rng(seed), seed


def child_seeds(seed: int, n: int) -> list[np.random.SeedSequence]:
    """``n`` independent child streams of ``seed``, the same whoever asks and in whatever order."""
    return np.random.SeedSequence(seed).spawn(n)
