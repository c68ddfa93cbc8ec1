"""Dates in news text, resolved against the publication date.

News writing dates recent events by weekday ("Zelensky wrote on Telegram *on Sunday*") and
older ones by day and month; the year is usually left out (Associated Press style). A weekday
or a day without a year is resolved to the latest such date on or before the publication
date; "yesterday" and "today" count from it. Without a publication date only fully stated
dates ("16 March 2025") resolve.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from accord.evidence._lexicon import MONTHS, WEEKDAYS

__all__ = ["DateMention", "find_dates", "parse_full_date", "resolve"]

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b", re.I),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b", re.I),
    re.compile(r"\b(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b"),
    re.compile(
        rf"\b(?:(?:late|early|earlier|last)\s+)?(?:on\s+)?{_WEEKDAY}"
        r"(?:\s+(?:morning|afternoon|evening|night))?\b",
        re.I,
    ),
    re.compile(
        # not the programme or paper: "the BBC's Today programme", "USA Today"
        r"(?<!['’]s )(?<!USA )\b(?P<relative>yesterday|today|tonight|this (?:morning|afternoon"
        r"|evening)|last night)\b(?!\s+(?:programme|program|show)\b)",
        re.I,
    ),
]
_TIME = r"(?:[ T,|-]+\d{1,2}[:.]\d\d.*)?$"
_FULL = [
    re.compile(rf"^(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}", re.I),
    re.compile(rf"^(?:{_WEEKDAY},?\s+)?{_DAY}\s+{_MONTH},?\s+{_YEAR}{_TIME}", re.I),
    re.compile(rf"^(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d){_TIME}"),
]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression in the text, as found: resolve it with :func:`resolve`."""

    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    offset: int | None = None  # days before publication: yesterday = 1, today = 0


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Date expressions in ``text[start:end]``, in order, without overlaps."""
    end = len(text) if end is None else end
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text, start, end):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            mention = _mention(match)
            if mention is not None:
                found.append(mention)
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


def _mention(match: re.Match[str]) -> DateMention | None:
    groups = match.groupdict()
    start, end, text = match.start(), match.end(), match.group(0)
    if groups.get("iso"):
        try:
            date = dt.date.fromisoformat(groups["iso"])
        except ValueError:
            return None
        return DateMention(start, end, text, year=date.year, month=date.month, day=date.day)
    if groups.get("relative"):
        word = groups["relative"].lower()
        offset = 1 if word in ("yesterday", "last night") else 0
        return DateMention(start, end, text, offset=offset)
    if groups.get("weekday"):
        return DateMention(start, end, text, weekday=WEEKDAYS[groups["weekday"].lower()])
    month = MONTHS[groups["month"].lower().rstrip(".")]
    day = int(groups["day"])
    if not 1 <= day <= 31:
        return None
    year = int(groups["year"]) if groups.get("year") else None
    if groups["month"] == "may":
        return None  # lower-case "may" is the verb
    return DateMention(start, end, text, year=year, month=month, day=day)


def resolve(mention: DateMention, published: dt.date | None) -> dt.date | None:
    """The calendar date ``mention`` stands for, given the publication date (or None).

    None also when the date would fall outside the calendar (a weekday before a publication
    date of 0001-01-01)."""
    if mention.month is not None and mention.day is not None:
        if mention.year is not None:
            return _safe_date(mention.year, mention.month, mention.day)
        if published is None:
            return None
        latest = _shift(published, 1) or published
        for year in (published.year, published.year - 1):
            date = _safe_date(year, mention.month, mention.day)
            if date is not None and date <= latest:
                return date
        return None
    if published is None:
        return None
    if mention.offset is not None:
        return _shift(published, -mention.offset)
    if mention.weekday is not None:
        back = (published.weekday() - mention.weekday) % 7
        if mention.text.lower().startswith("last") and back == 0:
            back = 7
        return _shift(published, -back)
    return None


def _shift(date: dt.date, days: int) -> dt.date | None:
    """``date`` moved by ``days``, or None past the ends of the calendar."""
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        return None


def parse_full_date(text: str) -> dt.date | None:
    """A date stated in full ("March 17, 2025", "17 March 2025", "2025-03-17"), or None."""
    text = text.strip()
    match = next((m for m in (p.match(text) for p in _FULL) if m is not None), None)
    if match is None:
        return None
    groups = match.groupdict()
    if groups.get("iso"):
        try:
            return dt.date.fromisoformat(groups["iso"])
        except ValueError:
            return None
    return _safe_date(
        int(groups["year"]), MONTHS[groups["month"].lower().rstrip(".")], int(groups["day"])
    )


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
