"""Scenario files in and out: format detection, loading, writing atomically."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Literal

import yaml

from accord.errors import InputError
from accord.io._csv import (
    is_ktab,
    is_replication,
    ktab_problem,
    read_ktab,
    read_replication,
    replication_problem,
    write_ktab,
    write_replication,
)
from accord.io._decision import decision_to_file
from accord.io._schema import build_scenario, check_scenario, validate_document
from accord.io._text import parse_json, parse_yaml, read_text
from accord.scenario import Scenario

__all__ = [
    "FORMATS",
    "Format",
    "atomic_write",
    "dump_scenario",
    "format_for",
    "load_scenario",
    "parse_scenario",
    "save_scenario",
    "scenario_to_dict",
]

Format = Literal["yaml", "json", "csv", "ktab"]
FORMATS: tuple[Format, ...] = ("yaml", "json", "csv", "ktab")
_WRITTEN: dict[Format, str] = {"yaml": ".yaml", "json": ".json", "csv": ".csv", "ktab": ".csv"}
_SUFFIXES: dict[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".csv": "csv"}


def load_scenario(
    path: str | os.PathLike[str], *, profiles: Sequence[str | os.PathLike[str]] | None = None
) -> Scenario:
    """Read and validate a scenario file (YAML, JSON, or one of the two CSV conventions).

    A GENIUS domain - an ``.xml`` domain file or a folder holding one - is read with its
    profiles (the ``<utility_space>`` files next to it, or ``profiles``); see
    :mod:`accord.io.genius`. Raises :class:`~accord.io.InputError` with the file, the place and
    the problem.
    """
    source = str(path)
    if profiles or Path(path).is_dir() or Path(path).suffix.lower() == ".xml":
        from accord.io.genius import load_genius

        if profiles and Path(path).suffix.lower() not in (".xml", "") and not Path(path).is_dir():
            raise InputError(source, "profiles go with a GENIUS domain (.xml) file only")
        return load_genius(path, profiles=profiles)
    return parse_scenario(read_text(path, source), source)


def parse_scenario(text: str, source: str) -> Scenario:
    """Validate scenario text; the format comes from ``source``'s suffix, else from the text.

    GENIUS domain text is read with the profiles found next to ``source``.
    """
    suffix = Path(source).suffix.lower()
    stripped = text.lstrip()
    if suffix == ".xml" or stripped.startswith("<"):
        from accord.io.genius import find_profiles, is_genius, parse_genius

        if not is_genius(text):
            raise InputError(source, "unrecognised XML: expected a GENIUS domain file", line=1)
        profiles = find_profiles(source) if Path(source).is_file() else []
        return parse_genius(text, source, [(read_text(p, str(p)), str(p)) for p in profiles])
    if suffix == ".csv" or (suffix not in _SUFFIXES and (is_replication(text) or is_ktab(text))):
        if is_replication(text):
            return read_replication(text, source)
        if is_ktab(text):
            return read_ktab(text, source)
        raise InputError(
            source,
            "unrecognised CSV: expected the header Actor,Capability,Position,Salience or "
            "KTAB's first line 'name, description, actors, dimensions'",
            line=1,
        )
    if suffix == ".json" or (suffix not in _SUFFIXES and stripped.startswith(("{", "["))):
        document = parse_json(text, source)
    else:
        document = parse_yaml(text, source)
    model = validate_document(document, source)
    check_scenario(model, document, source)
    return build_scenario(model)


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
    if scenario.outcome is not None:
        out["outcome"] = clean(
            {
                "date": scenario.outcome.date,
                "values": {k: _number(v) for k, v in scenario.outcome.values},
                "note": scenario.outcome.note,
            }
        )
    return clean(out)


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


def dump_scenario(scenario: Scenario, fmt: Format) -> str:
    """The scenario as text in ``fmt``; InputError when the format cannot hold it all."""
    if fmt == "yaml":
        data = scenario_to_dict(scenario)
        return yaml.dump(
            data,
            Dumper=_Dumper,
            sort_keys=False,
            allow_unicode=True,
            width=100,
            default_flow_style=False,
        )
    if fmt == "json":
        data = scenario_to_dict(scenario)
        return json.dumps(data, indent=2, ensure_ascii=False, default=_json_default) + "\n"
    if fmt == "csv":
        problem = replication_problem(scenario)
        if problem:
            raise InputError(
                scenario.id,
                f"cannot write as Actor,Capability,Position,Salience "
                f"CSV without loss: {problem}; write YAML or JSON instead",
            )
        return write_replication(scenario)
    problem = ktab_problem(scenario)
    if problem:
        raise InputError(
            scenario.id,
            f"cannot write as KTAB CSV without loss: {problem}; write YAML or JSON instead",
        )
    return write_ktab(scenario)


def _json_default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def format_for(path: str | os.PathLike[str], scenario: Scenario | None = None) -> Format:
    """The output format a file name asks for; ``.csv`` picks whichever CSV holds the scenario."""
    suffix = Path(path).suffix.lower()
    fmt = _SUFFIXES.get(suffix)
    if fmt is None:
        raise InputError(str(path), "unknown output format: use .yaml, .yml, .json or .csv")
    if fmt == "csv" and scenario is not None and replication_problem(scenario):
        return "ktab"
    return fmt


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
        again = parse_scenario(text, str(Path(path).with_suffix(_WRITTEN[chosen])))
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
