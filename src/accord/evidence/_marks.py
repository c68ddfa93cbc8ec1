"""Pairing quotation marks into quotations, robust to stray marks.

Each mark is classified as opening, closing or ambiguous. Curly marks say which they are,
unless their surroundings clearly say the opposite (a "smart quotes" error); a straight mark
is opening when it follows a space or an opening bracket and precedes a non-space, closing in
the mirror case, and ambiguous otherwise. Marks are then paired left to right within each
paragraph:

- an opening (or ambiguous) mark starts a quotation when none is open;
- a closing (or ambiguous) mark ends the open quotation;
- an opening mark while a quotation is open means the earlier mark was stray: it is dropped
  and the new mark starts the quotation; a closing mark with nothing open is dropped.

So one stray mark costs at most the quotation it belongs to, never the others of the article.
A quotation still open at the end of a paragraph continues into the next paragraph when that
paragraph starts with an opening mark - the news convention for quotations running over
several paragraphs, which leaves the first paragraph unclosed (Associated Press style) - and
the quotation opened its paragraph or a sentence, or followed a colon or comma; otherwise its
opening mark is stray (a partial quotation opened mid-sentence does not run over paragraphs).

Double marks (straight, curly, low-9 and guillemets) delimit quotations; single marks are
nested quotations inside them and are not separate quotations. An article with no double
marks at all is read with curly single marks as its quotation marks (British headline style).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QuoteSpan", "pair_marks"]

_DOUBLE = re.compile('["“”„«»]')
_SINGLE = re.compile("[‘’]")
_OPENERS = {"“": True, "„": True, "«": True, "‘": True}
_CLOSERS = {"”": True, "»": True, "’": True}
_OPEN_BEFORE = set(" \n([{–—-/")
_CLOSE_AFTER = set(" \n.,;:!?)]}–—-/")

OPEN, CLOSE, EITHER = 1, 2, 3


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quotation: ``open``/``close`` are the offsets of its marks; the words lie between.

    ``breaks`` are the offsets of the marks that reopen it at the start of each further
    paragraph.
    """

    open: int
    close: int
    breaks: tuple[int, ...] = ()

    @property
    def start(self) -> int:
        """Offset of the first character inside the marks."""
        return self.open + 1

    @property
    def end(self) -> int:
        """Offset just past the last character inside the marks."""
        return self.close


def _direction(text: str, k: int, mark: str) -> int:
    before = text[k - 1] if k > 0 else "\n"
    after = text[k + 1] if k + 1 < len(text) else "\n"
    opens = before in _OPEN_BEFORE and after not in " \n"
    closes = before not in " \n" and (after in _CLOSE_AFTER or after in "\"“”'’")
    if mark in _OPENERS:
        return CLOSE if closes and not opens and after in " \n" else OPEN
    if mark in _CLOSERS:
        return OPEN if opens and not closes else CLOSE
    if opens and not closes:
        return OPEN
    if closes and not opens:
        return CLOSE
    return EITHER


def _is_single_mark(text: str, k: int) -> bool:
    """A curly single mark that is a quotation mark, not an apostrophe."""
    before = text[k - 1] if k > 0 else " "
    after = text[k + 1] if k + 1 < len(text) else " "
    if text[k] == "’":
        return not (before.isalpha() and after.isalpha()) and not (
            after in "sS" and (k + 2 >= len(text) or not text[k + 2].isalpha())
        )
    return True


def _opens_paragraph_quote(text: str, mark: int, paragraph_start: int) -> bool:
    """Whether the quotation opened at ``mark`` can run on into the next paragraph: it opens
    its paragraph or a sentence ('... he said. "A ceasefire ...'), or follows a colon or a
    comma ("He said: ..."), not a word mid-sentence."""
    before = text[paragraph_start:mark].rstrip()
    return not before or before.endswith((":", ",", ".", "!", "?"))


def pair_marks(text: str, paragraphs: tuple[tuple[int, int], ...]) -> list[QuoteSpan]:
    """The quotations of ``text``, whose paragraphs are the ``(start, end)`` spans given."""
    positions = [m.start() for m in _DOUBLE.finditer(text)]
    if not positions:
        positions = [m.start() for m in _SINGLE.finditer(text) if _is_single_mark(text, m.start())]
    if not positions:
        return []
    by_paragraph: list[list[int]] = []
    cursor = 0
    for start, end in paragraphs:
        marks: list[int] = []
        while cursor < len(positions) and positions[cursor] < end:
            if positions[cursor] >= start:
                marks.append(positions[cursor])
            cursor += 1
        by_paragraph.append(marks)

    spans: list[QuoteSpan] = []
    pending: int | None = None  # the opening mark of a quotation still open
    breaks: list[int] = []
    for index, marks in enumerate(by_paragraph):
        start = paragraphs[index][0]
        rest = marks
        if pending is not None:
            if marks and marks[0] == start and _direction(text, marks[0], text[marks[0]]) == OPEN:
                breaks.append(marks[0])
                rest = marks[1:]
            else:
                pending, breaks = None, []
        for k in rest:
            direction = _direction(text, k, text[k])
            if pending is None:
                if direction != CLOSE:
                    pending = k
            elif direction == OPEN:
                pending, breaks = k, []
            else:
                if k - pending > 1 or breaks:
                    spans.append(QuoteSpan(open=pending, close=k, breaks=tuple(breaks)))
                pending, breaks = None, []
        following = by_paragraph[index + 1] if index + 1 < len(by_paragraph) else []
        next_start = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else -1
        if pending is not None and not (
            following
            and following[0] == next_start
            and _opens_paragraph_quote(text, pending, start)
        ):
            pending, breaks = None, []
    return spans
