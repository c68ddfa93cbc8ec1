"""Grading sealed forecasts against the outcomes once they are known.

Scores
------
For every seal whose scenario id has outcomes, and for every outcome (several dated outcomes
may follow one another), every model and every issue the outcome gives a value for:

- the *absolute error* ``|forecast - outcome|`` on the issue's own scale, and the same as a
  fraction of the scale (``/ (high - low)``, from the sealed scenario), so that issues compare;
- the *Brier score* ``(p - o)^2`` of every sealed probability ``p`` of an event whose outcome
  ``o`` (0 or 1) is given (Brier 1950). accord's models seal point forecasts only today, so no
  probability is sealed yet and ``brier`` is empty; the score is computed for any sealed
  ``"probabilities": {event: p}`` entry whose event appears in the outcome's values as 0 or 1.

An outcome issue that a sealed version of the scenario does not have (an earlier version may
have fewer issues) is not scored for that seal; an issue that no sealed version of the scenario
has is an error (the OUTCOMES file does not fit the seals), reported with the scenario id and
the issue.

Sources
-------
- Brier, G. W. (1950), "Verification of forecasts expressed in terms of probability",
  *Monthly Weather Review* 78(1): 1-3.
- Tetlock, P. E. & Gardner, D. (2015), *Superforecasting*, Crown, ch. 3 (forecasts recorded
  in advance and scored afterwards).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from accord.history.seals import Seal
from accord.scenario import Outcome

__all__ = ["GradingError", "grade"]


class GradingError(ValueError):
    """The outcomes do not fit a sealed scenario (an unknown issue)."""


def grade(chain: Sequence[Seal], outcomes: Mapping[str, Sequence[Outcome]]) -> dict[str, Any]:
    """Score the seals against the outcomes: ``{"errors": [...], "brier": [...],
    "summary": {model: {"mean_abs_error", "mean_scaled_error", "n"}}, "ungraded": [ids]}``."""
    errors: list[dict[str, Any]] = []
    brier: list[dict[str, Any]] = []
    ungraded: list[int] = []
    issues_of: dict[str, set[str]] = {}
    for item in chain:
        document = json.loads(item.document_text)
        issues_of.setdefault(item.scenario, set()).update(i["id"] for i in document["issues"])
        for entry in json.loads(item.forecasts_text).values():
            issues_of[item.scenario].update(entry.get("probabilities", {}))
    for scenario, listed in outcomes.items():
        if scenario not in issues_of:
            continue
        for outcome in listed:
            for issue, _ in outcome.values:
                if issue not in issues_of[scenario]:
                    raise GradingError(
                        f"the outcome of {scenario!r}"
                        + (f" dated {outcome.date.isoformat()}" if outcome.date else "")
                        + f" names issue {issue!r}, which no sealed version of the scenario "
                        f"has; they have {', '.join(sorted(issues_of[scenario]))}"
                    )
    for item in chain:
        known = outcomes.get(item.scenario)
        if not known:
            ungraded.append(item.id)
            continue
        document = json.loads(item.document_text)
        widths = {i["id"]: i["high"] - i["low"] for i in document["issues"]}
        forecasts = json.loads(item.forecasts_text)
        for outcome in known:
            for model, entry in forecasts.items():
                for issue, value in outcome.values:
                    base = {
                        "seal": item.id,
                        "scenario": item.scenario,
                        "sealed_at": item.sealed_at,
                        "outcome_date": None if outcome.date is None else outcome.date.isoformat(),
                        "model": model,
                    }
                    if issue in entry["issues"]:
                        forecast = entry["issues"][issue]
                        error = abs(forecast - value)
                        errors.append(
                            {
                                **base,
                                "issue": issue,
                                "forecast": forecast,
                                "outcome": value,
                                "abs_error": error,
                                "scaled_error": error / widths[issue],
                            }
                        )
                    p = entry.get("probabilities", {}).get(issue)
                    if p is not None and value in (0, 1):
                        brier.append(
                            {
                                **base,
                                "event": issue,
                                "p": p,
                                "outcome": value,
                                "brier": (p - value) ** 2,
                            }
                        )
    summary: dict[str, dict[str, Any]] = {}
    for row in errors:
        entry = summary.setdefault(row["model"], {"n": 0, "abs": 0.0, "scaled": 0.0})
        entry["n"] += 1
        entry["abs"] += row["abs_error"]
        entry["scaled"] += row["scaled_error"]
    return {
        "errors": errors,
        "brier": brier,
        "summary": {
            model: {
                "n": e["n"],
                "mean_abs_error": e["abs"] / e["n"],
                "mean_scaled_error": e["scaled"] / e["n"],
            }
            for model, e in summary.items()
        },
        "ungraded": ungraded,
    }
