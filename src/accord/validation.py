"""The checks every scenario passes, whichever way it was made.

A scenario read from a file (YAML, JSON, either CSV convention, GENIUS, DEU III) and a scenario
built in Python go through the same checks, here, on the frozen objects of
:mod:`accord.scenario`: numbers are finite and within their ranges (a salience in [0, 1], a
capability above 0), ids are unique, every reference names an actor, issue or evidence record
that exists, positions lie on their issue's scale, every issue has someone who cares about it,
decision rules name known actors. :func:`validate` raises :class:`~accord.errors.InputError` for
the first problem, naming the field by its path (``stakes[3].salience``); the readers in
:mod:`accord.io` report the same problem with the file, the line and the file's own field names
(``positions[3].salience``). The models call :func:`validate` before they compute anything.

This module is part of the core: it imports neither pydantic nor YAML.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from accord.errors import InputError, PathPart, format_path
from accord.scenario import ROLES, Issue, Scenario

__all__ = ["Problem", "find_problem", "validate"]

Path = tuple[PathPart, ...]
_VALID = "_accord_validated"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a scenario: where (a field path) and what."""

    path: Path
    problem: str

    @property
    def where(self) -> str:
        return format_path(self.path)


def validate(scenario: Scenario, *, source: str | None = None) -> Scenario:
    """Return ``scenario`` unchanged when it passes every check; else raise InputError.

    ``source`` names the scenario in the message (default: ``scenario '<id>'``). A scenario
    that passed is remembered, so calling this again (every model's ``predict`` does) is free.
    """
    if not isinstance(scenario, Scenario):
        raise InputError(
            source or "scenario", f"expected a Scenario, got {type(scenario).__name__}"
        )
    if scenario.__dict__.get(_VALID):
        return scenario
    found = find_problem(scenario)
    if found is not None:
        name = source or f"scenario {str(scenario.id)[:60]!r}"
        raise InputError(name, found.problem, where=found.where or None)
    # Frozen: the mark goes into the instance dictionary, as functools.cached_property does.
    scenario.__dict__[_VALID] = True
    return scenario


def find_problem(scenario: Scenario) -> Problem | None:
    """The first problem of the scenario, or None when it has none."""
    return next(_problems(scenario), None)


def _short(value: object) -> str:
    try:
        text = repr(value)
    except ValueError:  # an integer past Python's int-to-string limit
        return "a number too long to print"
    return text if len(text) <= 60 else text[:57] + "..."


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _text(path: Path, value: object, *, optional: bool = False) -> Iterator[Problem]:
    if value is None and optional:
        return
    if not isinstance(value, str):
        yield Problem(path, f"expected text, got {_short(value)}")
    elif not value:
        yield Problem(path, "must not be empty")


def _bounded(
    path: Path,
    value: object,
    *,
    gt: float | None = None,
    ge: float | None = None,
    le: float | None = None,
    optional: bool = False,
) -> Iterator[Problem]:
    """A finite number within bounds, in the words the file schema uses."""
    if value is None and optional:
        return
    if not _number(value):
        yield Problem(path, f"expected a number, got {_short(value)}")
        return
    try:
        number = float(value)  # type: ignore[arg-type]
    except OverflowError:  # an integer too large for a float
        number = math.inf
    if not math.isfinite(number):
        yield Problem(path, f"must be a finite number (no NaN or infinity), got {_short(value)}")
    elif gt is not None and not number > gt:
        yield Problem(path, f"must be greater than {gt:g}, got {_short(value)}")
    elif ge is not None and not number >= ge:
        yield Problem(path, f"must be greater than or equal to {ge:g}, got {_short(value)}")
    elif le is not None and not number <= le:
        yield Problem(path, f"must be less than or equal to {le:g}, got {_short(value)}")


def _span(
    path: Path, span: object, value: float, low: float, high: float, domain: str
) -> Iterator[Problem]:
    if span is None:
        return
    if not isinstance(span, tuple | list) or len(span) != 2:
        yield Problem(path, "expected a pair (low, high)")
        return
    for j, end in enumerate(span):
        yield from _bounded((*path, j), end)
    a, b = float(span[0]), float(span[1])
    if a > b:
        yield Problem(path, f"range low {a:g} is above its high {b:g}")
    elif not a <= value <= b:
        yield Problem(path, f"range [{a:g}, {b:g}] does not contain the value {value:g}")
    elif a < low or b > high:
        yield Problem(path, f"range [{a:g}, {b:g}] lies outside {domain}")


def _unknown(kind: str, name: object, known: Collection[str]) -> str:
    hint = difflib.get_close_matches(str(name), list(known), n=1, cutoff=0.6)
    message = f"unknown {kind} {_short(name)}"
    return message + (f"; did you mean {hint[0]!r}?" if hint else "")


def _on_scale(issue: Issue, value: float) -> bool:
    return issue.low <= value <= issue.high


def _problems(scenario: Scenario) -> Iterator[Problem]:
    """The scenario's problems in the order a reader of the file meets them, lazily: each
    check runs only once the ones before it passed, so only the first is ever asked for."""
    yield from _text(("id",), scenario.id)
    yield from _text(("title",), scenario.title)
    for name in ("actors", "issues", "stakes"):
        if not isinstance(getattr(scenario, name), tuple) or not getattr(scenario, name):
            yield Problem((name,), "must list at least one entry")
            return

    actors: dict[str, int] = {}
    for k, actor in enumerate(scenario.actors):
        here: Path = ("actors", k)
        yield from _text((*here, "id"), actor.id)
        yield from _bounded((*here, "capability"), actor.capability, gt=0)
        if actor.role not in ROLES:
            yield Problem(
                (*here, "role"), f"must be one of {', '.join(ROLES)}, got {_short(actor.role)}"
            )
        yield from _bounded(
            (*here, "reservation_utility"), actor.reservation_utility, ge=0, le=1, optional=True
        )
        yield from _bounded((*here, "discount_factor"), actor.discount_factor, gt=0, optional=True)
        if _number(actor.discount_factor) and actor.discount_factor > 1:  # type: ignore[operator]
            yield Problem(
                (*here, "discount_factor"),
                f"must be less than or equal to 1, got {_short(actor.discount_factor)}",
            )
        yield from _bounded((*here, "population"), actor.population, gt=0, optional=True)
        if actor.id in actors:
            yield Problem((*here, "id"), f"duplicate actor id {actor.id!r}")
        actors[actor.id] = k
        if actor.capability_range is not None:
            yield from _span(
                (*here, "capability_range"),
                actor.capability_range,
                actor.capability,
                0.0,
                math.inf,
                "(0, infinity)",
            )
            if actor.capability_range[0] <= 0:
                yield Problem((*here, "capability_range"), "capabilities must be > 0")

    issues: dict[str, Issue] = {}
    for k, issue in enumerate(scenario.issues):
        here = ("issues", k)
        yield from _text((*here, "id"), issue.id)
        yield from _bounded((*here, "low"), issue.low)
        yield from _bounded((*here, "high"), issue.high)
        if issue.id in issues:
            yield Problem((*here, "id"), f"duplicate issue id {issue.id!r}")
        issues[issue.id] = issue
        if not issue.low < issue.high:
            yield Problem(
                (*here, "high"), f"low ({issue.low:g}) must be below high ({issue.high:g})"
            )
            return
        scale = f"[{issue.low:g}, {issue.high:g}]"
        yield from _bounded((*here, "status_quo"), issue.status_quo, optional=True)
        if issue.status_quo is not None and not _on_scale(issue, issue.status_quo):
            yield Problem(
                (*here, "status_quo"), f"{issue.status_quo:g} lies outside the scale {scale}"
            )
        for value, _ in issue.labels:
            yield from _bounded((*here, "labels"), value)
            if not _on_scale(issue, value):
                yield Problem(
                    (*here, "labels"), f"label at {value:g} lies outside the scale {scale}"
                )
        if issue.options is not None:
            if not issue.options:
                yield Problem((*here, "options"), "must list at least one value")
            if len(set(issue.options)) != len(issue.options):
                yield Problem((*here, "options"), "values must not repeat")
            for j, value in enumerate(issue.options):
                yield from _bounded((*here, "options", j), value)
                if not _on_scale(issue, value):
                    yield Problem(
                        (*here, "options", j), f"{value:g} lies outside the scale {scale}"
                    )

    evidence: set[str] = set()
    for k, record in enumerate(scenario.evidence):
        here = ("evidence", k)
        yield from _text((*here, "id"), record.id)
        if record.id in evidence:
            yield Problem((*here, "id"), f"duplicate evidence id {record.id!r}")
        evidence.add(record.id)
        if record.quote is None and record.summary is None:
            yield Problem(here, "needs a quote or a summary")

    seen: dict[tuple[str, str], int] = {}
    salience_total: dict[str, float] = dict.fromkeys(issues, 0.0)
    counts: dict[str, int] = dict.fromkeys(issues, 0)
    for k, stake in enumerate(scenario.stakes):
        here = ("stakes", k)
        if stake.actor not in actors:
            yield Problem((*here, "actor"), _unknown("actor", stake.actor, actors))
            return
        if stake.issue not in issues:
            yield Problem((*here, "issue"), _unknown("issue", stake.issue, issues))
            return
        yield from _bounded((*here, "position"), stake.position)
        yield from _bounded((*here, "salience"), stake.salience, ge=0, le=1)
        yield from _bounded((*here, "reservation"), stake.reservation, optional=True)
        pair = (stake.actor, stake.issue)
        if pair in seen:
            yield Problem(
                here,
                f"a second position of {stake.actor!r} on {stake.issue!r} "
                f"(the first is positions[{seen[pair]}])",
            )
        seen[pair] = k
        issue = issues[stake.issue]
        scale = f"the scale [{issue.low:g}, {issue.high:g}] of issue {issue.id!r}"
        if not _on_scale(issue, stake.position):
            yield Problem((*here, "position"), f"{stake.position:g} lies outside {scale}")
        if stake.reservation is not None and not _on_scale(issue, stake.reservation):
            yield Problem((*here, "reservation"), f"{stake.reservation:g} lies outside {scale}")
        if stake.evaluations is not None:
            if not stake.evaluations:
                yield Problem((*here, "evaluations"), "must give at least one point")
            for value, utility in stake.evaluations:
                yield from _bounded((*here, "evaluations"), value)
                yield from _bounded((*here, "evaluations"), utility, ge=0, le=1)
                if not _on_scale(issue, value):
                    yield Problem((*here, "evaluations"), f"point {value:g} lies outside {scale}")
        for j, ref in enumerate(stake.evidence):
            if ref not in evidence:
                yield Problem((*here, "evidence", j), _unknown("evidence record", ref, evidence))
        yield from _span(
            (*here, "position_range"),
            stake.position_range,
            stake.position,
            issue.low,
            issue.high,
            scale,
        )
        yield from _span(
            (*here, "salience_range"), stake.salience_range, stake.salience, 0.0, 1.0, "[0, 1]"
        )
        salience_total[stake.issue] += stake.salience
        counts[stake.issue] += 1

    for k, issue in enumerate(scenario.issues):
        if counts[issue.id] == 0:
            yield Problem(("issues", k), f"no actor has a position on issue {issue.id!r}")
        elif salience_total[issue.id] <= 0:
            yield Problem(
                ("issues", k), f"every salience on issue {issue.id!r} is 0: nobody cares about it"
            )

    for k, issue in enumerate(scenario.issues):
        rule = issue.decision
        if rule is None:
            continue
        here = ("issues", k, "decision")
        for name in ("voters", "veto"):
            for j, actor_id in enumerate(getattr(rule, name) or ()):
                if actor_id not in actors:
                    yield Problem((*here, name, j), _unknown("actor", actor_id, actors))
        for j, actor_id in enumerate(rule.veto):
            if (actor_id, issue.id) not in seen:
                yield Problem(
                    (*here, "veto", j),
                    f"veto player {actor_id!r} has no position on issue {issue.id!r}",
                )
        if rule.setter is not None:
            if rule.setter not in actors:
                yield Problem((*here, "setter"), _unknown("actor", rule.setter, actors))
            elif (rule.setter, issue.id) not in seen:
                yield Problem(
                    (*here, "setter"),
                    f"setter {rule.setter!r} has no position on issue {issue.id!r}",
                )
        if (rule.rule != "none" or rule.veto) and issue.status_quo is None:
            yield Problem(
                (*here, "rule"),
                f"issue {issue.id!r} has no status_quo, which its decision rule needs "
                "(what happens without agreement)",
            )

    if scenario.outcome is not None:
        for issue_id, value in scenario.outcome.values:
            path: Path = ("outcome", "values", issue_id)
            if issue_id not in issues:
                yield Problem(path, _unknown("issue", issue_id, issues))
                continue
            yield from _bounded(path, value)
            issue = issues[issue_id]
            if _number(value) and not _on_scale(issue, value):
                yield Problem(
                    path, f"{value:g} lies outside the scale [{issue.low:g}, {issue.high:g}]"
                )
