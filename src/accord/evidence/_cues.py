"""Reporting verbs in a unit and who is doing the reporting.

A cue is a reporting verb (see :mod:`accord.evidence._lexicon`) or "according to". Its
*source* - the speaker phrase - is found by the configurations of the attribution literature
(PARC, Pareti 2016; the trigram sieve of Muzny et al. 2017):

- inverted, after a quotation or a comma: ``"...," said Peskov`` -> the phrase after the verb;
- participles, ``..., promising them "dignified treatment"`` -> the subject of the clause, or of
  an earlier cue in the same unit;
- "according to X" -> X;
- otherwise the phrase left of the verb, skipping auxiliaries and adverbs ("has repeatedly
  said"), a time or channel phrase ("Zelensky, in a video address, said"), an apposition
  ("Peskov, the Kremlin spokesman, said") and a relative pronoun ("Steve Witkoff, a special
  envoy to Trump, who described ...").

Verbs that are often nouns or have other senses ("call", "post", "continue", "state") count as
cues only in their past form or next to a quotation, "that" or a colon.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.evidence._lexicon import (
    ADJUNCT_OPENERS,
    AFFILIATION_LINKS,
    ANONYMITY_PARTICIPLES,
    ARTICLES,
    AUXILIARIES,
    BEFORE_WEEKDAY,
    CLAUSE_OPENERS,
    COMPLEMENT_LINKS,
    CUE_FORMS,
    FORMS_OF_BE,
    FUNCTION_WORDS,
    INVERTIBLE_VERBS,
    IRREGULAR_PASTS,
    MEDIA_NOUNS,
    NOMINAL_LINKS,
    NOT_SUBJECT_AFTER,
    PARTICLES,
    PAST_PARTICIPLES,
    PHRASAL_CUES,
    POSTMODIFIER_STARTS,
    PRONOUNS,
    QUOTING_VERBS,
    ROLE_DETERMINERS,
    ROLE_HEADS,
    SKIPPABLE,
    STRONG_CUES,
    TIME_PHRASE_OPENERS,
    WEEKDAYS,
)
from accord.evidence._names import (
    SPEAKER_HEADS,
    Phrase,
    abbreviated_title,
    agent_phrase,
    left_phrase,
    person_before_affiliation,
    right_phrase,
    with_head_before,
)
from accord.evidence._titles import name_token, noun_modifier
from accord.evidence._tokens import Token

__all__ = ["Cue", "find_cues", "main_subject"]


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting verb at tokens ``index:stop`` and its source phrase (None if not found)."""

    index: int
    stop: int
    lemma: str
    source: Phrase | None
    inverted: bool = False
    #: How the source was found (see :data:`accord.evidence._rules.SOURCE_RULES`).
    rule: str = "subject"


def _is_past(word: str) -> bool:
    return word.endswith("ed") or word in IRREGULAR_PASTS


def _near_quote(tokens: list[Token], k: int, lo: int, hi: int) -> bool:
    for j in range(max(lo, k - 4), min(hi, k + 5)):
        if tokens[j].kind == "quote":
            return True
    nxt = tokens[k + 1].lower if k + 1 < hi else ""
    return nxt in ("that", ":")


