"""accord report and accord plot: sections, figures, escaping, offline, bad input."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sys
import xml.etree.ElementTree as ET

import pytest

from accord.models import MODELS
from accord.report import figures
from accord.report.html import (
    SECTIONS,
    ReportData,
    Section,
    deals_for_report,
    render_report,
)
from accord.report.svg import MissingExtra, to_png, to_svg
from accord.scenario import Evidence, Issue

from cli_inprocess import accord
from conftest import EXAMPLES, make_scenario

CASE = EXAMPLES / "ukraine-ceasefire-2025-03.yaml"


@pytest.fixture(scope="module")
def case():
    from accord.io import load_scenario

    scenario = load_scenario(CASE)
    forecasts = tuple(cls().predict(scenario) for cls in MODELS.values())
    deals, note = deals_for_report(scenario)
    return ReportData(scenario, forecasts, deals=deals, deals_note=note)


@pytest.fixture(scope="module")
def page(case):
    return render_report([case])


def test_every_section_is_there_without_samples(page):
    for ident in ("summary", "positions", "rounds", "deals", "evidence"):
        assert f'id="ukraine-ceasefire-2025-03-{ident}"' in page
    assert "uncertainty" not in re.findall(r'id="ukraine-ceasefire-2025-03-(\w+)"', page)


def test_every_figure_has_a_title_and_a_text_alternative(page):
    svgs = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    # forecasts + 11 position maps + 11 bdm trajectories + 11 smp trajectories + the frontier
    assert len(svgs) == 1 + 11 + 11 + 11 + 1
    for svg in svgs:
        root = ET.fromstring(svg)  # well-formed XML
        assert root.get("role") == "img"
        ns = "{http://www.w3.org/2000/svg}"
        assert root.find(f"{ns}title").text
        assert len(root.find(f"{ns}desc").text) > 40


def test_the_page_asks_for_nothing_from_the_network(page):
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert "url(" not in page and " src=" not in page
    assert "default-src 'none'" in page
    # The only addresses are evidence links (which a reader may click).
    addresses = re.findall(r'href="(https?://[^"]+)"', page)
    assert addresses and all(a.startswith(("http://", "https://")) for a in addresses)


def test_the_summary_gives_forecasts_with_labels_and_red_lines(case, page):
    bdm = next(f for f in case.forecasts if f.model == "bdm")
    value = figures.num(bdm.value("ceasefire"))
    assert f"<b>{value}</b>" in page
    assert "Red lines" in page and "✓ met" in page and "✗ not met" in page


def test_the_evidence_table_lists_every_record(case, page):
    for record in case.scenario.evidence:
        assert f'id="ev-{record.id}"' in page


def test_user_text_is_escaped_and_only_web_links_are_links():
    hostile = "<script>alert(1)</script>"
    scenario = make_scenario([10, 90], [1, 1], [1, 1])
    scenario = dataclasses.replace(
        scenario,
        title=hostile,
        description=hostile,
        issues=(Issue("x", name=hostile, labels=((0.0, hostile), (100.0, "b"))),),
        evidence=(
            Evidence("e1", speaker=hostile, quote=hostile, url="javascript:alert(1)"),
            Evidence(
                "e2", summary="s", url="https://example.org/a?b=1&c=2", date=dt.date(2025, 1, 2)
            ),
        ),
    )
    forecasts = tuple(cls().predict(scenario) for cls in MODELS.values())
    page = render_report([ReportData(scenario, forecasts)])
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page
    assert 'href="https://example.org/a?b=1&amp;c=2"' in page


def test_sections_are_an_open_list(case):
    def extra(data):
        return Section("extra", "An extra part", f"<p>{len(data.scenario.issues)} issues</p>")

    page = render_report([case], sections=(*SECTIONS, extra))
    assert 'id="ukraine-ceasefire-2025-03-extra"' in page and "<p>11 issues</p>" in page


def test_samples_add_distributions_and_tornados():
    from accord.uncertainty import monte_carlo, sensitivity

    scenario = make_scenario([10, 60, 90], [1, 2, 1], [1, 0.5, 1])
    stakes = tuple(
        dataclasses.replace(s, position_range=(s.position - 10, s.position + 10))
        for s in scenario.stakes
    )
    scenario = dataclasses.replace(scenario, stakes=stakes)
    models = {name: cls() for name, cls in MODELS.items()}
    mc = monte_carlo([scenario], models, samples=300, seed=5)[0]
    swings = sensitivity(scenario, models, mc)
    forecasts = tuple(m.predict(scenario) for m in models.values())
    page = render_report([ReportData(scenario, forecasts, mc, swings)])
    assert "300 Monte Carlo samples" in page
    assert "Tornado chart for the bdm forecast" in page
    # The tornado says which way each input moves the forecast.
    assert "raises the forecast" in page
    # bdm's tornado first; every other model's one click further (one per model and issue)
    for model in models:
        if model != "bdm":
            assert page.count(f'<title id="test-tornado-{model}-') == len(scenario.issues)
    assert page.count('<details class="tornados">') == len(scenario.issues)


def test_figures_are_deterministic(case):
    one = to_svg(figures.positions_figure(case.scenario, "ceasefire", case.forecasts))
    two = to_svg(figures.positions_figure(case.scenario, "ceasefire", case.forecasts))
    assert one == two


def test_png_is_deterministic_and_a_png(case, tmp_path, monkeypatch):
    pytest.importorskip("matplotlib", reason="the plot extra is not installed")
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path))
    figure = figures.forecasts_figure(case.scenario, case.forecasts)
    one, two = to_png(figure, scale=1), to_png(figure, scale=1)
    assert one.startswith(b"\x89PNG\r\n\x1a\n") and one == two


def test_png_without_matplotlib_names_the_extra(case, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingExtra, match=r"accord\[plot\]"):
        to_png(figures.forecasts_figure(case.scenario, case.forecasts))


# ---------------------------------------------------------------- the commands


def test_accord_report_writes_one_file(tmp_path):
    out = tmp_path / "report.html"
    done = accord("report", str(CASE), "-o", str(out))
    assert done.returncode == 0, done.stderr
    text = out.read_text()
    assert text.startswith("<!DOCTYPE html>") and text.count("<svg") == 35
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["-o", "report.txt"], "must end in .html"),
        (["-o", "missing/report.html"], "no such folder"),
        (["-o", "r.html", "--samples", "0"], "--samples must be a positive integer"),
        (["-o", "r.html", "--model", "nope"], "unknown model"),
    ],
)
def test_accord_report_bad_options(tmp_path, monkeypatch, args, problem):
    monkeypatch.chdir(tmp_path)
    done = accord("report", str(CASE), *args)
    assert done.returncode == 2
    assert problem in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_accord_report_bad_scenario_writes_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: [\n")
    done = accord("report", str(bad), "-o", str(tmp_path / "r.html"))
    assert done.returncode == 2 and done.stderr.startswith("accord: ")
    assert "bad.yaml" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize("kind", ["positions", "forecasts", "trajectory", "tornado", "frontier"])
def test_accord_plot_svg(tmp_path, kind):
    out = tmp_path / f"{kind}.svg"
    done = accord("plot", kind, str(CASE), "-o", str(out))
    assert done.returncode == 0, done.stderr
    root = ET.fromstring(out.read_text())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_accord_plot_distribution_png(tmp_path):
    pytest.importorskip("matplotlib", reason="the plot extra is not installed")
    out = tmp_path / "d.png"
    done = accord(
        "plot", "distribution", str(CASE), "--issue", "sanctions", "-m", "mean",
        "--samples", "500", "--seed", "1", "-o", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"\x89PNG")


def test_accord_plot_png_without_the_extra(tmp_path):
    blocker = tmp_path / "block" / "matplotlib"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('blocked for the test')\n")
    import subprocess

    done = subprocess.run(
        [sys.executable, "-m", "accord", "plot", "forecasts", str(CASE), "-o",
         str(tmp_path / "f.png")],
        capture_output=True, text=True, timeout=120,
        env={"PATH": "", "PYTHONPATH": str(tmp_path / "block")},
    )  # fmt: skip
    assert done.returncode == 2
    assert "pip install 'accord[plot]'" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "f.png").exists()


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["nope", str(CASE), "-o", "f.svg"], "unknown plot kind"),
        (["positions", str(CASE), "-o", "f.pdf"], "must end in .svg or .png"),
        (["positions", str(CASE), "--issue", "zz", "-o", "f.svg"], "no issue 'zz'"),
        (["frontier", str(CASE), "--issue", "nato", "-o", "f.svg"], "does not apply"),
        (["trajectory", str(CASE), "-m", "mean", "-o", "f.svg"], "add --model bdm"),
    ],
)
def test_accord_plot_bad_input(tmp_path, monkeypatch, args, problem):
    monkeypatch.chdir(tmp_path)
    done = accord("plot", *args)
    assert done.returncode == 2
    assert problem in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []
