"""Names, titles and roles, and the people of an article.

- *names*: runs of capitalised words ("Andrey Sibiga", "Kremlin"), with name particles
  ("von der Leyen", "Jan de Boer"), initials and abbreviated titles ("Lt. Col. Ariel Navon");
- *roles*: the title before a name ("Ukrainian Foreign Minister", "Kremlin spokesman",
  "Trump's special envoy", "UN Under-Secretary-General for Political Affairs") and
  appositions after or before it ("Steve Witkoff, a special envoy to Trump, ..."; "Trump's
  national security adviser, Mike Waltz, ..."); a role has a head word such as *minister* or
  *spokesman*, alone or in a hyphenated compound;
- :class:`People` gathers the people named in an article, so that a later "Witkoff" is the
  "Steve Witkoff" introduced earlier (and a later "Li" the "Li Wenhao" written family name
  first), with the role and, where a title or gendered role word says so, the gender stated
  there (the first-mention convention of news writing that the coreference step of Newell,
  Cowlishaw & Man 2018 relies on).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from accord.evidence._lexicon import (
    ABBREVIATIONS,
    APPOSITION_LEADING_WORDS,
    ARTICLES,
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
    ROLE_LINKS,
    ROLE_MODIFIERS,
    SENTENCE_WORDS,
    WEEKDAYS,
)
from accord.evidence._tokens import Token

__all__ = [
    "People",
    "abbreviated_title",
    "apposition_after",
    "initial",
    "looks_like_person",
    "name_token",
    "particles_before",
    "role_after_apposition",
    "role_before_apposition",
    "role_head",
    "role_start",
    "role_token",
    "span_text",
    "trim_role",
]

_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|ash|as|an|at|az)-[A-Z]")


def role_head(lower: str) -> bool:
    """A word that heads a role, or a compound of one: "minister", "under-secretary-general"."""
    return lower in ROLE_HEADS or ("-" in lower and any(p in ROLE_HEADS for p in lower.split("-")))


def name_token(token: Token) -> bool:
    if token.kind == "word" and _ARABIC_ARTICLE.match(token.text):
        return True  # al-Sisi, el-Baradei
    if not token.capitalised or token.kind == "acronym":
        return False
    lower = token.lower
    if lower in SENTENCE_WORDS or lower in WEEKDAYS or role_head(lower):
        return False
    if lower in ROLE_MODIFIERS or lower in DEMONYMS:
        return False
    # A month's full name is a date word; its abbreviation ("Jan", "Dec") stands in dates only
    # before a full stop or a number, so as a word of its own it is a name ("Jan de Boer").
    return not (lower in MONTHS and len(lower) > 3 and lower not in ("june", "sept"))


def abbreviated_title(tokens: list[Token], k: int) -> bool:
    """Token ``k`` is the full stop of an abbreviated title: "Lt." "Col." "Dr." "Mr."."""
    return (
        tokens[k].text == "."
        and k > 0
        and tokens[k - 1].kind == "word"
        and tokens[k - 1].lower in HONORIFICS
        and tokens[k - 1].lower in ABBREVIATIONS
    )


def particles_before(tokens: list[Token], a: int, lo: int) -> int:
    """``Annelie von der Brügge``: the first token of the name particles before token ``a``
    when they belong to the name - a name, a title or the clause boundary precedes them."""
    b = a
    while b > lo and tokens[b - 1].lower in PARTICLES and tokens[b - 1].kind == "word":
        b -= 1
    if b == a or a - b > 3:
        return a
    if b == lo or not tokens[b - 1].is_word:
        return b
    before = tokens[b - 1]
    if name_token(before) or role_head(before.lower) or before.lower in HONORIFICS:
        return b
    return a


def noun_modifier(tokens: list[Token], k: int, hi: int) -> bool:
    """``the *mining* minister``, ``UN *refugee* chief``: a lower-case noun (one or two) that
    modifies a role head after it, though it is not itself in the role lexicon."""
    m = k
    while m < hi and m - k < 3:
        token = tokens[m]
        if token.kind != "word" or token.capitalised:
            return False
        if m > k and role_head(token.lower):
            return True
        lower = token.lower
        if (
            not lower.isalpha()
            or lower in FUNCTION_WORDS
            or lower in CUE_FORMS
            or lower.endswith(("ly", "ed"))
        ):
            return False
        m += 1
    return False


def role_token(token: Token) -> bool:
    lower = token.lower
    if token.kind == "poss":
        return True
    if token.capitalised:
        return lower not in WEEKDAYS and lower not in SENTENCE_WORDS - {"the"}
    return role_head(lower) or lower in ROLE_MODIFIERS


def role_start(tokens: list[Token], a: int, lo: int) -> int:
    """Scan left from token ``a`` over a title: "Russian President", "Trump's special envoy"."""
    r = a
    run = False  # inside a capitalised name that modifies the role ("Northern Ireland")
    while r > lo:
        token, right = tokens[r - 1], tokens[r]
        lower = token.lower
        if token.kind == "poss" or (
            not token.capitalised
            and (role_head(lower) or lower in ROLE_MODIFIERS or noun_modifier(tokens, r - 1, a))
        ):
            r -= 1
            run = False
            continue
        if not token.capitalised or lower in WEEKDAYS or lower in SENTENCE_WORDS - {"the"}:
            break
        if run or (
            role_head(lower)
            or lower in ROLE_MODIFIERS
            or lower in DEMONYMS
            or token.kind == "acronym"
            or token.text.isupper()
            or right.kind == "poss"
            or role_head(right.lower)
            or (right.lower in ROLE_MODIFIERS and right.lower not in FUNCTION_WORDS)
        ):
            run = not role_head(lower) and lower not in ROLE_MODIFIERS
            r -= 1
            continue
        break
    return r


def span_text(text: str, tokens: list[Token], first: int, stop: int) -> str:
    return " ".join(text[tokens[first].start : tokens[stop - 1].end].split())


def trim_role(tokens: list[Token], first: int, stop: int) -> tuple[int, int] | None:
    """Drop leading function words; a role must contain a head word."""
    while first < stop and (tokens[first].lower in FUNCTION_WORDS or tokens[first].kind == "poss"):
        first += 1
    while stop > first and tokens[stop - 1].lower in ROLE_LINKS | {"and", "the"}:
        stop -= 1
    if first >= stop or not any(role_head(tokens[k].lower) for k in range(first, stop)):
        return None
    return first, stop


def initial(token: Token) -> bool:
    return token.kind == "word" and len(token.text) == 1 and token.text.isupper()


def role_before_apposition(text: str, tokens: list[Token], a: int, lo: int) -> str | None:
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
    while segment and segment[0].is_word and segment[0].lower in APPOSITION_LEADING_WORDS:
        segment = segment[1:]
    if not segment or not any(role_head(t.lower) for t in segment[:6]):
        return _closed_apposition(text, tokens, a, lo)
    if any(t.kind == "quote" or t.lower in CUE_FORMS for t in segment):
        return _closed_apposition(text, tokens, a, lo)
    first = tokens.index(segment[0], r)
    if tokens[first].lower in ARTICLES and first + 1 < a - 1:
        first += 1
    return span_text(text, tokens, first, a - 1)


def _closed_apposition(text: str, tokens: list[Token], a: int, lo: int) -> str | None:
    """``... by Sweden's foreign minister, Johan Ekberg, who ...``: a title right before the
    comma, when a second comma closes the name off as an apposition."""
    stop = a
    while stop < len(tokens) and name_token(tokens[stop]):
        stop += 1
    if stop >= len(tokens) or tokens[stop].text != ",":
        return None
    span = trim_role(tokens, role_start(tokens, a - 1, lo), a - 1)
    if span is None or span[1] != a - 1 or not role_head(tokens[a - 2].lower):
        return None
    return span_text(text, tokens, *span)


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
    led = head.lower in ARTICLES or (first + 1 < k and tokens[first + 1].kind == "poss")
    if not led and not any(role_head(tokens[m].lower) for m in range(first, k)):
        return None
    if not led and head.lower in FUNCTION_WORDS:
        return None  # an adverbial: ", after talks with his Turkish counterpart, ..."
    if (
        head.lower in ("the",)
        and first + 1 < k
        and tokens[first + 1].capitalised
        and not any(role_head(tokens[m].lower) for m in range(first, k))
    ):
        return None
    if head.lower in ARTICLES and first + 1 < k:
        first += 1
    return span_text(text, tokens, first, k), k


def role_after_apposition(text: str, tokens: list[Token], stop: int, hi: int) -> str | None:
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
    firsts: dict[str, str] = field(default_factory=dict)  # first word -> full name, or ""

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
            first = self.firsts.setdefault(words[0], canonical)
            if first != canonical:
                self.firsts[words[0]] = ""  # two people share it: ambiguous
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
        while words[0].lower().rstrip(".") in HONORIFICS and len(words) > 1:
            words = words[1:]
        last = words[-1]
        for table in (self.full, self.known):
            full = table.get(last)
            if full is not None and full.endswith(" ".join(words)):
                return full
        if len(words) == 1 and self.firsts.get(last):
            # A name written family name first ("Li Wenhao" ... "Li said"), or a first name
            # standing for a person named in full before ("Oksana says").
            return self.firsts[last]
        return " ".join(words)

    def is_person(self, name: str) -> bool:
        return self.canonical(name) in self.persons or self.canonical(name) in self.known.values()

    def role(self, name: str) -> str | None:
        return self.roles.get(self.canonical(name))

    def gender(self, name: str) -> str | None:
        return self.genders.get(self.canonical(name))
