"""Scenario files in and out: format detection, loading, writing atomically."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Literal

import yaml

from accord.errors import InputError
from accord.io._decision import decision_to_file
from accord.io._text import MAX_BYTES, decode_text, read_text
from accord.io.formats import FileFormat, detect, get_format, writable
from accord.scenario import Scenario

__all__ = [
    "FORMATS",
    "STDIN",
    "Format",
    "atomic_write",
    "dump_scenario",
    "format_for",
    "load_scenario",
    "parse_scenario",
    "read_input",
    "save_scenario",
    "scenario_to_dict",
]

#: The names of the formats accord writes (see :mod:`accord.io.formats`).
Format = Literal["yaml", "json", "csv", "ktab", "ktab-xml"]
FORMATS: tuple[Format, ...] = tuple(entry.name for entry in writable())  # type: ignore[misc]
#: The path that means standard input.
STDIN = "-"
_SCENARIO_SUFFIXES = (".yaml", ".yml", ".json")


def load_scenario(
    path: str | os.PathLike[str], *, profiles: Sequence[str | os.PathLike[str]] | None = None
) -> Scenario:
    """Read and validate a scenario file (YAML, JSON, one of the two CSV conventions, KTAB XML);
    ``-`` reads standard input (the format is then sniffed from the text).

    A GENIUS domain - an ``.xml`` domain file or a folder holding one - is read with its
    profiles (the ``<utility_space>`` files next to it, or ``profiles``); see
    :mod:`accord.io.genius`. Raises :class:`~accord.io.InputError` with the file, the place and
    the problem.
    """
    source = str(path)
    if source == STDIN and not profiles:
        return parse_scenario(_read_stdin(), "<stdin>")
    if not profiles and Path(path).suffix.lower() == ".xml" and Path(path).is_file():
        text = read_text(path, source)
        if get_format("ktab-xml").sniff(text):
            return parse_scenario(text, source)
    if profiles or Path(path).is_dir() or Path(path).suffix.lower() == ".xml":
        from accord.io.genius import load_genius

        if profiles and Path(path).suffix.lower() not in (".xml", "") and not Path(path).is_dir():
            raise InputError(source, "profiles go with a GENIUS domain (.xml) file only")
        return load_genius(path, profiles=profiles)
    return parse_scenario(read_text(path, source), source)


def read_input(path: str | os.PathLike[str]) -> tuple[str, str]:
    """The text of a file, or of standard input for ``-``, with the name to report it by."""
    if str(path) == STDIN:
        return _read_stdin(), "<stdin>"
    return read_text(path, str(path)), str(path)


def _read_stdin() -> str:
    raw = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise InputError("<stdin>", f"input is over the limit of {MAX_BYTES // (1024 * 1024)} MB")
    return decode_text(raw, "<stdin>")


def parse_scenario(text: str, source: str) -> Scenario:
    """Validate scenario text; the format comes from ``source``'s suffix, else from the text
    (:func:`accord.io.formats.detect`).

    GENIUS domain text is read with the profiles found next to ``source``. Text that is not a
    scenario - DEU III data, an article - is refused with what it looks like and the command
    that reads it.
    """
    entry = detect(text, source)
    if entry.read is None:
        raise InputError(
            source, f"this looks like {entry.looks_like}, not a scenario; {entry.reader}"
        )
    try:
        return entry.read(text, source)
    except InputError as exc:
        if exc.where is None and "expected a mapping of scenario fields" in exc.problem:
            # Text that YAML reads as one string or a list: say what it looks like, if we can.
            prose = exc.problem.endswith("got a str") and not source.endswith(_SCENARIO_SUFFIXES)
            looks = _not_a_scenario(text, prose=prose)
            if looks is not None:
                raise InputError(
                    source, f"this looks like {looks.looks_like}, not a scenario; {looks.reader}"
                ) from None
        raise


def _not_a_scenario(text: str, *, prose: bool = False) -> FileFormat | None:
    """The entry for text that is not a scenario; ``prose``: YAML read the text as one string,
    so words and spaces, which is an article if anything."""
    if prose and len(text.split()) >= 3:
        return get_format("article")
    for name in ("deu3", "tsv", "article"):
        entry = get_format(name)
        try:
            if entry.sniff(text):
                return entry
        except Exception:
            continue
    return None


# --------------------------------------------------------------------------------------------
# Writing


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario in the file format's structure (optional fields left out when unset)."""

    def clean(mapping: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in mapping.items() if v is not None and v != [] and v != {}}

    def span(value: tuple[float, float] | None) -> list[float | int] | None:
        return None if value is None else [_number(value[0]), _number(value[1])]

    out: dict[str, Any] = {
        "id": scenario.id,
        "title": scenario.title,
        "as_of": scenario.as_of,
        "description": scenario.description,
        "actors": [
            clean(
                {
                    "id": a.id,
                    "name": a.name,
                    "aliases": list(a.aliases),
                    "capability": _number(a.capability),
                    "role": a.role if a.role != "party" else None,
                    "capability_range": span(a.capability_range),
                    "reservation_utility": (
                        None if a.reservation_utility is None else _number(a.reservation_utility)
                    ),
                    "discount_factor": (
                        None if a.discount_factor is None else _number(a.discount_factor)
                    ),
                    "population": None if a.population is None else _number(a.population),
                    "strategy": a.strategy,
                }
            )
            for a in scenario.actors
        ],
        "issues": [
            clean(
                {
                    "id": i.id,
                    "name": i.name,
                    "description": i.description,
                    "low": _number(i.low),
                    "high": _number(i.high),
                    "status_quo": None if i.status_quo is None else _number(i.status_quo),
                    "labels": {_number(v): text for v, text in i.labels},
                    "options": None if i.options is None else [_number(v) for v in i.options],
                    "decision": decision_to_file(i.decision),
                }
            )
            for i in scenario.issues
        ],
        "positions": [
            clean(
                {
                    "actor": s.actor,
                    "issue": s.issue,
                    "position": _number(s.position),
                    "salience": _number(s.salience),
                    "reservation": None if s.reservation is None else _number(s.reservation),
                    "evidence": list(s.evidence),
                    "note": s.note,
                    "position_range": span(s.position_range),
                    "salience_range": span(s.salience_range),
                    "evaluations": (
                        None
                        if s.evaluations is None
                        else {_number(v): _number(u) for v, u in s.evaluations}
                    ),
                }
            )
            for s in scenario.stakes
        ],
        "evidence": [
            clean(
                {
                    "id": e.id,
                    "speaker": e.speaker,
                    "date": e.date,
                    "source": e.source,
                    "url": e.url,
                    "quote": e.quote,
                    "summary": e.summary,
                }
            )
            for e in scenario.evidence
        ],
    }
    if scenario.models:
        out["models"] = {
            name: {k: _listed(v) for k, v in params} for name, params in scenario.models
        }
    if scenario.outcome is not None:
        out["outcome"] = clean(
            {
                "date": scenario.outcome.date,
                "values": {k: _number(v) for k, v in scenario.outcome.values},
                "note": scenario.outcome.note,
            }
        )
    return clean(out)


