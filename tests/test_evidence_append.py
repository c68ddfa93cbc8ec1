"""Appending evidence records to scenario files: text-level, atomic, with a backup."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest

from accord.evidence import append_evidence
from accord.io import InputError, load_scenario
from accord.scenario import Evidence

from conftest import EXAMPLES, TEST_DATA

MINIMAL = TEST_DATA / "minimal.yaml"
RECORDS = [
    Evidence(
        id="putin-2025-03-13",
        speaker="Vladimir Putin",
        date=dt.date(2025, 3, 16),
        source='A "quoted" title',
        quote="We will see: nothing is agreed \u2028 yet",
    ),
    Evidence(id="sibiga-kursk", speaker="Andrey Sibiga", summary="Kyiv's forces would continue."),
]


@pytest.fixture
def minimal(tmp_path):
    path = tmp_path / "minimal.yaml"
    path.write_text(MINIMAL.read_text())
    return path


def test_yaml_append_keeps_everything_else(minimal):
    before = minimal.read_text()
    result = append_evidence(minimal, RECORDS, origin="article.txt")
    after = minimal.read_text()
    assert result.added == ("putin-2025-03-13-2", "sibiga-kursk")  # the first id was taken
    assert result.backup == f"{minimal}.bak"
    assert (minimal.parent / "minimal.yaml.bak").read_text() == before
    # Every old line is still there, in order, and the new lines sit inside the evidence block.
    old_lines = before.splitlines()
    new_lines = after.splitlines()
    added = [line for line in new_lines if line not in old_lines]
    assert [line for line in new_lines if line not in added] == old_lines
    assert after.index("# added by accord evidence from article.txt") < after.index("outcome:")
    assert "# A small but complete scenario" in after
    scenario = load_scenario(minimal)
    assert [e.id for e in scenario.evidence] == [
        "putin-2025-03-13",
        "putin-2025-03-13-2",
        "sibiga-kursk",
    ]
    new = scenario.evidence[1]
    assert new.quote == "We will see: nothing is agreed \u2028 yet"
    assert new.source == 'A "quoted" title' and new.date == dt.date(2025, 3, 16)
    assert scenario.evidence[2].summary == "Kyiv's forces would continue."


def test_appending_twice_adds_nothing_new(minimal):
    append_evidence(minimal, RECORDS)
    text = minimal.read_text()
    result = append_evidence(minimal, RECORDS)
    assert result.added == () and result.skipped == 2 and result.backup is None
    assert minimal.read_text() == text


def test_case_study_comments_and_order_kept(tmp_path):
    path = tmp_path / "case.yaml"
    original = (EXAMPLES / "ukraine-ceasefire-2025-03.yaml").read_text()
    path.write_text(original)
    append_evidence(path, RECORDS[1:])
    text = path.read_text()
    assert text.startswith(original.rstrip("\n"))
    assert text.endswith('    summary: "Kyiv\'s forces would continue."\n')
    assert load_scenario(path).evidence[-1].id == "sibiga-kursk"


def test_new_evidence_block_when_there_is_none(tmp_path):
    path = tmp_path / "s.yaml"
    text = MINIMAL.read_text().replace("    evidence: [putin-2025-03-13]\n", "")
    path.write_text(text[: text.index("\nevidence:\n")] + "\n" + text[text.index("outcome:") :])
    append_evidence(path, RECORDS[1:])
    assert path.read_text().endswith(
        '\nevidence:\n  - id: sibiga-kursk\n    speaker: "Andrey Sibiga"\n'
        '    summary: "Kyiv\'s forces would continue."\n'
    )
    assert [e.id for e in load_scenario(path).evidence] == ["sibiga-kursk"]


def test_empty_flow_list_becomes_a_block(tmp_path):
    path = tmp_path / "s.yaml"
    text = MINIMAL.read_text().replace("    evidence: [putin-2025-03-13]\n", "")
    start = text.index("evidence:\n")
    end = text.index("outcome:")
    path.write_text(text[:start] + "evidence: []   # none yet\n" + text[end:])
    append_evidence(path, RECORDS[1:])
    assert "evidence:  # none yet\n  - id: sibiga-kursk\n" in path.read_text()
    assert load_scenario(path).evidence[0].id == "sibiga-kursk"


def test_flow_list_with_records_is_refused_untouched(tmp_path):
    path = tmp_path / "s.yaml"
    text = MINIMAL.read_text()
    start = text.index("evidence:\n")
    end = text.index("outcome:")
    flow = 'evidence: [{id: putin-2025-03-13, speaker: RUS, quote: "In favour."}]\n'
    path.write_text(text[:start] + flow + text[end:])
    before = path.read_text()
    with pytest.raises(InputError, match="flow style"):
        append_evidence(path, RECORDS[1:])
    assert path.read_text() == before and not (tmp_path / "s.yaml.bak").exists()


def test_json_append_keeps_key_order_and_indent(tmp_path):
    path = tmp_path / "s.json"
    data = {
        "id": "minimal",
        "title": "T",
        "actors": [{"id": "A", "capability": 1}],
        "issues": [{"id": "x"}],
        "positions": [{"actor": "A", "issue": "x", "position": 5, "salience": 1}],
    }
    path.write_text(json.dumps(data, indent=4) + "\n")
    append_evidence(path, RECORDS)
    text = path.read_text()
    loaded = json.loads(text)
    assert list(loaded) == ["id", "title", "actors", "issues", "positions", "evidence"]
    assert loaded["evidence"][0]["date"] == "2025-03-16"
    assert text.startswith('{\n    "id": "minimal"') and text.endswith("}\n")
    assert [e.id for e in load_scenario(path).evidence] == ["putin-2025-03-13", "sibiga-kursk"]


def test_csv_scenarios_cannot_hold_evidence(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text((EXAMPLES / "emissions-1994.csv").read_text())
    with pytest.raises(InputError, match="CSV scenario cannot hold evidence"):
        append_evidence(path, RECORDS)


def test_invalid_scenario_is_refused_untouched(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(MINIMAL.read_text().replace("salience: 0.9", "salience: 9"))
    before = path.read_text()
    with pytest.raises(InputError, match="salience"):
        append_evidence(path, RECORDS)
    # Nothing but the lock's sidecar (left in place by design) joins the file.
    assert path.read_text() == before
    assert sorted(tmp_path.iterdir()) == [path, tmp_path / f"{path.name}.lock"]


def test_a_result_that_would_not_load_is_never_written(minimal):
    before = minimal.read_text()
    broken = [Evidence(id="x", speaker="S", quote=None, summary=None)]  # needs a quote or summary
    with pytest.raises(InputError, match=r"would make the scenario invalid.*unchanged"):
        append_evidence(minimal, broken)
    assert minimal.read_text() == before
    names = sorted(p.name for p in minimal.parent.iterdir())
    assert names == ["minimal.yaml", "minimal.yaml.lock"]


def test_a_failed_write_leaves_the_old_file(minimal, monkeypatch):
    before = minimal.read_text()
    calls = []
    real_replace = os.replace

    def failing_replace(src, dst):
        calls.append(dst)
        if str(dst) == str(minimal):
            raise OSError("disk full")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        append_evidence(minimal, RECORDS)
    assert minimal.read_text() == before
    leftovers = [p.name for p in minimal.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
