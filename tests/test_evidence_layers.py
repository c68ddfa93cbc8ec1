"""accord.evidence sits beside io and report: it never imports the CLI, and the core never
imports it."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "accord"


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_evidence_does_not_import_the_cli_or_web():
    for path in (SRC / "evidence").rglob("*.py"):
        for name in imports_of(path):
            assert not name.startswith(("accord.cli", "accord.web", "typer", "rich")), (path, name)


def test_the_core_does_not_import_evidence():
    core = [
        SRC / "scenario.py",
        SRC / "forecast.py",
        SRC / "randomness.py",
        *(SRC / "models").rglob("*.py"),
    ]
    for path in core:
        for name in imports_of(path):
            assert not name.startswith(("accord.evidence", "trafilatura")), (path, name)


def test_trafilatura_is_imported_only_when_html_is_read():
    for path in (SRC / "evidence").rglob("*.py"):
        assert "trafilatura" not in imports_of(path), path


def _word_sets(path: Path) -> list[str]:
    """Module-level names bound to a word set: a ``words(...)`` call or a set, frozenset or
    tuple literal of lower-case words."""
    found = []
    for node in ast.parse(path.read_text()).body:
        if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
            continue
        value = node.value
        call = any(
            isinstance(n, ast.Call) and getattr(n.func, "id", "") == "words"
            for n in ast.walk(value)
        )
        literal = isinstance(value, ast.Set | ast.Tuple) and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) and e.value.isalpha()
            for e in value.elts
        )
        if call or (literal and len(value.elts) > 1):
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            found.append(ast.unparse(target))
    return found


def test_every_word_set_of_the_rules_is_named_in_the_lexicon():
    for path in (SRC / "evidence").glob("*.py"):
        if path.name not in ("_lexicon.py", "_append.py"):  # _append: field names, no words
            assert _word_sets(path) == [], path
    assert len(_word_sets(SRC / "evidence" / "_lexicon.py")) > 60
