"""KTAB's pseudo-random numbers, so that KTAB's seeded stochastic runs can be replayed.

KTAB (``kutils/prng``) draws 64-bit words from the standard 64-bit Mersenne Twister,
MT19937-64 (Matsumoto & Nishimura 1998; Nishimura 2000), passes each through a 1-to-1 quadratic
map modulo 2^64, ``q(i) = (i + a)(2 i + 3)`` with the odd constant ``a = 0xE08C1D668B756F83``,
and turns the result into a double in [0, 1] by dividing by 2^64 - 1 (as a double, i.e.
2^64). A random choice among options with probabilities ``p`` takes the first option whose
cumulative probability reaches a uniform draw (KTAB's ``probSel``).

Only used when a KTAB seed is given (``SpatialModel(seed=...)``, e.g. from a KTAB XML file);
otherwise the model draws from numpy's Generator like the rest of accord. Pure Python: a run
draws a few numbers per actor and round.

Sources
-------
- Matsumoto, M. & Nishimura, T. (1998), "Mersenne Twister: a 623-dimensionally equidistributed
  uniform pseudo-random number generator", *ACM TOMACS* 8(1): 3-30.
- Nishimura, T. (2000), "Tables of 64-bit Mersenne Twisters", *ACM TOMACS* 10(4): 348-357.
- ISO/IEC 14882:2011, 26.5.5 (``std::mt19937_64`` and its parameters).
"""

from __future__ import annotations

__all__ = ["MT19937_64", "KtabPRNG"]

_MASK = (1 << 64) - 1
_N, _M = 312, 156
_MATRIX_A = 0xB5026F5AA96619E9
_UPPER, _LOWER = 0xFFFFFFFF80000000, 0x7FFFFFFF
_Q_CONSTANT = 0xE08C1D668B756F83


class MT19937_64:
    """The 64-bit Mersenne Twister, seeded as ``std::mt19937_64(seed)``."""

    def __init__(self, seed: int) -> None:
        state = [seed & _MASK]
        for i in range(1, _N):
            prev = state[-1]
            state.append((6364136223846793005 * (prev ^ (prev >> 62)) + i) & _MASK)
        self._state = state
        self._index = _N

    def _twist(self) -> None:
        mt = self._state
        for i in range(_N):
            x = (mt[i] & _UPPER) | (mt[(i + 1) % _N] & _LOWER)
            xa = x >> 1
            if x & 1:
                xa ^= _MATRIX_A
            mt[i] = mt[(i + _M) % _N] ^ xa
        self._index = 0

    def next(self) -> int:
        """The next 64-bit word."""
        if self._index >= _N:
            self._twist()
        x = self._state[self._index]
        self._index += 1
        x ^= (x >> 29) & 0x5555555555555555
        x ^= (x << 17) & 0x71D67FFFEDA60000
        x ^= (x << 37) & 0xFFF7EEE000000000
        x ^= x >> 43
        return x


class KtabPRNG:
    """KTAB's PRNG: MT19937-64 words through KTAB's quadratic map, as doubles in [0, 1]."""

    def __init__(self, seed: int) -> None:
        self._mt = MT19937_64(seed)

    def word(self) -> int:
        """KTAB's ``PRNG::uniform()``: one transformed 64-bit word."""
        i = self._mt.next()
        return ((i + _Q_CONSTANT) * (2 * i + 3)) & _MASK

    def uniform(self) -> float:
        """KTAB's ``PRNG::uniform(0, 1)``."""
        return float(self.word()) / float(_MASK)
