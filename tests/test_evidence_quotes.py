"""Quotations and reported speech, one construction at a time."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_helpers import quotes, said

MONDAY = dt.date(2025, 3, 17)


def test_said_after_and_continuation():
    text = '"We are not there yet," Lena Marquardt said. "Another round should do."'
    assert said(text) == [
        ("direct", "We are not there yet,", "Lena Marquardt"),
        ("direct", "Another round should do.", "Lena Marquardt"),
    ]


def test_said_inverted_with_role_before_the_name():
    [q] = quotes("\u201cThe door remains open,\u201d said Deputy Foreign Minister Tomas Reyes.")
    assert (q.speaker, q.role) == ("Tomas Reyes", "Deputy Foreign Minister")


def test_said_before_with_colon_and_without():
    assert said('Maria Okafor told reporters: "Our patience is gone."') == [
        ("direct", "Our patience is gone.", "Maria Okafor")
    ]
    assert said('Prime Minister Adeyemi said the plan was "a serious basis" for talks.') == [
        ("direct", "a serious basis", "Adeyemi")
    ]


def test_interrupted_quote():
    text = '"If they are serious," said Hamid Rostami, "we can agree by summer."'
    assert [q.speaker for q in quotes(text)] == ["Hamid Rostami", "Hamid Rostami"]


def test_floating_quote_after_introduction():
    text = (
        "Kenji Watanabe, Japan's trade envoy, was blunt when he arrived in Geneva.\n\n"
        '"Nobody should expect a breakthrough this week."'
    )
    [q] = quotes(text)
    assert q.speaker == "Kenji Watanabe" and q.role == "Japan's trade envoy"


def test_floating_quote_after_a_colon():
    text = 'The mediator, Astrid Solheim, read a statement:\n\n"Both sides remain committed."'
    assert said(text) == [("direct", "Both sides remain committed.", "Astrid Solheim")]


def test_multi_paragraph_quote_is_one_quote_with_offsets():
    text = (
        'Rosa Lindqvist said:\n\n"We examined every option.\n\n"What we propose is a compromise."'
    )
    [q] = quotes(text)
    assert q.speaker == "Rosa Lindqvist"
    assert q.text.startswith("We examined") and q.text.endswith("a compromise.")


def test_nested_quote_is_part_of_the_outer_one():
    text = "\u201cHe told me \u2018not before the harvest,\u2019 and left,\u201d said Amara Diallo."
    assert said(text) == [
        ("direct", "He told me \u2018not before the harvest,\u2019 and left,", "Amara Diallo")
    ]


def test_pronoun_speaker_and_gender():
    text = (
        "Mr. Paulsen met the foreign secretary, Dame Helen Ashby, on Monday.\n\n"
        '"It was a frank exchange," she said.'
    )
    [q] = quotes(text)
    assert q.speaker == "Helen Ashby"


def test_pronoun_gender_learned_from_earlier_pronoun():
    text = (
        "Senator Maria Alvarez questioned Ambassador Thomas Greer on Monday.\n\n"
        '"Who will pay?" she asked.\n\n'
        '"The donors will," he replied.'
    )
    assert [q.speaker for q in quotes(text)] == ["Maria Alvarez", "Thomas Greer"]


def test_according_to_and_indirect_speech():
    text = (
        "According to the Finance Ministry, the deficit will reach 4.2% of GDP this year.\n\n"
        "The talks will resume next month, according to two officials familiar with the plan.\n\n"
        "Foreign Minister Carla Benz told reporters that the sanctions would stay in place.\n\n"
        "Progress had been made on gas transit, said Olena Kravets, the deputy energy minister."
    )
    assert said(text) == [
        ("indirect", "the deficit will reach 4.2% of GDP this year", "Finance Ministry"),
        ("indirect", "The talks will resume next month", "two officials familiar with the plan"),
        ("indirect", "the sanctions would stay in place", "Carla Benz"),
        ("indirect", "Progress had been made on gas transit", "Olena Kravets"),
    ]


def test_writer_comment_is_cut_from_reported_speech():
    text = (
        "Andrey Sibiga stated on Saturday that the forces would continue their operations, "
        "underscoring the mistrust between the sides."
    )
    [q] = quotes(text, MONDAY)
    assert q.text == "the forces would continue their operations"
    assert q.date == dt.date(2025, 3, 15)


@pytest.mark.parametrize(
    ("text", "medium"),
    [
        ('"No military solution," Arjun Mehta told Reuters on Friday.', "Reuters"),
        ('"A step toward peace," Elena Vasquez wrote on X late on Sunday.', "X"),
        ('"We are ready," the Red Crescent said in a statement.', "statement"),
        ('In an interview with Fox News, Daniel Brooks said: "No concessions."', "Fox News"),
        ('"Crossings open," Ukraine\'s air force said on Telegram.', "Telegram"),
        ('Speaking to state television, Reza Kamali said: "Not negotiable."', "state television"),
    ],
)
def test_medium(text, medium):
    [q] = quotes(text)
    assert q.medium == medium


def test_medium_and_date_carry_over_to_the_speakers_next_quotes():
    text = (
        'Mike Waltz spoke in an interview with ABC\'s "This Week" on Sunday.\n\n'
        '"We can talk about what is right," Waltz said.'
    )
    [q] = quotes(text, MONDAY)
    assert (q.speaker, q.medium, q.date) == ("Mike Waltz", "ABC's This Week", dt.date(2025, 3, 16))


def test_titles_names_and_scare_quotes_are_not_speech():
    text = (
        'The so-called "Blue Corridor" plan was first shown on the programme "Newsnight".\n\n'
        'Israel considers a plan called "Hell Plan".'
    )
    assert quotes(text) == []


def test_partial_quote_without_a_speaker_is_dropped():
    assert quotes('The Kremlin\'s "special operation" continued into its fourth year.') == []


def test_nominal_and_definite_speakers():
    text = (
        "Energy Minister Rafael Ortiz arrived late.\n\n"
        '"The pipeline cannot be separated from the deal," the minister told reporters.\n\n'
        '"The offer is final," a senior U.S. official said.'
    )
    assert [q.speaker for q in quotes(text)] == ["Rafael Ortiz", "a senior U.S. official"]


def test_stray_mark_does_not_lose_the_other_quotes():
    text = (
        'The minister said the talks were "over for now.\n\n'
        '"We will be back at the table," Foreign Minister Aziz Karimov said.\n\n'
        '"Nobody wants a return to fighting," added Karimov.'
    )
    direct = [(q.text, q.speaker) for q in quotes(text) if q.kind == "direct"]
    assert direct == [
        ("We will be back at the table,", "Aziz Karimov"),
        ("Nobody wants a return to fighting,", "Aziz Karimov"),
    ]


def test_stray_closing_mark_mid_paragraph():
    text = 'He said no" and left. "We will return," said Ana Lopez. "Soon," she added.'
    assert [(q.text, q.speaker) for q in quotes(text)] == [
        ("We will return,", "Ana Lopez"),
        ("Soon,", "Ana Lopez"),
    ]


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ('"', '"'),
        ("\u201c", "\u201d"),
        ("\u00ab", "\u00bb"),
        ("\u201e", "\u201c"),
        ("\u2018", "\u2019"),
    ],
)
def test_quotation_mark_styles(opening, closing):
    text = f"{opening}We are ready to sign,{closing} Foreign Minister Anais Morel said."
    assert said(text) == [("direct", "We are ready to sign,", "Anais Morel")]


def test_question_quote_followed_by_attribution():
    text = "\u201cWho will pay for it?\u201d asked Ambassador Nadia Petrova during the session."
    [q] = quotes(text)
    assert (q.text, q.speaker, q.role) == ("Who will pay for it?", "Nadia Petrova", "Ambassador")


PIECES = [
    '"We will not sign," ',
    "Peskov said. ",
    "he added ",
    '"',
    "\u201c",
    "\u201d",
    "The minister said that ",
    "talks continue. ",
    "\n\n",
    "according to Reuters, ",
    "over 1,000 drones ",
    "on Sunday ",
    "'",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25))
def test_offsets_always_point_into_the_text(pieces):
    from accord.evidence import extract, parse_article
    from accord.io import InputError

    try:
        article = parse_article("".join(pieces), "t", published=MONDAY)
    except InputError:
        return
    result = extract(article)
    for q in result.quotes:
        assert 0 <= q.start <= q.end <= len(article.text)
        assert article.text[q.start : q.end] == q.text
        assert q.kind in ("direct", "indirect")
    assert result.to_dict()["article"]["text"] == article.text
