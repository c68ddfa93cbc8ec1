"""What changed between two versions of a scenario, and how the forecasts and gaps moved.

A *state* is a scenario document (:func:`accord.history.canonical.scenario_document`), its
point forecasts by model and its party gaps (:mod:`accord.gaps`) - read from the store for a
snapshot, or computed for a file. :func:`compare` lists, in this order:

``actors``     actors added or removed; capabilities and roles that moved;
``issues``     issues added or removed; scales and status quos that moved;
``positions``  positions added or removed; positions, saliences and reservations that moved,
               each with the evidence records the new version cites that the old one did not;
``rules``      any other top-level section keyed by ``id`` (such as decision rules) whose
               entries were added, removed or changed;
``forecasts``  every model's forecast that moved, per issue;
``gaps``       every party pair's overall gap that moved, and the concession to agreement;
``evidence``   evidence records added or removed.

Every change is ``{"kind", "what", "from", "to", "text"}`` (plus ``"evidence"`` for positions);
numbers are compared exactly (a change of the stored float is a change). ``identical`` is true
when the scenario documents are equal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["compare"]

_SECTIONS = {"id", "title", "as_of", "description", "actors", "issues", "positions", "evidence"}


def _by(items: list[dict[str, Any]], key: Callable[[dict[str, Any]], Any]) -> dict[Any, Any]:
    return {key(item): item for item in items}


def _show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _change(kind: str, what: str, old: Any, new: Any, **extra: Any) -> dict[str, Any]:
    if old is None:
        text = f"added: {_show(new)}" if not isinstance(new, dict) else "added"
    elif new is None:
        text = "removed"
    else:
        text = f"{_show(old)} -> {_show(new)}"
    return {"kind": kind, "what": what, "from": old, "to": new, "text": text, **extra}


def _fields(
    kind: str, label: str, old: dict[str, Any], new: dict[str, Any], names: tuple[str, ...]
) -> list[dict[str, Any]]:
    return [
        _change(kind, f"{label} {name}", old.get(name), new.get(name))
        for name in names
        if old.get(name) != new.get(name)
    ]


def _keyed(
    kind: str,
    old: dict[Any, dict[str, Any]],
    new: dict[Any, dict[str, Any]],
    label: Callable[[Any], str],
    names: tuple[str, ...],
) -> list[dict[str, Any]]:
    out = []
    for key in old.keys() - new.keys():
        out.append(_change(kind, label(key), old[key], None))
    for key in new.keys() - old.keys():
        out.append(_change(kind, label(key), None, new[key]))
    for key in old.keys() & new.keys():
        out.extend(_fields(kind, label(key), old[key], new[key], names))
    return sorted(out, key=lambda c: c["what"])


def _positions(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    def key(s: dict[str, Any]) -> tuple[str, str]:
        return (s["actor"], s["issue"])

    before = _by(old.get("positions", []), key)
    after = _by(new.get("positions", []), key)
    out = []
    for k in sorted(before.keys() | after.keys(), key=lambda k: (k[1], k[0])):
        a, b = before.get(k), after.get(k)
        label = f"{k[0]} on {k[1]}"
        cited = (
            []
            if b is None
            else [e for e in b.get("evidence", []) if a is None or e not in a.get("evidence", [])]
        )
        if a is None or b is None:
            out.append(
                _change(
                    "positions", label, a and a["position"], b and b["position"], evidence=cited
                )
            )
            continue
        for name in ("position", "salience", "reservation"):
            if a.get(name) != b.get(name):
                out.append(
                    _change(
                        "positions", f"{label} {name}", a.get(name), b.get(name), evidence=cited
                    )
                )
    return out


def _rules(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for section in sorted((old.keys() | new.keys()) - _SECTIONS):
        a, b = old.get(section), new.get(section)
        if a == b:
            continue
        if isinstance(a, list | type(None)) and isinstance(b, list | type(None)):
            items_a = [x for x in a or [] if isinstance(x, dict) and "id" in x]
            items_b = [x for x in b or [] if isinstance(x, dict) and "id" in x]
            if len(items_a) == len(a or []) and len(items_b) == len(b or []):
                before = _by(items_a, lambda x: x["id"])
                after = _by(items_b, lambda x: x["id"])
                for key in sorted(before.keys() | after.keys()):
                    if before.get(key) != after.get(key):
                        out.append(
                            _change("rules", f"{section} {key}", before.get(key), after.get(key))
                        )
                continue
        out.append(_change("rules", section, a, b))
    return out


def _forecasts(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for model in sorted(old.keys() | new.keys()):
        a = old.get(model, {}).get("issues", {})
        b = new.get(model, {}).get("issues", {})
        for issue in sorted(a.keys() | b.keys()):
            if a.get(issue) != b.get(issue):
                out.append(_change("forecasts", f"{model} on {issue}", a.get(issue), b.get(issue)))
    return out


def _gaps(old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[dict[str, Any]]:
    old, new = old or {}, new or {}
    before = _by(old.get("pairs", []), lambda p: tuple(p["parties"]))
    after = _by(new.get("pairs", []), lambda p: tuple(p["parties"]))
    out = []
    for pair in list(dict.fromkeys([*before, *after])):
        a = before.get(pair, {}).get("overall")
        b = after.get(pair, {}).get("overall")
        if a != b:
            out.append(_change("gaps", f"{pair[0]}-{pair[1]} overall", a, b))
    agree_a = (old.get("agreement") or {}).get("concession")
    agree_b = (new.get("agreement") or {}).get("concession")
    if agree_a != agree_b:
        out.append(_change("gaps", "concession to agreement", agree_a, agree_b))
    return out


def compare(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The changes from state ``old`` to state ``new`` (each ``{"label", "document",
    "forecasts", "gaps"}``); see the module docstring for the result."""
    a, b = old["document"], new["document"]
    changes = {
        "old": {"label": old["label"], "as_of": a.get("as_of")},
        "new": {"label": new["label"], "as_of": b.get("as_of")},
        "identical": a == b,
        "actors": _keyed(
            "actors",
            _by(a.get("actors", []), lambda x: x["id"]),
            _by(b.get("actors", []), lambda x: x["id"]),
            lambda k: str(k),
            ("capability", "role"),
        ),
        "issues": _keyed(
            "issues",
            _by(a.get("issues", []), lambda x: x["id"]),
            _by(b.get("issues", []), lambda x: x["id"]),
            lambda k: str(k),
            ("low", "high", "status_quo"),
        ),
        "positions": _positions(a, b),
        "rules": _rules(a, b),
        "forecasts": _forecasts(old["forecasts"], new["forecasts"]),
        "gaps": _gaps(old["gaps"], new["gaps"]),
        "evidence": _keyed(
            "evidence",
            _by(a.get("evidence", []), lambda x: x["id"]),
            _by(b.get("evidence", []), lambda x: x["id"]),
            lambda k: str(k),
            (),
        ),
    }
    for item in changes["evidence"]:  # show an added record by its date, not its whole text
        record = item["to"] or item["from"]
        item["text"] = (
            "added" if item["to"] else "removed"
        ) + f" ({record.get('date', 'undated')})"
    return changes
