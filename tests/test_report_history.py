"""accord report --db and accord plot history, on a real history store built here; and the
summary's decision rules (who must agree, deal or no deal, the probability of no deal)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import escape

import pytest

from accord.io import load_scenario
from accord.models import MODELS, ExpectedUtility
from accord.report.decision import agreement
from accord.report.figures import num
from accord.report.html import ReportData, render_report
from accord.winset import win_set

from cli_inprocess import accord
from conftest import EXAMPLES

CASE = EXAMPLES / "ukraine-ceasefire-2025-03.yaml"
DATED = [
    EXAMPLES / "ukraine-ceasefire-2025-02-18.yaml",
    EXAMPLES / "ukraine-ceasefire-2025-03-11.yaml",
    CASE,
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "history.sqlite"
    done = accord("snapshot", *map(str, DATED), "--db", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("recorded ") == 3
    return path


@pytest.fixture(scope="module")
def page(store, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    done = accord("report", str(CASE), "--db", str(store), "-o", str(out))
    assert done.returncode == 0, done.stderr
    return out.read_text()


def _section(page: str, ident: str) -> str:
    start = page.index(f'id="ukraine-ceasefire-2025-03-{ident}"')
    return page[start : page.index("</section>", page.index("<table", start))]


def test_db_adds_the_history_section_with_a_figure_per_issue_and_the_gaps(page):
    assert 'href="#ukraine-ceasefire-2025-03-history"' in page  # listed in the contents
    history = _section(page, "history")
    assert "3 snapshots of <code>ukraine-ceasefire-2025-03</code>" in history
    assert "from 2025-02-18 to 2025-03-16" in history
    # 35 figures without --db, then one per issue over time (all 11 appear) and the gaps
    assert page.count("<svg") == 35 + 11 + 1
    for svg in re.findall(r'<svg[^>]*aria-labelledby="ukraine[^"]*-history-[^"]*".*?</svg>', page):
        ET.fromstring(svg)  # well-formed


def test_the_history_figure_shows_the_forecasts_made_at_each_date(page):
    # Recompute the bdm forecasts of the dated files: the figure must show those numbers.
    values = [ExpectedUtility().predict(load_scenario(p)).value("ceasefire") for p in DATED]
    desc = re.search(
        r'id="ukraine-ceasefire-2025-03-history-ceasefire-desc">(.*?)</desc>', page, re.S
    )
    assert desc is not None
    text = desc.group(1)
    assert f"the bdm forecast from {num(values[0])} (2025-02-18) to {num(values[2])}" in text
    # an actor's stated position at the first and at the last date
    first = {s.actor: s.position for s in load_scenario(DATED[0]).stakes_on("ceasefire")}
    last = {s.actor: s.position for s in load_scenario(CASE).stakes_on("ceasefire")}
    assert f"Russia from {num(first['RUS'])} (2025-02-18) to {num(last['RUS'])}" in text


def test_an_issue_missing_from_early_snapshots_starts_later(page):
    # 'aid' had no statement by 18 February: its lines start at 11 March.
    text = re.search(r'id="ukraine-ceasefire-2025-03-history-aid-desc">(.*?)</desc>', page, re.S)
    assert text is not None and "(2025-02-18)" not in text.group(1)
    assert "(2025-03-11)" in text.group(1)


def test_the_new_evidence_of_each_snapshot_is_counted(page):
    history = page[page.index('id="ukraine-ceasefire-2025-03-history"') :]
    history = history[: history.index('id="ukraine-ceasefire-2025-03-evidence"')]
    ids = [[e.id for e in load_scenario(p).evidence] for p in DATED]
    new = [len(ids[0])] + [len(set(ids[k]) - set(ids[k - 1])) for k in (1, 2)]
    for label, count in zip(("2025-02-18", "2025-03-11", "2025-03-16"), new, strict=True):
        assert f'<tr><th scope="row">{label}</th><td>{count}</td>' in history


def test_report_db_errors_are_one_line_and_create_nothing(tmp_path, store):
    missing = tmp_path / "none.sqlite"
    done = accord("report", str(CASE), "--db", str(missing), "-o", str(tmp_path / "r.html"))
    assert done.returncode == 2 and "no such history store file" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []  # neither the store nor the report


def test_report_db_on_a_folder_or_a_non_store(tmp_path):
    done = accord("report", str(CASE), "--db", str(tmp_path), "-o", str(tmp_path / "r.html"))
    assert done.returncode == 2 and "is a folder, not a history store file" in done.stderr
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database\n")
    done = accord("report", str(CASE), "--db", str(text), "-o", str(tmp_path / "r.html"))
    assert done.returncode == 2 and "not an accord history store" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]


def test_a_scenario_without_snapshots_says_so(tmp_path, store):
    out = tmp_path / "r.html"
    other = EXAMPLES / "emissions-1994.csv"
    done = accord("report", str(other), "--db", str(store), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "No snapshot of" in out.read_text() and "in the history store" in out.read_text()


def test_accord_plot_history(tmp_path, store):
    out = tmp_path / "h.svg"
    done = accord(
        "plot", "history", str(CASE), "--issue", "territory", "--db", str(store), "-o", str(out)
    )
    assert done.returncode == 0, done.stderr
    root = ET.fromstring(out.read_text())
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == "Territory (occupied regions, Crimea) over time"
    assert "3 snapshots from 2025-02-18 to 2025-03-16" in root.find(f"{ns}desc").text


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["history", str(CASE), "--db", "none.sqlite", "-o", "h.svg"], "no such history store"),
        (["positions", str(CASE), "--db", "x.sqlite", "-o", "p.svg"], "--db applies only"),
        (["history", str(CASE), "--issue", "zz", "--db", "x.sqlite", "-o", "h.svg"], "no issue"),
    ],
)
def test_accord_plot_history_bad_input(tmp_path, monkeypatch, args, problem):
    monkeypatch.chdir(tmp_path)
    done = accord("plot", *args)
    assert done.returncode == 2
    assert problem in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- decision rules


def test_the_summary_says_who_must_agree_and_whether_each_forecast_is_a_deal(page):
    scenario = load_scenario(CASE)
    summary = page[page.index('id="ukraine-ceasefire-2025-03-summary"') :]
    summary = summary[: summary.index('id="ukraine-ceasefire-2025-03-positions"')]
    assert "Who must agree" in summary
    forecasts = [cls().predict(scenario) for cls in MODELS.values()]
    kinds = set()
    for issue in scenario.issues:
        if issue.decision is None or not issue.decision.binding:
            continue
        row = summary[summary.index(f'<th scope="row">{escape(issue.label)}</th><td>') :]
        row = row[: row.index("</tr>")]
        assert escape(issue.decision.describe()) in row
        win = win_set(scenario.profile(issue.id))
        expected = [agreement(win, f.value(issue.id)) for f in forecasts]
        assert re.findall(r'<span class="\w+">([a-z ]+)</span>', row)[-len(expected) :] == expected
        kinds.update(expected)
    assert {"deal", "no deal"} <= kinds  # the case study has both


def test_with_samples_the_summary_gives_the_probability_of_no_deal():
    from accord.models import Compromise
    from accord.uncertainty import monte_carlo

    scenario = load_scenario(CASE)
    models = {"mean": Compromise()}
    mc = monte_carlo([scenario], models, samples=400, seed=3)[0]
    page = render_report([ReportData(scenario, (models["mean"].predict(scenario),), mc)])
    chances = {item.issue: dict(item.no_deal)["mean"] for item in mc.issues if item.no_deal}
    assert chances and len(set(chances.values())) > 1  # differs between issues
    for issue_id, p in chances.items():
        label = escape(scenario.issue(issue_id).label)
        row = page[page.index(f'<th scope="row">{label}</th><td>') :]
        assert f"P(no deal) {p:.0%}" in row[: row.index("</tr>")]
    # 'aid' has no deal at the point values only because Ukraine and the coalition stand exactly
    # at its status quo (100); sampled below it, most samples open a win set: the note says so.
    aid = scenario.issue("aid")
    assert [st.actor for st in scenario.stakes_on("aid") if st.position == 100.0] == ["UKR", "UKC"]
    assert chances["aid"] < 0.5
    note = re.search(r'<p class="note">([^<]*no deal at the point values[^<]*)</p>', page)
    assert note is not None
    assert f"{escape(aid.label)} (Ukraine, UK-led coalition of the willing)" in note.group(1)
    assert escape(scenario.issue("sanctions").label) not in note.group(1)  # 92%: a real no deal


def test_revisions_of_one_date_span_the_axis_and_a_gap_breaks_the_line():
    from accord.report.figures.history import history_figure
    from accord.report.svg import Polygon, Text

    scenario = load_scenario(CASE)

    def snap(revision, positions, forecast):
        return {
            "as_of": "2025-03-16", "revision": revision, "positions": {"ceasefire": positions},
            "forecasts": {"ceasefire": {"mean": forecast}}, "new_evidence": [], "gaps": None,
        }  # fmt: skip

    history = {
        "scenario": scenario.id,
        "snapshots": [
            snap(1, {"RUS": 20.0, "UKR": 100.0}, 60.0),
            snap(2, {"UKR": 90.0}, 90.0),  # Russia's statement withdrawn in this revision
            snap(3, {"RUS": 30.0, "UKR": 90.0}, 60.0),
        ],
    }
    figure = history_figure(scenario, "ceasefire", history)
    labels = [s.text for s in figure.shapes if isinstance(s, Text)]
    assert {"2025-03-16#1", "2025-03-16#3"} <= set(labels)
    lines = [s for s in figure.shapes if isinstance(s, Polygon) and not s.closed]
    mean = [s for s in lines if s.dash == "6 3"]
    assert len(mean) == 1 and mean[0].points[-1][0] == pytest.approx(610.0)  # the right edge
    russia = [s for s in lines if s.tip and s.tip.startswith("Russia")]
    assert russia == []  # two single points, no line through the revision without it
    assert "Russia from 20 (2025-03-16#1) to 30 (2025-03-16#3)" in figure.description
    assert "mean forecast from 60 (2025-03-16#1) to 60 (2025-03-16#3), between 60 and 90" in (
        figure.description
    )
