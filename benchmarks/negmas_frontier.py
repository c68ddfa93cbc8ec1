"""NegMAS's side of the benchmark: load a GENIUS domain folder, compute its Pareto frontier.

Run with the interpreter of the separate NegMAS environment (``benchmarks/.venv-negmas``), never
with accord's: NegMAS is AGPL-3.0 and is not a dependency of accord. The script does what
``accord deals FOLDER --json`` does for the frontier - read the files, enumerate the outcome
space, evaluate every outcome, keep the non-dominated ones - and writes the frontier's utility
vectors and outcomes as JSON::

    benchmarks/.venv-negmas/bin/python benchmarks/negmas_frontier.py FOLDER OUT.json
"""

from __future__ import annotations

import json
import sys


def main(folder: str, out: str) -> None:
    from negmas.inout import Scenario
    from negmas.preferences.ops import pareto_frontier

    scenario = Scenario.from_genius_folder(folder, ignore_discount=True)
    assert scenario is not None
    issues = scenario.outcome_space.issues
    utilities, indices = pareto_frontier(scenario.ufuns, issues=issues, sort_by_welfare=True)
    outcomes = list(scenario.outcome_space.enumerate_or_sample())
    with open(out, "w") as handle:
        json.dump(
            {
                "parties": [u.name for u in scenario.ufuns],
                "frontier": [list(map(float, u)) for u in utilities],
                "outcomes": [list(outcomes[i]) for i in indices],
            },
            handle,
        )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
