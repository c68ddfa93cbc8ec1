"""One error type for every problem with an input, where the core and every reader can raise it."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["InputError", "format_path"]

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
        place = self.source if self.line is None else f"{self.source}:{self.line}"
        if self.where:
            return f"{place}: {self.where}: {self.problem}"
        return f"{place}: {self.problem}"
