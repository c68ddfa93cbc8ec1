"""The pipeline: read an article, clean it, attribute its statements, link them to actors."""

from __future__ import annotations

import datetime as dt

from accord.evidence._actors import ActorIndex
from accord.evidence._article import Article, clean_article
from accord.evidence._attribution import attribute
from accord.evidence._html import extract_page
from accord.evidence._numbers import find_numbers
from accord.evidence._reading import read_source
from accord.evidence._records import ArticleEvidence, Quote, make_records
from accord.io import InputError
from accord.scenario import Scenario

__all__ = ["extract", "parse_article", "read_article"]


def parse_article(
    text: str, name: str = "<text>", *, html: bool = False, published: dt.date | None = None
) -> Article:
    """Clean article text (or an HTML page, with the ``news`` extra) into an :class:`Article`.

    ``published`` overrides the date the page or a dateline states.
    """
    if html:
        page = extract_page(text, name)
        article = clean_article(
            page.text,
            name,
            published=published or page.published,
            title=page.title,
            url=page.url,
            outlet=page.outlet,
        )
    else:
        article = clean_article(text, name, published=published)
    if not article.text.strip():
        raise InputError(
            name, "no article text left after removing the headline, summary and promos"
        )
    return article


def read_article(path: str, *, published: dt.date | None = None) -> Article:
    """Read one article file (plain text or HTML; ``-`` for standard input)."""
    raw = read_source(path)
    return parse_article(raw.text, raw.name, html=raw.html, published=published)


def extract(
    article: Article, *, scenario: Scenario | None = None, taken_ids: set[str] | None = None
) -> ArticleEvidence:
    """Everything accord reads in ``article``: quotations, mentions, numbers, evidence records.

    ``taken_ids`` are evidence ids to avoid (the scenario's are always avoided); the ids given
    out are added to it, so that several articles get distinct ids.
    """
    index = ActorIndex(scenario)
    statements, people = attribute(
        article.text, article.paragraphs, published=article.published, known_people=index.people
    )
    quotes = tuple(
        Quote(
            text=article.text[s.start : s.end],
            kind=s.kind,
            speaker=s.speaker,
            role=s.role,
            actor=index.actor_of(s.speaker, s.role),
            medium=s.medium,
            date=s.date,
            start=s.start,
            end=s.end,
            context=s.context,
            partial=s.partial,
            rule=s.rule,
            speaker_rule=s.speaker_rule,
        )
        for s in sorted(statements, key=lambda s: s.start)
    )
    taken = taken_ids if taken_ids is not None else set()
    if scenario is not None:
        taken.update(record.id for record in scenario.evidence)
    records = make_records(article, quotes, scenario_given=scenario is not None, taken=taken)
    numbers = tuple(find_numbers(article.text))
    return ArticleEvidence(
        article=article,
        quotes=quotes,
        mentions=tuple(index.mentions(article.text, people)),
        numbers=numbers,
        evidence=records,
    )
