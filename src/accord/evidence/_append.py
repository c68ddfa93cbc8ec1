"""Appending evidence records to a scenario file without touching anything else in it.

YAML files are edited as text, so that comments, blank lines, key order and quoting stay as
they were: the new records go at the end of the top-level ``evidence:`` block list, indented
like the records already there (or into a new ``evidence:`` block at the end of the file).
JSON files are parsed and written back with their key order and indentation. Either way:

1. the file is read and validated first - an invalid scenario is refused, unchanged;
2. ids that collide with the file's get a ``-2``, ``-3`` ... suffix, and records already in
   the file (same speaker and quote, or same speaker and summary) are not added twice;
3. the new text is validated with :func:`accord.io.parse_scenario` before anything is
   written: if it would not load, the file is left untouched;
4. the previous version is saved as ``FILE.bak``, then the new text replaces the file through a
   temporary file and a rename (:func:`accord.io.atomic_write`), so a reader sees the old file
   or the new one, never half of one;
5. all of this - read, check, write - happens under an exclusive lock (``fcntl.flock``) on the
   sidecar file ``FILE.lock``, so concurrent appends to one scenario run one after the other
   and none is lost (the lock file is left in place: removing it would race with a waiter);
6. a file that would grow past the readers' size limit (:data:`accord.io._text.MAX_BYTES`) is
   refused, unchanged, so that accord never writes a scenario it then refuses to read.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from accord.evidence._records import evidence_to_dict, unique_id
from accord.io import MAX_BYTES, InputError, atomic_write, parse_scenario, read_text
from accord.scenario import Evidence

__all__ = ["AppendResult", "append_evidence"]

_KEY = re.compile(r"^evidence[ \t]*:(?P<rest>.*)$")
_TOP_LEVEL = re.compile(r"^[^\s#-]|^-[^\s]|^---|^\.\.\.")
_ITEM = re.compile(r"^(?P<indent>[ \t]*)-[ \t]")
_FIELDS = ("id", "speaker", "date", "source", "url", "quote", "summary")


@dataclass(frozen=True, slots=True)
class AppendResult:
    """What :func:`append_evidence` did: the ids added, the duplicates skipped, the backup."""

    path: str
    added: tuple[str, ...]
    skipped: int
    backup: str | None


def append_evidence(
    path: str | os.PathLike[str], records: Sequence[Evidence], *, origin: str | None = None
) -> AppendResult:
    """Add ``records`` to the scenario file at ``path`` (see the module docstring).

    ``origin`` names where the records came from; YAML files get it as a comment line.
    """
    source = str(path)
    suffix = Path(source).suffix.lower()
    if suffix == ".csv":
        raise InputError(
            source,
            "a CSV scenario cannot hold evidence records; convert it to YAML or JSON first "
            "(accord convert)",
        )
    if not Path(source).is_file():
        read_text(path, source)  # the reader's own message: no such file, a directory, ...
    with exclusive_lock(source):
        return _append_locked(path, records, origin=origin)


@contextmanager
def exclusive_lock(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``PATH.lock`` (created if needed) for the block: every
    command that rewrites ``path`` takes it for its whole read-modify-write."""
    lock_path = f"{os.fspath(path)}.lock"
    try:
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise InputError(
            str(path), f"cannot create the lock file {lock_path}: {exc.strerror or exc}"
        ) from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing the descriptor releases the lock