def find_cues(text: str, tokens: list[Token], lo: int, hi: int) -> list[Cue]:
    """The cues of unit ``lo:hi`` with their sources, in order."""
    cues: list[Cue] = []
    for k in range(lo, hi):
        token = tokens[k]
        if not token.is_word:
            continue
        if token.lower == "according" and k + 1 < hi and tokens[k + 1].lower == "to":
            cues.append(
                Cue(
                    k,
                    k + 2,
                    "according to",
                    _according_source(text, tokens, k + 2, hi),
                    rule="according-to",
                )
            )
            continue
        phrasal = PHRASAL_CUES.get(token.lower)
        if phrasal is not None and k + 1 < hi and tokens[k + 1].lower == phrasal[0]:
            cue = _finite(text, tokens, k, lo, hi, phrasal[1], stop=k + 2)
            if cue.source is None and k + 2 < hi:
                # '"...," went on Lindqvist': inverted after the particle
                after = right_phrase(text, tokens, k + 2, hi)
                if after is not None and _clause_ends(tokens, after.stop, hi):
                    cue = Cue(k, k + 2, phrasal[1], after, inverted=True, rule="inverted")
            cues.append(cue)
            continue
        lemma = CUE_FORMS.get(token.lower)
        if lemma is None:
            continue
        if (
            lemma in ("agree", "respond", "reply")
            and k + 1 < hi
            and tokens[k + 1].lower in ("to", "on", "with")
        ):
            continue  # "agreed to meet", "would not respond to ...": an act, not a statement
        if (
            lemma not in STRONG_CUES
            and not _is_past(token.lower)
            and not _near_quote(tokens, k, lo, hi)
            and not (lemma == "speak" and k + 1 < hi and tokens[k + 1].lower in ("to", "on"))
        ):
            continue
        if token.lower.endswith("ing"):
            cues.append(_participle(text, tokens, k, lo, hi, lemma, cues))
        else:
            cues.append(_finite(text, tokens, k, lo, hi, lemma))
    return _outside_reported([cue for cue in cues if cue.source is not None], tokens, hi)


def _outside_reported(cues: list[Cue], tokens: list[Token], hi: int) -> list[Cue]:
    """``quoted X as saying the country would respond "..."``: a verb of saying between "as
    saying" and the next quotation mark is inside the reported clause, no cue of its own."""
    kept: list[Cue] = []
    inside_until = -1
    for cue in cues:
        if cue.index < inside_until:
            continue
        kept.append(cue)
        if cue.index > 0 and tokens[cue.index - 1].lower == "as" and cue.lemma == "say":
            m = cue.stop
            while m < hi and tokens[m].kind != "quote":
                m += 1
            inside_until = m
    return kept


def _according_source(text: str, tokens: list[Token], i: int, hi: int) -> Phrase | None:
    """ "according to X": X is everything up to the next punctuation mark (at most 12 words)."""
    stop = i
    while (
        stop < hi
        and (tokens[stop].is_word or tokens[stop].kind in ("poss", "num"))
        and stop - i < 12
    ):
        stop += 1
    if stop == i:
        return None
    if stop - i > 3 and tokens[i].lower in ARTICLES and tokens[i + 1].lower in MEDIA_NOUNS:
        # "according to a statement from the foreign ministry": the ministry
        link = i + 2
        if tokens[link].lower in ("issued", "released", "published"):
            link += 1
        if tokens[link].lower in ("from", "by", "of") and link + 1 < stop:
            i = link + 1
    named = right_phrase(text, tokens, i, stop)
    if named is not None and named.stop == stop:
        return named
    name = " ".join(text[tokens[i].start : tokens[stop - 1].end].split())
    return Phrase(i, stop, "nominal", name)


def _participle(
    text: str, tokens: list[Token], k: int, lo: int, hi: int, lemma: str, earlier: list[Cue]
) -> Cue:
    if k - 2 >= lo and tokens[k - 1].lower == "as" and tokens[k - 2].lower == "quoted":
        return _finite(text, tokens, k - 2, lo, hi, lemma, stop=k + 1)
    if k - 2 >= lo and tokens[k - 1].lower == "as":
        # "TASS quoted Sergei Lavrov as saying": the one quoted is the speaker
        for m in range(k - 2, max(lo, k - 10) - 1, -1):
            if tokens[m].lower in QUOTING_VERBS:
                quoted = right_phrase(text, tokens, m + 1, k - 1)
                if quoted is not None and quoted.stop == k - 1:
                    return Cue(k, k + 1, lemma, quoted, rule="quoted-as-saying")
                between = tokens[m + 1 : k - 1]
                if (
                    between
                    and all(t.is_word or t.kind == "poss" for t in between)
                    and any(t.lower in SPEAKER_HEADS for t in between)
                ):
                    # "quoted an unnamed source in the ministry as saying"
                    name = " ".join(text[between[0].start : between[-1].end].split())
                    return Cue(
                        k,
                        k + 1,
                        lemma,
                        Phrase(m + 1, k - 1, "nominal", name),
                        rule="quoted-as-saying",
                    )
                break
    if k > lo and (tokens[k - 1].capitalised or tokens[k - 1].lower in PRONOUNS):
        before = left_phrase(text, tokens, k - 1, lo)
        if before is not None and (before.first == lo or tokens[before.first - 1].lower == "with"):
            return Cue(k, k + 1, lemma, before, rule="participle-subject")
    for cue in reversed(earlier):
        if cue.source is not None and cue.lemma != "according to":
            return Cue(k, k + 1, lemma, cue.source, rule="participle-earlier-cue")
    source = main_subject(text, tokens, lo, k)
    if source is None and (k == lo or tokens[k - 1].text == ","):
        # "Later, speaking to CNN, the chief negotiator, Vladimir Orlinsky, struck ...": a
        # participle clause opening the sentence is said by the sentence's subject
        source = main_subject(text, tokens, lo, hi)
        if source is not None and source.first < k:
            source = None
    return Cue(k, k + 1, lemma, source, rule="participle-clause-subject")


