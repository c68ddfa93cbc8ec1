"""Floating quotations: a quotation with no cue in its unit, and whose words it is.

The rules, tried in this order (each named in :data:`accord.evidence._rules.STATEMENT_RULES`):

- ``qa-answer``: ``A: "Not this year."`` in an interview printed as questions and answers is
  the words of the person interviewed, the last person who spoke or was the subject before;
- ``colon-introduction``: after a colon with no verb of saying, the words of the subject or
  possessor of the clause before the colon (``She put it bluntly: "..."``, ``His verdict:
  "..."``);
- ``dash-signature``: ``"We are going to end this war" - Donald Trump``;
- ``unknown-verb``: a quotation opening its unit, followed by a speaker and a verb in the
  past that the lexicon does not know (``"...," he fumed``, ``"...," scoffed Peskov``);
- ``continuation``: the speaker of the previous unit, or the person who is its subject - the
  "conversation" and "closest mention" sieves of Muzny, Fang, Chang & Jurafsky (2017, EACL);
- ``opening-paragraph``: a quotation alone in the article's opening paragraph, with no
  speaker, is the first person's named in the next paragraph (applied after the article).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from accord.evidence._discourse import ROLE_LOOKBACK, Discourse, Said, Unit
from accord.evidence._indirect import only_adjuncts
from accord.evidence._names import left_phrase, right_phrase
from accord.evidence._tokens import Token

if TYPE_CHECKING:
    from accord.evidence._attribution import Statement

__all__ = ["floating_speaker", "opening_quote"]


def floating_speaker(
    text: str, tokens: list[Token], discourse: Discourse, q: int, lo: int, hi: int, unit: Unit
) -> tuple[Said | None, str]:
    """The speaker of floating quotation token ``q`` in unit ``lo:hi`` and the rule's name."""
    index = len(discourse.history)
    found = _answer(tokens, discourse, q, lo, index)
    if found is not None:
        return found, "qa-answer"
    found = _introduced(tokens, q, lo, unit)
    if found is not None:
        return found, "colon-introduction"
    found = _signed(text, tokens, discourse, q, hi, index)
    if found is not None:
        return found, "dash-signature"
    found = _unknown_verb(text, tokens, discourse, q, lo, hi, index)
    if found is not None:
        return found, "unknown-verb"
    found = discourse.previous_speaker(index)
    return found, "continuation" if found is not None else "unattributed"


def opening_quote(
    statements: list[Statement],
    tokens: list[Token],
    discourse: Discourse,
    ranges: list[tuple[int, int]],
) -> None:
    """``"We will not sign." // That was the message from minister Padraig Culhane ...``: a
    quotation alone in the opening paragraph, with no speaker, is the first person's named in
    the next paragraph."""
    if not statements or statements[0].kind != "direct" or statements[0].speaker is not None:
        return
    first = statements[0]
    index = next((n for n, (lo, hi) in enumerate(ranges) if tokens[hi - 1].end >= first.end), -1)
    lo, hi = ranges[index]
    outside = [t for t in tokens[lo:hi] if t.is_word and not first.start <= t.start < first.end]
    if index != 0 or outside or index + 1 >= len(discourse.history):
        return
    following = discourse.history[index + 1]
    if tokens[ranges[index + 1][0]].para == tokens[lo].para or not following.persons:
        return
    name = following.persons[0]
    statements[0] = replace(
        first,
        speaker=name,
        role=discourse.people.role(name),
        person=True,
        rule="opening-paragraph",
    )


def _answer(tokens: list[Token], discourse: Discourse, q: int, lo: int, index: int) -> Said | None:
    if q - lo != 2 or tokens[lo].text != "A" or tokens[lo + 1].text != ":":
        return None
    for unit in reversed(discourse.history[max(0, index - ROLE_LOOKBACK) :]):
        for said in (*reversed(unit.speakers), unit.subject):
            if said is not None and said.speaker and said.person:
                return said
    return None


def _introduced(tokens: list[Token], q: int, lo: int, unit: Unit) -> Said | None:
    if q > lo and tokens[q - 1].text == ":" and unit.subject is not None:
        return unit.subject if unit.subject.speaker else None
    return None


def _signed(
    text: str, tokens: list[Token], discourse: Discourse, q: int, hi: int, index: int
) -> Said | None:
    if q + 2 >= hi or tokens[q + 1].text not in ("-", "–", "—"):
        return None
    phrase = right_phrase(text, tokens, q + 2, hi)
    if phrase is None or phrase.kind == "pronoun":
        return None
    if phrase.stop < hi and tokens[phrase.stop].is_word:
        return None
    return discourse.resolve(phrase, index)


def _unknown_verb(
    text: str, tokens: list[Token], discourse: Discourse, q: int, lo: int, hi: int, index: int
) -> Said | None:
    if any(tokens[k].is_word for k in range(lo, q)):
        return None
    m = q + 1
    while m < hi and tokens[m].text in (",", "—", "–"):
        m += 1
    end = hi
    while end > m and not tokens[end - 1].is_word:
        end -= 1
    if m + 1 >= end:
        return None
    if _past(tokens[m]):  # inverted
        phrase = right_phrase(text, tokens, m + 1, end)
        if phrase is not None and only_adjuncts(tokens, phrase.stop, end):
            return discourse.resolve(phrase, index)
        return None
    for v in range(m + 1, min(end, m + 8)):
        if _past(tokens[v]):
            phrase = left_phrase(text, tokens, v - 1, m)
            if phrase is not None and phrase.first == m and only_adjuncts(tokens, v + 1, end):
                return discourse.resolve(phrase, index)
            return None
    return None


def _past(token: Token) -> bool:
    return token.kind == "word" and not token.capitalised and token.lower.endswith("ed")