def _append_locked(
    path: str | os.PathLike[str], records: Sequence[Evidence], *, origin: str | None
) -> AppendResult:
    source = str(path)
    suffix = Path(source).suffix.lower()
    text = read_text(path, source)
    scenario = parse_scenario(text, source)
    taken = {record.id for record in scenario.evidence}
    seen = {_fingerprint(record) for record in scenario.evidence}
    fresh: list[Evidence] = []
    for record in records:
        fingerprint = _fingerprint(record)
        if fingerprint in seen:
            continue
        seen.add(fingerprint)
        fresh.append(replace(record, id=unique_id(record.id, taken)))
    skipped = len(records) - len(fresh)
    if not fresh:
        return AppendResult(source, (), skipped, None)
    is_json = suffix == ".json" or (
        suffix not in (".yaml", ".yml") and text.lstrip().startswith("{")
    )
    new_text = (
        _json_append(text, fresh, source) if is_json else _yaml_append(text, fresh, source, origin)
    )
    size = len(new_text.encode("utf-8"))
    if size > MAX_BYTES:
        raise InputError(
            source,
            f"appending would make the file {size:,} bytes, over the limit of {MAX_BYTES:,} "
            "bytes that accord reads; the file is unchanged "
            "(start a new scenario file, or add fewer records)",
        )
    try:
        parse_scenario(new_text, source)
    except InputError as exc:
        raise InputError(
            source, f"appending would make the scenario invalid ({exc}); the file is unchanged"
        ) from None
    backup = source + ".bak"
    with atomic_write(backup) as handle:
        handle.write(text)
    with atomic_write(path) as handle:
        handle.write(new_text)
    return AppendResult(source, tuple(r.id for r in fresh), skipped, backup)


def _fingerprint(record: Evidence) -> tuple[str | None, str | None, str | None]:
    return (record.speaker, record.quote, None if record.quote else record.summary)


# ---- YAML ---------------------------------------------------------------------------------


def _scalar(value: Any) -> str:
    if not isinstance(value, str):
        return str(value)
    out = json.dumps(value, ensure_ascii=False)
    return "".join(
        ch if ch.isprintable() or ch == " " else f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else ch
        for ch in out
    )


def _render(records: Sequence[Evidence], indent: str, origin: str | None) -> list[str]:
    lines = []
    if origin:
        lines.append(f"{indent}# added by accord evidence from {' '.join(origin.split())}\n")
    for record in records:
        data = evidence_to_dict(record)
        first = True
        for key in _FIELDS:
            if key not in data:
                continue
            value = data[key] if key in ("id", "date") else _scalar(data[key])
            lead = f"{indent}- " if first else f"{indent}  "
            lines.append(f"{lead}{key}: {value}\n")
            first = False
    return lines


def _yaml_append(text: str, records: Sequence[Evidence], source: str, origin: str | None) -> str:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    key_line = next((k for k, line in enumerate(lines) if _KEY.match(line.rstrip("\r\n"))), None)
    if key_line is None:
        return "".join([*lines, "\nevidence:\n", *_render(records, "  ", origin)])
    match = _KEY.match(lines[key_line].rstrip("\r\n"))
    assert match is not None
    rest = match.group("rest").strip()
    if rest.startswith("[]"):
        comment = rest[2:].strip()
        lines[key_line] = "evidence:" + (f"  {comment}" if comment else "") + "\n"
    elif rest and not rest.startswith("#"):
        raise InputError(
            source,
            "the evidence list is written in flow style ([...]); write it as a block list "
            "(one '- id: ...' record a line) to append to it",
        )
    end = key_line + 1
    last = key_line
    indent: str | None = None
    while end < len(lines) and not _TOP_LEVEL.match(lines[end]):
        line = lines[end]
        stripped = line.strip()
        if stripped and not (stripped.startswith("#") and not line[:1].isspace()):
            last = end
            item = _ITEM.match(line)
            if indent is None and item is not None:
                indent = item.group("indent")
        end += 1
    block = _render(records, "  " if indent is None else indent, origin)
    return "".join([*lines[: last + 1], *block, *lines[last + 1 :]])


# ---- JSON ---------------------------------------------------------------------------------


def _json_append(text: str, records: Sequence[Evidence], source: str) -> str:
    data = json.loads(text)
    if not isinstance(data, dict):
        raise InputError(source, "a JSON scenario must be an object")
    evidence = data.setdefault("evidence", [])
    evidence.extend(evidence_to_dict(record) for record in records)
    indent_match = re.search(r"^([ \t]+)\S", text, re.M)
    indent: str | int = indent_match.group(1) if indent_match else 2
    ascii_only = text.isascii() and "\\u" in text
    out = json.dumps(data, indent=indent, ensure_ascii=ascii_only)
    return out + ("\n" if text.endswith("\n") else "")
