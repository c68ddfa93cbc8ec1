"""Speaker attribution, one construction of news writing at a time.

Each case is a construction that wire copy uses and that an earlier version of the rules got
wrong on unseen text (see docs/evidence.md, *Quality*); the texts here are written for the
test, with invented people.
"""

from __future__ import annotations

import datetime as dt

import pytest

from evidence_helpers import quotes, said

TUESDAY = dt.date(2025, 9, 9)


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in quotes(text, TUESDAY)]


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        # a possessive title after the verb, then the name in apposition
        (
            '"We will not negotiate under fire," said Ukraine\'s defence minister, Oleh Marchuk.',
            "Oleh Marchuk",
            "Ukraine's defence minister",
        ),
        (
            '"The text is final," replied his Swiss counterpart, Lea Brunner, smiling.',
            "Lea Brunner",
            "Swiss counterpart",
        ),
        (
            '"No," said a spokesman for the Kremlin, Ilya Sokov.',
            "Ilya Sokov",
            "spokesman for the Kremlin",
        ),
        # abbreviated ranks and honorifics with a full stop
        ('"It is holding," said Lt. Col. Dana Erez, an army spokeswoman.', "Dana Erez", None),
        ('"We are ready," Mr. Holloway said.', "Holloway", None),
        # name particles and a first name that is also a month abbreviation
        (
            '"This is not charity," said Commission President Annelie von der Brügge.',
            "Annelie von der Brügge",
            "Commission President",
        ),
        (
            '"We will see," said NATO Secretary General Jan de Wit at the close of the summit.',
            "Jan de Wit",
            "NATO Secretary General",
        ),
        # a hyphenated title with a post-modifier before the name
        (
            "UN Under-Secretary-General for Political Affairs Rosa Ibarra described it as "
            '"catastrophic".',
            "Rosa Ibarra",
            "UN Under-Secretary-General for Political Affairs",
        ),
        # a rank after an apposed role: the role says more
        (
            "Sudan's army chief, General Omar Saeed, spoke to troops. His message was short:"
            '\n\n"There will be no negotiation."',
            "Omar Saeed",
            "Sudan's army chief",
        ),
    ],
)
def test_titles_and_appositions(text, speaker, role):
    q = quotes(text, TUESDAY)[0]
    assert q.speaker == speaker
    if role is not None:
        assert q.role == role


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # colon introductions without a verb of saying
        (
            "The head of the UN food agency, Marit Lunde, toured the port on Monday. "
            'She put it bluntly: "The ships are here. The permits are not."',
            ["Marit Lunde"],
        ),
        (
            'Kwame Boateng, her deputy, was cautious. His verdict: "We can move 200 trucks."',
            ["Kwame Boateng"],
        ),
        # a family name first, then the family name alone
        (
            '"We will sign," said Chinese envoy Wang Jiayi.\n\nWang later said it was "close".',
            ["Wang Jiayi", "Wang Jiayi"],
        ),
        # "X quoted Y as saying", the passive agent, and an outlet after "according to"
        ('TASS quoted Pavel Orlov as saying: "There will be no concessions."', ["Pavel Orlov"]),
        ('He was described by colleagues as "a pragmatist".', ["colleagues"]),
        ('Pavel Orlov said the offer was "unacceptable", according to Interfax.', ["Pavel Orlov"]),
        # a quotation inside a clause belongs to the clause's cue, not the sentence's
        (
            'Novak told Brandt that Austria wanted "a lasting peace", the chancellery said.',
            ["Novak"],
        ),
        # coordinated speakers, a signature after a dash, an unknown verb of saying
        ('Meloni and Tusk said in a joint statement: "We stand together."', ["Meloni and Tusk"]),
        ('"We are going to end this war" - Daniel Reyes, speaking in Madrid.', ["Daniel Reyes"]),
        (
            'Vera Koval is the party\'s leader.\n\n"That is nonsense," Vera Koval fumed.',
            ["Vera Koval"],
        ),
        # "spoke to X for ..." says who talked, not what was said
        (
            'Ana Ruiz said the president had spoken to his counterpart for "over two hours".',
            ["Ana Ruiz"],
        ),
    ],
)
def test_configurations(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Residents in Kherson said the shelling had stopped.", "Residents in Kherson"),
        ("Diplomats in Brussels said the deal was close.", "Diplomats in Brussels"),
        (
            "Farmers blocking the road near Przemyśl said they would stay until Friday.",
            "Farmers blocking the road near Przemyśl",
        ),
        (
            "The head of the International Atomic Energy Agency said inspectors were ready.",
            "The head of the International Atomic Energy Agency",
        ),
        (
            "The Ministry of Foreign Affairs said the talks were over.",
            "Ministry of Foreign Affairs",
        ),
        ("Moscow said on Monday it had shot down 40 drones.", "Moscow"),
        ("Tomas Berg warned, however, that the offer would not stay open.", "Tomas Berg"),
    ],
)
def test_nominal_and_organisation_speakers(text, expected):
    [q] = quotes(text, TUESDAY)
    assert q.kind == "indirect" and q.speaker == expected


