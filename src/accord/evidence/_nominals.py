"""Unnamed speakers and what they can refer to: one person or a group, their head word.

Helpers of :mod:`accord.evidence._attribution` for noun-phrase speakers ("a lawyer for the
company", "two people familiar with the talks", "the office of Israel's prime minister"): the
head before the post-modifier, whether the phrase names one person (and its gender, where a
word such as "spokeswoman" states it) or a group, and whether a bare name could be a person's.
"""

from __future__ import annotations

from accord.evidence._lexicon import (
    DEMONYMS,
    FEMALE_WORDS,
    MALE_WORDS,
    NON_PERSON_WORDS,
    ORGANISATION_NOUNS,
    PERSON_NOUNS,
    POSTMODIFIER_LINKS,
    ROLE_HEADS,
    SENTENCE_WORDS,
    SPEAKER_NOUNS,
)
from accord.evidence._names import Phrase
from accord.evidence._tokens import Token

__all__ = [
    "ORGANISATION_NOUNS",
    "apposed_to_person",
    "could_be_person",
    "head_word",
    "one_person",
    "plural",
]

_COUNTRIES = frozenset(DEMONYMS.values())


def could_be_person(name: str) -> bool:
    """A name of one or two capitalised words that names no organisation, place or country."""
    words = name.split()
    if not 1 <= len(words) <= 2 or not all(w[:1].isupper() and not w.isupper() for w in words):
        return False
    lowered = {w.lower() for w in words}
    return not (lowered & NON_PERSON_WORDS or name in _COUNTRIES or lowered & SENTENCE_WORDS)


def head_word(words: list[str]) -> str:
    """The head of a nominal speaker, before its post-modifier: "person" for "a person
    familiar with the talks", "office" for "the office of Israel's prime minister"."""
    for k in range(1, len(words)):
        if words[k] in POSTMODIFIER_LINKS or (k > 1 and words[k].endswith("ed")):
            return words[k - 1]
    return words[-1]


def apposed_to_person(tokens: list[Token], phrase: Phrase, lo: int, hi: int) -> bool:
    """``a mother of four who gave only her first name, Amna, said``: a name apposed to a
    phrase about one person is a person's, even when it is a single word."""
    a, e = phrase.first, phrase.stop
    if a - 1 <= lo or tokens[a - 1].text != "," or e >= hi or tokens[e].text != ",":
        return False
    return any(
        t.kind == "word" and not t.capitalised and t.lower in ROLE_HEADS | PERSON_NOUNS
        for t in tokens[max(lo, a - 13) : a - 1]
    )


def one_person(speaker: str) -> str | None:
    """An unnamed speaker that is one person ("a lawyer for the company", "the spokeswoman"):
    its gender ("m", "f") or "?" when its words do not state one; None for anything else."""
    words = speaker.lower().split()
    if len(words) < 2 or words[0] not in ("a", "an", "the", "one"):
        return None
    head = head_word(words)
    if head in ORGANISATION_NOUNS or head not in ROLE_HEADS | PERSON_NOUNS:
        return None
    stated = set(words)
    if stated & FEMALE_WORDS:
        return "f"
    if stated & MALE_WORDS:
        return "m"
    return "?"


def plural(speaker: str) -> bool:
    """ "officials", "three people briefed on the talks", "Diplomats in Brussels"."""
    for word in speaker.split():
        lower = word.lower()
        if lower in SPEAKER_NOUNS:
            return (lower.endswith("s") and not lower.endswith(("ss", "us"))) or lower == "people"
    return False
