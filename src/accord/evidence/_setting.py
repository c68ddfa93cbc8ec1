"""Where and when a statement was made: its medium, its date, and the words around it.

- The medium (:mod:`accord.evidence._media`) and the date (:mod:`accord.evidence._dates`) are
  looked for in the cue's clause - from the start of its unit to a "that" or colon after the
  verb, outside quotations; of several dates the one nearest the verb wins.
- A quotation without them inherits those stated for the same speaker in the last
  :data:`CARRY_OVER` units ("Waltz ... in an interview with ABC's This Week." followed by his
  quotation), the carry-over of Newell, Cowlishaw & Man (2018).
- The *context* of a statement is the sentence around it, at most :data:`CONTEXT_MARGIN`
  characters on either side of it, so that a record never repeats a whole paragraph.

The date expressions of the article are found once (not once per cue): each cue's clause then
takes the mentions inside it by bisection, so the cost is linear in the article.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

from accord.evidence._cues import Cue
from accord.evidence._dates import find_dates, resolve
from accord.evidence._media import find_medium
from accord.evidence._tokens import Token

__all__ = ["CARRY_OVER", "CONTEXT_MARGIN", "Setting", "context", "window"]

#: Units back in which a speaker's medium and date carry over to a new quotation.
CARRY_OVER = 6
#: Characters of the sentence kept on either side of a statement in its context.
CONTEXT_MARGIN = 200


@dataclass(frozen=True, slots=True)
class _Carried:
    medium: str | None
    date: dt.date | None
    unit: int


class Setting:
    """The media and dates of one article's cues, and what carries over per speaker."""

    def __init__(self, text: str, tokens: list[Token], published: dt.date | None) -> None:
        self.text = text
        self.tokens = tokens
        quotes = [(t.start, t.end) for t in tokens if t.kind == "quote"]
        quote_starts = [start for start, _ in quotes]
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._dates: list[dt.date] = []
        for mention in find_dates(text):
            k = bisect.bisect_right(quote_starts, mention.start) - 1
            if k >= 0 and mention.start < quotes[k][1]:
                continue  # inside a quotation: the speaker's words, not the report's date
            date = resolve(mention, published)
            if date is not None:
                self._starts.append(mention.start)
                self._ends.append(mention.end)
                self._dates.append(date)
        self._carried: dict[str, _Carried] = {}

    def medium(self, lo: int, hi: int, cue: Cue) -> str | None:
        """The medium named in tokens ``lo:hi`` for ``cue``."""
        return find_medium(self.text, self.tokens, lo, hi, cue.index)

    def date(self, lo: int, hi: int, cue: Cue, *, before: int | None = None) -> dt.date | None:
        """The date in tokens ``lo:hi`` (before offset ``before``), outside quotations,
        nearest the verb."""
        tokens = self.tokens
        first = next((k for k in range(lo, hi) if tokens[k].kind != "quote"), None)
        if first is None:
            return None
        last = next(k for k in range(hi - 1, lo - 1, -1) if tokens[k].kind != "quote")
        start, end = tokens[first].start, tokens[last].end
        if before is not None:
            end = min(end, before)
        anchor = tokens[cue.index].start
        best: tuple[int, dt.date] | None = None
        for k in range(bisect.bisect_left(self._starts, start), len(self._starts)):
            if self._starts[k] >= end:
                break
            if self._ends[k] > end:
                continue
            distance = abs(self._starts[k] - anchor)
            if best is None or distance < best[0]:
                best = (distance, self._dates[k])
        return best[1] if best else None

    def remember(self, speaker: str, lo: int, hi: int, cue: Cue, index: int) -> None:
        """Note the medium and date a speaker's cue in unit ``index`` states, for later."""
        window_lo, window_hi = window(self.tokens, lo, hi, cue)
        medium = self.medium(window_lo, window_hi, cue)
        date = self.date(window_lo, window_hi, cue)
        if medium is not None or date is not None:
            self._carried[speaker] = _Carried(medium, date, index)

    def carry(
        self, speaker: str | None, index: int, medium: str | None, date: dt.date | None
    ) -> tuple[str | None, dt.date | None]:
        """The medium and date, completed from the speaker's recent cues where missing."""
        if speaker and (medium is None or date is None):
            carried = self._carried.get(speaker)
            if carried is not None and index - carried.unit <= CARRY_OVER:
                medium = medium or carried.medium
                date = date or carried.date
        return medium, date


def window(tokens: list[Token], lo: int, hi: int, cue: Cue) -> tuple[int, int]:
    """The tokens where a cue's medium and date are looked for: its clause, not the content."""
    for k in range(cue.stop, hi):
        if tokens[k].lower == "that" or tokens[k].text == ":":
            return lo, k
    return lo, hi


def context(text: str, tokens: list[Token], lo: int, hi: int, start: int, end: int) -> str:
    """The sentence (unit ``lo:hi``) around ``text[start:end]``, at most
    :data:`CONTEXT_MARGIN` characters on either side, cut at spaces and marked with "..."."""
    first, last = tokens[lo].start, tokens[hi - 1].end
    left = max(first, start - CONTEXT_MARGIN)
    right = min(last, end + CONTEXT_MARGIN)
    if left > first:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else start
    if right < last:
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else end
    words = " ".join(text[left:right].split())
    return ("..." if left > first else "") + words + ("..." if right < last else "")
