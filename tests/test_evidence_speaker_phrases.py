"""Speaker phrases by construction: inverted and nominal speakers, roles, appositions,
affiliations, "quoted ... as saying", phrasal verbs and verbs that are no cue."""

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
def test_role_modifiers_titles_and_affiliations(text, speaker):
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


def test_a_long_apposition_before_the_verb_is_skipped():
    text = (
        "Rosa Quintero, a former finance minister of Peru who now advises the World Bank "
        "on debt, said the plan was overdue.\n"
    )
    assert [(k, s) for k, _, s in said(text)] == [("indirect", "Rosa Quintero")]


def test_quoted_as_saying_any_speaker_phrase():
    text = 'The agency quoted an official at the central bank as saying rates would stay "high for longer".'
    assert _speakers(text) == ["an official at the central bank"]


def test_a_verb_of_saying_inside_as_saying_is_no_cue():
    text = (
        "State media quoted General Omar Farid as saying the army would respond "
        '"with full force".\n'
    )
    assert _speakers(text) == ["Omar Farid"]


def test_phrasal_verbs_and_question_before_name():
    text = '"Who pays?" Ortiz shot back. "Taxpayers do," Ruiz pointed out, "as always."'
    assert _speakers(text) == ["Ortiz", "Ruiz", "Ruiz"]


def test_agree_to_is_no_cue():
    text = 'The ministers agreed to "keep channels open", according to a joint statement.'
    assert _speakers(text) == ["a joint statement"]