def _finite(
    text: str, tokens: list[Token], k: int, lo: int, hi: int, lemma: str, stop: int | None = None
) -> Cue:
    stop = k + 1 if stop is None else stop
    before = tokens[k - 1] if k > lo else None
    after = tokens[k + 1] if k + 1 < hi else None
    invertible = lemma in INVERTIBLE_VERBS
    if invertible and (before is None or before.text == "," or before.kind == "quote") and after:
        source = right_phrase(text, tokens, k + 1, hi)
        if (
            source is not None
            and source.kind == "nominal"
            and not _clause_ends(tokens, source.stop, hi)
        ):
            source = _with_postmodifier(text, tokens, source, hi)
        if source is not None and source.kind == "nominal":
            source = _apposed_to_role(text, tokens, source, hi) or source
        if (
            source is not None
            and source.kind == "name"
            and source.role is not None
            and any(f" {link} " in f" {source.role} " for link in ("for", "to", "of"))
        ):
            # "said a spokeswoman for Prime Minister Anneliese Wendt, Carla Obermaier": the
            # name apposed to the whole role phrase speaks, not the one inside it
            whole = Phrase(source.first, source.stop, "nominal", source.name)
            source = _apposed_to_role(text, tokens, whole, hi) or source
        if source is not None and source.kind == "name":
            # "asked Maren Solheim of the Socialist Left": the name, past its affiliation
            end = _affiliation_end(tokens, source.stop, hi)
            if end > source.stop and _clause_ends(tokens, end, hi):
                return Cue(k, stop, lemma, source, inverted=True, rule="inverted")
        if source is not None and _clause_ends(tokens, source.stop, hi):
            return Cue(k, stop, lemma, source, inverted=True, rule="inverted")
    if (
        before is not None
        and before.lower in FORMS_OF_BE
        and after is not None
        and after.lower == "by"
        and k + 2 < hi
    ):
        # "He was described by colleagues as "a pragmatist"": the agent speaks
        agent = agent_phrase(text, tokens, k + 2, hi)
        if agent is not None and agent.kind != "pronoun":
            return Cue(k, stop, lemma, agent, rule="passive-agent")
    j = _skip_left(tokens, k - 1, lo)
    if j < lo:
        return Cue(k, stop, lemma, None)
    if tokens[j].lower in ("who", "which", "that") and j - 1 >= lo:
        j = _skip_apposition(tokens, j - 1, lo)
    source = left_phrase(text, tokens, j, lo) if j >= lo else None
    if j >= lo and (source is None or source.kind == "name"):
        source = person_before_affiliation(text, tokens, j, lo) or source
    if source is None and j >= lo:
        source = _determined_noun(text, tokens, j, lo)
        if source is not None:
            # "An Egyptian official involved in the mediation said": the speaker it modifies
            source = with_head_before(text, tokens, source, lo)
    return Cue(k, stop, lemma, source, rule="subject")


