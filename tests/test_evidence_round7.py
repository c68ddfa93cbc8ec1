"""Speaker constructions added in round 7 (docs/evidence.md, *Quality*), on new sentences."""

from __future__ import annotations

import pytest

from evidence_helpers import said


def _speakers(text: str) -> list[str | None]:
    return [speaker for kind, _, speaker in said(text) if kind == "direct"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a lower-case noun modifying a role head that is not in the lexicon
        ('"We sail at dawn," said the shipping minister, Arvid Holm, on radio.', "Arvid Holm"),
        ('WFP food chief Anna-Lena Brodt had a warning: "Stocks end in May."', "Anna-Lena Brodt"),
        # multi-word judicial titles
        ('"The appeal fails," Lady Justice Imogen Thorne said.', "Imogen Thorne"),
        # a person before an affiliation, after and before the verb
        ('"Why now?" asked Leif Dahl of the Centre Party.', "Leif Dahl"),
        ('Professor Ines Maro of Leiden University called it "a gamble".', "Ines Maro"),
        # an indefinite speaker noun with "for" and a titled name, and a name apposed to it
        (
            '"We wait," said an aide to President Ruta Kalns, Emils Zarins.',
            "Emils Zarins",
        ),
        (
            '"We wait," said a spokesman for Chancellor Olaf Brenner.',
            "a spokesman for Chancellor Olaf Brenner",
        ),
    ],
)
def test_speaker_phrases(text, speaker):
    assert _speakers(text) == [speaker]


def test_a_document_or_industry_noun_refers_to_the_organisation_before():
    text = (
        "Nordal Aluminium Group said on Monday it would close a smelter.\n\n"
        '"This was a hard decision," the statement said.\n\n'
        '"We will support every worker," the firm said.\n'
    )
    assert _speakers(text) == ["Nordal Aluminium Group"] * 2


def test_it_refers_to_the_organisation_reporting_in_its_unit():
    text = (
        "Brazil will raise tariffs on steel to 25%, the trade ministry said on Friday, "
        'citing what it called "a flood of cheap imports".\n'
    )
    assert [s and s.removeprefix("the ") for s in _speakers(text)] == ["trade ministry"]


def test_a_verb_of_saying_inside_as_saying_is_no_cue():
    text = (
        "State media quoted General Omar Farid as saying the army would respond "
        '"with full force".\n'
    )
    assert _speakers(text) == ["Omar Farid"]


def test_a_quotation_opening_the_article_takes_the_person_named_next():
    text = (
        '"We are not going anywhere."\n\n'
        "That was the promise of Mayor Hanne Lykke on Tuesday as the river kept rising.\n"
    )
    assert _speakers(text) == ["Hanne Lykke"]


def test_a_long_apposition_before_the_verb_is_skipped():
    text = (
        "Rosa Quintero, a former finance minister of Peru who now advises the World Bank "
        "on debt, said the plan was overdue.\n"
    )
    assert [(k, s) for k, _, s in said(text)] == [("indirect", "Rosa Quintero")]


def test_a_sentence_of_function_words_is_no_title():
    text = '"We trusted them," said Ana Lupu. "It was not enough."\n'
    assert _speakers(text) == ["Ana Lupu", "Ana Lupu"]
