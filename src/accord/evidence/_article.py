"""Cleaning a scraped article: hard line wraps, headline, bullet summary, promos, sources.

Scraped and pasted news arrives with its layout half broken: lines wrapped at a fixed width or
in the middle of a sentence, a headline and a bullet summary above the body, inline
"(Related: ...)" links, video promos, "More related stories" lists and a "Sources include"
trailer. :func:`clean_article` turns it into an :class:`Article`: the headline, the summary
bullets, the outlets named as sources, and the body as paragraphs separated by blank lines.

Line wraps are repaired in one of two ways, chosen per document:

- *block mode* - when paragraphs are separated by blank lines and most lines inside them stop
  without sentence-final punctuation (text wrapped at a fixed width), the lines of a block are
  joined;
- *line mode* - otherwise each line is a paragraph, and a line is joined to the next only when
  it cannot end one: it stops on a function word ("the", "with"), a comma, or inside an open
  parenthesis, or the next line starts in lower case, or it is a long line without final
  punctuation. Short lines without final punctuation followed by a capitalised line are
  headings and stay paragraphs of their own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from itertools import pairwise

from accord.evidence._dates import parse_full_date
from accord.evidence._lexicon import FUNCTION_WORDS

__all__ = ["Article", "clean_article"]


@dataclass(frozen=True, slots=True)
class Article:
    """One article, cleaned: ``text`` is the body, paragraphs separated by a blank line."""

    name: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    summary: tuple[str, ...] = ()
    sources_cited: tuple[str, ...] = ()
    url: str | None = None
    outlet: str | None = None

    @property
    def paragraphs(self) -> tuple[tuple[int, int], ...]:
        """``(start, end)`` offsets of the paragraphs in :attr:`text`."""
        spans = []
        start = 0
        for part in self.text.split("\n\n"):
            spans.append((start, start + len(part)))
            start += len(part) + 2
        return tuple(spans)


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\t\u00a0\u2007\u202f\u2009\u200a\u3000"), " ")
_BULLET = re.compile(r"^\s*(?:[-*•‣◦▪●·]|[–—](?=\s))\s+")
_TERMINAL = re.compile(r"""[.!?:;…](?:["'”’»)\]]*)$""")
_RELATED_INLINE = re.compile(
    r"\s*[(\[](?:related|read more|read also|see also|also read|more)\s*:[^()\[\]]*[)\]]\.?",
    re.I,
)
_PROMO = re.compile(
    r"^(?:watch the video|watch:|watch now|this video is from|click here|subscribe|sign up|"
    r"follow us|share this|advertisement|copyright|©|all rights reserved|support our|"
    r"download our app|image:|photo:|image caption|getty images|listen to this article|"
    r"(?:more )?related (?:stories|articles|posts|reading|coverage)|read more|read also|"
    r"also read|see also|recommended|you may also like|more on this|more from)",
    re.I,
)
_LIST_HEADING = re.compile(
    r"^(?:more )?(?:related (?:stories|articles|posts|reading|coverage)|read more|read also|"
    r"also read|see also|recommended(?: stories| reading)?|you may also like|more on this|"
    r"more from [^:]*)\s*:?\s*$",
    re.I,
)
_SOURCES = re.compile(r"^sources?(?: include| cited| used)?\s*:\s*(.*)$", re.I)
_BYLINE = re.compile(r"^[Bb]y\s+[A-Z][\w.'’-]*(?:[\s,]+(?:and\s+)?[A-Z][\w.'’-]*){0,5}$")
_DATELINE = re.compile(r"^(?:(?:published|updated|posted|date)\s*:?\s*)?(?:on\s+)?(.+?)$", re.I)
_SPACE_RUN = re.compile(r"[ ]{2,}")
#: A heading has at most this many words.
HEADING_WORDS = 12
#: List items after a "More related stories" heading are at most this long.
LIST_ITEM_WORDS = 30


def clean_article(
    raw: str,
    name: str,
    *,
    published: dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
) -> Article:
    """Clean ``raw`` text into an :class:`Article` (see the module docstring)."""
    lines = _normalise(raw).split("\n")
    logical = _block_lines(lines) if _is_wrapped(lines) else _join_wrapped(lines)
    logical = [line for line in logical if line]
    if title is None and logical and _is_headline(logical):
        title = _strip_bullet(logical.pop(0))
    logical, found_date = _drop_front_matter(logical)
    published = published or found_date
    summary: list[str] = []
    while logical and _BULLET.match(logical[0]):
        summary.append(_strip_bullet(logical.pop(0)))
    body, sources = _remove_promos(logical)
    text = "\n\n".join(body)
    return Article(
        name=name,
        text=text,
        title=title,
        published=published,
        summary=tuple(summary),
        sources_cited=tuple(dict.fromkeys(sources)),
        url=url,
        outlet=outlet,
    )


def _normalise(raw: str) -> str:
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x0c", "\n\n")
    text = text.translate(_INVISIBLE).translate(_SPACES)
    return "\n".join(line.strip() for line in text.split("\n"))


def _is_wrapped(lines: list[str]) -> bool:
    """Blank-line paragraphs whose lines mostly stop mid-sentence: text wrapped at a width."""
    content = [k for k, line in enumerate(lines) if line]
    if not content or all(lines[k] for k in range(content[0], content[-1] + 1)):
        return False  # no blank line between paragraphs
    inner = [
        line
        for line, following in pairwise(lines)
        if line and following and not _BULLET.match(following)
    ]
    if len(inner) < 3:
        return False
    open_ended = sum(1 for line in inner if not _TERMINAL.search(line))
    return open_ended / len(inner) > 0.5


def _block_lines(lines: list[str]) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if not line or _BULLET.match(line):
            if current:
                out.append(_join(current))
            current = [line] if line else []
            continue
        current.append(line)
    return out


def _join_wrapped(lines: list[str]) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    run = _Run()
    for k, line in enumerate(lines):
        if not line:
            if current:
                out.append(_join(current))
                current, run = [], _Run()
            continue
        current.append(line)
        run.add(line)
        following = lines[k + 1] if k + 1 < len(lines) else ""
        if not following or not _continues(current, run, following, first=not out and k <= 1):
            out.append(_join(current))
            current, run = [], _Run()
    if current:
        out.append(_join(current))
    return out


class _Run:
    """Running counts over the lines of a paragraph being joined (kept as the lines come, so
    that joining ``n`` lines costs ``O(n)``, not ``O(n^2)``)."""

    def __init__(self) -> None:
        self.open_parens = 0
        self.words = 0

    def add(self, line: str) -> None:
        self.open_parens += line.count("(") - line.count(")")
        self.words += len(line.split())


def _continues(current: list[str], run: _Run, following: str, *, first: bool) -> bool:
    """Whether the paragraph in ``current`` goes on in the line ``following``."""
    line = current[-1]
    if _BULLET.match(following):
        return False
    if run.open_parens > 0:
        return True
    if _TERMINAL.search(line):
        return False
    last = line.rsplit(None, 1)[-1].lower() if line.split() else ""
    if last in FUNCTION_WORDS or line.endswith((",", "-", "–", "—")):
        return True
    if following[:1].islower():
        return True
    if first or _BULLET.match(current[0]):
        return False
    return run.words > HEADING_WORDS


def _join(parts: list[str]) -> str:
    pieces = [parts[0]]
    for part in parts[1:]:
        if pieces[-1].endswith("-") and pieces[-1][-2:-1].isalpha() and part[:1].islower():
            pieces.append(part)
        else:
            pieces.append(" " + part)
    return _SPACE_RUN.sub(" ", "".join(pieces)).strip()


def _is_headline(logical: list[str]) -> bool:
    first = logical[0]
    if len(logical) < 2 or _BULLET.match(first) or len(first) > 300:
        return False
    if re.search(r"""[.:;,…](?:["'”’»)\]]*)$""", first) or len(first.split()) < 3:
        return False
    return first[:1] not in "\"“'‘«"


def _drop_front_matter(logical: list[str]) -> tuple[list[str], dt.date | None]:
    """Remove bylines and a dateline from the first lines; return the date found."""
    found: dt.date | None = None
    keep: list[str] = []
    for k, line in enumerate(logical):
        if k < 4 and len(line.split()) <= 10:
            if _BYLINE.match(line):
                continue
            match = _DATELINE.match(line)
            date = parse_full_date(match.group(1)) if match else None
            if date is not None:
                found = found or date
                continue
        keep.append(line)
    return keep, found


def _remove_promos(logical: list[str]) -> tuple[list[str], list[str]]:
    """The body paragraphs without promos and link lists, and the sources named."""
    body: list[str] = []
    sources: list[str] = []
    in_list = in_sources = False
    for line in logical:
        source_match = _SOURCES.match(line)
        if source_match:
            in_sources, in_list = True, False
            sources.extend(_split_sources(source_match.group(1)))
            continue
        if in_sources and len(line.split()) <= 8 and not _TERMINAL.search(line.rstrip(".")):
            sources.extend(_split_sources(line))
            continue
        in_sources = False
        if _LIST_HEADING.match(line):
            in_list = True
            continue
        if in_list and len(line.split()) <= LIST_ITEM_WORDS:
            continue
        in_list = False
        if _PROMO.match(line):
            continue
        line = _RELATED_INLINE.sub("", line)
        line = _strip_bullet(line) if _BULLET.match(line) else line
        if line.strip():
            body.append(line.strip())
    return body, sources


def _split_sources(text: str) -> list[str]:
    parts = re.split(r"\s*[,;|]\s*|\s+and\s+", text.strip())
    return [part.strip(" .") for part in parts if part.strip(" .")]


def _strip_bullet(line: str) -> str:
    return _BULLET.sub("", line, count=1).strip()
