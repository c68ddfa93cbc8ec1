"""Limits on the options that size a computation, checked before anything is allocated.

Each check estimates the memory a run would need from the option and the loaded input, and
refuses (exit 2, one line) with the estimate and the largest value that fits when the estimate
exceeds :data:`MEMORY_LIMIT` (2 GiB, the ceiling of the fuzz property of issue 8). The
estimates count the arrays that grow with the option; they are deliberately rounded up.

- Monte Carlo (``--samples``): every sample's forecast is kept, 8 bytes per sample, issue and
  model (:mod:`accord.uncertainty.montecarlo`); ``--sensitivity`` keeps about three times that.
- Rounds (``--rounds``): the expected-utility model keeps its whole history, per issue and
  round about ``9 n^2 + 25 n + 16`` bytes for ``n`` actors (offers are ``n x n``); at most
  :data:`MAX_ROUNDS` rounds whatever the memory, since each round is a step in Python.
- Bootstrap (``--resamples``): the resampled case indices and errors, ``8 (2 + models)`` bytes
  per resample and case.
- Days (``--days`` of ``accord truce``): at most :data:`MAX_DAYS`.
- Grid (``--steps`` of deals and simulate): at most :data:`MAX_STEPS` points per issue.
- Workers (``--workers``): at most :data:`WORKERS_PER_CORE` per core on this machine.
- Chunks (``--chunk-size``): one chunk's working arrays, as the Monte Carlo estimate.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from accord.cli._app import fail

__all__ = [
    "MAX_DAYS",
    "MAX_ROUNDS",
    "MAX_STEPS",
    "MEMORY_LIMIT",
    "check_chunk_size",
    "check_days",
    "check_engine",
    "check_resamples",
    "check_rounds",
    "check_samples",
    "check_steps",
    "check_workers",
    "size_text",
]

#: Bytes a run may allocate for the arrays its options size.
MEMORY_LIMIT = 2 * 1024**3
#: Rounds of the expected-utility model, at most.
MAX_ROUNDS = 10_000
#: Days of a simulated truce, at most (a hundred years): each day is a step in Python and the
#: results keep a survival curve with one point a day.
MAX_DAYS = 36_525
#: Grid points per continuous issue (``--steps`` of deals and simulate), at most: as many values
#: as a GENIUS integer issue may have. Larger products of grids are refused by the deals layer.
MAX_STEPS = 100_000
#: Worker processes per core, at most.
WORKERS_PER_CORE = 4


def size_text(n: float) -> str:
    """Bytes for a message: MiB, GiB, TiB, or 'over 1 EiB' (also for integers too large for a
    float)."""
    if n >= 1024**6:  # also an integer too large for a float (a count of 400 digits)
        return "over 1 EiB"
    if n >= 1024**4:
        return f"{n / 1024**4:,.1f} TiB"
    if n >= 1024**3:
        return f"{n / 1024**3:,.1f} GiB"
    return f"{n / 1024**2:,.0f} MiB"


def _refuse(option: str, value: int, needed: float, per_unit: float, hint: str) -> None:
    if needed <= MEMORY_LIMIT:
        return
    most = max(1, int(MEMORY_LIMIT // max(per_unit, 1)))
    fail(
        f"{option} {value:,} would need {'' if needed >= 1024**6 else 'about '}"
        f"{size_text(needed)} of memory, more than the "
        f"{size_text(MEMORY_LIMIT)} limit; use {option} {most:,} or less{hint}"
    )


def check_engine(engine: str) -> None:
    """Refuse an unknown ``--engine`` up front, whether or not anything will be sampled."""
    from accord.uncertainty import ENGINES

    if engine not in ENGINES:
        fail(f"--engine: unknown engine {engine!r}; choose from {', '.join(ENGINES)}")


def check_workers(workers: int | None) -> None:
    if workers is None:
        return
    cores = os.cpu_count() or 1
    if workers < 1:
        fail(f"--workers {workers}: at least 1")
    if workers > WORKERS_PER_CORE * cores:
        fail(
            f"--workers {workers:,}: at most {WORKERS_PER_CORE} per core, "
            f"{WORKERS_PER_CORE * cores} on this machine ({cores} cores); lower --workers"
        )


def _issues(scenarios: Sequence[Any]) -> int:
    return sum(len(s.issues) for s in scenarios)


def _widest(scenarios: Sequence[Any]) -> int:
    return max(
        (len(s.stakes_on(i.id)) for s in scenarios for i in s.issues),
        default=1,
    )


def check_samples(
    samples: int | None,
    scenarios: Sequence[Any],
    models: int,
    *,
    sensitivity: bool = False,
    option: str = "--samples",
) -> None:
    """Refuse a Monte Carlo run whose kept forecasts would not fit in memory."""
    if samples is None:
        return
    per_sample = 8 * max(_issues(scenarios), 1) * max(models, 1) * (3 if sensitivity else 1)
    hint = " (or fewer models with -m)" if models > 1 else ""
    _refuse(option, samples, samples * per_sample, per_sample, hint)


def check_chunk_size(chunk_size: int | None, scenarios: Sequence[Any], models: int) -> None:
    if chunk_size is None:
        return
    n = _widest(scenarios)
    # Per sample of a chunk: the drawn inputs and each model's working arrays (bdm: n x n).
    per_sample = 8 * max(models, 1) * (n * n + 4 * n) * max(_issues(scenarios), 1)
    _refuse("--chunk-size", chunk_size, chunk_size * per_sample, per_sample, "")


def check_rounds(rounds: int | None, scenarios: Sequence[Any]) -> None:
    """Refuse ``--rounds`` above :data:`MAX_ROUNDS` or above what the history would hold."""
    if rounds is None:
        return
    if rounds > MAX_ROUNDS:
        fail(
            f"--rounds {rounds:,}: at most {MAX_ROUNDS:,} (the model's published runs take "
            "fewer than 100); lower --rounds"
        )
    n = _widest(scenarios)
    per_round = (9 * n * n + 25 * n + 16) * max(_issues(scenarios), 1)
    _refuse("--rounds", rounds, (rounds + 1) * per_round, per_round, "")


def check_steps(steps: int) -> None:
    if steps > MAX_STEPS:
        fail(f"--steps {steps:,}: at most {MAX_STEPS:,} grid points per issue; lower --steps")


def check_days(days: int) -> None:
    if days > MAX_DAYS:
        fail(f"--days {days:,}: at most {MAX_DAYS:,} (a hundred years); lower --days")


def check_resamples(resamples: int, cases: int, models: int) -> None:
    if resamples < 1:
        fail(f"--resamples must be a positive integer, got {resamples}")
    per_resample = 8 * max(cases, 1) * (2 + max(models, 1))
    _refuse("--resamples", resamples, resamples * per_resample, per_resample, "")
