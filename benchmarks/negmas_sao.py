"""NegMAS's side of the simulation benchmark: many SAO negotiations on one GENIUS domain.

Run with the interpreter of the separate NegMAS environment (``benchmarks/.venv-negmas``), never
with accord's: NegMAS is AGPL-3.0 and is not a dependency of accord. Plays ``N`` stacked
alternating-offers negotiations of ``STEPS`` steps between the first profile (strategy ``A``)
and the second (strategy ``B``), time-based negotiators with NegMAS's named curves, and writes
per negotiation whether it agreed, its ``state.step`` and both utilities, with the seconds of
the whole script and of the negotiations alone (after the import and the reading; wall and
CPU)::

    benchmarks/.venv-negmas/bin/python benchmarks/negmas_sao.py FOLDER A B STOCHASTIC N STEPS OUT
"""

from __future__ import annotations

import json
import sys
import time


def main(folder: str, a: str, b: str, stochastic: str, n: str, steps: str, out: str) -> None:
    start = time.perf_counter()
    from negmas.gb.negotiators.timebased import TimeBasedNegotiator
    from negmas.inout import Scenario
    from negmas.sao import SAOMechanism

    scenario = Scenario.from_genius_folder(folder, ignore_discount=True)
    assert scenario is not None
    ufuns = scenario.ufuns
    rows = []
    loop = time.perf_counter()
    loop_cpu = time.process_time()
    for _ in range(int(n)):
        mechanism = SAOMechanism(outcome_space=scenario.outcome_space, n_steps=int(steps))
        for curve, ufun in ((a, ufuns[0]), (b, ufuns[1])):
            mechanism.add(
                TimeBasedNegotiator(offering_curve=curve, stochastic=stochastic == "1"), ufun=ufun
            )
        state = mechanism.run()
        deal = state.agreement
        rows.append(
            {
                "agreed": deal is not None,
                "step": state.step,
                "utilities": None if deal is None else [float(u(deal)) for u in ufuns],
            }
        )
    end = time.perf_counter()
    result = {
        "seconds_in_process": end - start,
        "seconds_negotiations": end - loop,
        "cpu_seconds_negotiations": time.process_time() - loop_cpu,
        "runs": rows,
    }
    with open(out, "w") as handle:
        json.dump(result, handle)


if __name__ == "__main__":
    main(*sys.argv[1:8])
