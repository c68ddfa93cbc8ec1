"""The history store's suite, run against both stores: SQLite (always) and PostgreSQL.

The PostgreSQL store runs against a real server that this test session starts (see
``postgres_server.py``); when it cannot start, those tests skip and say why.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3

import pytest

from accord.gaps import party_gaps
from accord.history.canonical import canonical_json, digest
from accord.history.grading import GradingError, grade
from accord.history.schema import MIGRATIONS, SCHEMA_VERSION
from accord.history.seals import GENESIS, seal, seals, verify
from accord.history.snapshots import (
    find_snapshot,
    record_snapshot,
    snapshot_content,
    snapshots_of,
)
from accord.history.store import StoreError, open_store
from accord.history.timeline import timeline
from accord.io import load_scenario
from accord.models import MODELS
from accord.scenario import Outcome

from conftest import EXAMPLES

CASE = load_scenario(EXAMPLES / "ukraine-ceasefire-2025-03.yaml")
FORECASTS = [m().predict(CASE) for m in MODELS.values()]


@pytest.fixture(scope="session")
def postgres():
    import postgres_server

    server, why = postgres_server.start()
    if server is None:
        pytest.skip(f"PostgreSQL tests skipped: the test server could not start: {why}")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "history.sqlite")
    server = request.getfixturevalue("postgres")
    import psycopg

    with psycopg.connect(server.url, autocommit=True) as connection:  # start from an empty store
        connection.execute("DROP TABLE IF EXISTS seals, snapshots, accord_meta")
    return server.url


@pytest.fixture
def store(location):
    with open_store(location) as opened:
        yield opened


def content(scenario, *, gaps=True):
    forecasts = FORECASTS  # the store records what it is given; the case's own forecasts
    found = party_gaps(scenario, agreement=False).to_dict() if gaps else {}
    return snapshot_content(scenario, forecasts, found)


def variant(position: float, as_of=dt.date(2025, 3, 16)):
    stakes = tuple(
        dataclasses.replace(s, position=position)
        if (s.actor, s.issue) == ("RUS", "ceasefire")
        else s
        for s in CASE.stakes
    )
    return dataclasses.replace(CASE, stakes=stakes, as_of=as_of)


def test_a_new_store_has_the_current_schema(store):
    assert store.schema_version() == SCHEMA_VERSION


def test_snapshot_revisions_and_no_op(store):
    first = record_snapshot(store, content(CASE))
    assert (first.created, first.revision) == (True, 1)
    again = record_snapshot(store, content(CASE))
    assert (again.created, again.revision, again.snapshot_id) == (False, 1, first.snapshot_id)
    changed = record_snapshot(store, content(variant(30)))
    assert (changed.created, changed.revision) == (True, 2)
    earlier = record_snapshot(store, content(variant(0, dt.date(2025, 3, 11))))
    assert earlier.revision == 1
    found = snapshots_of(store, CASE.id)
    assert [(s.as_of, s.revision) for s in found] == [
        ("2025-03-11", 1),
        ("2025-03-16", 1),
        ("2025-03-16", 2),
    ]
    assert all(digest(s.document_text) == s.sha256 for s in found)
    assert found[1].document_text == content(CASE).document
    assert find_snapshot(store, f"{CASE.id}@2025-03-16").revision == 2
    assert find_snapshot(store, f"{CASE.id}@2025-03-16#1").sha256 == first.sha256
    assert find_snapshot(store, str(earlier.snapshot_id)).as_of == "2025-03-11"
    with pytest.raises(StoreError, match="no snapshot of scenario 'nope'"):
        find_snapshot(store, "nope@2025-03-16")
    with pytest.raises(StoreError, match="has no revision 9"):
        find_snapshot(store, f"{CASE.id}@2025-03-16#9")


def test_stored_forecasts_and_gaps_are_the_computed_ones(store):
    record_snapshot(store, content(CASE))
    (snap,) = snapshots_of(store, CASE.id)
    assert snap.forecasts["bdm"]["issues"]["ceasefire"] == MODELS["bdm"]().predict(CASE).value(
        "ceasefire"
    )
    assert snap.gaps == party_gaps(CASE, agreement=False).to_dict()
    data = timeline(CASE.id, [snap])
    entry = data["snapshots"][0]
    assert entry["positions"]["ceasefire"]["RUS"] == 25
    assert entry["forecasts"]["ceasefire"]["bdm"] == snap.forecasts["bdm"]["issues"]["ceasefire"]
    assert len(entry["new_evidence"]) == len(CASE.evidence)


def test_history_lists_only_the_new_evidence(store):
    old = dataclasses.replace(CASE, evidence=CASE.evidence[:-1], as_of=dt.date(2025, 3, 15))
    # the dropped record is still cited by a stake; the store does not validate, it records
    record_snapshot(store, content(old, gaps=False))
    record_snapshot(store, content(CASE, gaps=False))
    data = timeline(CASE.id, snapshots_of(store, CASE.id))
    assert [e["id"] for e in data["snapshots"][1]["new_evidence"]] == [CASE.evidence[-1].id]


def test_seal_chain_verifies_and_links(store):
    forecasts = FORECASTS
    first = seal(store, CASE, forecasts, note="first")
    second = seal(store, variant(30), forecasts, note=None)
    assert first.previous == GENESIS
    assert second.previous == first.hash
    assert [s.id for s in seals(store)] == [first.id, second.id]
    assert verify(store) == (0, 2, None)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("note", "'rewritten'", "hash does not match its content"),
        ("forecasts", "'{}'", "forecasts do not match"),
        ("document", "'{}'", "scenario does not match"),
        ("previous", "'" + "1" * 64 + "'", "previous hash"),
    ],
)
def test_verify_names_the_first_edited_seal(location, column, value, message):
    forecasts = FORECASTS
    with open_store(location) as store:
        for _ in range(3):
            seal(store, CASE, forecasts)
        target = seals(store)[1].id
        with store.transaction() as writer:  # behind accord's back: a plain UPDATE
            writer.execute(f"UPDATE seals SET {column} = {value} WHERE id = ?", (target,))
        problem = verify(store)[2]
    assert problem is not None
    assert (problem.table, problem.id) == ("seal", target)
    assert message in problem.message


def test_a_rehashed_edit_breaks_the_link_from_the_next_seal(store):
    forecasts = FORECASTS
    for _ in range(3):
        seal(store, CASE, forecasts)
    middle = seals(store)[1]
    forged = dataclasses.replace(middle, note="rewritten")
    with store.transaction() as writer:
        writer.execute(
            "UPDATE seals SET note = ?, hash = ? WHERE id = ?",
            ("rewritten", forged.chain_hash(), middle.id),
        )
    problem = verify(store)[2]
    assert problem is not None
    assert problem.id == seals(store)[2].id
    assert "previous hash" in problem.message


def test_verify_names_an_edited_snapshot(store):
    record_snapshot(store, content(CASE, gaps=False))
    (snap,) = snapshots_of(store, CASE.id)
    with store.transaction() as writer:
        writer.execute(
            "UPDATE snapshots SET document = ? WHERE id = ?",
            (snap.document_text.replace('"position":25', '"position":26', 1), snap.id),
        )
    problem = verify(store)[2]
    assert problem is not None
    assert (problem.table, problem.id) == ("snapshot", snap.id)


def test_grade_scores_every_model_and_issue(store):
    forecasts = FORECASTS
    first = seal(store, CASE, forecasts)
    outcomes = {
        CASE.id: (
            Outcome(values=(("ceasefire", 50.0),), date=dt.date(2025, 3, 18)),
            Outcome(values=(("ceasefire", 0.0), ("kursk", 10.0)), date=dt.date(2025, 4, 1)),
        ),
        "other": (Outcome(values=(("x", 1.0),)),),
    }
    result = grade(seals(store), outcomes)
    assert len(result["errors"]) == len(MODELS) * 3
    row = next(
        r
        for r in result["errors"]
        if r["model"] == "median"
        and r["issue"] == "ceasefire"
        and r["outcome_date"] == "2025-03-18"
    )
    expected = abs(MODELS["median"]().predict(CASE).value("ceasefire") - 50)
    assert row["abs_error"] == pytest.approx(expected)
    assert row["scaled_error"] == pytest.approx(expected / 100)
    assert row["seal"] == first.id
    assert result["summary"]["median"]["n"] == 3
    assert result["brier"] == []
    with pytest.raises(GradingError, match="names issue 'nope', which no sealed version"):
        grade(seals(store), {CASE.id: (Outcome(values=(("nope", 1.0),)),)})


def test_brier_score_of_a_sealed_probability():
    from accord.history.seals import Seal

    forecasts = {"m": {"params": {}, "seed": None, "issues": {}, "probabilities": {"deal": 0.8}}}
    doc = canonical_json({"issues": [{"id": "x", "low": 0, "high": 1}]})
    item = Seal(1, "t", "s", None, None, "0", doc, "", canonical_json(forecasts), "", "", "")
    result = grade([item], {"s": (Outcome(values=(("deal", 0.0),)),)})
    assert result["brier"][0]["brier"] == pytest.approx(0.64)


def test_a_store_of_a_newer_schema_is_refused(location):
    with open_store(location) as store, store.transaction() as writer:
        writer.execute(
            "UPDATE accord_meta SET value = ? WHERE key = ?",
            (str(SCHEMA_VERSION + 1), "schema_version"),
        )
    with pytest.raises(StoreError, match=r"schema version 3, written by a newer accord"):
        open_store(location)


def test_an_older_store_is_migrated_after_a_backup(tmp_path):
    path = tmp_path / "old.sqlite"
    connection = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        connection.execute(statement.replace("{id}", "INTEGER PRIMARY KEY"))
    connection.execute("INSERT INTO accord_meta VALUES ('application', 'accord-history')")
    connection.execute("INSERT INTO accord_meta VALUES ('schema_version', '1')")
    connection.execute(
        "INSERT INTO snapshots (scenario, as_of, revision, sha256, accord_version, recorded_at, "
        "document, forecasts) VALUES ('s', '2025-01-01', 1, ?, '0.0', 'then', '{}', '{}')",
        (digest("{}"),),
    )
    connection.commit()
    connection.close()
    with open_store(str(path)) as store:
        assert store.schema_version() == SCHEMA_VERSION
        (snap,) = snapshots_of(store, "s")
        assert snap.gaps is None
        assert verify(store) == (1, 0, None)
    backup = sqlite3.connect(tmp_path / "old.sqlite.v1.bak")
    assert backup.execute(
        "SELECT value FROM accord_meta WHERE key='schema_version'"
    ).fetchone() == ("1",)
    assert backup.execute("SELECT COUNT(*) FROM snapshots").fetchone() == (1,)
    backup.close()


def test_files_that_are_not_stores_are_refused(tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database at all" * 10)
    with pytest.raises(StoreError, match="not an accord history store"):
        open_store(str(junk))
    other = tmp_path / "other.sqlite"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE people (name TEXT)")
    connection.commit()
    connection.close()
    with pytest.raises(StoreError, match=r"not an accord history store.*people"):
        open_store(str(other))
    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    with pytest.raises(StoreError, match="not an accord history store"):
        open_store(str(corrupt))


def test_a_locked_store_is_retried_then_refused_in_one_line(tmp_path, monkeypatch):
    import accord.history.store as store_module

    path = str(tmp_path / "h.sqlite")
    open_store(path).close()
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(store_module, "BUSY_SECONDS", 0.3)
    with open_store(path) as store:
        store._connection.execute("PRAGMA busy_timeout = 50")
        with pytest.raises(StoreError, match="database is locked"):
            record_snapshot(store, content(CASE, gaps=False))
        blocker.execute("COMMIT")
        assert record_snapshot(store, content(CASE, gaps=False)).created
    blocker.close()
