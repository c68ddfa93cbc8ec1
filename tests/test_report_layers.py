"""The report and the web app keep to their layers: report <- cli, web; heavy stacks lazily."""

from __future__ import annotations

from test_layers import SRC, files, imports_of


def test_the_report_never_imports_the_cli_the_web_app_or_their_stacks():
    for path in files("report"):
        for name in imports_of(path):
            assert not name.startswith(("accord.cli", "accord.web", "starlette", "uvicorn")), (
                path.name,
                name,
            )


def test_matplotlib_only_in_the_png_painter():
    users = {
        path.name
        for path in SRC.rglob("*.py")
        if any(name.startswith("matplotlib") for name in imports_of(path))
    }
    assert users == {"svg.py"}
    assert "import matplotlib" not in (SRC / "report" / "svg.py").read_text().split("def to_png")[0]


def test_the_web_app_does_not_import_the_cli():
    for path in files("web"):
        for name in imports_of(path):
            assert not name.startswith(("accord.cli", "typer")), (path.name, name)


def test_the_cli_imports_the_web_stack_only_inside_serve():
    text = (SRC / "cli" / "serve.py").read_text()
    head = text.split("def serve(")[0]
    assert "uvicorn" not in head and "accord.web" not in head


def test_the_report_reads_history_and_simulations_as_json_contracts():
    # The CLI computes them; the report only lays out their dictionaries.
    for path in files("report"):
        for name in imports_of(path):
            assert not name.startswith(("accord.history", "accord.simulate")), (path.name, name)
