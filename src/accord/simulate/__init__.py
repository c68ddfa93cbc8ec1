"""Simulated negotiations and ceasefires: bargaining protocols, concession strategies, truces.

Two questions about a process rather than a table, over a scenario's outcome space and the
parties' utilities exactly as :mod:`accord.deals` builds them:

- *which protocol, strategy and deadline lead to which agreement, how often and how fast?*
  Alternating offers, a mediated single negotiating text and shuttle mediation
  (:mod:`~accord.simulate.protocols`), with time-dependent, tit-for-tat and stalling
  strategies (:mod:`~accord.simulate.strategies`), batched over runs
  (:mod:`~accord.simulate.outcomes`)::

      from accord import load_scenario
      from accord.simulate import STRATEGIES, build_arena, simulate_negotiation

      arena = build_arena(load_scenario("examples/ukraine-ceasefire-2025-03.yaml"))
      plan = [STRATEGIES["stalling"]] + [STRATEGIES["linear"]] * 3
      simulate_negotiation(arena, "single-text", plan, deadline=30, runs=200, rng=0)

- *would a truce hold for 30 days?* A repeated game over days with noisy monitoring and
  retaliation (:mod:`~accord.simulate.truce`).

Runs are cut into blocks with one child random stream each (:mod:`~accord.simulate.batches`),
so a seed gives the same runs on every engine of :mod:`accord.uncertainty.engines`. This package
uses numpy, the core objects, :mod:`accord.deals` and the engines only.
"""

from __future__ import annotations

from accord.simulate.arena import Arena, build_arena
from accord.simulate.batches import BatchTooLarge
from accord.simulate.outcomes import NegotiationResult, simulate_negotiation
from accord.simulate.protocols import OFFER_RULES, PROTOCOLS, Runs, run_protocol
from accord.simulate.strategies import STRATEGIES, Stalling, Strategy, TimeDependent, TitForTat
from accord.simulate.truce import (
    POLICIES,
    TruceResult,
    TruceSettings,
    simulate_truce,
    sweep_detection,
    truce_settings,
)

__all__ = [
    "OFFER_RULES",
    "POLICIES",
    "PROTOCOLS",
    "STRATEGIES",
    "Arena",
    "BatchTooLarge",
    "NegotiationResult",
    "Runs",
    "Stalling",
    "Strategy",
    "TimeDependent",
    "TitForTat",
    "TruceResult",
    "TruceSettings",
    "build_arena",
    "run_protocol",
    "simulate_negotiation",
    "simulate_truce",
    "sweep_detection",
    "truce_settings",
]
