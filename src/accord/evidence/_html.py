"""The main text of an HTML page, through trafilatura (the optional ``accord[news]`` extra).

trafilatura (Barbaresi 2021, *Trafilatura: A Web Scraping Library and Command-Line Tool for
Text Discovery and Extraction*, ACL System Demonstrations) separates an article's main text
from navigation, comments and boilerplate, and reads the page's metadata (title, date,
canonical URL, site name). It runs offline on the page it is given. Without the extra, HTML
input fails with the install hint.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
from dataclasses import dataclass
from typing import Any

from accord.io import InputError

__all__ = ["INSTALL_HINT", "PageText", "extract_page"]

INSTALL_HINT = "pip install 'accord[news]'"

#: A page whose main text has fewer words than this has no main text worth reading.
MIN_WORDS = 12


@dataclass(frozen=True, slots=True)
class PageText:
    """What trafilatura found: the main text (one paragraph a line) and the metadata."""

    text: str
    title: str | None
    published: dt.date | None
    url: str | None
    outlet: str | None


def _trafilatura(name: str) -> Any:
    try:
        return importlib.import_module("trafilatura")
    except ModuleNotFoundError:
        raise InputError(name, f"reading HTML needs the news extra: {INSTALL_HINT}") from None


def extract_page(html: str, name: str) -> PageText:
    """The page's main text and metadata, or InputError when it has no main text."""
    trafilatura = _trafilatura(name)
    try:
        found = trafilatura.extract(
            html,
            output_format="json",
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
        )
    except Exception as exc:
        raise InputError(name, f"cannot parse the HTML: {exc}") from None
    data: dict[str, Any] = json.loads(found) if found else {}
    text = str(data.get("text") or "")
    title = _clean(data.get("title"))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and title and lines[0] == title:
        lines = lines[1:]
    if sum(len(line.split()) for line in lines) < MIN_WORDS:
        raise InputError(name, "no main text found in the HTML page")
    return PageText(
        text="\n".join(lines),
        title=title,
        published=_date(data.get("date")),
        url=_clean(data.get("source")),
        outlet=_clean(data.get("sitename")) or _clean(data.get("hostname")),
    )


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
