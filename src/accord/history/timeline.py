"""The history of one scenario id: positions, forecasts, gaps and new evidence, date by date.

The ``accord history --json`` contract::

    {"scenario": "<id>",
     "snapshots": [{"id": 3, "as_of": "2025-02-18", "revision": 1, "sha256": "...",
                    "recorded_at": "2026-...Z", "accord_version": "0.1.0",
                    "positions": {"<issue id>": {"<actor id>": 25.0}},
                    "forecasts": {"<issue id>": {"<model>": 41.2}},
                    "gaps": <as in accord gaps --json>,
                    "new_evidence": [{"id": ..., "date": ..., "speaker": ..., "summary": ...}]}]}

Snapshots come in date order, revisions of a date in order. ``new_evidence`` lists the evidence
records of a snapshot that the previous one (in that order) did not have; the first snapshot
lists all of its records. Reading is one query and one JSON parse per stored column, so the
history of 1,000 snapshots of a 10-issue scenario takes a fraction of a second (see
``benchmarks/README.md``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from accord.history.snapshots import Snapshot

__all__ = ["positions_of", "timeline", "timeline_json"]


def positions_of(document: dict[str, Any]) -> dict[str, dict[str, float]]:
    """``{issue: {actor: position}}`` of a scenario document, in its issue and actor order."""
    out: dict[str, dict[str, float]] = {i["id"]: {} for i in document.get("issues", [])}
    by_actor: dict[str, list[dict[str, Any]]] = {a["id"]: [] for a in document.get("actors", [])}
    for stake in document.get("positions", []):
        by_actor.setdefault(stake["actor"], []).append(stake)
    for actor, stakes in by_actor.items():
        for stake in stakes:
            out.setdefault(stake["issue"], {})[actor] = stake["position"]
    return out


def _forecasts_by_issue(forecasts: dict[str, Any]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for model, entry in forecasts.items():
        for issue, value in entry["issues"].items():
            out.setdefault(issue, {})[model] = value
    return out


def _evidence_entry(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": record["id"],
        "date": record.get("date"),
        "speaker": record.get("speaker"),
        "summary": record.get("summary") or record.get("quote"),
    }


def timeline(scenario: str, snapshots: Sequence[Snapshot], *, gaps: bool = True) -> dict[str, Any]:
    """The history contract (see the module docstring) of the snapshots of one scenario id
    (without the ``gaps`` entries when ``gaps`` is false)."""
    seen: set[str] = set()
    out = []
    for snap in snapshots:
        document = json.loads(snap.document_text)
        evidence = document.get("evidence", [])
        new = [_evidence_entry(e) for e in evidence if e["id"] not in seen]
        seen = {e["id"] for e in evidence}
        out.append(
            {
                "id": snap.id,
                "as_of": snap.as_of,
                "revision": snap.revision,
                "sha256": snap.sha256,
                "recorded_at": snap.recorded_at,
                "accord_version": snap.accord_version,
                "title": document.get("title"),
                "positions": positions_of(document),
                "forecasts": _forecasts_by_issue(json.loads(snap.forecasts_text)),
                "new_evidence": new,
            }
        )
        if gaps:
            out[-1]["gaps"] = None if snap.gaps_text is None else json.loads(snap.gaps_text)
    return {"scenario": scenario, "snapshots": out}


def timeline_json(scenario: str, snapshots: Sequence[Snapshot]) -> str:
    """The history contract as compact JSON text, the same document as
    ``json.dumps(timeline(...))`` with each snapshot's ``gaps`` last.

    The stored gaps are canonical JSON already, so they are copied into the text as they are,
    not parsed and written again: that is most of the work for a long history.
    """
    data = timeline(scenario, snapshots, gaps=False)
    parts = []
    for entry, snap in zip(data["snapshots"], snapshots, strict=True):
        text = json.dumps(entry, ensure_ascii=False, allow_nan=False)
        parts.append(f'{text[:-1]},"gaps":{snap.gaps_text or "null"}}}')
    head = json.dumps(scenario, ensure_ascii=False)
    return f'{{"scenario":{head},"snapshots":[{",".join(parts)}]}}'
