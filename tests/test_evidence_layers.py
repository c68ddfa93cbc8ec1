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
