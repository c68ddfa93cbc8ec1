"""Canonical JSON and its SHA-256: the bytes that snapshots and seals are identified by.

Algorithm
---------
A document is written as JSON with the keys of every object sorted, no whitespace
(``separators=(",", ":")``), UTF-8 without escaping non-ASCII characters, and no NaN or
infinity (refused). Numbers are written as Python writes them (``repr`` of a float is the
shortest string that reads back to the same double, Steele & White 1990 / Gay 1990), integers
as integers, dates as ISO 8601 strings. Two equal documents therefore have the same bytes, and
the SHA-256 (FIPS 180-4) of those bytes identifies the document. This follows the canonical
form of RFC 8785 (JSON Canonicalization Scheme) in sorting keys and removing whitespace; it
differs in sorting by Python code points rather than UTF-16 units and in Python's float
formatting, which is stable across platforms and versions of CPython 3.

A scenario's document is :func:`accord.io.scenario_to_dict` (the file format's structure), so
re-recording the same scenario from YAML, JSON or a round-tripped file gives the same hash, and
a comment or reformatting of the file changes nothing.

Sources
-------
- Rundgren, A., Jordan, B. & Erdtman, S. (2020), RFC 8785, "JSON Canonicalization Scheme".
- NIST (2015), FIPS PUB 180-4, *Secure Hash Standard*.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from accord.forecast import Forecast
from accord.scenario import Scenario

__all__ = [
    "canonical_json",
    "digest",
    "forecast_document",
    "scenario_document",
]


def _default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as canonical JSON")


def canonical_json(document: Any) -> str:
    """The document's canonical JSON text (see the module docstring)."""
    return json.dumps(
        document,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
        default=_default,
    )


def digest(text: str) -> str:
    """The SHA-256 of the text's UTF-8 bytes, as 64 hex digits."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def scenario_document(scenario: Scenario) -> dict[str, Any]:
    """The scenario as a JSON document (dates as ISO strings), ready for :func:`canonical_json`."""
    from accord.io import scenario_to_dict

    document: dict[str, Any] = json.loads(canonical_json(scenario_to_dict(scenario)))
    return document


def forecast_document(forecasts: Sequence[Forecast]) -> dict[str, Any]:
    """Every model's point forecasts: ``{model: {"params", "seed", "issues": {id: value}}}``."""
    return {
        f.model: {
            "params": _plain(dict(f.params)),
            "seed": f.seed,
            "issues": {item.issue: item.value for item in f.issues},
        }
        for f in forecasts
    }


def _plain(params: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(canonical_json(params))
    return out
