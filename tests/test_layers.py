"""The layers import one way: the core never imports the edges (io, report, cli) or their stacks."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "accord"

CORE = ["scenario.py", "forecast.py", "randomness.py", "errors.py", "models"]
FORBIDDEN_IN_CORE = (
    "accord.io",
    "accord.report",
    "accord.cli",
    "pydantic",
    "typer",
    "rich",
    "yaml",
    "accord.backtest",
)


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def files(entry: str) -> list[Path]:
    path = SRC / entry
    return sorted(path.rglob("*.py")) if path.is_dir() else [path]


@pytest.mark.parametrize("entry", CORE)
def test_core_does_not_import_the_edges(entry):
    for path in files(entry):
        for name in imports_of(path):
            assert not name.startswith(FORBIDDEN_IN_CORE), f"{path.name} imports {name}"


def test_io_does_not_import_cli_or_report():
    for path in files("io"):
        for name in imports_of(path):
            assert not name.startswith(("accord.cli", "accord.report", "typer", "rich")), name


def test_no_global_randomness():
    for path in SRC.rglob("*.py"):
        text = path.read_text()
        assert "import random" not in text and "np.random.seed" not in text, path


def test_public_api():
    import accord

    for name in accord.__all__:
        assert getattr(accord, name) is not None
