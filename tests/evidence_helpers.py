"""Shared helpers for the tests of accord.evidence."""

from __future__ import annotations

import datetime as dt

from accord.evidence import extract, parse_article
from accord.evidence._records import Quote
from accord.scenario import Actor, Issue, Scenario, Stake

from conftest import TEST_DATA

EVIDENCE_DATA = TEST_DATA / "evidence"
SEED = EVIDENCE_DATA / "seed-article.txt"


def quotes(
    text: str, published: dt.date | None = None, scenario: Scenario | None = None
) -> list[Quote]:
    """The quotations accord finds in ``text``."""
    return list(extract(parse_article(text, "t", published=published), scenario=scenario).quotes)


def said(text: str, published: dt.date | None = None) -> list[tuple[str, str, str | None]]:
    """``(kind, text, speaker)`` for every quotation in ``text``."""
    return [(q.kind, q.text, q.speaker) for q in quotes(text, published)]


def talks() -> Scenario:
    """A small scenario with aliases, for actor linking."""
    actors = (
        Actor(
            id="RUS",
            name="Russia",
            capability=80,
            aliases=("Kremlin", "Moscow", "Vladimir Putin", "Putin"),
        ),
        Actor(
            id="UKR",
            name="Ukraine",
            capability=45,
            aliases=("Kyiv", "Zelensky", "Volodymyr Zelensky"),
        ),
        Actor(
            id="US",
            name="United States",
            capability=90,
            role="mediator",
            aliases=("U.S.", "Washington", "Trump"),
        ),
        Actor(
            id="EU",
            name="European Union",
            capability=40,
            aliases=("Brussels", "coalition of the willing"),
        ),
    )
    return Scenario(
        id="talks",
        title="Talks",
        actors=actors,
        issues=(Issue(id="ceasefire"),),
        stakes=tuple(
            Stake(actor=a.id, issue="ceasefire", position=50, salience=0.5) for a in actors
        ),
    )
