"""The uncertain inputs of a scenario and how they are sampled.

Every number an analyst estimates is an input: each actor's capability, and each stake's
position and salience. An input with a range in the scenario file (``capability_range``,
``position_range``, ``salience_range``) is drawn from the triangular distribution with that
range and the point value as its mode; an input without one keeps its point value.

Streams. Sample ``i`` of scenario ``k`` in a run with seed ``S`` takes its draws from block
``i // BLOCK`` of the stream ``SeedSequence(S, spawn_key=(k, block))`` - the ``block``-th child
of the ``k``-th child of ``S``. Whoever draws a sample - any process, any machine, in any chunk
- draws the same numbers, so results never depend on the engine, the number of workers or the
chunk size. Within a block, inputs are drawn one after the other in :func:`inputs_of` order.

Sources
-------
- Triangular distributions for expert estimates given as (low, most likely, high): Vose, D.
  (2008), *Risk Analysis: A Quantitative Guide*, 3rd ed., Wiley, ch. 9.
- Independent parallel streams from one seed: O'Neill, M. E. (2014), "PCG: a family of simple
  fast space-efficient statistically good algorithms for random number generation"; NumPy's
  ``SeedSequence`` spawning (NEP 19).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from accord.scenario import Profile, Scenario

__all__ = ["BLOCK", "Layout", "UncertainInput", "draw", "inputs_of"]

#: Samples per random-number block (the unit of reproducibility; chunks may cut blocks).
BLOCK = 1024

Kind = Literal["capability", "position", "salience"]


@dataclass(frozen=True, slots=True)
class UncertainInput:
    """One estimated number: ``low <= mode <= high`` (``low == high`` when it has no range)."""

    name: str
    kind: Kind
    actor: str
    issue: str | None
    low: float
    mode: float
    high: float

    @property
    def uncertain(self) -> bool:
        return self.low < self.high


def inputs_of(scenario: Scenario) -> tuple[UncertainInput, ...]:
    """Every input of the scenario: the capabilities in actor order, then each stake's position
    and salience in file order. Names look like ``RUS.capability`` and
    ``RUS.ceasefire.position``."""
    out = []
    for actor in scenario.actors:
        low, high = actor.capability_range or (actor.capability, actor.capability)
        out.append(
            UncertainInput(
                f"{actor.id}.capability", "capability", actor.id, None, low, actor.capability, high
            )
        )
    for stake in scenario.stakes:
        low, high = stake.position_range or (stake.position, stake.position)
        out.append(
            UncertainInput(
                f"{stake.actor}.{stake.issue}.position",
                "position",
                stake.actor,
                stake.issue,
                low,
                stake.position,
                high,
            )
        )
        low, high = stake.salience_range or (stake.salience, stake.salience)
        out.append(
            UncertainInput(
                f"{stake.actor}.{stake.issue}.salience",
                "salience",
                stake.actor,
                stake.issue,
                low,
                stake.salience,
                high,
            )
        )
    return tuple(out)


def draw(
    inputs: tuple[UncertainInput, ...], seed: int, stream: int, start: int, stop: int
) -> NDArray[np.float64]:
    """Samples ``start`` to ``stop - 1`` of every input: shape ``(stop - start, len(inputs))``."""
    if stop <= start:
        return np.empty((0, len(inputs)))
    first, last = start // BLOCK, (stop - 1) // BLOCK
    blocks = []
    for block in range(first, last + 1):
        rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(stream, block)))
        values = np.empty((BLOCK, len(inputs)))
        for j, item in enumerate(inputs):
            if item.uncertain:
                values[:, j] = rng.triangular(item.low, item.mode, item.high, size=BLOCK)
            else:
                values[:, j] = item.mode
        blocks.append(values)
    joined = np.concatenate(blocks) if len(blocks) > 1 else blocks[0]
    offset = first * BLOCK
    return np.ascontiguousarray(joined[start - offset : stop - offset])


@dataclass(frozen=True)
class Layout:
    """Where each issue's arrays sit among the inputs, to build batched profiles."""

    scenario: Scenario
    inputs: tuple[UncertainInput, ...]

    def columns(self, issue_id: str) -> tuple[list[int], list[int], list[int]]:
        """Input columns of the issue's positions, saliences and the stake holders'
        capabilities, in the issue's profile order."""
        index = {item.name: j for j, item in enumerate(self.inputs)}
        stakes = self.scenario.stakes_on(issue_id)
        return (
            [index[f"{s.actor}.{issue_id}.position"] for s in stakes],
            [index[f"{s.actor}.{issue_id}.salience"] for s in stakes],
            [index[f"{s.actor}.capability"] for s in stakes],
        )

    def profile(self, issue_id: str, values: NDArray[np.float64]) -> Profile:
        """The issue's profile with one row per sample of ``values`` (shape ``(S, inputs)``)."""
        positions, saliences, capabilities = self.columns(issue_id)
        base = self.scenario.profile(issue_id)
        return Profile(
            issue=base.issue,
            actors=base.actors,
            positions=np.ascontiguousarray(values[:, positions]),
            saliences=np.ascontiguousarray(values[:, saliences]),
            capabilities=np.ascontiguousarray(values[:, capabilities]),
        )