def _apposed_name(text: str, tokens: list[Token], k: int, lo: int, hi: int) -> Phrase | None:
    """``the Norwegian mediator, Astrid Solheim, ...``: the name between the commas."""
    if k >= hi or not tokens[k].capitalised:
        return None
    e = _name_end(tokens, k, hi) + 1
    if e >= hi or tokens[e].text != ",":
        return None
    phrase = left_phrase(text, tokens, e - 1, lo)
    return phrase if phrase is not None and phrase.kind == "name" else None


def _apposed_to_role(text: str, tokens: list[Token], role: Phrase, hi: int) -> Phrase | None:
    """``said Ukraine's defence minister, Oleh Moroz, ...``: the name apposed to an inverted
    speaker's role, with the role; the name must end its clause or be closed by a comma."""
    k = role.stop
    if k + 1 >= hi or tokens[k].text != ",":
        return None
    name = right_phrase(text, tokens, k + 1, hi)
    if name is None or name.kind != "name" or name.first != k + 1:
        # "Kristjan Olafsson of the University of Iceland": the name before the affiliation
        e = k + 1
        while e < hi and name_token(tokens[e]):
            e += 1
        name = left_phrase(text, tokens, e - 1, k + 1) if e > k + 1 else None
        if name is None or name.kind != "name" or name.first != k + 1:
            return None
    stop = _affiliation_end(tokens, name.stop, hi)
    if not (_clause_ends(tokens, stop, hi) or tokens[stop].text == ","):
        return None
    first = role.first
    while first < role.stop - 1 and tokens[first].lower in ROLE_DETERMINERS:
        first += 1
    title = " ".join(text[tokens[first].start : tokens[role.stop - 1].end].split())
    return Phrase(role.first, stop, "name", name.name, title)


def _affiliation_end(tokens: list[Token], k: int, hi: int) -> int:
    """``Henrike Dahl of the University of Iceland``: the end of an affiliation after a name
    ("of", "from" or "at" and a capitalised name), or ``k`` when there is none."""
    if k + 1 >= hi or tokens[k].lower not in AFFILIATION_LINKS:
        return k
    m = k + 1
    if tokens[m].lower == "the":
        m += 1
    if m >= hi or not tokens[m].capitalised:
        return k
    while m < hi and (
        tokens[m].capitalised
        or (tokens[m].lower in ("of", "for", "and") and m + 1 < hi and tokens[m + 1].capitalised)
    ):
        m += 1
    return m


def _name_after_nominal(text: str, tokens: list[Token], e: int, lo: int, hi: int) -> Phrase | None:
    """``The head of the UN refugee agency, Marit Solberg, visited ...``: the name apposed to a
    nominal subject ending at token ``e``, after the nominal's prepositional post-modifier."""
    m = e + 1
    if m < hi and tokens[m].lower in NOMINAL_LINKS:
        while (
            m < hi
            and m - e <= 10
            and (tokens[m].is_word or tokens[m].kind in ("poss", "num"))
            and tokens[m].lower not in CUE_FORMS
        ):
            m += 1
    if m + 1 >= hi or tokens[m].text != ",":
        return None
    return _apposed_name(text, tokens, m + 1, lo, hi)


def _with_complement(text: str, tokens: list[Token], phrase: Phrase, lo: int, hi: int) -> Phrase:
    """``The office of Israel's prime minister said``, ``A spokesman for one of the companies
    declined``: a nominal subject with its prepositional complement, up to the verb."""
    k = phrase.stop
    if k + 1 >= hi or tokens[k].lower not in COMPLEMENT_LINKS:
        return phrase
    m = k + 1
    while (
        m < hi
        and m - k < 10
        and (tokens[m].is_word or tokens[m].kind in ("poss", "num"))
        and tokens[m].lower not in CUE_FORMS
        and tokens[m].lower not in SKIPPABLE
        and tokens[m].lower not in ("who", "which", "that", "whose", "where", "when")
        and not (not tokens[m].capitalised and tokens[m].lower.endswith("ed"))
    ):
        m += 1
    for end in range(m - 1, k, -1):
        longer = left_phrase(text, tokens, end, lo)
        if longer is not None and longer.first == phrase.first and longer.stop > phrase.stop:
            return longer
    return phrase


