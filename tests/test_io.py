"""Reading, validating and writing scenario files, and every bad-input case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.io import InputError, dump_scenario, load_scenario, save_scenario
from accord.scenario import Scenario

from conftest import EXAMPLES, TEST_DATA

MINIMAL = TEST_DATA / "minimal.yaml"


def test_yaml_loads_into_domain_objects():
    s = load_scenario(MINIMAL)
    assert isinstance(s, Scenario)
    assert [a.id for a in s.actors] == ["RUS", "UKR", "US"]
    assert s.actor("US").role == "mediator" and s.actor("RUS").role == "party"
    assert s.actor("RUS").aliases == ("Putin", "Kremlin")
    assert s.issue("ceasefire").labels[1] == (50.0, "Partial: energy and sea")
    assert s.issue("aid").low == -10
    stake = s.stake("RUS", "ceasefire")
    assert stake is not None and stake.reservation == 20 and stake.evidence == ("putin-2025-03-13",)
    assert s.evidence[0].date.isoformat() == "2025-03-13"
    assert s.outcome is not None and s.outcome.value("ceasefire") == 40
    assert s.issue("ceasefire").nearest_label(41) == (50.0, "Partial: energy and sea")


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_round_trip_without_loss(tmp_path, fmt):
    original = load_scenario(MINIMAL)
    out = tmp_path / f"copy.{fmt}"
    save_scenario(original, out)
    assert load_scenario(out) == original
    again = tmp_path / f"again.{fmt}"
    save_scenario(load_scenario(out), again)
    assert again.read_text() == out.read_text()


def test_replication_csv_round_trip(tmp_path):
    original = load_scenario(EXAMPLES / "emissions-1994.csv")
    assert original.issues[0].low == 4 and original.issues[0].high == 10
    assert original.stake("Denmark", "issue").salience == 1.0
    for fmt in ("yaml", "json", "csv"):
        path = tmp_path / f"x.{fmt}"
        save_scenario(original, path)
        back = load_scenario(path)
        assert back.stakes == original.stakes and back.actors == original.actors
    assert (tmp_path / "x.csv").read_text().splitlines()[0] == "Actor,Capability,Position,Salience"


def test_replication_csv_percent_salience(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("Actor,Capability,Position,Salience\nA,1,0,80\nB,2,100,40\n")
    s = load_scenario(path)
    assert [st.salience for st in s.stakes] == [0.8, 0.4]


def test_ktab_csv(tmp_path):
    s = load_scenario(TEST_DATA / "ktab-3dim.csv")
    assert s.title == "Three dims" and s.id == "three-dims"
    assert [i.id for i in s.issues] == ["pstn1", "pstn2"]
    assert s.actor("A1").name == "First actor" and s.actor("A1").capability == 100.5
    assert s.stake("A1", "pstn2").salience == 0.8
    out = tmp_path / "k.csv"
    save_scenario(s, out)
    assert load_scenario(out) == s
    yaml_copy = tmp_path / "k.yaml"
    save_scenario(s, yaml_copy)
    save_scenario(load_scenario(yaml_copy), tmp_path / "k2.csv")
    assert load_scenario(tmp_path / "k2.csv") == s


def test_csv_refuses_to_lose_data(tmp_path):
    with pytest.raises(InputError, match="without loss"):
        dump_scenario(load_scenario(MINIMAL), "csv")
    with pytest.raises(InputError, match="without loss"):
        dump_scenario(load_scenario(MINIMAL), "ktab")


def test_atomic_write_leaves_old_file_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "out.yaml"
    target.write_text("old")
    import accord.io._files as files

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(files, "dump_scenario", broken)
    with pytest.raises(RuntimeError):
        save_scenario(load_scenario(MINIMAL), target)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]


BASE = MINIMAL.read_text()


def edit(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new, 1)


# (file name, content, expected fragment of the message, expected line or None)
BAD_CASES = [
    ("empty.yaml", "", "file is empty", None),
    ("blank.yaml", "   \n\n", "file is empty", None),
    ("list.yaml", "- a\n- b\n", "expected a mapping", None),
    ("scalar.yaml", "just some words\n", "expected a mapping", None),
    ("syntax.yaml", "id: [unclosed\n", "invalid YAML", 2),
    ("syntax.json", '{"id": "x",\n "title": }', "invalid JSON", 2),
    ("nan.json", '{"id": NaN}', "NaN", None),
    (
        "unknown.yaml",
        edit("    salience: 0.9\n", "    salience: 0.9\n    salince: 1\n"),
        "positions[0].salince: unknown field 'salince'; did you mean 'salience'?",
        32,
    ),
    ("missing.yaml", edit("    position: 35\n", ""), "positions[0].position: required field", 28),
    (
        "type.yaml",
        edit("capability: 80", "capability: lots"),
        "actors[0].capability: expected a number",
        10,
    ),
    ("string-number.yaml", edit("salience: 0.9", 'salience: "0.9"'), "expected a number", 31),
    ("nan.yaml", edit("salience: 0.9", "salience: .nan"), "finite", 31),
    ("inf.yaml", edit("position: 35", "position: .inf"), "finite", 30),
    (
        "outside.yaml",
        edit("position: 35", "position: 135"),
        "positions[0].position: 135 lies outside the scale [0, 100]",
        30,
    ),
    (
        "salience.yaml",
        edit("salience: 0.9", "salience: 1.5"),
        "positions[0].salience: must be less than or equal to 1",
        31,
    ),
    (
        "capability.yaml",
        edit("capability: 80", "capability: 0"),
        "actors[0].capability: must be greater than 0",
        10,
    ),
    ("negative.yaml", edit("capability: 80", "capability: -3"), "greater than 0", 10),
    (
        "dup-actor.yaml",
        edit("  - id: UKR\n", "  - id: RUS\n"),
        "actors[1].id: duplicate actor id 'RUS'",
        11,
    ),
    ("dup-issue.yaml", edit("  - id: aid\n", "  - id: ceasefire\n"), "duplicate issue id", 24),
    (
        "dup-evidence.yaml",
        BASE.replace("outcome:", "  - id: putin-2025-03-13\n    quote: again\noutcome:"),
        "duplicate evidence id",
        None,
    ),
    (
        "dup-position.yaml",
        edit("  - actor: UKR\n    issue: aid", "  - actor: RUS\n    issue: aid").replace(
            "  - actor: RUS\n    issue: aid", "  - actor: RUS\n    issue: ceasefire", 1
        ),
        "a second position",
        None,
    ),
    (
        "unknown-actor.yaml",
        edit("  - actor: US\n", "  - actor: USA\n"),
        "positions[2].actor: unknown actor 'USA'; did you mean 'US'?",
        39,
    ),
    (
        "unknown-issue.yaml",
        edit("    issue: aid\n", "    issue: aids\n"),
        "unknown issue 'aids'",
        44,
    ),
    (
        "unknown-evidence.yaml",
        edit("[putin-2025-03-13]", "[putin-2025-03-14]"),
        "positions[0].evidence[0]: unknown evidence record",
        33,
    ),
    (
        "low-high.yaml",
        edit("    low: -10\n    high: 10\n", "    low: 10\n    high: 10\n"),
        "issues[1].high: low (10) must be below high (10)",
        26,
    ),
    (
        "zero-salience.yaml",
        edit("salience: 0.5", "salience: 0").replace("salience: 1\n", "salience: 0\n"),
        "every salience on issue 'aid' is 0",
        24,
    ),
    (
        "status-quo.yaml",
        edit("status_quo: 0", "status_quo: 101"),
        "status_quo: 101 lies outside",
        22,
    ),
    ("label.yaml", edit('100: "Full', '200: "Full'), "label at 200 lies outside", 23),
    ("label-key.yaml", edit('50: "Partial', 'half: "Partial'), "label keys must be numbers", 23),
    (
        "reservation.yaml",
        edit("reservation: 20", "reservation: -5"),
        "reservation: -5 lies outside",
        32,
    ),
    (
        "role.yaml",
        edit("role: mediator", "role: referee"),
        "actors[2].role: must be 'party', 'mediator' or 'stakeholder'",
        16,
    ),
    ("slug.yaml", edit("id: minimal", "id: Not A Slug"), "id: must be a slug", 2),
    (
        "no-actors.yaml",
        "id: x\ntitle: t\nactors: []\nissues: [{id: a}]\npositions: []\n",
        "must list at least one entry",
        3,
    ),
    ("date.yaml", edit("as_of: 2025-03-16", "as_of: someday"), "as_of: expected a date", 4),
    (
        "outcome.yaml",
        edit("values: {ceasefire: 40}", "values: {cease: 40}"),
        "outcome.values.cease: unknown issue",
        60,
    ),
    (
        "tag.yaml",
        "id: !!python/object/apply:os.system ['touch /tmp/accord-pwned']\n",
        "unsupported YAML tag",
        1,
    ),
    ("dup-key.yaml", "id: a\nid: b\n", "duplicate key 'id'", 2),
    (
        "no-evidence-text.yaml",
        BASE.replace('    quote: "We are in favour, but there are nuances."\n', ""),
        "evidence[0]: needs a quote or a summary",
        None,
    ),
    (
        "range.yaml",
        edit("    reservation: 20\n", "    reservation: 20\n    position_range: [40, 50]\n"),
        "does not contain the value 35",
        None,
    ),
    (
        "range-order.yaml",
        edit("    reservation: 20\n", "    reservation: 20\n    salience_range: [1.0, 0.5]\n"),
        "range low 1 is above its high 0.5",
        None,
    ),
    (
        "range-domain.yaml",
        edit("    reservation: 20\n", "    reservation: 20\n    position_range: [-5, 50]\n"),
        "lies outside the scale",
        None,
    ),
    (
        "cap-range.yaml",
        edit("capability: 80", "capability: 80\n    capability_range: [90, 100]"),
        "does not contain the value 80",
        None,
    ),
    ("bad.csv", "a,b,c\n1,2,3\n", "unrecognised CSV", 1),
    (
        "csv-number.csv",
        "Actor,Capability,Position,Salience\nA,x,0,1\nB,1,1,1\n",
        "Capability: expected a number",
        2,
    ),
    (
        "csv-cap.csv",
        "Actor,Capability,Position,Salience\nA,0,0,1\nB,1,1,1\n",
        "Capability: must be > 0",
        2,
    ),
    (
        "csv-same.csv",
        "Actor,Capability,Position,Salience\nA,1,5,1\nB,1,5,1\n",
        "same position",
        None,
    ),
    ("csv-dup.csv", "Actor,Capability,Position,Salience\nA,1,0,1\nA,1,1,1\n", "duplicate actor", 3),
    ("ktab-count.csv", "S,d,3,1\nActor,Desc,Cap,P,S\nA,,1,5,50\n", "announces 3 actors", None),
    ("ktab-range.csv", "S,d,1,1\nActor,Desc,Cap,P,S\nA,,1,150,50\n", "must lie in [0, 100]", 3),
]


@pytest.mark.parametrize(
    ("name", "content", "message", "line"), BAD_CASES, ids=[c[0] for c in BAD_CASES]
)
def test_bad_input_is_one_clear_error(tmp_path, name, content, message, line):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    text = str(caught.value)
    assert "\n" not in text
    assert text.startswith(str(path))
    assert message in text
    if line is not None:
        assert caught.value.line == line, text


def test_missing_file():
    with pytest.raises(InputError, match="no such file"):
        load_scenario("does/not/exist.yaml")


def test_directory(tmp_path):
    with pytest.raises(InputError, match="directory"):
        load_scenario(tmp_path)


def test_binary_file(tmp_path):
    path = tmp_path / "image.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="not a text file"):
        load_scenario(path)


def test_not_utf8(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes("title: caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError, match="UTF-8"):
        load_scenario(path)


def test_file_over_10_mb(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("w") as handle:
        handle.write("# " + "x" * (10 * 1024 * 1024) + "\n")
    with pytest.raises(InputError, match="limit is 10 MB"):
        load_scenario(path)


def test_alias_bomb_is_rejected_quickly(tmp_path):
    import time

    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    start = time.perf_counter()
    with pytest.raises(InputError, match="alias bomb"):
        load_scenario(path)
    assert time.perf_counter() - start < 1.0


def test_python_tags_are_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "tag.yaml"
    path.write_text(f"id: !!python/object/apply:os.system ['touch {marker}']\n")
    with pytest.raises(InputError):
        load_scenario(path)
    assert not marker.exists()


def test_norway_is_not_false(tmp_path):
    text = BASE.replace("  - id: UKR\n", "  - id: NO\n").replace("actor: UKR", "actor: NO")
    path = tmp_path / "no.yaml"
    path.write_text(text)
    assert load_scenario(path).actor("NO").id == "NO"


def test_json_scenario(tmp_path):
    data = json.loads(dump_scenario(load_scenario(MINIMAL), "json"))
    assert data["issues"][0]["labels"] == {
        "0": "No ceasefire",
        "50": "Partial: energy and sea",
        "100": "Full 30-day ceasefire",
    }
    data["positions"][0]["salience"] = 2
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data, indent=1))
    with pytest.raises(InputError, match=r"positions\[0\].salience") as caught:
        load_scenario(path)
    assert caught.value.line is not None


def test_examples_load():
    for path in sorted(EXAMPLES.glob("*.yaml")) + sorted(EXAMPLES.glob("*.csv")):
        assert isinstance(load_scenario(path), Scenario)


def test_yaml_output_is_readable():
    text = dump_scenario(load_scenario(MINIMAL), "yaml")
    assert "aliases: [Putin, Kremlin]" in text
    assert "position: 35\n" in text
    assert Path
