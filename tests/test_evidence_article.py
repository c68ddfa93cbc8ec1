"""Cleaning scraped articles: line wraps, headline, bullet summary, promos, cited sources."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.evidence import parse_article
from accord.io import InputError
from evidence_helpers import SEED


@pytest.fixture(scope="module")
def seed():
    return parse_article(SEED.read_text(encoding="utf-8"), "seed")


def test_seed_headline_summary_and_sources(seed):
    assert seed.title.startswith("Trump and Putin poised for ceasefire talks")
    assert len(seed.summary) == 5
    assert seed.summary[1].startswith("Steve Witkoff, a Trump envoy and real estate mogul")
    assert seed.sources_cited == ("RT.com", "TheGuardian.com", "Brighteon.com")
    assert not seed.text.startswith(("Trump and Putin poised", "- "))


def test_seed_promos_removed(seed):
    for promo in (
        "(Related:",
        "very good chance",
        "Watch the video",
        "This video is from",
        "More related stories",
        "Hell Plan",
        "Sources include",
        "Brighteon",
    ):
        assert promo not in seed.text


def test_seed_hard_wraps_repaired(seed):
    text = seed.text
    assert "are expected to discuss terms for a 30-day ceasefire." in text
    assert 'Witkoff said on CNN. "I describe' in text
    assert 'in an interview with ABC\'s "This Week."' in text
    assert "The upcoming call between Trump and Putin" in text
    assert "\n" not in text.replace("\n\n", "")  # only paragraph breaks are left


def test_seed_heading_kept_as_its_own_paragraph(seed):
    assert "\n\nDiplomatic maneuvering and western skepticism\n\n" in seed.text


def test_paragraph_offsets(seed):
    for start, end in seed.paragraphs:
        assert seed.text[start:end].strip() == seed.text[start:end]
        assert "\n" not in seed.text[start:end]


def test_fixed_width_wrapping_joined_in_blocks():
    raw = (
        "The two delegations met for six hours in Doha on Wednesday, the first direct\n"
        "talks in more than a year. Both sides called the meeting useful and said they\n"
        "would meet again.\n\n"
        '"We have agreed on the agenda," said Yusuf Demir, who led the delegation. He\n'
        "added that the next round would follow in February.\n"
    )
    article = parse_article(raw, "t")
    assert article.title is None
    assert article.text.count("\n\n") == 1
    assert "the first direct talks in more than a year" in article.text


def test_byline_dateline_and_inline_related_removed():
    raw = (
        "Talks resume in Geneva\n"
        "By Jane Doe\n"
        "March 17, 2025\n"
        "Delegations returned to Geneva on Monday (Related: Talks stall over maps.) for a "
        "fourth round.\n"
        "Read more: Why the maps matter\n"
        "The mediator said progress was possible.\n"
    )
    article = parse_article(raw, "t")
    assert article.title == "Talks resume in Geneva"
    assert article.published == dt.date(2025, 3, 17)
    assert article.text == (
        "Delegations returned to Geneva on Monday for a fourth round.\n\n"
        "The mediator said progress was possible."
    )


def test_published_option_wins_over_dateline():
    article = parse_article(
        "2025-01-01\nText of the article goes here.\n", "t", published=dt.date(2025, 3, 1)
    )
    assert article.published == dt.date(2025, 3, 1)


def test_inline_sources_list():
    article = parse_article(
        "Body text of the article is here.\nSources: Reuters, AP and BBC\n", "t"
    )
    assert article.sources_cited == ("Reuters", "AP", "BBC")
    assert "Sources" not in article.text


def test_nothing_left_is_an_error():
    with pytest.raises(InputError, match="no article text left"):
        parse_article("More related stories:\nA headline.\nAnother headline.\n", "promo.txt")
