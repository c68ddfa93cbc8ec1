"""Decision-rule benchmarks: win sets and the setter model on 1,000 actors; the cost of consent.

Run from the repository root:
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/bench_rules.py
Prints a Markdown report (for benchmarks/README.md). Targets (decision-rules issue): win sets and
the setter model on 1,000 actors in milliseconds; ``--samples 100000`` on the case study with
``consent="veto"`` within 2x of the time with ``consent="ignore"``.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _machine import describe

from accord.io import load_scenario
from accord.models import MODELS, AgendaSetter
from accord.rules import DecisionRule, Quota
from accord.scenario import Actor, Issue, Profile, Scenario, Stake
from accord.uncertainty import monte_carlo
from accord.winset import win_set

ROOT = Path(__file__).resolve().parent.parent


def big(rule: DecisionRule, n: int = 1000) -> Scenario:
    rng = np.random.default_rng(2026)
    pop = rng.uniform(1, 100, n)
    actors = tuple(
        Actor(id=f"A{k}", capability=float(rng.uniform(1, 100)), population=float(pop[k]))
        for k in range(n)
    )
    stakes = tuple(
        Stake(actor=a.id, issue="x", position=float(rng.uniform(0, 100)), salience=0.5)
        for a in actors
    )
    return Scenario(
        id="b", title="b", actors=actors, issues=(Issue(id="x", status_quo=30.0, decision=rule),),
        stakes=stakes,
    )  # fmt: skip


def best_of(fn, repeat: int = 20) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    print(f"Machine: {describe()}\n")
    print("| benchmark | time | note |")
    print("|---|---|---|")
    veto = tuple(f"A{k}" for k in range(0, 1000, 100))
    pop = tuple((f"A{k}", 1.0) for k in range(1000))
    rules = {
        "unanimity + 10 veto players": DecisionRule(rule="unanimity", veto=veto),
        "qualified, double majority (55% members, 65% population) + 10 veto players": DecisionRule(
            rule="qualified", veto=veto,
            quotas=(Quota(0.55), Quota(0.65, "population", values=pop)),
        ),
    }  # fmt: skip
    for label, rule in rules.items():
        scenario = big(rule)
        profile = scenario.profile("x")
        seconds = best_of(lambda profile=profile: win_set(profile))
        print(f"| win set, 1,000 actors, {label} | {seconds * 1e3:.2f} ms | best of 20 |")
        seconds = best_of(lambda scenario=scenario: AgendaSetter().predict(scenario))
        print(f"| setter `predict`, 1,000 actors, {label} | {seconds * 1e3:.2f} ms | best of 20 |")
        batch = np.random.default_rng(1).uniform(0, 100, (1000, 1000))
        batched = Profile(
            issue=profile.issue, actors=profile.actors, positions=batch,
            saliences=np.full_like(batch, 0.5),
            capabilities=np.broadcast_to(profile.capabilities, batch.shape),
        )  # fmt: skip
        seconds = best_of(lambda batched=batched: win_set(batched), repeat=5)
        print(f"| win set, 1,000 samples x 1,000 actors, {label} | {seconds * 1e3:.1f} ms | "
              f"{seconds * 1e3:.1f} us per sample |")  # fmt: skip

    case = load_scenario(ROOT / "examples" / "ukraine-ceasefire-2025-03.yaml")
    samples = 100_000
    runs = {}
    for consent in ("ignore", "veto"):
        # bdm is left out: at 100,000 samples it alone takes about nine minutes on this machine
        # and hides the cost of consent; the fast models show that cost most sharply
        models = {name: cls(consent=consent) for name, cls in MODELS.items() if name != "bdm"}
        start = time.perf_counter()
        monte_carlo([case], models, samples=samples, seed=1)
        runs[consent] = time.perf_counter() - start
        print(f"| case study, {samples:,} samples, mean+median+nbs+setter, consent={consent} | "
              f"{runs[consent]:.1f} s | local engine, 1 core |")  # fmt: skip
    print(f"| ratio veto / ignore | {runs['veto'] / runs['ignore']:.2f} | target: at most 2 |")
    plain = replace(case, issues=tuple(replace(i, decision=None) for i in case.issues))
    models = {name: cls() for name, cls in MODELS.items() if name not in ("setter", "bdm")}
    start = time.perf_counter()
    monte_carlo([plain], models, samples=samples, seed=1)
    seconds = time.perf_counter() - start
    print(f"| case study without its rules, {samples:,} samples, mean+median+nbs | "
          f"{seconds:.1f} s | for comparison with earlier runs |")  # fmt: skip


if __name__ == "__main__":
    main()
