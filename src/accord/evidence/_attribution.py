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

The concerns live in their own modules: this one reads the units in order and attaches each
quotation or reported clause to a cue; :mod:`accord.evidence._discourse` holds what was read
and resolves speaker phrases against it; :mod:`accord.evidence._floating` has the rules for
quotations without a cue; :mod:`accord.evidence._setting` finds media, dates and the bounded
context. Every statement records the name of the rule that attached it
(:mod:`accord.evidence._rules`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from accord.evidence._cues import Cue, find_cues, main_subject
from accord.evidence._discourse import Discourse, Said, Unit
from accord.evidence._floating import floating_speaker, opening_quote
from accord.evidence._indirect import reported_clause
from accord.evidence._marks import QuoteSpan, pair_marks
from accord.evidence._names import People, apposition_after, left_phrase
from accord.evidence._nominals import apposed_to_person
from accord.evidence._quotes import (
    attachment,
    clause_closers,
    is_name_or_title,
    is_partial,
    naming_verb,
    nearest,
    possessor,
)
from accord.evidence._setting import Setting, context, window
from accord.evidence._tokens import Token, frame, units

__all__ = ["Statement", "attribute"]


@dataclass(frozen=True, slots=True)
class Statement:
    """A quotation or reported statement, before it is linked to the scenario's actors.

    ``rule`` names the rule that attached it and ``speaker_rule`` how its cue's speaker phrase
    was found (None without a cue); see :mod:`accord.evidence._rules`.
    """

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
    rule: str = "unattributed"
    speaker_rule: str | None = None


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
    for lo, hi in ranges:
        reader.read(lo, hi)
    opening_quote(reader.statements, tokens, reader.discourse, ranges)
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
            people.add(phrase.name, role, person=apposed_to_person(tokens, phrase, lo, hi))
    return people


class _Reader:
    """Reads the units in order: finds each unit's cues and attaches its statements."""

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
        self.discourse = Discourse(people)
        self.setting = Setting(text, tokens, published)
        self.statements: list[Statement] = []

    def read(self, lo: int, hi: int) -> None:
        """Read the unit of tokens ``lo:hi``."""
        tokens, discourse = self.tokens, self.discourse
        index = len(discourse.history)
        unit = Unit(para=tokens[lo].para)
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
        if subject_phrase is not None:
            unit.subject = discourse.resolve(subject_phrase, index)
        discourse.current = (subject_phrase, unit.subject)
        discourse.current_cues = cues
        unit.persons = [
            self.people.canonical(t.text)
            for t in tokens[lo:hi]
            if t.capitalised and self.people.is_person(t.text)
        ]
        unit.colon = tokens[hi - 1].text == ":"
        cues = self._names_given(lo, quotes, cues, unit)
        closers = clause_closers(tokens, cues, hi)
        kept = False
        for q in quotes:
            said = self._direct(index, lo, hi, q, cues, closers, unit)
            if said is not None:
                kept = True
                unit.speakers.append(said)
        if not kept:
            unit.speakers.extend(self._indirect(index, lo, hi, cues))
        for cue in cues:
            if cue.source is not None:
                said = discourse.resolve(cue.source, index)
                if said.speaker:
                    unit.cue_speaker = said
                if said.speaker and said.person:
                    self.setting.remember(said.speaker, lo, hi, cue, index)
        discourse.history.append(unit)

    def _names_given(self, lo: int, quotes: list[int], cues: list[Cue], unit: Unit) -> list[Cue]:
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
                unit.named.append(Said(name, None, False))
        return cues

    def _direct(
        self,
        index: int,
        lo: int,
        hi: int,
        q: int,
        cues: list[Cue],
        closers: dict[int, bool],
        unit: Unit,
    ) -> Said | None:
        tokens = self.tokens
        span = self.spans[tokens[q].quote]
        content = self.text[span.start : span.end]
        if not content.strip() or is_name_or_title(tokens, q, lo, hi, cues, content):
            return None
        cue = nearest(cues, q, tokens, hi, closers)
        partial = is_partial(tokens, q, lo, hi, content, cues)
        medium = date = None
        speaker_rule = None
        if cue is not None:
            said = self.discourse.resolve(cue.source, index) if cue.source is not None else None
            rule, speaker_rule = attachment(tokens, q, cue), cue.rule
            window_lo, window_hi = window(tokens, lo, hi, cue)
            medium = self.setting.medium(window_lo, window_hi, cue)
            date = self.setting.date(window_lo, window_hi, cue)
        elif partial:
            return None
        else:
            said, rule = floating_speaker(self.text, tokens, self.discourse, q, lo, hi, unit)
        said = said or Said(None, None, False)
        if said.speaker is None:
            rule = "unattributed"
        medium, date = self.setting.carry(said.speaker, index, medium, date)
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
                context=context(self.text, tokens, lo, hi, span.start, span.end) if partial else "",
                person=said.person,
                rule=rule,
                speaker_rule=speaker_rule,
            )
        )
        return said

    def _indirect(self, index: int, lo: int, hi: int, cues: list[Cue]) -> list[Said]:
        for cue in cues:
            span = reported_clause(self.text, self.tokens, lo, hi, cue)
            if span is None or cue.source is None:
                continue
            said = self.discourse.resolve(cue.source, index)
            if said.speaker is None:
                continue
            start, end = span
            after = start > self.tokens[cue.index].end
            self.statements.append(
                Statement(
                    kind="indirect",
                    start=start,
                    end=end,
                    speaker=said.speaker,
                    role=said.role,
                    medium=self.setting.medium(lo, hi, cue),
                    date=self.setting.date(lo, hi, cue, before=start if after else None),
                    partial=True,
                    context=context(self.text, self.tokens, lo, hi, start, end),
                    person=said.person,
                    rule="reported-after-cue" if after else "reported-before-cue",
                    speaker_rule=cue.rule,
                )
            )
            return [said]
        return []
