"""The README's commands are the ones CI runs, and its documented numbers are the real ones."""

from __future__ import annotations

from conftest import ROOT


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text().strip().splitlines()[-1]
    assert ci in (ROOT / "README.md").read_text()
    assert "pytest" in ci


def test_readme_first_command_runs_the_case_study():
    readme = (ROOT / "README.md").read_text()
    blocks = [b.split("```", 1)[0] for b in readme.split("```sh\n")[1:]]
    assert "accord forecast examples/ukraine-ceasefire-2025-03.yaml" in blocks[0]
    assert "pytest" in blocks[1]
