"""Numeric claims and dates."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.evidence._dates import find_dates, parse_full_date, resolve
from accord.evidence._numbers import find_numbers

MONDAY = dt.date(2025, 3, 17)


def claim(text):
    [n] = find_numbers(text)
    return (n.value, n.low, n.high, n.qualifier, n.unit)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("over 1,000 drone attacks", (1000, 1000, None, "over", "drone attacks")),
        ("nearly 40 percent of voters", (40, None, 40, "nearly", "%")),
        ("up to 86% of the region", (86, None, 86, "up to", "%")),
        ("about $300 billion in assets", (3e11, None, None, "about", "USD")),
        ("a 30-day ceasefire", (30, None, None, None, "days")),
        ("between three and four hours", (None, 3, 4, None, "hours")),
        ("from 10 to 20 kilometres", (None, 10, 20, None, "kilometres")),
        ("3-4 weeks", (None, 3, 4, None, "weeks")),
        ("1.2 million people", (1.2e6, None, None, None, "people")),
        ("half a million refugees", (5e5, None, None, None, "refugees")),
        ("tens of thousands of lives", (None, 20000, None, None, "lives")),
        ("more than 3,000 families", (3000, 3000, None, "more than", "families")),
        ("twenty-five soldiers", (25, None, None, None, "soldiers")),
    ],
)
def test_claims(text, expected):
    assert (
        claim(text) == pytest.approx(expected) if None not in expected else claim(text) == expected
    )


@pytest.mark.parametrize(
    "text",
    [
        "in February 2022",
        "on March 13",
        "at 10:30",
        "a Su-34 jet",
        "Article 5",
        "the G7",
        "the two sides",
        "one of them",
        "the 2nd round",
        "at 6 a.m.",
    ],
)
def test_not_claims(text):
    assert find_numbers(text) == []


def test_relative_dates_resolve_against_publication():
    text = "on Sunday, yesterday, on Saturday night, March 13, 16 March 2025, last Monday"
    resolved = [resolve(m, MONDAY) for m in find_dates(text)]
    assert resolved == [
        dt.date(2025, 3, 16),
        dt.date(2025, 3, 16),
        dt.date(2025, 3, 15),
        dt.date(2025, 3, 13),
        dt.date(2025, 3, 16),
        dt.date(2025, 3, 10),
    ]


def test_without_publication_date_only_full_dates_resolve():
    resolved = [resolve(m, None) for m in find_dates("on Sunday, March 13, 16 March 2025")]
    assert resolved == [None, None, dt.date(2025, 3, 16)]


def test_month_day_in_january_looking_back_to_december():
    [mention] = find_dates("on December 30")
    assert resolve(mention, dt.date(2025, 1, 2)) == dt.date(2024, 12, 30)


def test_full_dates():
    assert parse_full_date("Monday, March 17, 2025") == dt.date(2025, 3, 17)
    assert parse_full_date("17 March 2025 10:30 GMT") == dt.date(2025, 3, 17)
    assert parse_full_date("2025-03-17") == dt.date(2025, 3, 17)
    assert parse_full_date("March 2025") is None
    assert parse_full_date("the may 5 deadline") is None
