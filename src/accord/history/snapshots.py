"""Dated snapshots of a scenario: recording them, reading them back, the timeline of one id.

A snapshot is a scenario as of its ``as_of`` date: its canonical JSON and SHA-256 (see
:mod:`accord.history.canonical`), the accord version, the UTC time it was recorded, every
registered model's point forecast, the party gaps of :mod:`accord.gaps` and, when asked for,
the Monte Carlo distributions with the seed that reproduces them. Snapshots of one scenario id
are numbered per date: re-recording an identical scenario (same SHA-256 for the same id and
date) changes nothing, and a changed scenario with the same ``as_of`` becomes the next
*revision* of that date. A scenario is refused when it has no ``as_of`` or when an evidence
record is dated after it (:func:`late_evidence`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from accord.forecast import Forecast
from accord.history.canonical import canonical_json, digest, forecast_document, scenario_document
from accord.history.store import Store, StoreError
from accord.scenario import Evidence, Scenario

__all__ = [
    "Recorded",
    "Snapshot",
    "find_snapshot",
    "late_evidence",
    "record_snapshot",
    "snapshot_content",
    "snapshots_of",
]

_COLUMNS = (
    "id, scenario, as_of, revision, sha256, accord_version, recorded_at, document, forecasts, "
    "gaps, samples"
)


@dataclass(frozen=True)
class Snapshot:
    """One stored snapshot; the JSON columns are kept as text and parsed on demand."""

    id: int
    scenario: str
    as_of: str
    revision: int
    sha256: str
    accord_version: str
    recorded_at: str
    document_text: str
    forecasts_text: str
    gaps_text: str | None
    samples_text: str | None

    @property
    def document(self) -> dict[str, Any]:
        out: dict[str, Any] = json.loads(self.document_text)
        return out

    @property
    def forecasts(self) -> dict[str, Any]:
        out: dict[str, Any] = json.loads(self.forecasts_text)
        return out

    @property
    def gaps(self) -> dict[str, Any] | None:
        return None if self.gaps_text is None else dict(json.loads(self.gaps_text))

    @property
    def samples(self) -> dict[str, Any] | None:
        return None if self.samples_text is None else dict(json.loads(self.samples_text))

    @property
    def label(self) -> str:
        return f"{self.scenario}@{self.as_of}#{self.revision}"


@dataclass(frozen=True)
class Recorded:
    """What :func:`record_snapshot` did: ``created`` False when the scenario was already there."""

    snapshot_id: int
    scenario: str
    as_of: str
    revision: int
    sha256: str
    created: bool


@dataclass(frozen=True)
class SnapshotContent:
    """The columns of a snapshot to record, all canonical JSON text."""

    scenario: str
    as_of: str
    sha256: str
    document: str
    forecasts: str
    gaps: str
    samples: str | None


def late_evidence(scenario: Scenario) -> tuple[Evidence, ...]:
    """The evidence records dated after the scenario's ``as_of`` (none without an ``as_of``)."""
    if scenario.as_of is None:
        return ()
    cutoff = scenario.as_of
    return tuple(e for e in scenario.evidence if e.date is not None and e.date > cutoff)


def snapshot_content(
    scenario: Scenario,
    forecasts: Sequence[Forecast],
    gaps: Mapping[str, Any],
    samples: Mapping[str, Any] | None = None,
) -> SnapshotContent:
    """The canonical columns of a snapshot (raises ValueError without ``as_of``)."""
    if scenario.as_of is None:
        raise ValueError("the scenario has no as_of date: a snapshot is dated by it")
    document = canonical_json(scenario_document(scenario))
    return SnapshotContent(
        scenario=scenario.id,
        as_of=scenario.as_of.isoformat(),
        sha256=digest(document),
        document=document,
        forecasts=canonical_json(forecast_document(forecasts)),
        gaps=canonical_json(gaps),
        samples=None if samples is None else canonical_json(samples),
    )


def _version() -> str:
    from accord import __version__

    return __version__


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def record_snapshot(store: Store, content: SnapshotContent) -> Recorded:
    """Record the snapshot in one transaction (a no-op for an identical one already there)."""
    with store.transaction() as writer:
        same = writer.execute(
            "SELECT id, revision FROM snapshots WHERE scenario = ? AND as_of = ? AND sha256 = ?",
            (content.scenario, content.as_of, content.sha256),
        )
        if same:
            return Recorded(
                same[0][0], content.scenario, content.as_of, same[0][1], content.sha256, False
            )
        last = writer.execute(
            "SELECT MAX(revision) FROM snapshots WHERE scenario = ? AND as_of = ?",
            (content.scenario, content.as_of),
        )
        revision = (last[0][0] or 0) + 1
        rows = writer.execute(
            "INSERT INTO snapshots (scenario, as_of, revision, sha256, accord_version, "
            "recorded_at, document, forecasts, gaps, samples) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                content.scenario,
                content.as_of,
                revision,
                content.sha256,
                _version(),
                _now(),
                content.document,
                content.forecasts,
                content.gaps,
                content.samples,
            ),
        )
    return Recorded(rows[0][0], content.scenario, content.as_of, revision, content.sha256, True)


def _snapshot(row: Sequence[Any]) -> Snapshot:
    return Snapshot(*row)


def snapshots_of(store: Store, scenario: str) -> list[Snapshot]:
    """The snapshots of one scenario id in date order (revisions in order within a date)."""
    rows = store.query(
        f"SELECT {_COLUMNS} FROM snapshots WHERE scenario = ? ORDER BY as_of, revision",
        (scenario,),
    )
    return [_snapshot(row) for row in rows]


def scenario_ids(store: Store) -> list[str]:
    """Every scenario id with a snapshot, sorted."""
    return [row[0] for row in store.query("SELECT DISTINCT scenario FROM snapshots ORDER BY 1")]


def find_snapshot(store: Store, reference: str) -> Snapshot:
    """The snapshot named by ``reference``: its number (``12`` or ``#12``), or
    ``ID@DATE`` (the date's latest revision) or ``ID@DATE#REVISION``.

    Raises :class:`StoreError` naming what was not found.
    """
    text = reference.strip()
    number = text.removeprefix("#")
    if number.isdigit() and len(number) < 19:
        rows = store.query(f"SELECT {_COLUMNS} FROM snapshots WHERE id = ?", (int(number),))
        if not rows:
            raise StoreError(f"{store.location}: no snapshot number {number}")
        return _snapshot(rows[0])
    scenario, at, rest = text.partition("@")
    if not at or not scenario:
        raise StoreError(
            f"{reference!r}: not a file, and not a snapshot reference (NUMBER, ID@DATE or "
            "ID@DATE#REVISION)"
        )
    date, hash_, revision = rest.partition("#")
    if hash_ and not (revision.isdigit() and len(revision) < 10):
        raise StoreError(f"{reference!r}: the revision after '#' must be a number")
    found = [s for s in snapshots_of(store, scenario) if s.as_of == date]
    if not found:
        known = scenario_ids(store)
        if scenario not in known:
            raise StoreError(f"{store.location}: no snapshot of scenario {scenario!r}")
        raise StoreError(f"{store.location}: no snapshot of {scenario!r} as of {date!r}")
    if hash_:
        for snap in found:
            if snap.revision == int(revision):
                return snap
        raise StoreError(f"{store.location}: {scenario}@{date} has no revision {revision}")
    return found[-1]
