"""The discourse state of an article and how a speaker phrase is resolved against it.

Speakers are resolved as in the sieve of Muzny, Fang, Chang & Jurafsky (2017, EACL):

- a pronoun ("he", "she") refers to the subject or a speaker of the last :data:`LOOKBACK`
  units, respecting a gender that a title or role word states; "they" and "it" to the last
  plural or singular organisation; a pronoun after its unit's subject to that subject;
- "the (prime) minister" refers to the last person, in :data:`ROLE_LOOKBACK` units, whose role
  has those words; "the official" to the last unnamed speaker with that head word;
- a surname, or a first word that begins one name only, to the full name introduced before
  (:class:`accord.evidence._titles.People`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from accord.evidence._cues import Cue
from accord.evidence._lexicon import ORGANISATION_NOUNS, PRONOUNS, ROLE_HEADS
from accord.evidence._names import People, Phrase
from accord.evidence._nominals import (
    could_be_person,
    head_word,
    one_person,
    plural,
)

__all__ = ["LOOKBACK", "ROLE_LOOKBACK", "Discourse", "Said", "Unit"]

#: Units back in which a floating quotation or a pronoun looks for its speaker.
LOOKBACK = 4
#: Units back in which "the minister" looks for the person with that role.
ROLE_LOOKBACK = 24


@dataclass
class Said:
    """A speaker as resolved: the name or phrase, the role, and whether it is a person."""

    speaker: str | None
    role: str | None
    person: bool


@dataclass
class Unit:
    """What one unit leaves for the units after it: its subject, speakers, persons, names."""

    subject: Said | None = None
    speakers: list[Said] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    named: list[Said] = field(default_factory=list)  # groups named by "calls itself '...'"
    colon: bool = False
    cue_speaker: Said | None = None
    para: int = 0


class Discourse:
    """The units read so far and the people of the article: what speakers resolve against."""

    def __init__(self, people: People) -> None:
        self.people = people
        self.history: list[Unit] = []
        #: The subject phrase of the unit being read and what it resolved to.
        self.current: tuple[Phrase | None, Said | None] = (None, None)
        #: The cues of the unit being read.
        self.current_cues: list[Cue] = []

    def resolve(self, phrase: Phrase, index: int) -> Said:
        """The speaker that ``phrase`` in unit ``index`` stands for: a pronoun's or a
        description's referent, a surname's full name, or the phrase itself."""
        if phrase.kind == "pronoun":
            return self._same_unit(phrase) or self.pronoun(phrase.name, index)
        if phrase.kind == "nominal":
            words = phrase.name.split()
            if (
                len(words) > 1
                and words[0].lower() == "the"
                and all(w[:1].isupper() for w in words[1:])
            ):
                return Said(" ".join(words[1:]), None, False)  # "the Finance Ministry"
            if len(words) >= 2 and words[0].lower() == "the":
                head = words[-1].lower()
                if head in ROLE_HEADS and len(words) <= 5:
                    # "the minister", "the prime minister", "the Kremlin spokesman"
                    modifiers = [w.lower().removesuffix("'s") for w in words[1:-1]]
                    person = self._by_role(head, modifiers, index)
                    if person is not None:
                        return Said(person, self.people.role(person), True)
                if len(words) <= 3:
                    # "the official", "the ministry": the nominal speaker named before
                    earlier = self._by_head(head, index)
                    if earlier is not None:
                        return earlier
                if len(words) == 2 and head in ORGANISATION_NOUNS:
                    previous = self.pronoun("it", index)
                    if previous.speaker is not None:
                        return previous
            return Said(phrase.name, None, False)
        name = phrase.name
        institution = name.lower().startswith("the ")
        if institution:
            name = name[4:]
        canonical = self.people.canonical(name)
        is_person = not institution and self.people.is_person(canonical)
        role = phrase.role or self.people.role(canonical)
        return Said(canonical, role, is_person)

    def pronoun(self, pronoun: str, index: int) -> Said:
        """The referent of "he", "she", "they" or "it" in unit ``index`` (see the module)."""
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
            return Said(None, None, False)
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
                    return Said(name, self.people.role(name), True)
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
                return Said(said.speaker, said.role, True)
        return Said(None, None, False)

    def _same_unit(self, phrase: Phrase) -> Said | None:
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
                said = self.resolve(source, len(self.history))
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

    def _by_head(self, head: str, index: int) -> Said | None:
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

    def previous_speaker(self, index: int) -> Said | None:
        """Whose words a quotation with no cue in unit ``index`` continues: the last speaker
        or cue of the previous unit, its subject when a person (or before a colon), or a
        speaker of the units before."""
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
