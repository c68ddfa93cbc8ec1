"""Sealed forecasts: a hash chain that shows whether a recorded forecast was changed later.

Algorithm
---------
A seal records a scenario and every model's point forecast with a UTC time stamp. Seal ``n``
stores the canonical scenario JSON and its SHA-256 ``S_n``, the canonical forecast JSON and its
SHA-256 ``F_n``, the previous seal's hash ``H_{n-1}`` (64 zeros for the first) and

    H_n = SHA-256( canonical JSON of {"previous": H_{n-1}, "scenario": S_n, "forecasts": F_n,
                                      "sealed_at": ..., "scenario_id": ..., "as_of": ...,
                                      "note": ..., "accord_version": ...} ),

a linked timestamp chain in the manner of Haber & Stornetta (1991): changing any stored field
of a seal changes its hash, and re-computing that hash to hide the change breaks the link from
the next seal. :func:`verify` re-computes every seal in order and every snapshot's SHA-256 and
names the first record that does not match. The head of the chain (the last seal's hash) can be
published (printed by ``accord seal``); only a copy of it kept outside the store protects the
last seal itself, since whoever can write the store could rewrite the whole chain.

Sources
-------
- Haber, S. & Stornetta, W. S. (1991), "How to time-stamp a digital document", *Journal of
  Cryptology* 3(2): 99-111.
- NIST (2015), FIPS PUB 180-4, *Secure Hash Standard*.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from accord.forecast import Forecast
from accord.history.canonical import canonical_json, digest, forecast_document, scenario_document
from accord.history.store import Store
from accord.scenario import Scenario

__all__ = ["GENESIS", "Problem", "Seal", "seal", "seals", "verify"]

#: The "previous hash" of the first seal.
GENESIS = "0" * 64

_COLUMNS = (
    "id, sealed_at, scenario, as_of, note, accord_version, document, scenario_sha256, "
    "forecasts, forecasts_sha256, previous, hash"
)


@dataclass(frozen=True)
class Seal:
    """One stored seal (JSON columns as text)."""

    id: int
    sealed_at: str
    scenario: str
    as_of: str | None
    note: str | None
    accord_version: str
    document_text: str
    scenario_sha256: str
    forecasts_text: str
    forecasts_sha256: str
    previous: str
    hash: str

    def chain_hash(self) -> str:
        """The hash this seal should have, from its own fields and ``previous``."""
        return chain_hash(
            previous=self.previous,
            scenario_sha256=self.scenario_sha256,
            forecasts_sha256=self.forecasts_sha256,
            sealed_at=self.sealed_at,
            scenario=self.scenario,
            as_of=self.as_of,
            note=self.note,
            accord_version=self.accord_version,
        )


@dataclass(frozen=True)
class Problem:
    """The first record :func:`verify` found that does not match."""

    table: str
    id: int
    message: str

    def __str__(self) -> str:
        return f"{self.table} {self.id}: {self.message}"


def chain_hash(
    *,
    previous: str,
    scenario_sha256: str,
    forecasts_sha256: str,
    sealed_at: str,
    scenario: str,
    as_of: str | None,
    note: str | None,
    accord_version: str,
) -> str:
    """``H_n`` of the module docstring."""
    return digest(
        canonical_json(
            {
                "previous": previous,
                "scenario": scenario_sha256,
                "forecasts": forecasts_sha256,
                "sealed_at": sealed_at,
                "scenario_id": scenario,
                "as_of": as_of,
                "note": note,
                "accord_version": accord_version,
            }
        )
    )


def seal(
    store: Store, scenario: Scenario, forecasts: Sequence[Forecast], *, note: str | None = None
) -> Seal:
    """Seal the forecasts of ``scenario`` now, in one transaction; returns the stored seal."""
    from accord import __version__

    document = canonical_json(scenario_document(scenario))
    forecast_text = canonical_json(forecast_document(forecasts))
    as_of = None if scenario.as_of is None else scenario.as_of.isoformat()
    with store.transaction() as writer:
        last = writer.execute("SELECT hash FROM seals ORDER BY id DESC LIMIT 1")
        previous = last[0][0] if last else GENESIS
        sealed_at = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
        scenario_sha, forecasts_sha = digest(document), digest(forecast_text)
        hash_ = chain_hash(
            previous=previous,
            scenario_sha256=scenario_sha,
            forecasts_sha256=forecasts_sha,
            sealed_at=sealed_at,
            scenario=scenario.id,
            as_of=as_of,
            note=note,
            accord_version=__version__,
        )
        # The columns in the order of Seal's fields after its id.
        values = (
            sealed_at,
            scenario.id,
            as_of,
            note,
            __version__,
            document,
            scenario_sha,
            forecast_text,
            forecasts_sha,
            previous,
            hash_,
        )
        rows = writer.execute(
            "INSERT INTO seals (sealed_at, scenario, as_of, note, accord_version, document, "
            "scenario_sha256, forecasts, forecasts_sha256, previous, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            values,
        )
    return Seal(rows[0][0], *values)


def seals(store: Store) -> list[Seal]:
    """Every seal, in chain order."""
    return [Seal(*row) for row in store.query(f"SELECT {_COLUMNS} FROM seals ORDER BY id")]


def verify(store: Store) -> tuple[int, int, Problem | None]:
    """Re-compute every snapshot's hash and the seal chain: ``(snapshots, seals, problem)``
    where ``problem`` is the first record that does not match (None when all do)."""
    snapshots = store.query("SELECT id, sha256, document FROM snapshots ORDER BY id")
    for id_, sha, document in snapshots:
        if digest(document) != sha:
            return (
                len(snapshots),
                0,
                Problem("snapshot", id_, "its scenario does not match its sha256"),
            )
    chain = seals(store)
    previous = GENESIS
    for item in chain:
        message = None
        if digest(item.document_text) != item.scenario_sha256:
            message = "its scenario does not match its scenario_sha256"
        elif digest(item.forecasts_text) != item.forecasts_sha256:
            message = "its forecasts do not match their forecasts_sha256"
        elif item.previous != previous:
            message = "its previous hash is not the hash of the seal before it"
        elif item.chain_hash() != item.hash:
            message = "its hash does not match its content (sealed_at, note, scenario or forecasts)"
        if message:
            return len(snapshots), len(chain), Problem("seal", item.id, message)
        previous = item.hash
    return len(snapshots), len(chain), None


def sealed_forecasts(item: Seal) -> dict[str, Any]:
    """The seal's forecasts, ``{model: {"params", "seed", "issues": {id: value}}}``."""
    import json

    out: dict[str, Any] = json.loads(item.forecasts_text)
    return out
