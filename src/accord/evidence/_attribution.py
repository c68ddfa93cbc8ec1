"""Who said what: direct and indirect quotations with speaker, role, medium and date.

The steps follow the quote-extraction pipelines for news of Newell, Cowlishaw & Man (2018,
*Quote extraction and analysis for news*, DSJM workshop at KDD) and the deterministic sieve of
Muzny, Fang, Chang & Jurafsky (2017, *A two-stage sieve approach for quote attribution*, EACL):

1. quotations are found by pairing marks (:mod:`accord.evidence._marks`) and folded into
   single tokens; the text is cut into units that never split a quotation
   (:mod:`accord.evidence._tokens`);
2. each quotation takes the nearest cue of its unit that has a source
   (:mod:`accord.evidence._cues`) - the trigram configurations ``QUOTE, NAME said`` /
   ``QUOTE, said NAME`` / ``NAME said: QUOTE`` are the nearest cues by construction;
3. a quotation with no cue in its unit is a *floating* quotation. It continues the speaker of
   the previous unit when that unit ends with a colon or holds a quotation or reported
   speech, or else belongs to the person who is the subject of the previous unit (the
   "conversation" and "closest mention" sieves of Muzny et al.). A floating quotation of a few
   words inside a sentence is a scare quote and is dropped;
4. quoted names and titles ('a plan called "Hell Plan"', 'ABC's "This Week"') are not speech;
5. pronouns (he, she) resolve to the subject of the previous units or the last speaker,
   respecting gender where a title or role word states it; "the minister" resolves to the last
   person whose role has that head word; surnames resolve to the full name introduced before;
6. indirect speech is reported in units without quotations, in the PARC configurations "X said
   (that) CLAUSE", "CLAUSE, X said" and "according to X, CLAUSE"; a participial phrase the
   writer added ("..., underscoring the mistrust") is cut from the clause;
7. the medium (:mod:`accord.evidence._media`) and date (:mod:`accord.evidence._dates`) come
   from the cue's unit; a quotation without them inherits those stated for the same speaker in
   the last few units ("Waltz ... in an interview with ABC's This Week." followed by his quote).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from accord.evidence._cues import Cue, find_cues, main_subject
from accord.evidence._dates import find_dates, resolve
from accord.evidence._lexicon import (
    CLAUSE_VERBS,
    FUNCTION_WORDS,
    NAMING_WORDS,
    ROLE_HEADS,
    SPEAKER_NOUNS,
    words,
)
from accord.evidence._marks import QuoteSpan, pair_marks
from accord.evidence._media import find_medium
from accord.evidence._names import PRONOUNS, People, Phrase, apposition_after, left_phrase
from accord.evidence._tokens import Token, frame, units

__all__ = ["Statement", "attribute"]

#: Units back in which a floating quotation or a pronoun looks for its speaker.
LOOKBACK = 4
#: Units back in which a speaker's medium and date carry over to a new quotation.
CARRY_OVER = 6
_INDIRECT_STARTS = words("the a an his her its their this these those there it he she they we i")
_BARE_CLAUSE_VERBS = words(
    """
    say tell add warn insist claim argue predict confirm admit estimate believe
    """
)
_NOT_CLAUSE_STARTS = FUNCTION_WORDS - _INDIRECT_STARTS | words(
    """
    nothing goodbye so yes no hello something anything
    """
)
#: Nouns before a capitalised quotation that make it a title: 'the programme "Meet the Press"'.
_WORK_NOUNS = words(
    """
    programme program show series book film movie documentary song album newspaper magazine
    podcast column report article headline slogan motto hashtag operation plan campaign
    initiative doctrine exercise channel station
    """
)
_ORGANISATION_NOUNS = words(
    """
    organisation organization group agency ministry company committee alliance bloc body union
    council commission office government administration movement party embassy
    """
)
_TERM_DETERMINERS = words("the a an this these those its their his her our your")
_ADJUNCT_STARTS = words("amid despite while whereas which who as after before following citing")


@dataclass(frozen=True, slots=True)
class Statement:
    """A quotation or reported statement, before it is linked to the scenario's actors."""

    kind: str  # "direct" | "indirect"
    start: int
    end: int
    speaker: str | None
    role: str | None
    medium: str | None
    date: dt.date | None
    partial: bool
    context: str
    person: bool = False


