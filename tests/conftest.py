from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from accord.scenario import Actor, Issue, Scenario, Stake

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

EXAMPLES = ROOT / "examples"
DATA = ROOT / "data"
TEST_DATA = Path(__file__).resolve().parent / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fuzz-budget",
        type=int,
        default=None,
        metavar="N",
        help="Examples per fuzz test (tests/fuzz/README.md); default 8 (ACCORD_FUZZ_EXAMPLES).",
    )


def pytest_configure(config: pytest.Config) -> None:
    import os

    budget = config.getoption("--fuzz-budget")
    if budget is not None:
        # Read by tests/fuzz/fuzzing.py when the fuzz modules are imported, after this hook.
        os.environ["ACCORD_FUZZ_EXAMPLES"] = str(budget)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    fuzzing = sys.modules.get("fuzzing")
    if fuzzing is None or not fuzzing.TRIED:
        return
    tried = ", ".join(f"{reader} {n}" for reader, n in sorted(fuzzing.TRIED.items()))
    terminalreporter.write_line(f"fuzz: inputs tried per reader: {tried}")
    for (reader, family), n in sorted(fuzzing.FOUND.items()):
        terminalreporter.write_line(f"fuzz: found {reader}: {family} ({n} inputs)")


def accord(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "accord", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
        env={"COLUMNS": "160", "PATH": "", "NO_COLOR": "1"},
    )


def make_scenario(
    positions: list[float],
    capabilities: list[float],
    saliences: list[float],
    *,
    low: float = 0.0,
    high: float = 100.0,
    status_quo: float | None = None,
    names: list[str] | None = None,
) -> Scenario:
    """A one-issue scenario from arrays."""
    ids = names or [f"A{k}" for k in range(len(positions))]
    return Scenario(
        id="test",
        title="test",
        actors=tuple(Actor(id=a, capability=c) for a, c in zip(ids, capabilities, strict=True)),
        issues=(Issue(id="x", low=low, high=high, status_quo=status_quo),),
        stakes=tuple(
            Stake(actor=a, issue="x", position=p, salience=s)
            for a, p, s in zip(ids, positions, saliences, strict=True)
        ),
    )


EMISSIONS = {
    "names": [
        "Netherlands",
        "Belgium",
        "Luxembourg",
        "Germany",
        "France",
        "Italy",
        "UK",
        "Ireland",
        "Denmark",
        "Greece",
    ],
    "capabilities": [0.08, 0.08, 0.03, 0.16, 0.16, 0.16, 0.16, 0.05, 0.05, 0.08],
    "positions": [4, 7, 4, 4, 10, 10, 10, 7, 4, 7],
    "saliences": [0.8, 0.4, 0.2, 0.8, 0.6, 0.6, 0.9, 0.1, 1.0, 0.7],
}


def red_line_scenario() -> Scenario:
    """A fixed at 0 with a red line at 30, B a stakeholder on a triangular (40, 70, 100): under
    the mean, A accepts when B's position is at most 60, with probability (60-40)^2 /
    ((100-40)(70-40)) = 2/9."""
    return Scenario(
        id="t",
        title="t",
        actors=(Actor(id="A", capability=1), Actor(id="B", capability=1, role="stakeholder")),
        issues=(Issue(id="x"),),
        stakes=(
            Stake(actor="A", issue="x", position=0, salience=1, reservation=30),
            Stake(actor="B", issue="x", position=70, salience=1, position_range=(40, 100)),
        ),
    )


@pytest.fixture
def emissions() -> Scenario:
    return make_scenario(
        EMISSIONS["positions"],
        EMISSIONS["capabilities"],
        EMISSIONS["saliences"],
        low=4,
        high=10,
        names=EMISSIONS["names"],
    )


def without_rules(scenario: Scenario) -> Scenario:
    """The scenario with every decision rule removed (as files were before rules existed)."""
    from dataclasses import replace

    return replace(scenario, issues=tuple(replace(i, decision=None) for i in scenario.issues))


def case_study_without_rules(folder: Path) -> Path:
    """The case study written to ``folder`` without its decision rules, for the golden numbers
    computed before rules existed (package deals among the parties alone)."""
    from accord.io import load_scenario
    from accord.io._files import dump_scenario

    path = folder / "ukraine-without-rules.yaml"
    scenario = load_scenario(EXAMPLES / "ukraine-ceasefire-2025-03.yaml")
    path.write_text(dump_scenario(without_rules(scenario), "yaml"))
    return path
