"""The ``decision`` field of the scenario format: parsed, inherited, checked, written back."""

from __future__ import annotations

import pytest

from accord.io import InputError, parse_scenario
from accord.io._files import dump_scenario
from accord.rules import DecisionRule, Quota

from conftest import accord

BASE = """\
id: t
title: T
actors:
  - {id: A, capability: 1, population: 70}
  - {id: B, capability: 2, population: 20}
  - {id: C, capability: 1, population: 10}
%(default)s
issues:
  - {id: x, status_quo: 20}
  - id: y
%(issue)s
positions:
  - {actor: A, issue: x, position: 30, salience: 1}
  - {actor: B, issue: x, position: 60, salience: 1}
  - {actor: C, issue: x, position: 90, salience: 1}
  - {actor: A, issue: y, position: 80, salience: 1}
  - {actor: B, issue: y, position: 90, salience: 1}
"""


def text(default: str = "", issue: str = "    status_quo: 50") -> str:
    return BASE % {"default": default, "issue": issue}


def test_default_and_override_field_by_field():
    sc = parse_scenario(
        text(
            "decision: {rule: unanimity, veto: [A], setter: B}",
            "    status_quo: 50\n    decision: {rule: qualified, threshold: 0.6, weight: capability}",
        ),
        "t.yaml",
    )
    assert sc.issue("x").decision == DecisionRule(rule="unanimity", veto=("A",), setter="B")
    assert sc.issue("y").decision == DecisionRule(
        rule="qualified", veto=("A",), quotas=(Quota(0.6, "capability"),), setter="B"
    )
    assert sc.has_decision_rules


def test_double_majority_and_majority():
    sc = parse_scenario(
        text(
            "decision: {rule: majority}",
            "    status_quo: 50\n    decision:\n      rule: qualified\n      quotas:\n"
            "        - {weight: equal, threshold: 0.55}\n"
            "        - {weight: population, threshold: 0.65}",
        ),
        "t.yaml",
    )
    assert sc.issue("x").decision == DecisionRule(
        rule="majority", quotas=(Quota(0.5, "equal", strict=True),)
    )
    pop = (("A", 70.0), ("B", 20.0), ("C", 10.0))
    assert sc.issue("y").decision.quotas == (
        Quota(0.55, "equal"),
        Quota(0.65, "population", values=pop),
    )


def test_without_decision_nothing_changes():
    sc = parse_scenario(text(), "t.yaml")
    assert not sc.has_decision_rules and sc.issue("x").decision is None


def test_round_trip_through_the_writer():
    sc = parse_scenario(
        text(
            "decision: {rule: qualified, threshold: 0.6, veto: [A], voters: [A, B]}",
        ),
        "t.yaml",
    )
    again = parse_scenario(dump_scenario(sc, "yaml"), "again.yaml")
    assert again.issues == sc.issues and again.actors == sc.actors


@pytest.mark.parametrize(
    ("default", "issue", "where", "problem"),
    [
        ("decision: {rule: unanimity, veto: [Z]}", None, "decision.veto[0]", "unknown actor 'Z'"),
        ("decision: {veto: [C]}", None, "decision.veto[0]", "'C' has no position on issue 'y'"),
        (
            "",
            "    status_quo: 50\n    decision: {rule: qualified, threshold: 1.5}",
            "issues[1].decision.threshold",
            "less than or equal to 1",
        ),
        (
            "",
            "    status_quo: 50\n    decision: {rule: qualified, threshold: 0}",
            "issues[1].decision.threshold",
            "greater than 0",
        ),
        ("decision: {rule: unanimity}", "    name: Y", "decision.rule", "no status_quo"),
        ("decision: {rule: qualified}", None, "decision.rule", "needs a threshold"),
        ("decision: {rule: majority, threshold: 0.6}", None, "decision.threshold", "only under"),
        ("decision: {setter: C}", None, "decision.setter", "has no position on issue 'y'"),
        ("decision: {rule: unanimous}", None, "decision.rule", "'unanimity'"),
        ("decision: {rul: none}", None, "decision.rul", "did you mean 'rule'"),
    ],
)
def test_bad_rules_are_one_clear_line(default, issue, where, problem):
    source = text(default, issue) if issue is not None else text(default)
    with pytest.raises(InputError) as info:
        parse_scenario(source, "t.yaml")
    message = str(info.value)
    assert message.startswith("t.yaml:") and where in message and problem in message, message


def test_population_weights_need_every_voter_to_have_one():
    source = text("decision: {rule: qualified, threshold: 0.6, weight: population}").replace(
        ", population: 10", ""
    )
    source = source.replace(
        "  - {actor: A, issue: y",
        "  - {actor: C, issue: y, position: 1, salience: 1}\n  - {actor: A, issue: y",
    )
    with pytest.raises(InputError, match="'C' has none"):
        parse_scenario(source, "t.yaml")


def test_the_command_line_exits_2_with_one_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(text("decision: {rule: unanimity, veto: [Q]}"))
    result = accord("forecast", str(path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "decision.veto[0]" in result.stderr
    assert "Traceback" not in result.stderr