@dataclass
class _Said:
    speaker: str | None
    role: str | None
    person: bool


@dataclass
class _Unit:
    subject: _Said | None = None
    speakers: list[_Said] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    colon: bool = False
    cue_speaker: _Said | None = None
    para: int = 0


@dataclass
class _Context:
    medium: str | None
    date: dt.date | None
    unit: int


def attribute(
    text: str,
    paragraphs: tuple[tuple[int, int], ...],
    *,
    published: dt.date | None = None,
    known_people: dict[str, str] | None = None,
) -> tuple[list[Statement], People]:
    """The statements of an article's body ``text`` and the people named in it."""
    spans = pair_marks(text, paragraphs)
    tokens = frame(text, spans, paragraphs)
    ranges = units(tokens)
    people = _gather_people(text, tokens, ranges, known_people or {})
    reader = _Reader(text, tokens, spans, people, published)
    for index, (lo, hi) in enumerate(ranges):
        reader.read(index, lo, hi)
    return reader.statements, people


def _gather_people(
    text: str, tokens: list[Token], ranges: list[tuple[int, int]], known: dict[str, str]
) -> People:
    people = People(known=dict(known))
    for lo, hi in ranges:
        for k in range(lo, hi):
            token = tokens[k]
            if not token.capitalised or (k + 1 < hi and tokens[k + 1].capitalised):
                continue
            phrase = left_phrase(text, tokens, k, lo)
            if phrase is None or phrase.kind != "name" or phrase.name.lower().startswith("the "):
                continue
            role = phrase.role
            if role is None:
                after = apposition_after(text, tokens, k + 1, hi)
                role = after[0] if after else None
            people.add(phrase.name, role)
    return people


