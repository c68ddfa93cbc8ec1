"""The README's commands are the ones CI runs, and its documented numbers are the real ones."""

from __future__ import annotations

from conftest import ROOT


def test_ci_runs_the_readme_test_command():
    lines = (ROOT / ".ci" / "run").read_text().strip().splitlines()
    commands = [line for line in lines if line and not line.startswith(("#", " ", "if", "fi"))]
    tests = [line for line in commands if "pytest" in line]
    assert len(tests) == 1
    assert tests[0] in (ROOT / "README.md").read_text()
    # after the tests: the linter, the formatter's check and the type checker, on src and tests
    after = commands[commands.index(tests[0]) + 1 :]
    assert after == [
        ".venv/bin/ruff check src tests && .venv/bin/ruff format --check src tests "
        "&& .venv/bin/mypy src"
    ]


def test_the_test_extra_installs_the_checkers():
    import tomllib

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    names = {spec.split(">")[0].split("[")[0].lower() for spec in extras["test"]}
    assert {"ruff", "mypy", "types-pyyaml"} <= names


def test_readme_first_command_runs_the_case_study():
    readme = (ROOT / "README.md").read_text()
    blocks = [b.split("```", 1)[0] for b in readme.split("```sh\n")[1:]]
    assert "accord forecast examples/ukraine-ceasefire-2025-03.yaml" in blocks[0]
    assert "pytest" in blocks[1]


def test_the_from_python_section_runs(monkeypatch, capsys):
    """Every Python block of "From Python", run in order in one namespace from the repository
    root, gives the values its comments state."""
    import re

    readme = (ROOT / "README.md").read_text()
    section = readme.split("## From Python\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 4
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)
    printed = capsys.readouterr().out.splitlines()
    assert printed[-1] == "[('Volodymyr Zelensky', 'UKR')]"
    assert len(namespace["forecasts"]) == len(namespace["MODELS"])  # type: ignore[arg-type]
    assert namespace["spread"].percentiles[0] <= namespace["spread"].mean  # type: ignore[attr-defined]
    assert namespace["summary"]["issues"]["ceasefire"]["distribution"]["mean"]["mean"] == (  # type: ignore[index]
        namespace["spread"].mean  # type: ignore[attr-defined]
    )
    assert dict(namespace["nash"])["prisoners"] == 100.0  # type: ignore[arg-type]
    assert namespace["deals"].to_dict()["conventions"]["weights"] == "equal"  # type: ignore[attr-defined]
