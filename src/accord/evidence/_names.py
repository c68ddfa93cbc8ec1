"""Names, roles and the people of an article.

A light, rule-based recogniser of the noun phrases that can be a speaker:

- *names*: runs of capitalised words ("Andrey Sibiga", "Kremlin"), with name particles
  ("von der Leyen") and initials;
- *roles*: the title before a name ("Ukrainian Foreign Minister", "Kremlin spokesman",
  "Trump's special envoy") and appositions after or before it ("Steve Witkoff, a special envoy
  to Trump, ..."; "Trump's national security adviser, Mike Waltz, ..."); a role ends in a
  head word such as *minister* or *spokesman*;
- *nominal speakers*: a noun phrase whose head can speak ("a senior U.S. official",
  "Ukraine's foreign ministry", "a spokesman for the Kremlin");
- *pronouns*: he, she, they, it.

:class:`People` gathers the people named in an article, so that a later "Witkoff" is the
"Steve Witkoff" introduced earlier, with the role and, where a title or gendered role word
says so, the gender stated there (the first-mention convention of news writing that the
coreference step of Newell, Cowlishaw & Man 2018 relies on).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from accord.evidence._lexicon import (
    CUE_FORMS,
    DEMONYMS,
    FEMALE_WORDS,
    FUNCTION_WORDS,
    HONORIFICS,
    MALE_WORDS,
    MONTHS,
    NON_PERSON_FIRST,
    NON_PERSON_WORDS,
    PARTICLES,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    SENTENCE_WORDS,
    SPEAKER_NOUNS,
    WEEKDAYS,
    words,
)
from accord.evidence._tokens import Token

__all__ = [
    "PRONOUNS",
    "People",
    "Phrase",
    "apposition_after",
    "left_phrase",
    "looks_like_person",
    "right_phrase",
]

#: Pronoun -> what it can refer to: a man, a woman, a group, an organisation.
PRONOUNS = {"he": "m", "she": "f", "they": "pl", "it": "n"}
_DETERMINERS = words("a an the some two three several many his her its their one")
_ROLE_LINKS = words("to of for at")
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|ash|as|an|at|az)-[A-Z]")
_LEADING_WORDS = words("and but however meanwhile also")


@dataclass(frozen=True, slots=True)
class Phrase:
    """A noun phrase that can be a speaker: tokens ``first`` to ``stop`` (exclusive)."""

    first: int
    stop: int
    kind: str  # "name" | "pronoun" | "nominal"
    name: str
    role: str | None = None


def _name_token(token: Token) -> bool:
    if token.kind == "word" and _ARABIC_ARTICLE.match(token.text):
        return True  # al-Sisi, el-Baradei
    if not token.capitalised or token.kind == "acronym":
        return False
    lower = token.lower
    if lower in SENTENCE_WORDS or lower in WEEKDAYS or lower in ROLE_HEADS:
        return False
    if lower in ROLE_MODIFIERS or lower in DEMONYMS:
        return False
    return not (lower in MONTHS and lower not in ("may", "june"))


def _role_token(token: Token) -> bool:
    lower = token.lower
    if token.kind == "poss":
        return True
    if token.capitalised:
        return lower not in WEEKDAYS and lower not in SENTENCE_WORDS - {"the"}
    return lower in ROLE_HEADS or lower in ROLE_MODIFIERS


def _role_start(tokens: list[Token], a: int, lo: int) -> int:
    """Scan left from token ``a`` over a title: "Russian President", "Trump's special envoy"."""
    r = a
    run = False  # inside a capitalised name that modifies the role ("Northern Ireland")
    while r > lo:
        token, right = tokens[r - 1], tokens[r]
        lower = token.lower
        if token.kind == "poss" or (not token.capitalised and lower in ROLE_HEADS | ROLE_MODIFIERS):
            r -= 1
            run = False
            continue
        if not token.capitalised or lower in WEEKDAYS or lower in SENTENCE_WORDS - {"the"}:
            break
        if run or (
            lower in ROLE_HEADS
            or lower in ROLE_MODIFIERS
            or lower in DEMONYMS
            or token.kind == "acronym"
            or token.text.isupper()
            or right.kind == "poss"
            or right.lower in ROLE_HEADS
            or (right.lower in ROLE_MODIFIERS and right.lower not in FUNCTION_WORDS)
        ):
            run = lower not in ROLE_HEADS and lower not in ROLE_MODIFIERS
            r -= 1
            continue
        break
    return r


def _text(text: str, tokens: list[Token], first: int, stop: int) -> str:
    return " ".join(text[tokens[first].start : tokens[stop - 1].end].split())


def _trim_role(tokens: list[Token], first: int, stop: int) -> tuple[int, int] | None:
    """Drop leading function words; a role must contain a head word."""
    while first < stop and (tokens[first].lower in FUNCTION_WORDS or tokens[first].kind == "poss"):
        first += 1
    while stop > first and tokens[stop - 1].lower in _ROLE_LINKS | {"and", "the"}:
        stop -= 1
    if first >= stop or not any(tokens[k].lower in ROLE_HEADS for k in range(first, stop)):
        return None
    return first, stop


def left_phrase(text: str, tokens: list[Token], j: int, lo: int) -> Phrase | None:
    """The speaker phrase ending at token ``j`` (not before token ``lo``), or None."""
    token = tokens[j]
    if token.lower in PRONOUNS and (token.lower != "it" or j == lo or not tokens[j - 1].is_word):
        return Phrase(j, j + 1, "pronoun", token.lower)
    if _name_token(token):
        a = j
        while a > lo and (
            _name_token(tokens[a - 1])
            or (tokens[a - 1].lower in PARTICLES and a - 1 > lo and _name_token(tokens[a - 2]))
            or (tokens[a - 1].text == "." and a - 2 >= lo and _initial(tokens[a - 2]))
            or _initial(tokens[a - 1])
        ):
            a -= 1
        role_span = _trim_role(tokens, _role_start(tokens, a, lo), a)
        if role_span is not None and role_span[1] == a:
            title = _text(text, tokens, *role_span)
            return Phrase(role_span[0], j + 1, "name", _text(text, tokens, a, j + 1), title)
        role = _role_before_apposition(text, tokens, a, lo)
        if a > lo and tokens[a - 1].lower == "the":
            a -= 1  # "the Kremlin", "the Red Crescent": an institution, not a person
        return Phrase(a, j + 1, "name", _text(text, tokens, a, j + 1), role)
    if token.is_word and token.lower not in SPEAKER_NOUNS | ROLE_HEADS:
        head = _postmodified_head(tokens, j, lo)
        if head is not None:
            inner = left_phrase(text, tokens, head, lo)
            if inner is not None and inner.kind == "nominal":
                return Phrase(
                    inner.first, j + 1, "nominal", _text(text, tokens, inner.first, j + 1)
                )
        if not token.capitalised and token.lower not in FUNCTION_WORDS:
            for m in range(j - 1, max(lo, j - 4) - 1, -1):
                if tokens[m].kind == "poss" and m - 1 >= lo and tokens[m - 1].capitalised:
                    return Phrase(m - 1, j + 1, "nominal", _text(text, tokens, m - 1, j + 1))
                if not tokens[m].is_word or tokens[m].lower in FUNCTION_WORDS:
                    break
    if token.lower in SPEAKER_NOUNS or token.lower in ROLE_HEADS:
        a = j
        while a > lo and j - a < 6:
            before = tokens[a - 1]
            if before.lower in _DETERMINERS:
                a -= 1
                break
            if before.kind == "poss" or before.capitalised or before.kind == "num":
                a -= 1
                continue
            if before.is_word and before.lower not in FUNCTION_WORDS and not _verbish(before):
                a -= 1
                continue
            break
        return Phrase(a, j + 1, "nominal", _text(text, tokens, a, j + 1))
    return None


def right_phrase(text: str, tokens: list[Token], i: int, hi: int) -> Phrase | None:
    """The speaker phrase starting at token ``i`` (before token ``hi``), or None."""
    if i >= hi:
        return None
    token = tokens[i]
    if token.lower in PRONOUNS and token.lower != "it":
        return Phrase(i, i + 1, "pronoun", token.lower)
    k = i + 1 if token.lower in _DETERMINERS else i
    first_content = k
    while k < hi and (
        _role_token(tokens[k])
        or (tokens[k].lower in PARTICLES and k + 1 < hi and _name_token(tokens[k + 1]))
        or (
            tokens[k].lower in _ROLE_LINKS | {"the"}
            and k + 1 < hi
            and (tokens[k + 1].capitalised or tokens[k + 1].lower == "the")
            and k > first_content
            and tokens[k - 1].lower in ROLE_HEADS | SPEAKER_NOUNS | {"the", "of", "for"}
        )
    ):
        k += 1
    if k == first_content:
        return None
    stop = k
    a = stop
    while a > first_content and (_name_token(tokens[a - 1]) or tokens[a - 1].lower in PARTICLES):
        a -= 1
    if (
        a < stop
        and tokens[stop - 1].capitalised
        and (a == first_content or tokens[a - 1].lower in ROLE_HEADS)
    ):
        role_span = _trim_role(tokens, first_content, a)
        role = _text(text, tokens, *role_span) if role_span else None
        role = role or _role_after_apposition(text, tokens, stop, hi)
        return Phrase(i, stop, "name", _text(text, tokens, a, stop), role)
    if any(tokens[m].lower in SPEAKER_NOUNS | ROLE_HEADS for m in range(first_content, stop)):
        return Phrase(i, stop, "nominal", _text(text, tokens, i, stop))
    if a < stop:
        return Phrase(a, stop, "name", _text(text, tokens, a, stop))
    return None


def _postmodified_head(tokens: list[Token], j: int, lo: int) -> int | None:
    """``a spokesman for the German chancellery``: the index of "spokesman", seen from the end."""
    for m in range(j - 1, max(lo, j - 7), -1):
        token = tokens[m]
        if not (token.is_word or token.kind == "poss"):
            return None
        if token.lower in CUE_FORMS:
            return None
        if token.lower in _ROLE_LINKS and m - 1 >= lo:
            head = tokens[m - 1]
            if head.lower in SPEAKER_NOUNS or head.lower in ROLE_HEADS:
                return m - 1
    return None


def _initial(token: Token) -> bool:
    return token.kind == "word" and len(token.text) == 1 and token.text.isupper()


def _verbish(token: Token) -> bool:
    return token.lower in CUE_FORMS


def _role_before_apposition(text: str, tokens: list[Token], a: int, lo: int) -> str | None:
    """``Trump's national security adviser, Mike Waltz, ...``: the role before the comma.

    The role is the whole phrase from the start of the clause (the unit, or a comma) to the
    comma before the name, when it names a role ("the president of the council").
    """
    if a - 1 <= lo or tokens[a - 1].text != ",":
        return None
    r = a - 1
    while r > lo and tokens[r - 1].text != "," and tokens[r - 1].kind != "quote" and a - r < 12:
        r -= 1
    if r > lo and tokens[r - 1].text != "," and tokens[r - 1].kind != "quote":
        return _closed_apposition(text, tokens, a, lo)
    segment = tokens[r : a - 1]
    while segment and segment[0].is_word and segment[0].lower in _LEADING_WORDS:
        segment = segment[1:]
    if not segment or not any(t.lower in ROLE_HEADS for t in segment[:6]):
        return _closed_apposition(text, tokens, a, lo)
    if any(t.kind == "quote" or t.lower in CUE_FORMS for t in segment):
        return _closed_apposition(text, tokens, a, lo)
    first = tokens.index(segment[0], r)
    if tokens[first].lower in ("a", "an", "the") and first + 1 < a - 1:
        first += 1
    return _text(text, tokens, first, a - 1)


def _closed_apposition(text: str, tokens: list[Token], a: int, lo: int) -> str | None:
    """``... by Sweden's foreign minister, Johan Ekberg, who ...``: a title right before the
    comma, when a second comma closes the name off as an apposition."""
    stop = a
    while stop < len(tokens) and _name_token(tokens[stop]):
        stop += 1
    if stop >= len(tokens) or tokens[stop].text != ",":
        return None
    span = _trim_role(tokens, _role_start(tokens, a - 1, lo), a - 1)
    if span is None or span[1] != a - 1 or tokens[a - 2].lower not in ROLE_HEADS:
        return None
    return _text(text, tokens, *span)


def apposition_after(text: str, tokens: list[Token], stop: int, hi: int) -> tuple[str, int] | None:
    """``Steve Witkoff, a special envoy to Trump, ...``: the role and the token after it.

    An apposition is a phrase between commas (or a comma and the end of the clause) that
    starts with an article or a possessive ("Poland's deputy foreign minister") or names a
    role; it must not contain a verb of saying or a quotation.
    """
    if stop >= hi or tokens[stop].text != ",":
        return None
    first = k = stop + 1
    while k < hi and tokens[k].text not in {",", ".", ";", ":"} and k - first < 12:
        if (
            tokens[k].kind == "quote"
            or tokens[k].lower in CUE_FORMS
            or tokens[k].lower in {"who", "which"}
        ):
            return None
        k += 1
    if k == first or (k < hi and tokens[k].text not in {",", ".", ";"}) or k - first >= 12:
        return None
    head = tokens[first]
    led = head.lower in ("a", "an", "the") or (first + 1 < k and tokens[first + 1].kind == "poss")
    if not led and not any(tokens[m].lower in ROLE_HEADS for m in range(first, k)):
        return None
    if (
        head.lower in ("the",)
        and first + 1 < k
        and tokens[first + 1].capitalised
        and not any(tokens[m].lower in ROLE_HEADS for m in range(first, k))
    ):
        return None
    if head.lower in ("a", "an", "the") and first + 1 < k:
        first += 1
    return _text(text, tokens, first, k), k


def _role_after_apposition(text: str, tokens: list[Token], stop: int, hi: int) -> str | None:
    found = apposition_after(text, tokens, stop, hi)
    return found[0] if found else None


def looks_like_person(name: str) -> bool:
    """A multi-word name that is not a place or an organisation."""
    words = name.replace("-", " ").split()
    if not 2 <= len(words) <= 5:
        return False
    lowered = [w.lower() for w in words]
    if lowered[0] in NON_PERSON_FIRST or lowered[0] in DEMONYMS or lowered[0] in SENTENCE_WORDS:
        return False
    if any(w in NON_PERSON_WORDS for w in lowered):
        return False
    return all(w[:1].isupper() or w.lower() in PARTICLES for w in words)


@dataclass
class People:
    """The people of one article: full names, the surname of each, roles and genders."""

    known: dict[str, str] = field(default_factory=dict)  # surname -> full name (aliases)
    full: dict[str, str] = field(default_factory=dict)  # surname -> full name (article)
    roles: dict[str, str] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)
    persons: set[str] = field(default_factory=set)

    def add(self, name: str, role: str | None, *, person: bool = False) -> None:
        """Record a name found in the article, with its role when one was stated."""
        words = name.split()
        while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
            words = words[1:]
        name = " ".join(words)
        is_person = person or role is not None or looks_like_person(name)
        if not is_person and len(words) == 1 and words[0] in self.known:
            is_person = True
        if not is_person:
            return
        canonical = self.canonical(name)
        if len(words) >= 2:
            self.full.setdefault(words[-1], name)
            canonical = self.full[words[-1]] if self.full[words[-1]].endswith(name) else name
        self.persons.add(canonical)
        if role:
            self.roles.setdefault(canonical, role)
            lowered = set(role.lower().replace(".", "").split())
            if lowered & FEMALE_WORDS:
                self.genders.setdefault(canonical, "f")
            elif lowered & MALE_WORDS:
                self.genders.setdefault(canonical, "m")

    def canonical(self, name: str) -> str:
        """The fullest form of ``name`` seen: "Witkoff" -> "Steve Witkoff"."""
        words = name.split()
        if not words:
            return name
        if words[0].lower().rstrip(".") in HONORIFICS and len(words) > 1:
            words = words[1:]
        last = words[-1]
        for table in (self.full, self.known):
            full = table.get(last)
            if full is not None and full.endswith(" ".join(words)):
                return full
        return " ".join(words)

    def is_person(self, name: str) -> bool:
        return self.canonical(name) in self.persons or self.canonical(name) in self.known.values()

    def role(self, name: str) -> str | None:
        return self.roles.get(self.canonical(name))

    def gender(self, name: str) -> str | None:
        return self.genders.get(self.canonical(name))