class _Reader:
    """Reads the units in order, keeping the discourse state that speakers are resolved in."""

    def __init__(
        self,
        text: str,
        tokens: list[Token],
        spans: list[QuoteSpan],
        people: People,
        published: dt.date | None,
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.spans = spans
        self.people = people
        self.published = published
        self.history: list[_Unit] = []
        self.contexts: dict[str, _Context] = {}
        self.statements: list[Statement] = []

    # ---- one unit ------------------------------------------------------------------------

    def read(self, index: int, lo: int, hi: int) -> None:
        tokens = self.tokens
        unit = _Unit(para=tokens[lo].para)
        subject_phrase = main_subject(self.text, tokens, lo, hi)
        cues = find_cues(self.text, tokens, lo, hi)
        quotes = [k for k in range(lo, hi) if tokens[k].kind == "quote"]
        context = " ".join(self.text[tokens[lo].start : tokens[hi - 1].end].split())
        if subject_phrase is not None:
            unit.subject = self._resolve(subject_phrase, index)
        unit.persons = [
            self.people.canonical(t.text)
            for t in tokens[lo:hi]
            if t.capitalised and self.people.is_person(t.text)
        ]
        unit.colon = tokens[hi - 1].text == ":"
        kept = False
        for q in quotes:
            said = self._direct(index, lo, hi, q, cues, unit, context)
            if said is not None:
                kept = True
                unit.speakers.append(said)
        if not kept:
            for said in self._indirect(index, lo, hi, cues, context):
                unit.speakers.append(said)
        for cue in cues:
            if cue.source is not None:
                said = self._resolve(cue.source, index)
                if said.speaker:
                    unit.cue_speaker = said
                if said.speaker and said.person:
                    self._remember(said.speaker, lo, hi, cue, index)
        self.history.append(unit)

    def _direct(
        self, index: int, lo: int, hi: int, q: int, cues: list[Cue], unit: _Unit, context: str
    ) -> _Said | None:
        tokens = self.tokens
        span = self.spans[tokens[q].quote]
        content = self.text[span.start : span.end]
        if not content.strip() or _is_name_or_title(tokens, q, lo, cues, content):
            return None
        cue = _nearest(cues, q)
        partial = _is_partial(tokens, q, lo, hi, content, cues)
        if cue is not None:
            said = self._resolve(cue.source, index) if cue.source is not None else None
        else:
            if partial:
                return None
            said = self._floating(index)
        said = said or _Said(None, None, False)
        medium = date = None
        if cue is not None:
            window_lo, window_hi = _window(tokens, lo, hi, cue)
            medium = find_medium(self.text, tokens, window_lo, window_hi, cue.index)
            date = self._date(window_lo, window_hi, cue)
        if said.speaker and (medium is None or date is None):
            carried = self.contexts.get(said.speaker)
            if carried is not None and index - carried.unit <= CARRY_OVER:
                medium = medium or carried.medium
                date = date or carried.date
        self.statements.append(
            Statement(
                kind="direct",
                start=span.start,
                end=span.end,
                speaker=said.speaker,
                role=said.role,
                medium=medium,
                date=date,
                partial=partial,
                context=context,
                person=said.person,
            )
        )
        return said

    def _indirect(self, index: int, lo: int, hi: int, cues: list[Cue], context: str) -> list[_Said]:
        out: list[_Said] = []
        for cue in cues:
            span = _reported_clause(self.text, self.tokens, lo, hi, cue)
            if span is None or cue.source is None:
                continue
            said = self._resolve(cue.source, index)
            if said.speaker is None:
                continue
            start, end = span
            self.statements.append(
                Statement(
                    kind="indirect",
                    start=start,
                    end=end,
                    speaker=said.speaker,
                    role=said.role,
                    medium=find_medium(self.text, self.tokens, lo, hi, cue.index),
                    date=self._date(
                        lo, hi, cue, before=start if start > self.tokens[cue.index].end else None
                    ),
                    partial=True,
                    context=context,
                    person=said.person,
                )
            )
            out.append(said)
            break
        return out

    # ---- speakers ------------------------------------------------------------------------

    def _resolve(self, phrase: Phrase, index: int) -> _Said:
        if phrase.kind == "pronoun":
            return self._pronoun(phrase.name, index)
        if phrase.kind == "nominal":
            words = phrase.name.split()
            if (
                len(words) > 1
                and words[0].lower() == "the"
                and all(w[:1].isupper() for w in words[1:])
            ):
                return _Said(" ".join(words[1:]), None, False)  # "the Finance Ministry"
            if len(words) == 2 and words[0].lower() == "the":
                head = words[1].lower()
                if head in ROLE_HEADS:
                    person = self._by_role(head, index)
                    if person is not None:
                        return _Said(person, self.people.role(person), True)
                if head in _ORGANISATION_NOUNS:
                    previous = self._pronoun("it", index)
                    if previous.speaker is not None:
                        return previous
            return _Said(phrase.name, None, False)
        name = phrase.name
        institution = name.lower().startswith("the ")
        if institution:
            name = name[4:]
        canonical = self.people.canonical(name)
        is_person = not institution and self.people.is_person(canonical)
        role = phrase.role or self.people.role(canonical)
        return _Said(canonical, role, is_person)

    def _pronoun(self, pronoun: str, index: int) -> _Said:
        wanted = PRONOUNS[pronoun]
        for unit in reversed(self.history[max(0, index - LOOKBACK) :]):
            candidates = [unit.subject, *reversed(unit.speakers)]
            for said in candidates:
                if said is None or said.speaker is None:
                    continue
                if wanted in ("m", "f"):
                    gender = self.people.gender(said.speaker)
                    if said.person and gender in (None, wanted):
                        self.people.genders.setdefault(said.speaker, wanted)
                        return said
                elif not said.person:
                    return said
            if wanted in ("m", "f"):
                for name in reversed(unit.persons):
                    gender = self.people.gender(name)
                    if gender in (None, wanted):
                        self.people.genders.setdefault(name, wanted)
                        return _Said(name, self.people.role(name), True)
        return _Said(None, None, False)

    def _by_role(self, head: str, index: int) -> str | None:
        for unit in reversed(self.history[max(0, index - 2 * LOOKBACK) :]):
            for name in reversed(unit.persons):
                role = self.people.role(name)
                if role is not None and head in role.lower().split():
                    return name
        return None

    def _floating(self, index: int) -> _Said | None:
        if not self.history:
            return None
        previous = self.history[-1]
        if previous.speakers:
            return previous.speakers[-1]
        if previous.cue_speaker is not None:
            return previous.cue_speaker
        if previous.subject is not None and previous.subject.person:
            return previous.subject
        for unit in reversed(self.history[max(0, index - LOOKBACK) : -1]):
            if unit.speakers:
                return unit.speakers[-1]
        return None

    def _remember(self, speaker: str, lo: int, hi: int, cue: Cue, index: int) -> None:
        window_lo, window_hi = _window(self.tokens, lo, hi, cue)
        medium = find_medium(self.text, self.tokens, window_lo, window_hi, cue.index)
        date = self._date(window_lo, window_hi, cue)
        if medium is not None or date is not None:
            self.contexts[speaker] = _Context(medium, date, index)

    def _date(self, lo: int, hi: int, cue: Cue, before: int | None = None) -> dt.date | None:
        tokens = self.tokens
        anchor = tokens[cue.index].start
        best: tuple[int, dt.date] | None = None
        pieces = [(t.start, t.end) for t in tokens[lo:hi] if t.kind != "quote"]
        if not pieces:
            return None
        start, end = pieces[0][0], pieces[-1][1]
        if before is not None:
            end = min(end, before)
        for mention in find_dates(self.text, start, end):
            if any(
                tokens[k].kind == "quote" and tokens[k].start <= mention.start < tokens[k].end
                for k in range(lo, hi)
            ):
                continue
            date = resolve(mention, self.published)
            if date is None:
                continue
            distance = abs(mention.start - anchor)
            if best is None or distance < best[0]:
                best = (distance, date)
        return best[1] if best else None


# ---- helpers ---------------------------------------------------------------------------


def _nearest(cues: list[Cue], q: int) -> Cue | None:
    best: tuple[int, int, Cue] | None = None
    for cue in cues:
        if cue.source is None:
            continue
        distance = q - cue.stop if cue.index < q else cue.index - q
        rank = (distance, 0 if cue.index > q else 1)
        if best is None or rank < best[:2]:
            best = (*rank, cue)
    return best[2] if best else None


def _is_partial(
    tokens: list[Token], q: int, lo: int, hi: int, content: str, cues: list[Cue]
) -> bool:
    first = content.lstrip(" '‘’\"“”.…-–—([")[:1]
    if first.islower():
        return True
    cue_tokens = {k for cue in cues for k in range(cue.index, cue.stop)}
    before = tokens[q - 1] if q > lo else None
    return (
        before is not None
        and before.is_word
        and q - 1 not in cue_tokens
        and before.lower not in ("that", "saying", "adding")
    )


def _is_name_or_title(tokens: list[Token], q: int, lo: int, cues: list[Cue], content: str) -> bool:
    """Quoted names and titles: 'a plan called "Hell Plan"', 'ABC's "This Week"'."""
    before = tokens[q - 1] if q > lo else None
    if before is not None and before.lower in _WORK_NOUNS and content[:1].isupper():
        return True
    if before is not None and (
        before.lower in NAMING_WORDS
        or (before.lower == "as" and q - 2 >= lo and tokens[q - 2].lower == "known")
    ):
        return True
    words = [w for w in content.replace("-", " ").split() if w.strip(".,;:!?'’\"")]
    if not words or len(words) > 6 or content.rstrip().endswith(("?", "!")):
        return False
    capitalised = all(
        w.strip("'‘’\"“(")[:1].isupper() or w.lower().strip(".,") in FUNCTION_WORDS for w in words
    )
    if not capitalised or not any(w[:1].isupper() for w in words):
        return False
    attached = any(abs(cue.index - q) <= 3 or abs(cue.stop - q) <= 2 for cue in cues)
    return not attached or (before is not None and before.kind == "poss")


def _window(tokens: list[Token], lo: int, hi: int, cue: Cue) -> tuple[int, int]:
    """The tokens where a cue's medium and date are looked for: its clause, not the content."""
    start = lo
    stop = hi
    for k in range(cue.stop, stop):
        if tokens[k].lower == "that" or tokens[k].text == ":":
            return start, k
    return start, stop


def _reported_clause(
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
    if tokens[hi - 1].text in {".", "!", "?"} and _only_adjuncts(
        tokens, after_source, _before_subordinate(tokens, after_source, end)
    ):
        first = cue.source.first if not cue.inverted else cue.index
        if first > lo and tokens[first - 1].text == ",":
            return _clause_span(text, tokens, lo, first - 1)
        return None
    if cue.inverted:
        return None
    k = cue.stop
    if cue.lemma == "tell":
        k = _skip_object(tokens, k, end)
    k = _skip_adjuncts(tokens, k, end)
    if k < end and tokens[k].lower == "that":
        return _clause_span(text, tokens, k + 1, end)
    if k >= end or cue.lemma not in _BARE_CLAUSE_VERBS:
        return None
    token = tokens[k]
    starts_clause = token.lower in _INDIRECT_STARTS or token.capitalised or token.kind == "num"
    if cue.lemma in ("say", "tell"):
        starts_clause = starts_clause or (
            token.is_word
            and token.lower not in _NOT_CLAUSE_STARTS
            and not token.lower.endswith("ly")
        )
    if not starts_clause:
        return None
    if token.lower in ("a", "an") and k + 1 < end and tokens[k + 1].lower in SPEAKER_NOUNS:
        return None
    return _clause_span(text, tokens, k, end)


def _before_subordinate(tokens: list[Token], k: int, end: int) -> int:
    """``..., the mission said on Sunday, although it recorded ...``: where the tail starts."""
    for m in range(k, end - 1):
        if tokens[m].text == "," and (
            tokens[m + 1].lower in _ADJUNCT_STARTS
            or tokens[m + 1].lower in ("although", "but", "though", "adding", "saying")
        ):
            return m
    return end


def _only_adjuncts(tokens: list[Token], k: int, end: int) -> bool:
    return _skip_adjuncts(tokens, k, end) >= end


def _skip_adjuncts(tokens: list[Token], k: int, end: int) -> int:
    """Skip time and channel phrases: "on Saturday", "in a statement", "on CNN", "late on"."""
    while k < end:
        lower = tokens[k].lower
        if (
            lower in ("on", "in", "at", "during", "late", "early", "earlier", "last", "to")
            and k + 1 < end
        ):
            j = k + 1
            while j < end and j - k <= 5 and tokens[j].is_word and tokens[j].lower not in ("that",):
                if tokens[j].lower in FUNCTION_WORDS - {
                    "a",
                    "an",
                    "the",
                    "his",
                    "her",
                    "their",
                    "its",
                    "on",
                }:
                    break
                j += 1
            if j == k + 1:
                return k
            k = j
            continue
        if tokens[k].text == ",":
            k += 1
            continue
        if lower in ("yesterday", "today", "tonight", "again", "also", "repeatedly"):
            k += 1
            continue
        return k
    return k


def _skip_object(tokens: list[Token], k: int, end: int) -> int:
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
        if tokens[j].lower in ("the", "a", "an") or tokens[j].capitalised or j == k:
            j += 1
            continue
        break
    return j


def _clause_span(text: str, tokens: list[Token], first: int, stop: int) -> tuple[int, int] | None:
    """The clause from token ``first`` to ``stop``, without a trailing writer's adjunct."""
    for k in range(first + 1, stop - 1):
        if tokens[k].text == "," and (
            tokens[k + 1].lower.endswith("ing") or tokens[k + 1].lower in _ADJUNCT_STARTS
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
