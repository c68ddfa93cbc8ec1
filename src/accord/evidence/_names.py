"""The noun phrases that can be a speaker, found left or right of a verb of saying.

A light, rule-based recogniser (names and roles themselves are in
:mod:`accord.evidence._titles`):

- *names*, with the title before them ("Ukrainian Foreign Minister Andrii Sybiha");
- *organisations*: capitalised runs ending in an organisation word or opening with one and a
  link ("the International Atomic Energy Agency", "the Ministry of Foreign Affairs"), and
  coordinated names ("Macron and Starmer");
- *nominal speakers*: a noun phrase whose head can speak ("a senior U.S. official",
  "Ukraine's foreign ministry", "a spokesman for the Kremlin"), with its complement or
  participle clause ("Residents in Kherson", "Farmers blocking the road near Przemysl") and
  partitives ("one of them");
- *pronouns*: he, she, they, it.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.evidence._lexicon import (
    AFFILIATION_LINKS,
    CUE_FORMS,
    FUNCTION_WORDS,
    NON_PERSON_WORDS,
    ORGANISATION_LINKS,
    PARTICLES,
    PLACE_LINKS,
    PLACE_WORDS,
    POSTMODIFYING_ADJECTIVES,
    PRONOUNS,
    QUANTIFIERS,
    RANKS,
    ROLE_HEADS,
    ROLE_LINKS,
    SENTENCE_WORDS,
    SPEAKER_DETERMINERS,
    SPEAKER_NOUNS,
)
from accord.evidence._titles import (
    People,
    abbreviated_title,
    apposition_after,
    initial,
    looks_like_person,
    name_token,
    noun_modifier,
    particles_before,
    role_after_apposition,
    role_before_apposition,
    role_head,
    role_start,
    role_token,
    span_text,
    trim_role,
)
from accord.evidence._tokens import Token

SPEAKER_HEADS = SPEAKER_NOUNS | ROLE_HEADS

__all__ = [
    "PRONOUNS",
    "SPEAKER_HEADS",
    "People",
    "Phrase",
    "abbreviated_title",
    "agent_phrase",
    "apposition_after",
    "left_phrase",
    "looks_like_person",
    "person_before_affiliation",
    "right_phrase",
    "role_head",
    "with_head_before",
]


@dataclass(frozen=True, slots=True)
class Phrase:
    """A noun phrase that can be a speaker: tokens ``first`` to ``stop`` (exclusive)."""

    first: int
    stop: int
    kind: str  # "name" | "pronoun" | "nominal"
    name: str
    role: str | None = None


def left_phrase(text: str, tokens: list[Token], j: int, lo: int) -> Phrase | None:
    """The speaker phrase ending at token ``j`` (not before token ``lo``), or None."""
    token = tokens[j]
    if token.lower in PRONOUNS and (
        token.lower != "it"
        or j == lo
        or not tokens[j - 1].is_word
        or tokens[j - 1].lower in ("what", "which", "as")  # 'what it called "..."'
    ):
        return Phrase(j, j + 1, "pronoun", token.lower)
    if token.lower in ("them", "those") and _partitive(tokens, j, lo):
        return Phrase(
            j - 2, j + 1, "nominal", span_text(text, tokens, j - 2, j + 1)
        )  # "one of them"
    organisation = _organisation_start(tokens, j, lo)
    if organisation is not None:
        # "the International Atomic Energy Agency", "the Ministry of Foreign Affairs"
        a = (
            organisation - 1
            if organisation > lo and tokens[organisation - 1].lower == "the"
            else organisation
        )
        return with_head_before(
            text, tokens, Phrase(a, j + 1, "name", span_text(text, tokens, a, j + 1)), lo
        )
    if name_token(token):
        a = j
        while a > lo:
            if (
                name_token(tokens[a - 1])
                or (tokens[a - 1].text == "." and a - 2 >= lo and initial(tokens[a - 2]))
                or initial(tokens[a - 1])
            ):
                a -= 1
                continue
            if a - 2 >= lo and abbreviated_title(tokens, a - 1):
                a -= 2  # "Mr. Witkoff", "Lt. Col. Ariel Navon"
                continue
            b = particles_before(tokens, a, lo)
            if b == a:
                break
            a = b
        role_span = trim_role(tokens, role_start(tokens, a, lo), a)
        if role_span is not None and role_span[1] == a:
            title = span_text(text, tokens, *role_span)
            if a - role_span[0] == 1 and tokens[role_span[0]].lower in RANKS:
                # "Sudan's army chief, General Osman Idris": the rank is part of the name's
                # form of address; the apposed role before it says more.
                title = role_before_apposition(text, tokens, role_span[0], lo) or title
            named = Phrase(role_span[0], j + 1, "name", span_text(text, tokens, a, j + 1), title)
            if role_span[0] - 1 >= lo and tokens[role_span[0] - 1].lower in ("for", "to"):
                # "A spokeswoman for Prime Minister Anneliese Wendt said": the spokeswoman
                headed = with_head_before(text, tokens, named, lo)
                if headed.kind == "nominal":
                    return headed
            d = role_span[0] - 1
            if d >= lo and tokens[d].lower in ("a", "an") and (" for " in title or " to " in title):
                return Phrase(d, j + 1, "nominal", span_text(text, tokens, d, j + 1))
            return named
        if a - 2 >= lo and tokens[a - 1].lower == "and" and name_token(tokens[a - 2]):
            other = left_phrase(text, tokens, a - 2, lo)
            if other is not None and other.kind == "name" and other.role is None:
                # "Macron and Starmer said in a joint statement": both speak
                return Phrase(
                    other.first, j + 1, "name", span_text(text, tokens, other.first, j + 1)
                )
        role = role_before_apposition(text, tokens, a, lo)
        if a > lo and tokens[a - 1].lower == "the":
            a -= 1  # "the Kremlin", "the Red Crescent": an institution, not a person
        return with_head_before(
            text, tokens, Phrase(a, j + 1, "name", span_text(text, tokens, a, j + 1), role), lo
        )
    if token.is_word and token.lower not in SPEAKER_HEADS:
        head = _postmodified_head(tokens, j, lo)
        if head is not None:
            inner = left_phrase(text, tokens, head, lo)
            if inner is not None and inner.kind == "nominal":
                return Phrase(
                    inner.first, j + 1, "nominal", span_text(text, tokens, inner.first, j + 1)
                )
        if not token.capitalised and token.lower not in FUNCTION_WORDS:
            for m in range(j - 1, max(lo, j - 4) - 1, -1):
                if tokens[m].kind == "poss" and m - 1 >= lo and tokens[m - 1].capitalised:
                    return Phrase(m - 1, j + 1, "nominal", span_text(text, tokens, m - 1, j + 1))
                if not tokens[m].is_word or tokens[m].lower in FUNCTION_WORDS:
                    break
    if token.lower in SPEAKER_NOUNS or role_head(token.lower):
        a = j
        while a > lo and j - a < 6:
            before = tokens[a - 1]
            if before.lower in SPEAKER_DETERMINERS:
                a -= 1
                break
            if before.kind == "poss" or before.capitalised or before.kind == "num":
                a -= 1
                continue
            if before.is_word and before.lower not in FUNCTION_WORDS and not _verbish(before):
                a -= 1
                continue
            break
        if _partitive(tokens, a, lo):
            a -= 2  # "one of the officials"
        # "a spokesperson for the German defence ministry": the head comes first
        return with_head_before(
            text, tokens, Phrase(a, j + 1, "nominal", span_text(text, tokens, a, j + 1)), lo
        )
    return None


def _organisation_start(tokens: list[Token], j: int, lo: int) -> int | None:
    """The first token of an organisation's name ending at token ``j``: a capitalised run
    that ends in an organisation word ("Agency") or opens with one and a link ("Ministry of
    Foreign Affairs"), with the links of, for, and, on, the and to inside it."""
    if not tokens[j].capitalised or tokens[j].kind != "word":
        return None
    a = j
    while a > lo:
        before = tokens[a - 1]
        if before.capitalised and before.lower not in SENTENCE_WORDS - {"of", "for", "and"}:
            a -= 1
            continue
        if (
            before.lower in ORGANISATION_LINKS
            and a - 2 >= lo
            and (tokens[a - 2].capitalised or tokens[a - 2].lower in ORGANISATION_LINKS)
        ):
            a -= 1
            continue
        break
    while a < j and not tokens[a].capitalised:
        a += 1
    if a == j and tokens[j].lower not in NON_PERSON_WORDS:
        return None
    ends = tokens[j].lower in NON_PERSON_WORDS and tokens[j].lower not in PLACE_WORDS
    opens = tokens[a].lower in NON_PERSON_WORDS and tokens[a + 1].lower in ("of", "for")
    if a < j and (ends or opens) and not any(role_head(tokens[m].lower) for m in range(a, j + 1)):
        return a
    return None


def with_head_before(text: str, tokens: list[Token], phrase: Phrase, lo: int) -> Phrase:
    """``Residents in Kherson``, ``the head of the IAEA``, ``Farmers blocking the road near
    Przemysl``: a name after a preposition is the complement of a speaker noun before it, which
    heads the phrase - directly, or through a participle clause when the phrase opens the clause.
    """
    a = phrase.first
    if a - 2 < lo or tokens[a - 1].lower not in PLACE_LINKS:
        return phrase
    for h in range(a - 2, max(lo, a - 8) - 1, -1):
        token = tokens[h]
        if token.lower in SPEAKER_HEADS and (h == a - 2 or _postmodifies(tokens[h + 1])):
            inner = left_phrase(text, tokens, h, lo)
            if inner is None or (inner.kind == "name" and inner.first != h):
                return phrase
            if h < a - 2 and not (inner.first == lo or not tokens[inner.first - 1].is_word):
                return phrase  # the participle clause must open the clause
            return Phrase(
                inner.first,
                phrase.stop,
                "nominal",
                span_text(text, tokens, inner.first, phrase.stop),
            )
        if not token.is_word or token.lower in CUE_FORMS:
            return phrase
    return phrase


def _particles_then_name(tokens: list[Token], k: int, hi: int) -> bool:
    """Tokens from ``k`` are name particles ("von der") and then a name ("Brügge")."""
    m = k
    while m < hi and m - k < 3 and tokens[m].lower in PARTICLES:
        m += 1
    return m < hi and name_token(tokens[m])


def _partitive(tokens: list[Token], k: int, lo: int) -> bool:
    """Token ``k`` follows "one of", "some of", "two of": a part of a group is speaking."""
    return k - 2 >= lo and tokens[k - 1].lower == "of" and tokens[k - 2].lower in QUANTIFIERS


def _postmodifies(token: Token) -> bool:
    lower = token.lower
    return (
        lower in PLACE_LINKS
        or lower in POSTMODIFYING_ADJECTIVES
        or (token.kind == "word" and not token.capitalised and lower.endswith(("ing", "ed")))
    )


def agent_phrase(text: str, tokens: list[Token], i: int, hi: int) -> Phrase | None:
    """The agent after "by" of a passive verb of saying: a name or a speaker noun phrase."""
    named = right_phrase(text, tokens, i, hi)
    if named is not None:
        return named
    k = i
    while k < hi and k - i < 5 and tokens[k].kind == "word" and not tokens[k].capitalised:
        if tokens[k].lower in FUNCTION_WORDS - SPEAKER_DETERMINERS:
            break
        k += 1
    if k > i and tokens[k - 1].lower in SPEAKER_HEADS:
        return Phrase(i, k, "nominal", span_text(text, tokens, i, k))
    return None


def right_phrase(text: str, tokens: list[Token], i: int, hi: int) -> Phrase | None:
    """The speaker phrase starting at token ``i`` (before token ``hi``), or None."""
    if i >= hi:
        return None
    token = tokens[i]
    if token.lower in PRONOUNS and token.lower != "it":
        return Phrase(i, i + 1, "pronoun", token.lower)
    if token.lower in QUANTIFIERS and i + 2 < hi and tokens[i + 1].lower == "of":
        return _partitive_after(text, tokens, i, hi)
    k = i + 1 if token.lower in SPEAKER_DETERMINERS else i
    first_content = k
    while k < hi and (
        role_token(tokens[k])
        or noun_modifier(tokens, k, hi)
        or (k == first_content and _possessor_noun(tokens, k, hi))
        or (tokens[k].lower in PARTICLES and _particles_then_name(tokens, k, hi))
        or (abbreviated_title(tokens, k) and k + 1 < hi and tokens[k + 1].capitalised)
        or (
            tokens[k].lower in ROLE_LINKS | {"the"}
            and k + 1 < hi
            and (tokens[k + 1].capitalised or tokens[k + 1].lower == "the")
            and k > first_content
            and tokens[k - 1].lower in SPEAKER_HEADS | {"the", "of", "for"}
        )
    ):
        k += 1
    if k == first_content:
        return None
    stop = k
    e = first_content
    while e < stop and name_token(tokens[e]):
        e += 1
    if e - first_content >= 2 and e < stop and tokens[e].lower in AFFILIATION_LINKS:
        # "Maren Solheim of the Socialist Left": the person, not the affiliation after it
        return Phrase(i, e, "name", span_text(text, tokens, first_content, e))
    a = stop
    while a > first_content and (name_token(tokens[a - 1]) or tokens[a - 1].lower in PARTICLES):
        a -= 1
    if (
        a < stop
        and tokens[stop - 1].capitalised
        and (
            a == first_content or role_head(tokens[a - 1].lower) or abbreviated_title(tokens, a - 1)
        )
    ):
        role_span = trim_role(tokens, first_content, a)
        role = span_text(text, tokens, *role_span) if role_span else None
        if role and token.lower in ("a", "an") and (" for " in role or " to " in role):
            # "said a spokeswoman for Prime Minister Anneliese Wendt": the spokeswoman
            return Phrase(i, stop, "nominal", span_text(text, tokens, i, stop))
        role = role or role_after_apposition(text, tokens, stop, hi)
        return Phrase(i, stop, "name", span_text(text, tokens, a, stop), role)
    if any(tokens[m].lower in SPEAKER_HEADS for m in range(first_content, stop)):
        return Phrase(i, stop, "nominal", span_text(text, tokens, i, stop))
    if a < stop:
        return Phrase(a, stop, "name", span_text(text, tokens, a, stop))
    return None


def _partitive_after(text: str, tokens: list[Token], i: int, hi: int) -> Phrase | None:
    """``said one of the people, who ...``: a part of a group, up to the group's head noun."""
    m = i + 2
    if tokens[m].lower in ("them", "those"):
        return Phrase(i, m + 1, "nominal", span_text(text, tokens, i, m + 1))
    if tokens[m].lower not in SPEAKER_DETERMINERS:
        return None
    for h in range(m + 1, min(hi, m + 5)):
        if tokens[h].lower in SPEAKER_HEADS:
            return Phrase(i, h + 1, "nominal", span_text(text, tokens, i, h + 1))
        if tokens[h].kind != "word" or tokens[h].lower in FUNCTION_WORDS:
            return None
    return None


def _postmodified_head(tokens: list[Token], j: int, lo: int) -> int | None:
    """``a spokesman for the German chancellery``: the index of "spokesman", seen from the end."""
    for m in range(j - 1, max(lo, j - 7), -1):
        token = tokens[m]
        if not (token.is_word or token.kind == "poss"):
            return None
        if token.lower in CUE_FORMS:
            return None
        if token.lower in ROLE_LINKS and m - 1 >= lo:
            head = tokens[m - 1]
            if head.lower in SPEAKER_NOUNS or role_head(head.lower):
                return m - 1
    return None


def _possessor_noun(tokens: list[Token], k: int, hi: int) -> bool:
    """``the bloc's deputy secretary general``, ``the study's lead author``: a common noun
    with a possessive opening a role."""
    token = tokens[k]
    return (
        token.kind == "word"
        and not token.capitalised
        and token.lower not in FUNCTION_WORDS
        and k + 1 < hi
        and tokens[k + 1].kind == "poss"
    )


def _verbish(token: Token) -> bool:
    return token.lower in CUE_FORMS


def person_before_affiliation(text: str, tokens: list[Token], j: int, lo: int) -> Phrase | None:
    """``Analyst Farah Siddiqui of Rystad Energy called ...``, ``X of the University of
    Iceland said``: the person before an affiliation (a capitalised name after "of", "from" or
    "at", ending at token ``j``) speaks, not the organisation."""
    if not tokens[j].capitalised:
        return None
    p = j
    while p > lo and j - p < 10:
        p -= 1
        token = tokens[p]
        if (
            token.lower in AFFILIATION_LINKS
            and p - 2 >= lo
            and name_token(tokens[p - 1])
            and name_token(tokens[p - 2])
        ):
            person = left_phrase(text, tokens, p - 1, lo)
            if (
                person is not None
                and person.kind == "name"
                and person.first < p - 1
                and not person.name.lower().startswith("the ")
            ):
                return person
        if not (token.capitalised or token.lower in ("of", "for", "and", "the")):
            return None
    return None
