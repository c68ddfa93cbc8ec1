"""The results: quotations, mentions and numbers, evidence records, and the JSON contract.

Every attributed statement with a speaker becomes an evidence record in the scenario format
(:class:`accord.scenario.Evidence`); with a scenario, only statements by one of its actors do.
A record's ``quote`` is the quotation (for reported speech, none); its ``summary`` holds the
sentence around a partial quotation or reported speech, and the medium and role when known;
its ``source`` names the article (outlet or headline, and the outlets the article cites).
Ids are ``surname-two-words[-date]`` slugs, made unique against the ids already taken.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from accord.evidence._actors import Mention
from accord.evidence._article import Article
from accord.evidence._lexicon import FUNCTION_WORDS
from accord.evidence._numbers import NumberClaim
from accord.scenario import Evidence

__all__ = [
    "ArticleEvidence",
    "IdAllocator",
    "Quote",
    "evidence_to_dict",
    "make_records",
    "unique_id",
]

_SLUG = re.compile(r"[^a-z0-9]+")
_BREAK = re.compile(r"\s*\n\s*\n\s*[\"“„«]?\s*")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation or reported statement; ``article.text[start:end] == text``."""

    text: str
    kind: str  # "direct" | "indirect"
    speaker: str | None
    role: str | None
    actor: str | None
    medium: str | None
    date: dt.date | None
    start: int
    end: int
    context: str = ""
    partial: bool = False
    rule: str = "unattributed"
    speaker_rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "speaker": self.speaker,
            "role": self.role,
            "actor": self.actor,
            "medium": self.medium,
            "date": None if self.date is None else self.date.isoformat(),
            "start": self.start,
            "end": self.end,
            "rule": self.rule,
            "speaker_rule": self.speaker_rule,
        }


@dataclass(frozen=True, slots=True)
class ArticleEvidence:
    """Everything found in one article."""

    article: Article
    quotes: tuple[Quote, ...]
    mentions: tuple[Mention, ...]
    numbers: tuple[NumberClaim, ...]
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``accord evidence --json`` (see ``docs/evidence.md``)."""
        article = self.article
        return {
            "article": {
                "title": article.title,
                "published": None if article.published is None else article.published.isoformat(),
                "summary": list(article.summary),
                "sources_cited": list(article.sources_cited),
                "text": article.text,
            },
            "quotes": [quote.to_dict() for quote in self.quotes],
            "mentions": [
                {"actor": m.actor, "surface": m.surface, "count": m.count} for m in self.mentions
            ],
            "numbers": [
                {
                    "text": n.text,
                    "value": _number(n.value),
                    "low": _number(n.low),
                    "high": _number(n.high),
                    "qualifier": n.qualifier,
                    "unit": n.unit,
                }
                for n in self.numbers
            ],
            "evidence": [evidence_to_dict(record) for record in self.evidence],
        }


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


def evidence_to_dict(record: Evidence) -> dict[str, Any]:
    """A record as it is written in a scenario file (unset fields left out)."""
    out: dict[str, Any] = {
        "id": record.id,
        "speaker": record.speaker,
        "date": None if record.date is None else record.date.isoformat(),
        "source": record.source,
        "url": record.url,
        "quote": record.quote,
        "summary": record.summary,
    }
    return {key: value for key, value in out.items() if value is not None}


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _SLUG.sub("-", ascii_text.lower()).strip("-")


class IdAllocator:
    """Gives out ids unique against a set of ids taken (which it adds them to): ``base``, or
    ``base-2``, ``base-3``, ... - the first not taken. It remembers, per base, the suffix
    to try next, so that giving out ``n`` ids with the same base costs ``O(n)`` in all, not
    ``O(n^2)`` (the set only grows, so no suffix below it can have become free)."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken
        self._next: dict[str, int] = {}

    def allocate(self, base: str) -> str:
        candidate = base
        if candidate in self.taken:
            k = self._next.get(base, 2)
            candidate = f"{base}-{k}"
            while candidate in self.taken:
                k += 1
                candidate = f"{base}-{k}"
            self._next[base] = k + 1
        self.taken.add(candidate)
        return candidate


def unique_id(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``, ... - the first not in ``taken`` (which gets it).
    To give out many ids, use one :class:`IdAllocator`."""
    return IdAllocator(taken).allocate(base)


def article_source(article: Article) -> str | None:
    """How a record names the article: outlet and headline, and the outlets it cites."""
    parts = [p for p in (article.outlet, article.title) if p]
    if not parts and article.name != "<stdin>":
        parts = [article.name]
    if not parts:
        return None
    source = ": ".join(parts)
    if article.sources_cited:
        source += f" (cites {', '.join(article.sources_cited)})"
    return source


def _base_id(quote: Quote) -> str:
    speaker = quote.speaker or "unattributed"
    head = slug(speaker.split()[-1]) or "speaker"
    words = [
        w
        for w in slug(quote.text).split("-")
        if len(w) >= 4 and w not in FUNCTION_WORDS and not w.isdigit()
    ][:2]
    parts = [head, *words]
    if quote.date is not None:
        parts.append(quote.date.isoformat())
    return "-".join(parts)[:80].strip("-")


def make_records(
    article: Article, quotes: Iterable[Quote], *, scenario_given: bool, taken: set[str]
) -> tuple[Evidence, ...]:
    """Evidence records for the attributed quotations (``taken`` ids are avoided and updated)."""
    source = article_source(article)
    ids = IdAllocator(taken)
    records = []
    for quote in quotes:
        if quote.speaker is None or (scenario_given and quote.actor is None):
            continue
        notes = []
        if quote.kind == "indirect" or quote.partial:
            notes.append(quote.context)
        if quote.medium:
            notes.append(f"Medium: {quote.medium}.")
        if quote.role:
            notes.append(f"Role: {quote.role}.")
        text = " ".join(_BREAK.sub(" ", quote.text).split())
        records.append(
            Evidence(
                id=ids.allocate(_base_id(quote)),
                speaker=quote.speaker,
                date=quote.date,
                source=source,
                url=article.url,
                quote=text if quote.kind == "direct" else None,
                summary=" ".join(notes) or None,
            )
        )
    return tuple(records)
