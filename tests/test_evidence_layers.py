"""accord.evidence sits beside io and report: it never imports the CLI, and the core never
imports it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

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


def _loads_trafilatura(tmp_path: Path, name: str, text: str) -> bool:
    """Whether reading the article ``name`` in a fresh interpreter puts trafilatura in
    ``sys.modules`` (the page is read through ``read_article``, as the CLI does)."""
    article = tmp_path / name
    article.write_text(text, encoding="utf-8")
    code = (
        "import sys\n"
        "from accord.evidence import extract, read_article\n"
        "assert 'trafilatura' not in sys.modules, 'loaded by the import'\n"
        f"extract(read_article({str(article)!r}))\n"
        "print('trafilatura' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    return result.stdout.strip() == "True"


def test_trafilatura_is_imported_only_when_html_is_read(tmp_path):
    text = 'Kyiv, 12 March 2025. "We are ready for a ceasefire," Zelensky said on Tuesday.\n'
    assert not _loads_trafilatura(tmp_path, "article.txt", text)
    pytest.importorskip("trafilatura")
    html = f"<html><head><title>Talks</title></head><body><article><p>{text}</p></article></body></html>"
    assert _loads_trafilatura(tmp_path, "article.html", html)


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
