"""Linking names, people and roles to a scenario's actors."""

from __future__ import annotations

from accord.evidence._actors import ActorIndex
from accord.evidence._names import People
from evidence_helpers import quotes, talks


def test_aliases_case_and_longest_match():
    index = ActorIndex(talks())
    text = "Vladimir Putin and the Kremlin told us that Moscow's offer stands; US and U.S. differ."
    found = [(text[a:b], actor) for a, b, actor in index.find(text)]
    assert found == [
        ("Vladimir Putin", "RUS"),
        ("Kremlin", "RUS"),
        ("Moscow", "RUS"),
        ("US", "US"),  # a short upper-case actor id counts as a name; "us" does not
        ("U.S.", "US"),
    ]


def test_lower_case_alias_matches_any_case():
    index = ActorIndex(talks())
    assert [a for _, _, a in index.find("The Coalition of the Willing met.")] == ["EU"]


def test_speaker_by_name_surname_phrase_role_and_nationality():
    index = ActorIndex(talks())
    assert index.actor_of("Vladimir Putin", None) == "RUS"
    assert index.actor_of("Volodymyr Zelenskyy", None) is None  # not an alias spelling
    assert index.actor_of("a Kremlin spokesman", None) == "RUS"
    assert index.actor_of("Dmitry Peskov", "Kremlin spokesman") == "RUS"
    assert index.actor_of("Andriy Sybiha", "Ukrainian Foreign Minister") == "UKR"
    assert index.actor_of("Russian officials", None) == "RUS"
    assert index.actor_of("Keir Starmer", "British Prime Minister") is None
    assert ActorIndex(None).actor_of("Vladimir Putin", None) is None


def test_quotes_carry_the_actor():
    text = (
        '"We are ready," Kremlin spokesman Dmitry Peskov said. "Washington knows it," Trump said.'
    )
    assert [(q.speaker, q.actor) for q in quotes(text, scenario=talks())] == [
        ("Dmitry Peskov", "RUS"),
        ("Trump", "US"),
    ]


def test_people_linked_through_their_role_are_mentions():
    index = ActorIndex(talks())
    people = People()
    people.add("Dmitry Peskov", "Kremlin spokesman")
    mentions = index.mentions("Kremlin spokesman Dmitry Peskov spoke. Peskov said no.", people)
    counts = {(m.actor, m.surface): m.count for m in mentions}
    assert counts == {("RUS", "Kremlin"): 1, ("RUS", "Dmitry Peskov"): 1, ("RUS", "Peskov"): 1}


def test_no_scenario_no_mentions():
    assert ActorIndex(None).mentions("Putin met Trump.", People()) == []
