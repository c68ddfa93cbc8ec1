"""The layers import one way, and an import loads only what its layer needs.

The layers (docs/STYLE.md, rule 5), lowest first; a module may import its own layer and the
layers below it, never one above. Each layer also names the third-party stacks it may import.
Two checks read the source (every ``import`` statement, including those inside functions);
one runs each import in a fresh interpreter and looks at ``sys.modules``, which is what a user
pays for at start-up.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "accord"

#: (layer, its units - top-level modules or packages of accord -, stacks it may import)
LAYERS: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    (
        "core",
        ("errors", "rules", "scenario", "forecast", "randomness", "validation", "winset"),
        ("numpy",),
    ),
    ("models", ("models",), ("numpy",)),
    (
        "analyses",
        ("deals", "simulate", "uncertainty", "gaps", "backtest"),
        ("numpy", "scipy", "dask", "distributed"),
    ),
    (
        "edges",
        ("io", "evidence", "report", "history"),
        (
            "numpy",
            "scipy",
            "pydantic",
            "yaml",
            "rich",
            "matplotlib",
            "trafilatura",
            "lxml_html_clean",
            "psycopg",
            "platformdirs",
        ),
    ),
    ("front", ("cli", "web", "__main__"), ("*",)),
]
#: Third-party stacks the checks know of (anything else, e.g. the standard library, is free).
STACKS = {
    "numpy",
    "scipy",
    "dask",
    "distributed",
    "pydantic",
    "yaml",
    "rich",
    "typer",
    "click",
    "matplotlib",
    "trafilatura",
    "lxml_html_clean",
    "psycopg",
    "platformdirs",
    "starlette",
    "uvicorn",
    "httpx",
}
LAYER_OF = {unit: k for k, (_, units, _) in enumerate(LAYERS) for unit in units}

#: What a fresh ``python -c STATEMENT`` may not have in ``sys.modules`` afterwards.
EDGE_STACKS = ("pydantic", "yaml", "rich", "typer", "click")
HEAVY: list[tuple[str, tuple[str, ...]]] = [
    # `accord --version` and a lazy facade: not even numpy.
    ("import accord", ("numpy", "scipy", *EDGE_STACKS)),
    ("from accord.cli import main", ("numpy", "scipy", *EDGE_STACKS)),
    # every command registered (what `accord --help` costs): the work is imported when it runs
    ("from accord.cli import app", ("numpy", "scipy", "pydantic", "yaml")),
    ("import accord.deals.conventions", ("numpy", "scipy", *EDGE_STACKS)),
    ("import accord.models", ("scipy", "dask", *EDGE_STACKS)),
    ("import accord.deals", ("scipy", "dask", *EDGE_STACKS)),
    ("import accord.simulate", ("scipy", "dask", *EDGE_STACKS)),
    ("import accord.uncertainty", ("scipy", "dask", *EDGE_STACKS)),
    ("import accord.gaps", ("scipy", *EDGE_STACKS)),  # scipy's LP is loaded when a gap is solved
    ("import accord.backtest", ("scipy", "dask", *EDGE_STACKS)),
    ("import accord.io", ("scipy", "rich", "typer", "click")),
    ("import accord.evidence", ("scipy", "trafilatura", "rich", "typer", "click")),
    ("import accord.report", ("matplotlib", "typer", "click")),
]


def unit_of(path: Path) -> str:
    return path.relative_to(SRC).parts[0].removesuffix(".py")


def imports_of(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in it (relative imports are not used)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def files(entry: str) -> list[Path]:
    """The source files of a unit (``"deals"``, ``"scenario.py"``)."""
    path = SRC / entry
    return sorted(path.rglob("*.py")) if path.is_dir() else [path]


SOURCES = sorted(p for p in SRC.rglob("*.py") if unit_of(p) != "__init__")


def test_every_unit_has_a_layer():
    assert {unit_of(p) for p in SOURCES} <= set(LAYER_OF)


def wrong_imports(unit: str, names: set[str]) -> list[str]:
    """The names a module of ``unit`` may not import: a layer above, or a stack not its own."""
    layer = LAYER_OF[unit]
    _, _, allowed = LAYERS[layer]
    wrong = []
    for name in sorted(names):
        parts = name.split(".")
        if parts[0] == "accord" and len(parts) > 1 and parts[1] in LAYER_OF:
            if LAYER_OF[parts[1]] > layer:
                wrong.append(name)
        elif parts[0] in STACKS and "*" not in allowed and parts[0] not in allowed:
            wrong.append(name)
    return wrong


def private_imports(package: str, names: set[str]) -> list[str]:
    """The names that reach into another package's private module (``accord.io._text``)."""
    wrong = []
    for name in sorted(names):
        segments = name.split(".")
        if segments[0] != "accord":
            continue
        for k, segment in enumerate(segments):
            if segment.startswith("_") and not segment.startswith("__"):
                owner = ".".join(segments[:k])
                if not (package == owner or package.startswith(owner + ".")):
                    wrong.append(name)
                break
    return wrong


def package_of(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1])


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(SRC)))
def test_imports_point_down(path):
    """No module imports a layer above its own, or a stack its layer may not use."""
    assert wrong_imports(unit_of(path), imports_of(path)) == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_private_module_of_another_package(path):
    """``accord.io._text`` is io's own business: other packages use what ``accord.io`` exports."""
    assert private_imports(package_of(path), imports_of(path)) == []


def test_the_checks_can_fail(tmp_path):
    """An import inside a function is seen, and each check names what it should refuse."""
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from accord.io import load_scenario\n    import yaml\n")
    names = imports_of(probe)
    assert wrong_imports("models", names) == ["accord.io", "accord.io.load_scenario", "yaml"]
    assert wrong_imports("cli", names) == []
    assert wrong_imports("io", {"typer", "accord.cli._app"}) == ["accord.cli._app", "typer"]
    assert private_imports("accord.evidence", {"accord.io._text.read_text"}) == [
        "accord.io._text.read_text"
    ]
    assert private_imports("accord.io", {"accord.io._text", "accord.io.genius"}) == []
    assert package_of(SRC / "io" / "_text.py") == "accord.io"
    assert package_of(SRC / "io" / "__init__.py") == "accord.io"


@pytest.mark.parametrize(("statement", "forbidden"), HEAVY, ids=[s for s, _ in HEAVY])
def test_import_loads_only_its_layer(statement, forbidden):
    code = (
        f"import sys, json; {statement}; "
        f"print(json.dumps(sorted(m for m in {list(forbidden)!r} if m in sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(out.stdout) == [], f"{statement} loads {out.stdout.strip()}"


def test_the_facade_loads_on_use():
    """``accord.load_scenario`` still works: the facade imports the edge when asked."""
    code = (
        "import sys, accord; before = 'pydantic' in sys.modules; accord.load_scenario; "
        "print(before, 'pydantic' in sys.modules, accord.Scenario.__module__)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.split() == ["False", "True", "accord.scenario"]


def test_no_global_randomness():
    for path in SRC.rglob("*.py"):
        text = path.read_text()
        assert "import random" not in text and "np.random.seed" not in text, path


def test_public_api():
    import accord

    for name in accord.__all__:
        assert getattr(accord, name) is not None
    with pytest.raises(AttributeError):
        _ = accord.no_such_name