def _determined_noun(text: str, tokens: list[Token], j: int, lo: int) -> Phrase | None:
    """``the monitoring mission said``: an article and up to three lower-case words."""
    for m in range(j, max(lo, j - 4) - 1, -1):
        token = tokens[m]
        if token.lower in ("the", "a", "an", "its", "their") and m < j:
            name = " ".join(text[tokens[m].start : tokens[j].end].split())
            return Phrase(m, j + 1, "nominal", name)
        if token.kind != "word" or token.capitalised or token.lower in FUNCTION_WORDS:
            return None
        if token.lower in CUE_FORMS or token.lower.endswith("ly"):
            return None
    return None


def _with_postmodifier(text: str, tokens: list[Token], phrase: Phrase, hi: int) -> Phrase | None:
    """``said one official involved in the talks``: the nominal with what follows, to the end
    of the clause, when that holds no verb of saying and at most eight words."""
    k = phrase.stop
    first = tokens[k].lower if k < hi else ""
    if first in ANONYMITY_PARTICIPLES:
        # "said a European diplomat speaking on condition of anonymity": the diplomat
        return phrase
    if not (first.endswith(("ed", "ing")) or first in POSTMODIFIER_STARTS):
        return None
    while (
        k < hi and (tokens[k].is_word or tokens[k].kind in ("poss", "num")) and k - phrase.stop < 8
    ):
        # a participle right after the noun modifies it, even a verb of saying: "one EU
        # diplomat briefed on the draft"
        participle = k == phrase.stop and first.endswith("ed")
        if (tokens[k].lower in CUE_FORMS and not participle) or tokens[k].lower in AUXILIARIES:
            return None
        k += 1
    if k == phrase.stop or (k < hi and tokens[k].is_word):
        return None
    name = " ".join(text[tokens[phrase.first].start : tokens[k - 1].end].split())
    return Phrase(phrase.first, k, "nominal", name)


def _clause_ends(tokens: list[Token], k: int, hi: int) -> bool:
    """After an inverted speaker: the end, punctuation, or a time or channel phrase."""
    if k >= hi:
        return True
    token = tokens[k]
    if not token.is_word:
        return token.kind != "poss"
    return (
        token.lower in ANONYMITY_PARTICIPLES
        or token.lower in TIME_PHRASE_OPENERS
        or token.lower == "who"
    )


def _skip_left(tokens: list[Token], j: int, lo: int) -> int:
    """Move left past auxiliaries, adverbs, time and channel phrases and appositions."""
    while j >= lo:
        token = tokens[j]
        if token.lower in SKIPPABLE or (
            token.kind == "word" and not token.capitalised and token.lower.endswith("ly")
        ):
            j -= 1
            continue
        if token.lower in WEEKDAYS and j - 1 >= lo:
            j -= 1
            while j >= lo and tokens[j].lower in BEFORE_WEEKDAY:
                j -= 1
            continue
        if token.text == ",":
            return _skip_apposition(tokens, j, lo)
        return j
    return j


def _skip_apposition(tokens: list[Token], j: int, lo: int) -> int:
    """``X, <apposition or time phrase>, said``: the index of X's last token."""
    if j < lo or tokens[j].text != ",":
        return j
    k = j - 1
    while k >= lo and tokens[k].text != "," and tokens[k].kind != "quote" and j - k < 28:
        k -= 1
    if k < lo or tokens[k].text != ",":
        return j - 1
    segment = tokens[k + 1 : j]
    if not segment:
        return j - 1
    first = segment[0].lower
    if _name_like(segment) and any(
        t.kind == "word" and not t.capitalised and t.lower in SPEAKER_HEADS
        for t in tokens[max(lo, k - 12) : k]
    ):
        # "The president of the court, Judge Radomir Petkov, said": the apposed name speaks
        return j - 1
    if (
        first in ADJUNCT_OPENERS
        or first in ("a", "an", "the", "who", "which")
        or any(t.lower in ROLE_HEADS for t in segment)
        or (
            not segment[0].capitalised
            and (
                first in PAST_PARTICIPLES
                or (first.endswith(("ed", "ing")) and segment[0].kind == "word")
            )
        )
    ):
        # "The document, seen by Reuters, says", "An official, briefing reporters, said": a
        # participle clause
        return k - 1
    return j - 1


