"""One error type for every problem with an input, where the core and every reader can raise it."""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["MAX_MESSAGE", "InputError", "format_path", "one_line"]

#: The longest error line accord prints (issue 8: one line, at most 300 characters).
MAX_MESSAGE = 300
#: A run of characters without a space longer than this is shortened in a message.
_LONGEST_WORD = 60
_BREAKS = re.compile(r"[\n\r\t\v\f\x1c-\x1e\x85\u2028\u2029]+")
_WORD = re.compile(rf"\S{{{_LONGEST_WORD + 1},}}")

PathPart = str | int


def format_path(path: Sequence[PathPart]) -> str:
    """``("positions", 3, "salience")`` -> ``positions[3].salience``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _escape(ch: str) -> str:
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _shorten(match: re.Match[str]) -> str:
    word = match.group(0)
    return f"{word[:40]}...({len(word):,} characters)"


def one_line(text: str, limit: int = MAX_MESSAGE, *, shorten_words: bool = True) -> str:
    """``text`` as one printable line of at most ``limit`` characters.

    Line and paragraph breaks of every kind (``\\n``, ``\\r``, U+0085, U+2028, U+2029, ...) and
    tabs fold into one space; other characters that are not printable (control characters,
    bidirectional overrides, lone surrogates) are escaped as ``\\xNN``/``\\uNNNN``; a run of
    more than 60 characters without a space (a huge value) keeps its first 40 and says how long
    it was (unless ``shorten_words`` is false: file names are kept whole); what is still too
    long is cut in the middle, with ``...``. Linear in the text.
    """
    folded = _BREAKS.sub(" ", text).strip()
    if shorten_words:
        folded = _WORD.sub(_shorten, folded)
    if not folded.isprintable():
        folded = "".join(ch if ch.isprintable() else _escape(ch) for ch in folded)
    if len(folded) > limit:
        keep = limit - 3
        folded = folded[: keep - keep // 3] + "..." + folded[len(folded) - keep // 3 :]
    return folded


class InputError(Exception):
    """A problem with an input file, reported as one line: ``file:line: field: problem``.

    ``source`` names the file; ``where`` is a field path such as ``positions[3].salience``;
    ``line`` the 1-based line number when known.
    """

    def __init__(
        self, source: str, problem: str, *, where: str | None = None, line: int | None = None
    ) -> None:
        super().__init__(problem)
        self.source = source
        self.problem = problem
        self.where = where
        self.line = line

    def __str__(self) -> str:
        """One line (see :func:`one_line`) that starts with the file and the place; the place
        is kept whole when the problem has to be shortened."""
        place = self.source if self.line is None else f"{self.source}:{self.line}"
        if self.where:
            place = f"{place}: {self.where}"
        place = one_line(place, MAX_MESSAGE // 2, shorten_words=False)
        budget = MAX_MESSAGE - len("accord: ") - len(place) - 2
        return f"{place}: {one_line(self.problem, max(budget, 40))}"
