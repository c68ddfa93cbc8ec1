"""The case study over time: dated versions built only from material up to their own dates."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import replace

import pytest

from accord.history.snapshots import late_evidence
from accord.io import load_scenario

from conftest import EXAMPLES, ROOT

CURRENT = load_scenario(EXAMPLES / "ukraine-ceasefire-2025-03.yaml")
VERSIONS = {
    dt.date(2025, 2, 18): EXAMPLES / "ukraine-ceasefire-2025-02-18.yaml",
    dt.date(2025, 3, 11): EXAMPLES / "ukraine-ceasefire-2025-03-11.yaml",
}


def test_every_evidence_record_of_the_case_study_is_dated():
    assert len(CURRENT.evidence) == 74
    assert all(e.date is not None for e in CURRENT.evidence)
    assert late_evidence(CURRENT) == ()


@pytest.mark.parametrize("as_of", list(VERSIONS))
def test_a_dated_version_uses_only_material_up_to_its_date(as_of):
    version = load_scenario(VERSIONS[as_of])
    assert version.as_of == as_of
    assert version.id == CURRENT.id  # so that `accord history` shows them together
    assert late_evidence(version) == ()
    originals = {e.id: e for e in CURRENT.evidence}
    for record in version.evidence:
        assert record == originals[record.id]  # the same record, not a rewritten one
        assert record.date is not None and record.date <= as_of
    # every record of the 16 March file dated up to as_of and cited by a kept position is there
    cited = {ref for s in version.stakes for ref in s.evidence}
    assert cited == {e.id for e in version.evidence}
    for stake in version.stakes:
        assert stake.evidence, f"{stake.actor} on {stake.issue}"


@pytest.mark.parametrize("as_of", list(VERSIONS))
def test_a_dated_version_has_the_same_actors_and_scales(as_of):
    version = load_scenario(VERSIONS[as_of])
    assert version.actors == CURRENT.actors
    current = {i.id: i for i in CURRENT.issues}
    # The scales must match; the decision rules were added to the 16 March file later (issue 9)
    # and the dated versions do not carry them yet.
    for issue in version.issues:
        assert replace(issue, decision=None) == replace(current[issue.id], decision=None)


def test_the_issues_left_out_of_riyadh_had_no_statement_by_then():
    feb = load_scenario(VERSIONS[dt.date(2025, 2, 18)])
    missing = {i.id for i in CURRENT.issues} - {i.id for i in feb.issues}
    assert missing == {"aid", "mobilisation", "prisoners", "elections"}
    dates = {e.id: e.date for e in CURRENT.evidence}
    for stake in CURRENT.stakes:
        if stake.issue in missing:
            assert all(dates[ref] > dt.date(2025, 2, 18) for ref in stake.evidence)
    assert {i.id for i in load_scenario(VERSIONS[dt.date(2025, 3, 11)]).issues} == {
        i.id for i in CURRENT.issues
    }


def test_positions_that_moved_rest_on_the_new_evidence():
    jeddah = load_scenario(VERSIONS[dt.date(2025, 3, 11)])
    before = jeddah.stake("RUS", "ceasefire")
    after = CURRENT.stake("RUS", "ceasefire")
    assert before is not None and after is not None
    assert (before.position, after.position) == (0, 25)
    assert "putin-nuances-2025-03-13" in after.evidence
    assert "putin-nuances-2025-03-13" not in before.evidence


def test_late_evidence_is_found():
    late = dataclasses.replace(CURRENT, as_of=dt.date(2025, 3, 12))
    assert {e.id for e in late_evidence(late)} >= {"putin-nuances-2025-03-13"}
    assert all(e.date > dt.date(2025, 3, 12) for e in late_evidence(late))


def test_ci_installs_postgresql_before_the_readme_test_command():
    lines = (ROOT / ".ci" / "run").read_text().splitlines()
    install = next(n for n, line in enumerate(lines) if "apt-get install" in line)
    assert "postgresql" in lines[install]
    tests = next(n for n, line in enumerate(lines) if "-m pytest" in line)
    assert install < tests
