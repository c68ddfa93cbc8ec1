"""Speaker constructions added in round 6 (docs/evidence.md, *Quality*), on new sentences."""

from __future__ import annotations

import pytest

from evidence_helpers import said


def _speakers(text: str) -> list[str | None]:
    return [speaker for kind, _, speaker in said(text) if kind == "direct"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # role nouns of many fields, and a common noun with a possessive opening the role
        ('"We will appeal," said the club\'s goalkeeper, Ruben Castaño.', "Ruben Castaño"),
        ('"The data are clear," said the survey\'s co-author, Aino Lehto.', "Aino Lehto"),
        ('"It was a fair race," said the Kenyan runner Peter Kiprop.', "Peter Kiprop"),
        ('"No comment," said the party\'s press secretary, Oda Berg.', "Oda Berg"),
        # an affiliation after the apposed name
        (
            '"It is early," said the lead researcher, Tomas Vik of the Karolinska Institute.',
            "Tomas Vik",
        ),
        # participle modifiers and anonymity
        (
            '"Talks are stuck," said a senior official briefed on the meeting.',
            "a senior official briefed on the meeting",
        ),
        (
            '"Nothing is agreed," said a Gulf diplomat speaking on condition of anonymity.',
            "a Gulf diplomat",
        ),
        (
            '"It is close," said one of the negotiators, who asked not to be named.',
            "one of the negotiators",
        ),
    ],
)
def test_inverted_speakers(text, speaker):
    assert _speakers(text) == [speaker]


def test_post_modified_nominal_subject():
    text = 'A lawyer close to the defence said the verdict was "a travesty".'
    assert _speakers(text) == ["A lawyer close to the defence"]
    text = 'The office of the Greek prime minister said the claim was "baseless".'
    assert _speakers(text) == ["The office of the Greek prime minister"]


def test_name_apposed_to_a_nominal_subject():
    text = 'The head of the panel, Professor Ilse Brandt, said the rules were "outdated".'
    assert _speakers(text) == ["Ilse Brandt"]


def test_role_apposition_between_quote_and_name():
    text = '"Fuel runs out on Friday," the Red Cross\'s head of delegation in Chad, Omar Haddad, told reporters.'
    assert _speakers(text) == ["Omar Haddad"]


def test_quoted_as_saying_any_speaker_phrase():
    text = 'The agency quoted an official at the central bank as saying rates would stay "high for longer".'
    assert _speakers(text) == ["an official at the central bank"]


def test_pronoun_refers_to_an_unnamed_person():
    text = 'A nurse at the hospital declined to give her name. "We have no more beds," she said.'
    assert _speakers(text) == ["A nurse at the hospital"]


def test_it_refers_to_the_subject_of_its_own_unit():
    text = 'The regulator said it would act against what it called "reckless" lending.'
    assert _speakers(text) == ["The regulator"]


def test_phrasal_verbs_and_question_before_name():
    text = '"Who pays?" Ortiz shot back. "Taxpayers do," Ruiz pointed out, "as always."'
    assert _speakers(text) == ["Ortiz", "Ruiz", "Ruiz"]


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


def test_agree_to_is_no_cue():
    text = 'The ministers agreed to "keep channels open", according to a joint statement.'
    assert _speakers(text) == ["a joint statement"]
