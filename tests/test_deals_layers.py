"""``accord.deals`` sits in the core's layer: numpy (and scipy) and the core objects only."""

from __future__ import annotations

import subprocess
import sys

from test_layers import SRC, files, imports_of

ALLOWED = ("accord.deals", "accord.scenario", "accord.forecast", "accord.randomness", "accord.rules", "accord.winset", "accord.validation", "numpy",
           "scipy", "__future__", "collections", "dataclasses", "fractions", "importlib", "itertools", "sys", "types",
           "math", "typing")  # fmt: skip


def test_deals_imports_only_numpy_and_the_core():
    for path in files("deals"):
        for name in imports_of(path):
            assert name.startswith(ALLOWED), f"{path.name} imports {name}"


def test_genius_reader_uses_the_standard_library_parser_only():
    names = imports_of(SRC / "io" / "genius.py")
    assert "xml.etree.ElementTree" in names
    assert not any(
        n.startswith(("lxml", "defusedxml", "accord.deals", "accord.cli")) for n in names
    )


def test_the_json_path_does_not_import_rich():
    code = (
        "import sys; from accord.report.deals import write_deals_json; print('rich' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False"
