"""Every statement names the rule that attached it and how its speaker was found, and
``accord evidence --explain`` shows them (accord.evidence._rules)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from accord.cli import app
from accord.evidence._rules import SOURCE_RULES, STATEMENT_RULES, describe
from evidence_helpers import EVIDENCE_DATA, quotes


@pytest.mark.parametrize(
    ("text", "rule", "speaker_rule", "speaker"),
    [
        ('"We will sign," said Peskov.', "cue-after", "inverted", "Peskov"),
        ('"We will sign," Peskov said.', "cue-after", "subject", "Peskov"),
        ('Peskov said: "We will sign."', "cue-before", "subject", "Peskov"),
        (
            'Talks entered "a new page" this week, Erdinc said on Sunday.',
            "cue-closes-clause",
            "subject",
            "Erdinc",
        ),
        (
            'The deal is "fragile" for now, according to Ines Maro.',
            "cue-closes-clause",
            "according-to",
            "Ines Maro",
        ),
        (
            'TASS quoted Sergei Lavrov as saying the offer was "a trap".',
            "cue-before",
            "quoted-as-saying",
            "Sergei Lavrov",
        ),
        (
            'He was described by colleagues as "a pragmatist".',
            "cue-before",
            "passive-agent",
            "colleagues",
        ),
        ('"We are going to end this war" - Donald Trump', "dash-signature", None, "Donald Trump"),
        ('"That is absurd," scoffed Maren Holt.', "unknown-verb", None, "Maren Holt"),
        ('Maren Holt was blunt: "No."', "colon-introduction", None, "Maren Holt"),
        (
            'Peskov spoke on Monday. "We will not sign."',
            "continuation",
            None,
            "Peskov",
        ),
        ('"Nobody knows."', "unattributed", None, None),
        (
            "Lena Marquardt said the gap had narrowed considerably since Monday.",
            "reported-after-cue",
            "subject",
            "Lena Marquardt",
        ),
        (
            "The gap has narrowed considerably since Monday, Lena Marquardt said.",
            "reported-before-cue",
            "subject",
            "Lena Marquardt",
        ),
    ],
)
def test_each_construction_records_its_rule(text, rule, speaker_rule, speaker):
    (quote,) = quotes(text)
    assert (quote.rule, quote.speaker_rule, quote.speaker) == (rule, speaker_rule, speaker)


def test_every_rule_named_is_described():
    for rule in (*STATEMENT_RULES, *SOURCE_RULES):
        assert describe(rule) != rule and len(describe(rule)) > 20
    assert describe(None) == "-"


def test_explain_shows_the_rules_that_fired():
    result = CliRunner().invoke(
        app,
        ["evidence", str(EVIDENCE_DATA / "seed-article.txt"), "--explain"],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.stderr
    assert "Rule" in result.stdout
    for rule in ("cue-after", "cue-before", "continuation", "reported-after-cue"):
        assert f"  {rule}: {STATEMENT_RULES[rule]}" in result.stdout
    without = CliRunner().invoke(app, ["evidence", str(EVIDENCE_DATA / "seed-article.txt")])
    assert "continuation" not in without.stdout
