"""Reading structured text safely: size limits, encodings, YAML without surprises, JSON strictly.

YAML is read with PyYAML's safe loader, so tags that would construct Python objects are
refused, never executed. Beyond that:

- only ``true``/``false`` are booleans (YAML 1.2), so an actor called ``NO`` (Norway) or ``on``
  stays a string;
- aliases are allowed, but the document's size with every alias expanded is counted on the
  node graph (linear in the file) and a document that would expand past a limit - a "billion
  laughs" alias bomb - is rejected before anything is built;
- duplicate keys in a mapping are an error rather than a silent overwrite;
- every value's line number is kept, so errors can name the line.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from accord.errors import InputError, PathPart

__all__ = [
    "MAX_BYTES",
    "Document",
    "decode_text",
    "parse_json",
    "parse_yaml",
    "read_bytes",
    "read_text",
]

#: Input files larger than this are refused.
MAX_BYTES = 10 * 1024 * 1024
#: Integers with more digits than this are refused (a float holds at most 309).
MAX_DIGITS = 400
#: Documents larger than this with every alias expanded are refused.
MAX_EXPANDED_NODES = 1_000_000


@dataclass(frozen=True)
class Document:
    """Parsed data with the line of each value, keyed by its path."""

    data: Any
    lines: dict[tuple[PathPart, ...], int]
    #: JSON text whose lines are found only when one is asked for (error messages): composing
    #: the text again costs more than parsing it.
    json_text: str | None = None

    def line_of(self, path: tuple[PathPart, ...]) -> int | None:
        """The line of ``path`` or of its nearest ancestor that has one."""
        if self.json_text is not None and not self.lines:
            self.lines.update(_json_lines(self.json_text, self.data))
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]


def read_bytes(path: str | os.PathLike[str], source: str | None = None) -> bytes:
    """The file's bytes, or InputError for a missing file, a folder or a file over the limit
    (checked before reading)."""
    name = source or str(path)
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    if p.is_dir():
        raise InputError(name, "is a directory, not a file")
    if size > MAX_BYTES:
        raise InputError(
            name, f"file is {size / 1e6:.1f} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB"
        )
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None


def read_text(path: str | os.PathLike[str], source: str | None = None) -> str:
    """The file's text, or InputError for a missing, huge, binary or non-UTF-8 file."""
    name = source or str(path)
    return decode_text(read_bytes(path, name), name)


