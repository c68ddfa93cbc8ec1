"""accord report --simulate: the simulated talks and truce, the same numbers as accord simulate
and accord truce with the same seed."""

from __future__ import annotations

import json
import re

import pytest

from accord.report.html import ReportData, render_report

from cli_inprocess import accord
from conftest import EXAMPLES

CASE = EXAMPLES / "ukraine-ceasefire-2025-03.yaml"


@pytest.fixture(scope="module")
def section(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    done = accord("report", str(CASE), "--simulate", "--seed", "3", "-m", "mean", "-o", str(out))
    assert done.returncode == 0, done.stderr
    page = out.read_text()
    start = page.index('id="ukraine-ceasefire-2025-03-simulation"')
    return page[start : page.index('id="ukraine-ceasefire-2025-03-evidence"')]


@pytest.mark.slow
def test_the_talks_are_those_of_accord_simulate_with_the_seed(section):
    done = accord("simulate", str(CASE), "--seed", "3", "--json")
    assert done.returncode == 0, done.stderr
    talks = json.loads(done.stdout)
    rate = f"{talks['agreement_rate']:.1%} ± {talks['agreement_rate_se']:.1%}"
    assert f"<td>{rate}</td>" in section
    assert f"<td>{talks['rounds']['mean']:.1f}</td>" in section
    top = talks["agreements"][0]
    assert f"agreement 1 ({top['count']:,} runs)" in section
    desc = re.search(r"-simulate-rounds-desc\">(.*?)</desc>", section, re.S)
    agreed = sum(talks["rounds"]["histogram"].values())
    assert desc is not None and f"{agreed:,} of 1,000 simulated negotiations" in desc.group(1)


@pytest.mark.slow
def test_the_truce_is_that_of_accord_truce_with_the_seed(section):
    done = accord("truce", str(CASE), "--seed", "3", "--json")
    assert done.returncode == 0, done.stderr
    truce = json.loads(done.stdout)
    assert f"<td>{truce['p_holds']:.1%} ± {truce['p_holds_se']:.1%}</td>" in section
    assert f"<td>{truce['false_alarms_mean']:.2f}</td>" in section
    desc = re.search(r"-truce-desc\">(.*?)</desc>", section, re.S)
    assert desc is not None and f"{truce['p_holds']:.1%} hold all 30 days" in desc.group(1)


def test_without_the_flag_there_is_no_simulation_section(tmp_path):
    from accord.io import load_scenario
    from accord.models import Compromise

    scenario = load_scenario(CASE)
    page = render_report([ReportData(scenario, (Compromise().predict(scenario),))])
    assert "-simulation" not in page


def test_a_note_says_why_a_simulation_is_missing():
    from accord.io import load_scenario
    from accord.models import Compromise

    scenario = load_scenario(CASE)
    data = ReportData(
        scenario, (Compromise().predict(scenario),), simulation_notes=("No simulated truce: x.",)
    )
    page = render_report([data])
    assert 'id="ukraine-ceasefire-2025-03-simulation"' in page
    assert "No simulated truce: x." in page
