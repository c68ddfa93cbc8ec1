"""Speakers found outside the cue's phrase, by construction: pronouns and "it", definite
descriptions of an organisation, a quotation opening the article, answers after a colon or
"A:", and quotations with no cue."""

from __future__ import annotations

from evidence_helpers import said


def _speakers(text: str) -> list[str | None]:
    return [speaker for kind, _, speaker in said(text) if kind == "direct"]


def test_pronoun_refers_to_an_unnamed_person():
    text = 'A nurse at the hospital declined to give her name. "We have no more beds," she said.'
    assert _speakers(text) == ["A nurse at the hospital"]


def test_it_refers_to_the_subject_of_its_own_unit():
    text = 'The regulator said it would act against what it called "reckless" lending.'
    assert _speakers(text) == ["The regulator"]


def test_it_refers_to_the_organisation_reporting_in_its_unit():
    text = (
        "Brazil will raise tariffs on steel to 25%, the trade ministry said on Friday, "
        'citing what it called "a flood of cheap imports".\n'
    )
    assert [s and s.removeprefix("the ") for s in _speakers(text)] == ["trade ministry"]


def test_a_document_or_industry_noun_refers_to_the_organisation_before():
    text = (
        "Nordal Aluminium Group said on Monday it would close a smelter.\n\n"
        '"This was a hard decision," the statement said.\n\n'
        '"We will support every worker," the firm said.\n'
    )
    assert _speakers(text) == ["Nordal Aluminium Group"] * 2


def test_a_quotation_opening_the_article_takes_the_person_named_next():
    text = (
        '"We are not going anywhere."\n\n'
        "That was the promise of Mayor Hanne Lykke on Tuesday as the river kept rising.\n"
    )
    assert _speakers(text) == ["Hanne Lykke"]


def test_one_word_answer_after_colon_and_interview_answers():
    assert _speakers('Asked about a deal, the envoy, Mara Quist, gave one word: "Maybe."') == [
        "Mara Quist"
    ]
    text = (
        "Finance Minister Rafael Duarte spoke to us in Lisbon.\n\n"
        "Q: Will taxes rise?\n\n"
        'A: "Not while I am here."'
    )
    assert _speakers(text) == ["Rafael Duarte"]


def test_a_sentence_of_function_words_is_no_title():
    text = '"We trusted them," said Ana Lupu. "It was not enough."\n'
    assert _speakers(text) == ["Ana Lupu", "Ana Lupu"]