def _name_like(segment: list[Token]) -> bool:
    """A person's name with its title: capitalised words, name particles, abbreviations."""
    return (
        segment[0].capitalised
        and segment[-1].capitalised
        and segment[-1].kind == "word"
        and all(t.capitalised or t.lower in PARTICLES or t.text == "." for t in segment)
    )


def _name_end(tokens: list[Token], k: int, hi: int) -> int:
    """The last token of the capitalised run (with role words and name particles, as in
    "Commission President Annelie von der Brügge") that starts at token ``k``."""
    e = k
    while e + 1 < hi:
        following = tokens[e + 1]
        if (
            following.capitalised
            or following.lower in ROLE_HEADS
            or noun_modifier(tokens, e + 1, hi)
        ):
            e += 1
            continue
        if abbreviated_title(tokens, e + 1) and e + 2 < hi and tokens[e + 2].capitalised:
            e += 2
            continue
        p = e + 1
        while p < hi and p - e <= 3 and tokens[p].lower in PARTICLES:
            p += 1
        if p > e + 1 and p < hi and tokens[p].capitalised:
            e = p
            continue
        break
    return e


def main_subject(text: str, tokens: list[Token], lo: int, hi: int) -> Phrase | None:
    """The subject of the unit's main clause: its first speaker phrase that is not a possessor
    and does not follow a preposition, after an opening adverbial phrase."""
    start = lo
    while (start < hi and tokens[start].kind == "quote") or (
        start < hi and tokens[start].text in {",", ":", "-", "–", "—"}
    ):
        start += 1
    while start < hi and tokens[start].lower in CLAUSE_OPENERS:
        for k in range(start, min(hi, start + 14)):
            if tokens[k].text == ",":
                start = k + 1
                break
        else:
            break
    k = start
    while k < min(hi, start + 14):
        token = tokens[k]
        if token.kind == "quote" or token.lower in CUE_FORMS:
            return None
        if token.is_word and (
            token.capitalised or token.lower in PRONOUNS or token.lower in ROLE_HEADS
        ):
            e = _name_end(tokens, k, hi)
            if (
                e + 1 < hi
                and tokens[e + 1].kind == "word"
                and not tokens[e + 1].capitalised
                and tokens[e + 1].lower in SPEAKER_HEADS
            ):
                e += 1  # "The White House readout", "A Kremlin source"
            phrase = left_phrase(text, tokens, e, start)
            if phrase is not None and phrase.kind == "nominal":
                phrase = _name_after_nominal(text, tokens, e, start, hi) or _with_complement(
                    text, tokens, phrase, start, hi
                )
            follows_preposition = k > start and tokens[k - 1].lower in NOT_SUBJECT_AFTER
            possessor = e + 1 < hi and tokens[e + 1].kind == "poss"
            if phrase is not None and not follows_preposition and not possessor:
                return phrase
            k = e + 1
            continue
        if token.is_word and token.lower not in FUNCTION_WORDS and not token.capitalised:
            while (
                k + 1 < hi
                and tokens[k + 1].kind == "word"
                and not tokens[k + 1].capitalised
                and tokens[k + 1].lower not in FUNCTION_WORDS
                and tokens[k + 1].lower not in CUE_FORMS
                and not tokens[k + 1].lower.endswith("ly")
                # "Poland's foreign ministry summoned ...": the verb after the head
                and not (tokens[k].lower in SPEAKER_HEADS and tokens[k + 1].lower.endswith("ed"))
            ):
                k += 1
            phrase = left_phrase(text, tokens, k, start)
            if phrase is not None and phrase.kind == "nominal":
                phrase = _with_complement(text, tokens, phrase, start, hi)
                k = phrase.stop - 1
                nxt = tokens[k + 1] if k + 1 < hi else None
                named = _name_after_nominal(text, tokens, k, start, hi)
                if named is not None:
                    return named
                if nxt is None or nxt.kind != "poss":
                    return phrase
        k += 1
    return None
