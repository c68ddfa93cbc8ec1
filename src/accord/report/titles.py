"""Table titles that stay whole.

Rich wraps a table's title to the table's width, so a narrow table breaks its title in the
middle of a phrase ("probability of the / forecast being nearest / each label"). A table passed
through :func:`whole_title` shows its title as a line of its own above it, which wraps at the
terminal's width (between words) rather than at the table's.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

__all__ = ["whole_title"]


def whole_title(table: Table) -> RenderableType:
    """``table`` with its title moved to a line above it (the table itself when untitled)."""
    title = table.title
    if title is None:
        return table
    style = table.title_style or ""
    line = Text.from_markup(title, style=style) if isinstance(title, str) else Text(str(title))
    if isinstance(title, str) and not table.title_style and table.title_justify == "left":
        line.stylize("italic")  # rich's default title style
    table.title = None
    return Group(line, table)
