"""Linking names to the scenario's actors through their aliases.

An actor is mentioned wherever its name, one of its aliases, or (for a short upper-case id
such as ``US`` or ``EU``) its id appears as a whole word. Matching is case-sensitive for names
with capitals - "US" is not "us" - and case-insensitive for aliases written all in lower case
("coalition of the willing"). The longest alias wins where several overlap ("Vladimir Putin",
not "Putin"). A possessive still counts ("Russia's").

People speak for the actor whose alias names them; a person not among the aliases speaks for
the actor their role names ("Kremlin spokesman Dmitry Peskov" -> the actor with alias
"Kremlin"; "Ukrainian Foreign Minister ..." -> the actor named "Ukraine", through the
nationality adjective).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from accord.evidence._lexicon import DEMONYMS
from accord.evidence._names import People, looks_like_person
from accord.scenario import Scenario

__all__ = ["ActorIndex", "Mention"]

_DEMONYM = re.compile(
    r"(?<![\w])(" + "|".join(sorted(DEMONYMS, key=len, reverse=True)) + r")(?![\w])", re.I
)


@dataclass(frozen=True, slots=True)
class Mention:
    """How often one surface form of an actor's name occurs in the article."""

    actor: str
    surface: str
    count: int


def _pattern(names: list[str], flags: int = 0) -> re.Pattern[str] | None:
    if not names:
        return None
    ordered = sorted(set(names), key=len, reverse=True)
    body = "|".join(re.escape(name) for name in ordered)
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", flags)


class _Spans:
    """Sorted, non-overlapping ``(start, end)`` spans; overlap queries by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.starts, end) - 1  # the last span starting before ``end``
        return k >= 0 and self.ends[k] > start


class ActorIndex:
    """The scenario's actors by every name they go by."""

    def __init__(self, scenario: Scenario | None) -> None:
        self.order: list[str] = []
        self.exact: dict[str, str] = {}
        self.folded: dict[str, str] = {}
        self.people: dict[str, str] = {}
        if scenario is None:
            self._cased = self._lower = None
            return
        for actor in scenario.actors:
            self.order.append(actor.id)
            names = [actor.name or "", *actor.aliases]
            if actor.id.isupper() and len(actor.id) >= 2:
                names.append(actor.id)
            for name in names:
                name = " ".join(name.split())
                if not name:
                    continue
                if name.islower():
                    self.folded.setdefault(name, actor.id)
                else:
                    self.exact.setdefault(name, actor.id)
        for name in self.exact:
            words = name.split()
            if looks_like_person(name) and words[-1] in self.exact:
                self.people.setdefault(words[-1], name)
        self._cased = _pattern(list(self.exact))
        self._lower = _pattern(list(self.folded), re.I)

    @property
    def empty(self) -> bool:
        return not self.order

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, actor)`` for every alias match in ``text``, without overlaps."""
        found: list[tuple[int, int, str]] = []
        if self._cased is not None:
            found += [
                (m.start(), m.end(), self.exact[m.group(0)]) for m in self._cased.finditer(text)
            ]
        if self._lower is not None:
            taken = _Spans([(a, b) for a, b, _ in found])
            for m in self._lower.finditer(text):
                if not taken.overlaps(m.start(), m.end()):
                    found.append((m.start(), m.end(), self.folded[m.group(0).lower()]))
        return sorted(found)

    def actor_of(self, speaker: str | None, role: str | None) -> str | None:
        """The actor a speaker speaks for: by name, by surname, by what the phrase or role names."""
        if self.empty:
            return None
        for text in (speaker, role):
            if not text:
                continue
            if text in self.exact:
                return self.exact[text]
            if text.lower() in self.folded:
                return self.folded[text.lower()]
            if text is speaker:
                last = text.split()[-1]
                if last in self.exact and looks_like_person(text):
                    return self.exact[last]
            matches = self.find(text)
            if matches:
                return matches[0][2]
            demonym = _DEMONYM.search(text)
            if demonym is not None:
                country = DEMONYMS[demonym.group(1).lower()]
                found = self.find(country)
                if found:
                    return found[0][2]
        return None

    def mentions(self, text: str, people: People) -> list[Mention]:
        """Every actor's mentions in ``text``: aliases, and people linked through their role."""
        if self.empty:
            return []
        counts: Counter[tuple[str, str]] = Counter()
        first: dict[tuple[str, str], int] = {}
        matches = self.find(text)
        for start, end, actor in matches:
            key = (actor, text[start:end])
            counts[key] += 1
            first.setdefault(key, start)
        taken = _Spans([(a, b) for a, b, _ in matches])
        # people linked to an actor through their role, found in one pass over the text
        surfaces: dict[str, str] = {}
        for person in sorted(people.persons):
            if self.actor_of(person, None) is not None:
                continue
            linked = self.actor_of(None, people.role(person))
            if linked is None:
                continue
            surfaces.setdefault(person, linked)
            surfaces.setdefault(person.split()[-1], linked)
        pattern = _pattern(list(surfaces))
        for m in pattern.finditer(text) if pattern is not None else ():
            if taken.overlaps(m.start(), m.end()):
                continue
            key = (surfaces[m.group(0)], m.group(0))
            counts[key] += 1
            first.setdefault(key, m.start())
        rank = {actor: k for k, actor in enumerate(self.order)}
        ordered = sorted(counts, key=lambda key: (rank[key[0]], first[key]))
        return [Mention(actor, surface, counts[(actor, surface)]) for actor, surface in ordered]
