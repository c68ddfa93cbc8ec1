"""The file formats accord knows, in one table: name, suffixes, sniffing, reading, writing.

Each :class:`FileFormat` says how to recognise a file (its suffixes, and ``sniff`` on its text
when the suffix does not decide), how to read it into a checked scenario, how to write a
scenario in it, and why a scenario cannot be written in it without loss (``loss``; None: it
can). :func:`load_scenario`, :func:`parse_scenario`, :func:`save_scenario` and ``accord
convert`` go through this table only, so a new format is one reader module and one entry in
:data:`REGISTRY`. Every reader ends in :func:`accord.io._schema.checked`, the checks every
scenario passes (:mod:`accord.validation`).

Some entries are files that are not scenarios but that people give to the scenario commands by
mistake - the DEU III data set, a news article; they have no ``read`` and name the command that
reads them (``reader``), so the error says what the file looks like and what to run instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any

from accord.errors import InputError
from accord.scenario import Scenario

__all__ = ["REGISTRY", "FileFormat", "detect", "get_format", "scenario_formats", "writable"]


def _always(scenario: Scenario) -> str | None:
    return None


@dataclass(frozen=True, slots=True)
class FileFormat:
    """One file format (see the module docstring)."""

    name: str
    #: What the file looks like, for messages: "an Actor,Capability,Position,Salience CSV".
    looks_like: str
    suffixes: tuple[str, ...]
    #: Whether text (of a file whose suffix does not decide) is in this format.
    sniff: Callable[[str], bool]
    #: ``read(text, source) -> Scenario``; None for files that are not scenarios.
    read: Callable[[str, str], Scenario] | None = None
    #: ``write(scenario) -> text``; None when accord does not write the format.
    write: Callable[[Scenario], str] | None = None
    #: Why the scenario cannot be written in the format without loss (None: it can).
    loss: Callable[[Scenario], str | None] = _always
    #: For files that are not scenarios: the command that reads them.
    reader: str | None = None
    #: Whether comments in the file survive a round trip through accord (none do today).
    keeps_comments: bool = False


# --------------------------------------------------------------------------------------------
# The entries' functions (imports are local: pydantic and PyYAML load when a file is read)


def _read_yaml(text: str, source: str) -> Scenario:
    from accord.io._schema import read_document
    from accord.io._text import parse_yaml

    return read_document(parse_yaml(text, source), source)


def _read_json(text: str, source: str) -> Scenario:
    from accord.io._schema import read_document
    from accord.io._text import parse_json

    return read_document(parse_json(text, source), source)


def _write_yaml(scenario: Scenario) -> str:
    from accord.io._files import yaml_text

    return yaml_text(scenario)


def _write_json(scenario: Scenario) -> str:
    from accord.io._files import json_default, scenario_to_dict

    data = scenario_to_dict(scenario)
    return json.dumps(data, indent=2, ensure_ascii=False, default=json_default) + "\n"


def _read_ktab_xml(text: str, source: str) -> Scenario:
    from accord.io._schema import checked
    from accord.io.ktab_xml import read_ktab_xml

    return checked(read_ktab_xml(text, source), source)


def _read_genius(text: str, source: str) -> Scenario:
    from accord.io._text import read_text
    from accord.io.genius import find_profiles, is_genius, parse_genius

    if not is_genius(text):
        raise InputError(
            source,
            "unrecognised XML: expected KTAB's SMP <Scenario> or a GENIUS domain file",
            line=1,
        )
    profiles = find_profiles(source) if Path(source).is_file() else []
    return parse_genius(text, source, [(read_text(p, str(p)), str(p)) for p in profiles])


def _sniff_genius(text: str) -> bool:
    """A GENIUS root element, or any markup that is not HTML (the GENIUS reader then says
    what XML it expected)."""
    from accord.io.genius import is_genius

    head = text[:20000]
    return is_genius(text) or (
        head.lstrip("\ufeff \t\r\n").startswith("<") and not _HTML.match(head)
    )


def _lazy(module: str, name: str) -> Callable[..., Any]:
    """The function ``name`` of the reader module ``module``, imported when first called."""

    def call(*args: Any) -> Any:
        return getattr(import_module(module), name)(*args)

    call.__name__ = name
    return call


def _csv(name: str) -> Callable[..., Any]:
    """A function of :mod:`accord.io._csv`, imported when first called."""
    return _lazy("accord.io._csv", name)


def _ktab_xml(name: str) -> Callable[..., Any]:
    """A function of :mod:`accord.io.ktab_xml`, imported when first called."""
    return _lazy("accord.io.ktab_xml", name)


def _sniff_deu3(text: str) -> bool:
    from accord.io.deu3 import is_deu3

    return is_deu3(text)


def _sniff_tsv(text: str) -> bool:
    lines = [line for line in text[:8192].splitlines()[:5] if line.strip()]
    return len(lines) >= 2 and all(line.count("\t") >= 2 for line in lines)


_HTML = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_YAMLISH = re.compile(r"^\s*(?:#|-\s|-$|[\"']?[\w .()/-]{1,60}[\"']?\s*:(?:\s|$)|[{}\[\]])")


def _sniff_article(text: str) -> bool:
    """HTML, or prose: lines of words that mostly are not ``key: value`` or list items."""
    head = text[:20000]
    if _HTML.match(head):
        return True
    lines = [line for line in head.splitlines() if line.strip()][:40]
    if not lines:
        return False
    structured = sum(1 for line in lines if _YAMLISH.match(line))
    words = len(re.findall(r"[^\W\d_]{2,}", head))
    return structured <= len(lines) // 4 and words >= 12


def _any(text: str) -> bool:
    return True


REGISTRY: tuple[FileFormat, ...] = (
    FileFormat(
        name="ktab-xml",
        looks_like="a KTAB SMP scenario (XML)",
        suffixes=(".xml",),
        sniff=_ktab_xml("is_ktab_xml"),
        read=_read_ktab_xml,
        write=_ktab_xml("write_ktab_xml"),
        loss=_ktab_xml("ktab_xml_problem"),
    ),
    FileFormat(
        name="genius",
        looks_like="a GENIUS negotiation domain (XML)",
        suffixes=(".xml",),
        sniff=_sniff_genius,
        read=_read_genius,
    ),
    FileFormat(
        name="csv",
        looks_like="an Actor,Capability,Position,Salience CSV",
        suffixes=(".csv",),
        sniff=_csv("is_replication"),
        read=_csv("read_replication"),
        write=_csv("write_replication"),
        loss=_csv("replication_problem"),
    ),
    FileFormat(
        name="ktab",
        looks_like="a KTAB SMP CSV",
        suffixes=(".csv",),
        sniff=_csv("is_ktab"),
        read=_csv("read_ktab"),
        write=_csv("write_ktab"),
        loss=_csv("ktab_problem"),
    ),
    FileFormat(
        name="deu3",
        looks_like="DEU III data (tab-separated, one row per issue)",
        suffixes=(".tsv",),
        sniff=_sniff_deu3,
        reader="`accord backtest FILE` scores the models on it",
    ),
    FileFormat(
        name="tsv",
        looks_like="a tab-separated table",
        suffixes=(".tsv", ".tab"),
        sniff=_sniff_tsv,
        reader="`accord backtest FILE` reads tab-separated DEU III data (header with prnr, "
        "isnr, out); a scenario is YAML, JSON or CSV",
    ),
    FileFormat(
        name="json",
        looks_like="a JSON scenario",
        suffixes=(".json",),
        sniff=lambda text: text.lstrip().startswith(("{", "[")),
        read=_read_json,
        write=_write_json,
    ),
    FileFormat(
        name="article",
        looks_like="an article (prose or HTML)",
        suffixes=(".txt", ".html", ".htm", ".md"),
        sniff=_sniff_article,
        reader="`accord evidence FILE --scenario SCENARIO` finds the statements in it",
    ),
    FileFormat(
        name="yaml",
        looks_like="a YAML scenario",
        suffixes=(".yaml", ".yml"),
        sniff=_any,
        read=_read_yaml,
        write=_write_yaml,
    ),
)

_BY_NAME = {entry.name: entry for entry in REGISTRY}


def get_format(name: str) -> FileFormat:
    """The entry called ``name``; KeyError for an unknown name."""
    return _BY_NAME[name]


def scenario_formats() -> tuple[FileFormat, ...]:
    """The entries that hold scenarios (have a reader)."""
    return tuple(entry for entry in REGISTRY if entry.read is not None)


def writable() -> tuple[FileFormat, ...]:
    """The entries accord writes scenarios in."""
    return tuple(entry for entry in REGISTRY if entry.write is not None)


def _sniffs(entry: FileFormat, text: str) -> bool:
    try:
        return entry.sniff(text)
    except Exception:
        return False


def detect(text: str, source: str) -> FileFormat:
    """The format of ``text``, read from ``source``.

    A known suffix narrows the choice to its formats (``.csv``: the two CSV conventions), and
    sniffing picks among them; any other suffix (or none, or standard input) is sniffed against
    every entry in :data:`REGISTRY` order, YAML last (so is a file with the suffix of a file
    that is not a scenario, ``.txt`` or ``.tsv``, that does not look like one). Raises
    InputError for a ``.csv`` file in neither convention.
    """
    suffix = Path(source).suffix.lower()
    by_suffix = [entry for entry in REGISTRY if suffix in entry.suffixes]
    if len(by_suffix) == 1 and by_suffix[0].read is not None:
        return by_suffix[0]
    for entry in by_suffix:
        if _sniffs(entry, text):
            return entry
    if suffix != ".csv":
        for entry in REGISTRY:
            if entry not in by_suffix and _sniffs(entry, text):
                return entry
    if suffix == ".csv":
        raise InputError(
            source,
            "unrecognised CSV: expected the header Actor,Capability,Position,Salience or "
            "KTAB's first line 'name, description, actors, dimensions'",
            line=1,
        )
    return get_format("yaml")
