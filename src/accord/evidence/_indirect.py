"""Reported speech: the clause a verb of saying or "according to" reports, without quotes.

The configurations are those of the PARC corpus (Pareti 2016): "X said (that) CLAUSE",
"X told reporters (that) CLAUSE", "CLAUSE, X said (on Sunday)", "according to X, CLAUSE" and
"CLAUSE, according to X". A participial phrase or adjunct the writer appended after a comma
("..., underscoring the mistrust") is cut from the clause.
"""

from __future__ import annotations

from accord.evidence._cues import Cue
from accord.evidence._lexicon import (
    ADJUNCT_PHRASE_ENDS,
    ADJUNCT_STARTS,
    ARTICLES,
    BARE_CLAUSE_VERBS,
    CLAUSE_ADVERBS,
    CLAUSE_STARTS,
    CLAUSE_VERBS,
    DAY_PARTS,
    NOT_CLAUSE_STARTS,
    SPEAKER_NOUNS,
    TIME_PHRASE_OPENERS,
    WEEKDAYS,
)
from accord.evidence._names import apposition_after
from accord.evidence._tokens import Token

__all__ = ["before_subordinate", "only_adjuncts", "reported_clause", "skip_adjuncts", "skip_object"]


def reported_clause(
    text: str, tokens: list[Token], lo: int, hi: int, cue: Cue
) -> tuple[int, int] | None:
    """Offsets of the reported clause of an indirect-speech cue, or None."""
    end = hi
    while end > lo and not tokens[end - 1].is_word and tokens[end - 1].kind not in ("num", "quote"):
        end -= 1
    if cue.lemma == "according to":
        assert cue.source is not None
        if cue.index == lo and cue.source.stop < hi and tokens[cue.source.stop].text == ",":
            return _clause_span(text, tokens, cue.source.stop + 1, end)
        if cue.index > lo and tokens[cue.index - 1].text == ",":
            return _clause_span(text, tokens, lo, cue.index - 1)
        return None
    if cue.lemma not in CLAUSE_VERBS or cue.source is None:
        return None
    if tokens[cue.index].lower.endswith("ing"):
        return None
    after_source = cue.source.stop if cue.inverted else cue.stop
    if cue.inverted:
        apposition = apposition_after(text, tokens, after_source, hi)
        if apposition is not None:
            after_source = apposition[1]
    if tokens[hi - 1].text in {".", "!", "?"} and only_adjuncts(
        tokens, after_source, before_subordinate(tokens, after_source, end)
    ):
        first = cue.source.first if not cue.inverted else cue.index
        if first > lo and tokens[first - 1].text == ",":
            return _clause_span(text, tokens, lo, first - 1)
        return None
    if cue.inverted:
        return None
    k = cue.stop
    if cue.lemma == "tell":
        k = skip_object(tokens, k, end)
    k = skip_adjuncts(tokens, k, end)
    if k < end and tokens[k].lower == "that":
        return _clause_span(text, tokens, k + 1, end)
    if k >= end or cue.lemma not in BARE_CLAUSE_VERBS:
        return None
    token = tokens[k]
    starts_clause = token.lower in CLAUSE_STARTS or token.capitalised or token.kind == "num"
    if cue.lemma in ("say", "tell"):
        starts_clause = starts_clause or (
            token.is_word
            and token.lower not in NOT_CLAUSE_STARTS
            and not token.lower.endswith("ly")
        )
    if not starts_clause:
        return None
    if token.lower in ("a", "an") and k + 1 < end and tokens[k + 1].lower in SPEAKER_NOUNS:
        return None
    return _clause_span(text, tokens, k, end)


def before_subordinate(tokens: list[Token], k: int, end: int) -> int:
    """``..., the mission said on Sunday, although it recorded ...``: where the tail starts."""
    for m in range(k, end - 1):
        if tokens[m].text == "," and (
            tokens[m + 1].lower in ADJUNCT_STARTS
            or tokens[m + 1].lower in ("although", "but", "though", "adding", "saying")
        ):
            return m
    return end


def only_adjuncts(tokens: list[Token], k: int, end: int) -> bool:
    return skip_adjuncts(tokens, k, end) >= end


def skip_adjuncts(tokens: list[Token], k: int, end: int) -> int:
    """Skip time and channel phrases: "on Saturday", "in a statement", "on CNN", "late on"."""
    while k < end:
        lower = tokens[k].lower
        if (lower in TIME_PHRASE_OPENERS or lower == "to") and k + 1 < end:
            j = k + 1
            while j < end and j - k <= 5 and tokens[j].is_word and tokens[j].lower != "that":
                if tokens[j].lower in ADJUNCT_PHRASE_ENDS:
                    break
                j += 1
                if tokens[j - 1].lower in WEEKDAYS and not (
                    j < end and tokens[j].lower in DAY_PARTS
                ):
                    break  # "on Monday it had ...": the day ends the phrase
            if j == k + 1:
                return k
            k = j
            continue
        if tokens[k].text == ",":
            k += 1
            continue
        if lower in CLAUSE_ADVERBS:
            k += 1
            continue
        return k
    return k


def skip_object(tokens: list[Token], k: int, end: int) -> int:
    """``told reporters (that)``, ``told CNN``, ``told him``: skip the addressee."""
    j = k
    while (
        j < end
        and j - k < 5
        and (
            (tokens[j].is_word and tokens[j].lower != "that")
            or (tokens[j].kind == "quote" and j > k)
        )
    ):
        if tokens[j].lower in ARTICLES or tokens[j].capitalised or j == k:
            j += 1
            continue
        break
    return j


def _clause_span(text: str, tokens: list[Token], first: int, stop: int) -> tuple[int, int] | None:
    """The clause from token ``first`` to ``stop``, without a trailing writer's adjunct."""
    for k in range(first + 1, stop - 1):
        if tokens[k].text == "," and (
            tokens[k + 1].lower.endswith("ing") or tokens[k + 1].lower in ADJUNCT_STARTS
        ):
            stop = k
            break
    while stop > first and not (
        tokens[stop - 1].is_word or tokens[stop - 1].kind in ("num", "quote")
    ):
        stop -= 1
    words = [t for t in tokens[first:stop] if t.is_word]
    if len(words) < 3:
        return None
    return tokens[first].start, tokens[stop - 1].end
