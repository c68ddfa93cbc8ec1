"""Who said what: direct and indirect quotations with speaker, role, medium and date.

The steps follow the quote-extraction pipelines for news of Newell, Cowlishaw & Man (2018,
*Quote extraction and analysis for news*, DSJM workshop at KDD) and the deterministic sieve of
Muzny, Fang, Chang & Jurafsky (2017, *A two-stage sieve approach for quote attribution*, EACL):

1. quotations are found by pairing marks (:mod:`accord.evidence._marks`) and folded into
   single tokens; the text is cut into units that never split a quotation
   (:mod:`accord.evidence._tokens`);
2. each quotation takes the nearest cue of its unit that attaches it
   (:mod:`accord.evidence._cues`, :func:`accord.evidence._quotes.nearest`) - the trigram
   configurations ``QUOTE, NAME said`` / ``QUOTE, said NAME`` / ``NAME said: QUOTE`` are the
   nearest cues by construction;
3. a quotation with no cue in its unit is a *floating* quotation. After a colon it is the
   words of the clause's subject or possessor (``She put it bluntly: "..."``, ``His verdict:
   "..."``); followed by a dash and a name, or by a speaker and an unknown verb in the past, it
   is theirs; otherwise it continues the speaker of the previous unit when that unit ends with
   a colon or holds a quotation or reported speech, or else belongs to the person who is the
   subject of the previous unit (the "conversation" and "closest mention" sieves of Muzny et
   al.). A floating quotation of a few words inside a sentence is a scare quote and is dropped;
4. quoted names and titles ('a plan called "Hell Plan"', 'ABC's "This Week"', 'a group that
   calls itself the "Southern Front"') are not speech; a group so named can be "it" later;
5. pronouns (he, she) resolve to the subject of the previous units or the last speaker,
   respecting gender where a title or role word states it; "they" and "it" to the last plural
   or singular organisation; "the (prime) minister" resolves to the last person whose role has
   those words, "the official" to the last unnamed speaker with that head; surnames (and a
   first word that begins one name only) resolve to the full name introduced before;
6. indirect speech (:mod:`accord.evidence._indirect`) is reported in units without
   quotations, in the PARC configurations "X said (that) CLAUSE", "CLAUSE, X said" and
   "according to X, CLAUSE"; a participial phrase the writer added ("..., underscoring the
   mistrust") is cut from the clause;
7. the medium (:mod:`accord.evidence._media`) and date (:mod:`accord.evidence._dates`) come
   from the cue's unit; a quotation without them inherits those stated for the same speaker in
   the last few units ("Waltz ... in an interview with ABC's This Week." followed by his quote).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from accord.evidence._cues import Cue, find_cues, main_subject
from accord.evidence._dates import find_dates, resolve
from accord.evidence._indirect import only_adjuncts, reported_clause
from accord.evidence._lexicon import (
    ROLE_HEADS,
)
from accord.evidence._marks import QuoteSpan, pair_marks
from accord.evidence._media import find_medium
from accord.evidence._names import (
    PRONOUNS,
    People,
    Phrase,
    apposition_after,
    left_phrase,
    right_phrase,
)
from accord.evidence._nominals import (
    ORGANISATION_NOUNS,
    apposed_to_person,
    could_be_person,
    head_word,
    one_person,
    plural,
)
from accord.evidence._quotes import (
    is_name_or_title,
    is_partial,
    naming_verb,
    nearest,
    possessor,
)
from accord.evidence._tokens import Token, frame, units

__all__ = ["Statement", "attribute"]

#: Units back in which a floating quotation or a pronoun looks for its speaker.
LOOKBACK = 4
#: Units back in which "the minister" looks for the person with that role.
ROLE_LOOKBACK = 24
#: Units back in which a speaker's medium and date carry over to a new quotation.
CARRY_OVER = 6


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
    named: list[_Said] = field(default_factory=list)  # groups named by "calls itself '...'"
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
    _opening_quote(reader, ranges)
    return reader.statements, people


def _opening_quote(reader: _Reader, ranges: list[tuple[int, int]]) -> None:
    """``"We will not sign." // That was the message from minister Padraig Culhane ...``: a
    quotation alone in the opening paragraph, with no speaker, is the first person's named in
    the next paragraph."""
    said, tokens = reader.statements, reader.tokens
    if not said or said[0].kind != "direct" or said[0].speaker is not None:
        return
    first = said[0]
    index = next((n for n, (lo, hi) in enumerate(ranges) if tokens[hi - 1].end >= first.end), -1)
    lo, hi = ranges[index]
    outside = [t for t in tokens[lo:hi] if t.is_word and not first.start <= t.start < first.end]
    if index != 0 or outside or index + 1 >= len(reader.history):
        return
    following = reader.history[index + 1]
    if tokens[ranges[index + 1][0]].para == tokens[lo].para or not following.persons:
        return
    name = following.persons[0]
    said[0] = replace(first, speaker=name, role=reader.people.role(name), person=True)


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
            people.add(phrase.name, role, person=apposed_to_person(tokens, phrase, lo, hi))
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
        self.current: tuple[Phrase | None, _Said | None] = (None, None)
        self.current_cues: list[Cue] = []

    # ---- one unit ------------------------------------------------------------------------

    def read(self, index: int, lo: int, hi: int) -> None:
        tokens = self.tokens
        unit = _Unit(para=tokens[lo].para)
        subject_phrase = main_subject(self.text, tokens, lo, hi) or possessor(
            self.text, tokens, lo, hi
        )
        cues = find_cues(self.text, tokens, lo, hi)
        for cue in cues:
            # the cue's source may be the fuller form of the subject ("The office of ...")
            source = cue.source
            if (
                subject_phrase is not None
                and source is not None
                and source.first == subject_phrase.first
                and source.stop > subject_phrase.stop
            ):
                subject_phrase = source
        quotes = [k for k in range(lo, hi) if tokens[k].kind == "quote"]
        context = " ".join(self.text[tokens[lo].start : tokens[hi - 1].end].split())
        if subject_phrase is not None:
            unit.subject = self._resolve(subject_phrase, index)
        self.current = (subject_phrase, unit.subject)
        self.current_cues = cues
        unit.persons = [
            self.people.canonical(t.text)
            for t in tokens[lo:hi]
            if t.capitalised and self.people.is_person(t.text)
        ]
        unit.colon = tokens[hi - 1].text == ":"
        cues = self._names_given(lo, quotes, cues, unit)
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

    def _names_given(self, lo: int, quotes: list[int], cues: list[Cue], unit: _Unit) -> list[Cue]:
        """``a group that calls itself the "Southern Front"``: the verb of naming is no cue for
        other quotations, and the group it names can be "it" or "they" later."""
        for q in quotes:
            verb = naming_verb(self.tokens, q, lo, len(self.tokens))
            cue = next((c for c in cues if c.index == verb), None) if verb is not None else None
            if cue is None or cue.source is None:
                continue
            cues = [c for c in cues if c is not cue]
            span = self.spans[self.tokens[q].quote]
            name = " ".join(self.text[span.start : span.end].strip(" .,;:'‘’").split())
            if cue.source.kind != "pronoun" and name[:1].isupper():
                unit.named.append(_Said(name, None, False))
        return cues

    def _direct(
        self, index: int, lo: int, hi: int, q: int, cues: list[Cue], unit: _Unit, context: str
    ) -> _Said | None:
        tokens = self.tokens
        span = self.spans[tokens[q].quote]
        content = self.text[span.start : span.end]
        if not content.strip() or is_name_or_title(tokens, q, lo, hi, cues, content):
            return None
        cue = nearest(cues, q, tokens, hi)
        partial = is_partial(tokens, q, lo, hi, content, cues)
        if cue is not None:
            said = self._resolve(cue.source, index) if cue.source is not None else None
        else:
            if partial:
                return None
            said = (
                self._answer(q, lo, index)
                or _introduced(tokens, q, lo, unit)
                or self._signed(q, hi, index)
                or self._unknown_verb(q, lo, hi, index)
                or self._floating(index)
            )
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

    def _answer(self, q: int, lo: int, index: int) -> _Said | None:
        """``A: "Not this year."`` in an interview printed as questions and answers: the words
        of the person interviewed, the last person who spoke or was the subject before."""
        tokens = self.tokens
        if q - lo != 2 or tokens[lo].text != "A" or tokens[lo + 1].text != ":":
            return None
        for unit in reversed(self.history[max(0, index - ROLE_LOOKBACK) :]):
            for said in (*reversed(unit.speakers), unit.subject):
                if said is not None and said.speaker and said.person:
                    return said
        return None

    def _signed(self, q: int, hi: int, index: int) -> _Said | None:
        """``"We are going to end this war" - Donald Trump``: a dash and a speaker after the
        quotation, ending the unit or followed by a comma."""
        tokens = self.tokens
        if q + 2 >= hi or tokens[q + 1].text not in ("-", "–", "—"):
            return None
        phrase = right_phrase(self.text, tokens, q + 2, hi)
        if phrase is None or phrase.kind == "pronoun":
            return None
        if phrase.stop < hi and tokens[phrase.stop].is_word:
            return None
        return self._resolve(phrase, index)

    def _unknown_verb(self, q: int, lo: int, hi: int, index: int) -> _Said | None:
        """``"...," he fumed.``, ``"...," scoffed Peskov.``: a quotation opening its unit and
        followed by a speaker and a verb in the past that the lexicon does not know."""
        tokens = self.tokens
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
            phrase = right_phrase(self.text, tokens, m + 1, end)
            if phrase is not None and only_adjuncts(tokens, phrase.stop, end):
                return self._resolve(phrase, index)
            return None
        for v in range(m + 1, min(end, m + 8)):
            if _past(tokens[v]):
                phrase = left_phrase(self.text, tokens, v - 1, m)
                if phrase is not None and phrase.first == m and only_adjuncts(tokens, v + 1, end):
                    return self._resolve(phrase, index)
                return None
        return None

    def _indirect(self, index: int, lo: int, hi: int, cues: list[Cue], context: str) -> list[_Said]:
        out: list[_Said] = []
        for cue in cues:
            span = reported_clause(self.text, self.tokens, lo, hi, cue)
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
            return self._same_unit(phrase) or self._pronoun(phrase.name, index)
        if phrase.kind == "nominal":
            words = phrase.name.split()
            if (
                len(words) > 1
                and words[0].lower() == "the"
                and all(w[:1].isupper() for w in words[1:])
            ):
                return _Said(" ".join(words[1:]), None, False)  # "the Finance Ministry"
            if len(words) >= 2 and words[0].lower() == "the":
                head = words[-1].lower()
                if head in ROLE_HEADS and len(words) <= 5:
                    # "the minister", "the prime minister", "the Kremlin spokesman"
                    modifiers = [w.lower().removesuffix("'s") for w in words[1:-1]]
                    person = self._by_role(head, modifiers, index)
                    if person is not None:
                        return _Said(person, self.people.role(person), True)
                if len(words) <= 3:
                    # "the official", "the ministry": the nominal speaker named before
                    earlier = self._by_head(head, index)
                    if earlier is not None:
                        return earlier
                if len(words) == 2 and head in ORGANISATION_NOUNS:
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
        if wanted in ("n", "pl"):
            # "they" prefers a plural ("officials", "residents"), "it" a singular; either
            # takes any organisation when nothing of its number came before.
            for strict in (True, False):
                for unit in reversed(self.history[max(0, index - LOOKBACK) :]):
                    for said in (unit.subject, *reversed(unit.speakers), *reversed(unit.named)):
                        if said is None or said.speaker is None or said.person:
                            continue
                        if not strict or plural(said.speaker) == (wanted == "pl"):
                            return said
            return _Said(None, None, False)
        for unit in reversed(self.history[max(0, index - LOOKBACK) :]):
            candidates = [unit.subject, *reversed(unit.speakers), *reversed(unit.named)]
            for said in candidates:
                if said is None or said.speaker is None:
                    continue
                gender = self.people.gender(said.speaker)
                if said.person and gender in (None, wanted):
                    self.people.genders.setdefault(said.speaker, wanted)
                    return said
                if not said.person and one_person(said.speaker) == wanted:
                    return said  # "The spokeswoman for the company declined ... she said"
            for name in reversed(unit.persons):
                gender = self.people.gender(name)
                if gender in (None, wanted):
                    self.people.genders.setdefault(name, wanted)
                    return _Said(name, self.people.role(name), True)
        # "A lawyer for the company declined to comment. "...," she said": an unnamed person
        for unit in reversed(self.history[max(0, index - LOOKBACK) :]):
            for said in (unit.subject, *reversed(unit.speakers)):
                if said is not None and said.speaker and one_person(said.speaker) == "?":
                    return said
        # No one known to be a person: "Trump called Putin. He said ...": the subject named by
        # a single name is a person after all.
        for unit in reversed(self.history[max(0, index - LOOKBACK) :]):
            said = unit.subject
            if said is not None and said.speaker and could_be_person(said.speaker):
                self.people.add(said.speaker, said.role, person=True)
                self.people.genders.setdefault(said.speaker, wanted)
                return _Said(said.speaker, said.role, True)
        return _Said(None, None, False)

    def _same_unit(self, phrase: Phrase) -> _Said | None:
        """``The ministry said it would take "all necessary measures" against what it called
        "discriminatory" subsidies``: a pronoun after the subject of its own unit."""
        subject_phrase, subject = self.current
        if subject_phrase is None or subject is None or subject.speaker is None:
            return None
        if phrase.first < subject_phrase.stop:
            return None
        wanted = PRONOUNS[phrase.name]
        if wanted == "n":
            # "Mexico will raise duties ..., the economy ministry said, citing what it called
            # "...": the organisation reporting before the pronoun, before the subject
            for cue in reversed(self.current_cues):
                source = cue.source
                if source is None or source.kind == "pronoun" or source.stop > phrase.first:
                    continue
                said = self._resolve(source, len(self.history))
                if said.speaker and not said.person and not plural(said.speaker):
                    return said
                break
        if wanted == "n" and not subject.person and not plural(subject.speaker):
            return subject
        if (
            wanted in ("m", "f")
            and subject.person
            and self.people.gender(subject.speaker) in (None, wanted)
        ):
            return subject
        return None

    def _by_head(self, head: str, index: int) -> _Said | None:
        """The last unnamed speaker whose phrase ends in ``head``: "a senior official" for a
        later "the official"."""
        for unit in reversed(self.history[max(0, index - ROLE_LOOKBACK) :]):
            for said in (*reversed(unit.speakers), unit.cue_speaker, unit.subject):
                if said is None or said.speaker is None or said.person:
                    continue
                words = said.speaker.lower().split()
                if len(words) > 1 and head_word(words) == head:
                    return said
        return None

    def _by_role(self, head: str, modifiers: list[str], index: int) -> str | None:
        """The last person named whose role has the head word and every modifier."""
        for unit in reversed(self.history[max(0, index - ROLE_LOOKBACK) :]):
            for name in reversed(unit.persons):
                role = self.people.role(name)
                if role is None:
                    continue
                role_words = set(role.lower().replace("’", "'").replace("'s", "").split())
                if head in role_words and all(m in role_words for m in modifiers):
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
        if previous.subject is not None and (
            previous.subject.person or (previous.colon and previous.subject.speaker)
        ):
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


def _past(token: Token) -> bool:
    return token.kind == "word" and not token.capitalised and token.lower.endswith("ed")


def _introduced(tokens: list[Token], q: int, lo: int, unit: _Unit) -> _Said | None:
    """``She put it bluntly: "..."``, ``His verdict: "..."``: a quotation after a colon, with
    no verb of saying, is the words of the subject of the clause before the colon."""
    if q > lo and tokens[q - 1].text == ":" and unit.subject is not None:
        return unit.subject if unit.subject.speaker else None
    return None


def _window(tokens: list[Token], lo: int, hi: int, cue: Cue) -> tuple[int, int]:
    """The tokens where a cue's medium and date are looked for: its clause, not the content."""
    start = lo
    stop = hi
    for k in range(cue.stop, stop):
        if tokens[k].lower == "that" or tokens[k].text == ":":
            return start, k
    return start, stop
