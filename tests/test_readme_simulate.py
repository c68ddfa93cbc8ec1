"""The README's case-study numbers for `accord simulate` and `accord truce` are the real ones.

Every cell of the section's two tables is recomputed with the library, with the command line's
defaults, and one command of each kind is run as written to check that it prints the same JSON.
"""

from __future__ import annotations

import json
import re

import pytest

from accord.io import load_scenario
from accord.simulate import STRATEGIES, build_arena, simulate_negotiation
from accord.simulate.truce import simulate_truce, sweep_detection, truce_settings

from conftest import ROOT, accord

CASE = "examples/ukraine-ceasefire-2025-03.yaml"
HEADING = "## Simulated talks and truces (accord simulate, accord truce)"
CELL = r"([\d.]+) \+- ([\d.]+)"


@pytest.fixture(scope="module")
def section() -> str:
    text = (ROOT / "README.md").read_text()
    start = text.index(HEADING)
    return text[start : text.index("\n## ", start + len(HEADING))]


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(ROOT / CASE)


@pytest.fixture(scope="module")
def arena(scenario):
    return build_arena(scenario)


def negotiation(arena, protocol: str, rus: str) -> dict:
    plan = [STRATEGIES[rus if p == "RUS" else "linear"] for p in arena.parties]
    return simulate_negotiation(
        arena, protocol, plan, deadline=30, runs=1000, rng=0, offer="random", band=0.1
    ).to_dict()


def truce(scenario, policy: str = "tft", monitoring: float | None = None, **overrides):
    settings = truce_settings(scenario, monitoring=monitoring, policy=policy, **overrides)
    return simulate_truce(settings, 100_000, rng=0)


def test_simulate_table(section, arena):
    rows = re.findall(
        rf"^\| `--protocol (\S+)` \| {CELL}, round ([\d.]+) \| {CELL}, round ([\d.]+) \|$",
        section,
        flags=re.M,
    )
    assert [r[0] for r in rows] == ["alternating", "single-text", "shuttle"]
    for protocol, *cells in rows:
        for rus, (rate, se, mean) in (("linear", cells[:3]), ("stalling", cells[3:])):
            data = negotiation(arena, protocol, rus)
            assert f"{data['agreement_rate']:.3f}" == rate, (protocol, rus)
            assert f"{data['agreement_rate_se']:.3f}" == se, (protocol, rus)
            assert f"{data['rounds']['mean']:.1f}" == mean, (protocol, rus)
            if protocol == "shuttle" and rus == "linear":
                # "in 975 of 1,000 on the Nash package itself"
                top = data["agreements"][0]
                assert top["count"] == 975 and top["package"] == data["nash"]
                assert "975 of 1,000\non the Nash package itself" in section


def test_truce_table(section, scenario):
    rows = re.findall(rf"^\| `--policy (\S+)` \| {CELL} \| {CELL} \| {CELL} \|$", section, re.M)
    assert [r[0] for r in rows] == ["tft", "gtft", "grim", "proportional"]
    for policy, *cells in rows:
        for k, monitoring in enumerate((None, 50.0, 100.0)):
            result = truce(scenario, policy, monitoring)
            p, se = cells[2 * k : 2 * k + 2]
            assert (f"{result.p_holds:.3f}", f"{result.p_holds_se:.3f}") == (p, se), (
                policy,
                monitoring,
            )


def test_truce_claims_in_the_prose(section, scenario):
    base = truce(scenario).to_dict()
    assert f"({base['false_alarms_mean']:.2f} of\n{base['accusations_mean']:.2f} a run)" in section
    quiet, watched = truce(scenario, noise=0.0), truce(scenario, monitoring=100.0, noise=0.0)
    assert f"holds with {quiet.p_holds:.3f}" in section
    assert f"against {watched.p_holds:.3f}" in section
    settings = truce_settings(scenario, policy="tft")
    curve = {r.settings.p_detect: r for r in sweep_detection(settings, 100_000, rng=0)}
    assert all(curve[d].p_holds == 0 and curve[d].deliberate[0] for d in (0.0, 0.1, 0.4))
    assert f"from {curve[0.5].p_holds:.3f} at 0.5 to {curve[1.0].p_holds:.3f} at 1.0" in section
    gtft = truce_settings(scenario, policy="gtft")
    assert f"forgiving {100 * gtft.forgiveness()[1]:.0f}%" in section
    assert "Russia (1.05" in section and gtft.temptation[0] == pytest.approx(1.05)
    assert truce(scenario, "gtft").to_dict()["collapse_day"]["histogram"] == {"3": 100_000}


def test_the_commands_print_those_numbers(arena, scenario):
    # the section's two commands, as written, with --json: the same results as the library's
    case = str(ROOT / CASE)
    out = accord("simulate", case, "--protocol", "single-text", "--strategy", "RUS=stalling",
                 "--json")  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == same(negotiation(arena, "single-text", "stalling"))
    out = accord("truce", case, "--monitoring", "100", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == same(truce(scenario, monitoring=100.0).to_dict())
    # "self-judged" is the monitoring issue's status quo, and level 100 is (0.95, 0.001)
    assert (truce_settings(scenario).p_detect, truce_settings(scenario).p_false) == (0.5, 0.05)
    watched = truce_settings(scenario, monitoring=100.0)
    assert (watched.p_detect, watched.p_false) == pytest.approx((0.95, 0.001))


def same(data: dict) -> dict:
    return json.loads(json.dumps(data))