def test_definite_descriptions_resolve_to_the_person_or_source_named_before():
    text = (
        "Prime Minister Alan Brody spoke in parliament on Monday.\n\n"
        '"We have the ships," the prime minister said.\n\n'
        'A senior State Department official said talks would resume. "We are close," the '
        "official said."
    )
    assert speakers(text)[0] == "Alan Brody"
    assert speakers(text)[-1] == "A senior State Department official"


def test_partitive_speaker_is_kept_as_written():
    text = (
        "Negotiators discussed a pullback, according to three people briefed on the talks.\n\n"
        '"Nothing is agreed," one of them said. "But the map is no longer the obstacle."'
    )
    assert speakers(text)[1:] == ["one of them", "one of them"]


def test_pronouns():
    # "they" prefers a plural speaker; "he" falls back to a person named by one word
    text = (
        "The Sudanese army said it had retaken the bridge. Local officials said the road was "
        'open.\n\n"We need fuel," they said.'
    )
    assert speakers(text)[-1] == "Local officials"
    text = 'Brandt called Novak on Tuesday. He said the call was "very good".'
    assert speakers(text) == ["Brandt"]


@pytest.mark.parametrize(
    "text",
    [
        'A militia that calls itself the "Free Steppe Battalion" claimed the attack.',
        'Leaders of the "coalition of the willing" met to discuss what officials call a '
        '"reassurance force".',
        'In her memoir, "The Long Winter", Ines Moller wrote that she regretted nothing.',
        'The plan, dubbed "Operation Steady Shield" by one newspaper, was shelved.',
    ],
)
def test_names_and_terms_in_quotation_marks_are_not_speech(text):
    assert all(q.kind == "indirect" for q in quotes(text, TUESDAY))


def test_a_group_named_in_quotation_marks_can_speak_later():
    text = (
        'The attack was claimed by a group that calls itself the "Free Steppe Battalion". '
        'In a message posted on Telegram, it said: "This is only the beginning."'
    )
    [q] = quotes(text, TUESDAY)
    assert (q.speaker, q.medium) == ("Free Steppe Battalion", "Telegram")


def test_characterisations_with_call_are_speech():
    assert said('The deal, which Hana Ito called "a first step", was signed.') == [
        ("direct", "a first step", "Hana Ito")
    ]
    assert said('Hana Ito called it a "historic" day.') == [("direct", "historic", "Hana Ito")]


def test_a_quotation_opening_a_sentence_runs_over_paragraphs():
    text = '"We want peace," Ola Berg said. "A pause is not peace.\n\n"Our partners know this."'
    assert [q.text.split()[0] for q in quotes(text)] == ["We", "A"]


@pytest.mark.parametrize(
    ("text", "medium"),
    [
        ('He told state television that Iran would "not accept" it.', "state television"),
        ('Ana Ruiz posted a video on Telegram. "We rebuild," she wrote.', "Telegram"),
        ('Ana Ruiz told the programme "Face the Nation" that it was "over".', "Face the Nation"),
    ],
)
def test_media(text, medium):
    assert quotes("Ana Ruiz is the mayor. " + text, TUESDAY)[0].medium == medium


def test_a_programme_called_today_is_no_date():
    [q] = quotes('Mark Ellis told the BBC\'s Today programme: "We are working flat out."', TUESDAY)
    assert q.date is None