def decode_text(raw: bytes, name: str) -> str:
    """Bytes read from ``name`` as text, or InputError for binary, non-UTF-8 or empty input."""
    if b"\x00" in raw:
        raise InputError(name, "not a text file (it contains NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(name, f"not valid UTF-8 text (byte {exc.start})") from None
    if not text.strip():
        raise InputError(name, "file is empty")
    return text


# libyaml's parser (PyYAML's C extension) when it is installed: about ten times faster than the
# pure-Python one, with the same nodes, marks and safe constructors.
_Base: Any = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader


class _Loader(_Base):  # type: ignore[misc]
    """SafeLoader (libyaml's parser when available) with YAML 1.2 booleans."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    __import__("re").compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    if sum(ch.isdigit() for ch in node.value) > MAX_DIGITS:
        raise ValueError(f"more than {MAX_DIGITS} digits")
    return int(yaml.SafeLoader.construct_yaml_int(loader, node))


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def parse_yaml(text: str, source: str) -> Document:
    """Parse YAML text into a :class:`Document`, or raise InputError."""
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, source) from None
    node: yaml.Node | None = None
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError(source, "file is empty")
        _check_expansion(node, source)
        lines: dict[tuple[PathPart, ...], int] = {}
        _collect_lines(node, (), lines, source, set())
        data = loader.construct_document(node)
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, source) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        if "could not determine a constructor" in str(exc.problem or ""):
            problem = f"unsupported YAML tag {_tag_of(exc)}(tags that build objects are refused)"
        raise InputError(source, f"invalid YAML: {problem}", line=line) from None
    except yaml.YAMLError as exc:
        raise InputError(source, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise InputError(source, "invalid YAML: nested too deeply") from None
    except _UNCONSTRUCTIBLE as exc:
        # A scalar its tag cannot hold: "!!float eighty", a date that does not exist
        # (2025-02-30), an integer past Python's int-string limit, "!!timestamp x" (PyYAML's
        # constructor then fails with an AttributeError).
        raise _value_error(exc, node, source) from None
    finally:
        loader.dispose()
    return Document(data=data, lines=lines)


#: What PyYAML's safe constructors raise for a scalar their tag cannot hold.
_UNCONSTRUCTIBLE = (ValueError, OverflowError, TypeError, AttributeError)


def _reader_error(exc: yaml.reader.ReaderError, text: str, source: str) -> InputError:
    """PyYAML refuses control characters (and unpaired surrogates) anywhere in the stream."""
    position = exc.position if isinstance(exc.position, int) else 0
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    what = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "a character"
    return InputError(
        source,
        f"invalid YAML: control character {what} at column {column} is not allowed "
        "(remove it, or write it as an escape in a double-quoted string)",
        line=line,
    )


def _value_error(exc: Exception, root: yaml.Node | None, source: str) -> InputError:
    """The first scalar whose tag cannot construct it, with its line (searched only on error)."""
    constructor = _Loader("")
    stack = [root] if root is not None else []
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            try:
                constructor.construct_object(node)
            except (*_UNCONSTRUCTIBLE, yaml.YAMLError) as failure:
                tag = node.tag.rsplit(":", 1)[-1]
                value = node.value if len(node.value) <= 40 else f"{node.value[:40]}..."
                reason = str(failure).split(";")[0]
                if isinstance(failure, AttributeError):
                    reason = "not in its form, e.g. 2025-03-16"
                return InputError(
                    source,
                    f"invalid YAML: {value!r} is not a valid {tag} ({reason})",
                    line=node.start_mark.line + 1,
                )
        else:
            stack.extend(reversed(_children(node)))
    return InputError(source, f"invalid YAML: {str(exc).split(';')[0]}")


def _tag_of(exc: yaml.MarkedYAMLError) -> str:
    text = str(exc.problem or "")
    start = text.find("'")
    end = text.rfind("'")
    return text[start : end + 1] + " " if 0 <= start < end else ""


def _check_expansion(root: yaml.Node, source: str) -> None:
    """Refuse documents whose alias-expanded size exceeds MAX_EXPANDED_NODES."""
    sizes: dict[int, int] = {}
    # Iterative post-order walk over the node graph; shared (aliased) nodes are counted once
    # per reference but computed once.
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    on_path: set[int] = set()
    while stack:
        node, expanded = stack.pop()
        key = id(node)
        if key in sizes:
            continue
        children = _children(node)
        if not expanded:
            if key in on_path:
                raise InputError(source, "invalid YAML: an alias refers to itself")
            on_path.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
            continue
        on_path.discard(key)
        total = 1 + sum(sizes.get(id(child), 1) for child in children)
        if total > MAX_EXPANDED_NODES:
            raise InputError(
                source,
                f"YAML aliases expand to more than {MAX_EXPANDED_NODES:,} values "
                "(an alias bomb?); refused",
                line=node.start_mark.line + 1,
            )
        sizes[key] = total


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _collect_lines(
    node: yaml.Node,
    path: tuple[PathPart, ...],
    lines: dict[tuple[PathPart, ...], int],
    source: str,
    seen: set[int],
) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if id(node) in seen:  # an alias: its lines were recorded where it was defined
        return
    seen.add(id(node))
    if isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            _collect_lines(child, (*path, index), lines, source, seen)
    elif isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            if key in keys and key != "<<":
                raise InputError(
                    source,
                    f"duplicate key {key!r}",
                    line=key_node.start_mark.line + 1,
                )
            keys.add(key)
            _collect_lines(value_node, (*path, key), lines, source, seen)


def parse_json(text: str, source: str) -> Document:
    """Parse JSON text strictly (no NaN/Infinity, no duplicate keys), or raise InputError."""

    def refuse_constant(name: str) -> Any:
        raise InputError(source, f"invalid JSON: {name} is not a number JSON allows")

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise InputError(source, f"invalid JSON: duplicate key {key!r}")
            out[key] = value
        return out

    def whole_number(digits: str) -> int:
        if len(digits.lstrip("-")) > MAX_DIGITS:
            line = text.count("\n", 0, max(text.find(digits), 0)) + 1
            raise InputError(
                source,
                f"invalid JSON: a number with {len(digits):,} digits; "
                f"accord reads numbers of at most {MAX_DIGITS} digits",
                line=line,
            )
        return int(digits)

    try:
        data = json.loads(
            text,
            parse_constant=refuse_constant,
            object_pairs_hook=no_duplicates,
            parse_int=whole_number,
        )
    except json.JSONDecodeError as exc:
        raise InputError(source, f"invalid JSON: {exc.msg}", line=exc.lineno) from None
    except RecursionError:
        raise InputError(source, "invalid JSON: nested too deeply") from None
    return Document(data=data, lines={}, json_text=text)


def _json_lines(text: str, data: Any) -> dict[tuple[PathPart, ...], int]:
    """Line numbers for JSON values, from the YAML composer (JSON is YAML's flow syntax)."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except (yaml.YAMLError, RecursionError):
        return {}
    lines: dict[tuple[PathPart, ...], int] = {}
    try:
        if node is not None:
            _collect_lines(node, (), lines, "", set())
    except InputError:
        return {}
    return lines