def _listed(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_listed(v) for v in value]
    return value


class _Dumper(yaml.SafeDumper):
    """Block style, but short lists of scalars and label maps in flow style."""

    def represent_sequence(  # type: ignore[override]
        self, tag: str, sequence: Any, flow_style: bool | None = None
    ) -> yaml.Node:
        flat = all(not isinstance(item, dict | list) for item in sequence)
        return super().represent_sequence(tag, sequence, flow_style=flat or None)


def _quote_ambiguous(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    # Strings that YAML 1.1 readers would take for booleans ("NO", "on") are quoted.
    style = "'" if text.lower() in {"yes", "no", "on", "off", "y", "n"} else None
    if "\n" in text:
        style = "|"
    if not text.replace("\n", "").isprintable() or "\r" in text:
        # NEL, the line and paragraph separators and control characters would be read back
        # as line breaks or refused: only double quotes (with escapes) keep them exactly.
        style = '"'

    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _quote_ambiguous)


def yaml_text(scenario: Scenario) -> str:
    """The scenario as YAML text, the way accord writes scenario files."""
    return yaml.dump(
        scenario_to_dict(scenario),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


def dump_scenario(scenario: Scenario, fmt: Format) -> str:
    """The scenario as text in ``fmt``; InputError when the format cannot hold it all."""
    entry = get_format(fmt)
    if entry.write is None:
        raise InputError(scenario.id, f"accord does not write {entry.looks_like}")
    problem = entry.loss(scenario)
    if problem:
        raise InputError(
            scenario.id,
            f"cannot write as {entry.looks_like.removeprefix('an ').removeprefix('a ')} "
            f"without loss: {problem}; write YAML or JSON instead",
        )
    return entry.write(scenario)


def json_default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def format_for(path: str | os.PathLike[str], scenario: Scenario | None = None) -> Format:
    """The output format a file name asks for; ``.csv`` picks whichever CSV holds the scenario."""
    suffix = Path(path).suffix.lower()
    matches = [entry for entry in writable() if suffix in entry.suffixes]
    if not matches:
        names = ", ".join(s for entry in writable() for s in entry.suffixes)
        names = ", ".join(dict.fromkeys(names.split(", ")))
        raise InputError(str(path), f"unknown output format: use {names}")
    if scenario is not None and len(matches) > 1:
        reasons = [entry.loss(scenario) for entry in matches]
        for entry, reason in zip(matches, reasons, strict=True):
            if reason is None:
                return entry.name  # type: ignore[return-value]
        # None holds it: what would be lost first (the same for all), then each one's own limit.
        detail = "; ".join(dict.fromkeys(str(r) for r in reasons))
        if len(detail) > 150:  # the first reasons are the real ones; keep the line short
            detail = detail[: detail.rfind(", ", 0, 150)] + ", ..."
        suffix_name = suffix.lstrip(".").upper()
        raise InputError(
            str(path),
            f"cannot write {suffix_name} without loss: {detail}; write YAML or JSON instead",
        )
    return matches[0].name  # type: ignore[return-value]


def save_scenario(
    scenario: Scenario, path: str | os.PathLike[str], fmt: Format | None = None
) -> None:
    """Write the scenario atomically; the format comes from ``fmt`` or the file's suffix.

    InputError (naming ``path``) when the format cannot hold the scenario, and when what would
    be written would not read back as the same scenario: accord never writes a file it then
    refuses or reads differently.
    """
    chosen = fmt or format_for(path, scenario)
    try:
        text = dump_scenario(scenario, chosen)
    except InputError as exc:
        raise InputError(str(path), exc.problem) from None
    try:
        again = parse_scenario(text, str(Path(path).with_suffix(get_format(chosen).suffixes[0])))
    except InputError as exc:
        raise InputError(
            str(path),
            f"cannot write this scenario as {chosen}: it would not read back ({exc.problem})",
        ) from None
    if chosen in ("yaml", "json") and again != scenario:
        raise InputError(
            str(path),
            f"cannot write this scenario as {chosen} without changing it; nothing written",
        )
    with atomic_write(path) as handle:
        handle.write(text)


@contextmanager
def atomic_write(path: str | os.PathLike[str], *, binary: bool = False) -> Iterator[IO[Any]]:
    """Write a file so that readers see either the old file or the whole new one.

    The text (bytes when ``binary``) goes to a temporary file in the same directory, which is
    flushed, synced and renamed over the target only when the block finishes without an
    exception.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, before the rename
        "wb" if binary else "w",
        encoding=None if binary else "utf-8",
        dir=directory,
        prefix=f".{target.name}.",
        suffix=".tmp",
        delete=False,
    )
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(handle.name, target.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(handle.name, 0o666 & ~umask)
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
