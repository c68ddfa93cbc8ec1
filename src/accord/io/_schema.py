"""Scenario format version 1: the pydantic schema and the checks across fields.

Parsing happens in two steps. Pydantic checks each field on its own - types, required fields,
ranges such as a salience in [0, 1], no unknown fields, no NaN or infinity. Then
:func:`check_scenario` checks what relates fields to each other - unique ids, references to
actors, issues and evidence, positions inside their issue's scale - and names the offending
field. Both steps raise :class:`~accord.io.InputError`; only then are the frozen domain objects
of :mod:`accord.scenario` built.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from accord.errors import InputError, PathPart, format_path
from accord.io._decision import DecisionFile, QuotaFile, build_decisions, check_decisions
from accord.io._text import Document
from accord.scenario import Actor, Evidence, Issue, Outcome, Scenario, Stake

__all__ = [
    "LARGEST",
    "SCHEMA_VERSION",
    "SMALLEST",
    "ScenarioFile",
    "build_scenario",
    "representable",
    "validate_document",
]

#: Numbers in a scenario have a magnitude of at most LARGEST and, unless 0, at least SMALLEST:
#: the models multiply capabilities, saliences and squared distances, and inputs outside this
#: range overflow to infinity or underflow to 0 (and then NaN) in those products.
LARGEST = 1e12
SMALLEST = 1e-12


def representable(value: float) -> str | None:
    """Why ``value`` is too large or too small to compute with (None: it is fine)."""
    size = abs(value)
    if not math.isfinite(value):
        return f"must be a finite number, got {value!r}"
    if size > LARGEST:
        return f"{value:g} is too large: accord computes with magnitudes up to {LARGEST:g}"
    if 0 < size < SMALLEST:
        return f"{value:g} is too small: write 0 or a magnitude of at least {SMALLEST:g}"
    return None


def _in_range(value: float) -> float:
    problem = representable(value)
    if problem:
        raise ValueError(problem)
    return value


SCHEMA_VERSION = 1
SLUG = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")

Text = Annotated[str, Field(min_length=1)]
Number = Annotated[float, Field(allow_inf_nan=False), AfterValidator(_in_range)]
Date = Annotated[dt.date, Field(strict=False)]
Range = Annotated[list[Number], Field(min_length=2, max_length=2)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


class ActorFile(_Record):
    id: Text
    name: Text | None = None
    aliases: list[Text] = Field(default_factory=list)
    capability: Annotated[Number, Field(gt=0)]
    role: Literal["party", "mediator", "stakeholder"] = "party"
    capability_range: Range | None = None
    reservation_utility: Annotated[Number, Field(ge=0, le=1)] | None = None
    discount_factor: Annotated[Number, Field(gt=0, le=1)] | None = None
    population: Annotated[Number, Field(gt=0)] | None = None


class IssueFile(_Record):
    id: Text
    name: Text | None = None
    description: str | None = None
    low: Number = 0.0
    high: Number = 100.0
    status_quo: Number | None = None
    labels: dict[Any, str] | None = None
    options: list[Number] | None = None
    decision: DecisionFile | None = None

    @field_validator("labels", mode="before")
    @classmethod
    def _numeric_keys(cls, value: Any) -> Any:
        return _keys_on_scale(value, "label")


class PositionFile(_Record):
    actor: Text
    issue: Text
    position: Number
    salience: Annotated[Number, Field(ge=0, le=1)]
    reservation: Number | None = None
    evidence: list[Text] = Field(default_factory=list)
    note: str | None = None
    position_range: Range | None = None
    salience_range: Range | None = None
    evaluations: dict[Any, Annotated[Number, Field(ge=0, le=1)]] | None = None

    @field_validator("evaluations", mode="before")
    @classmethod
    def _numeric_points(cls, value: Any) -> Any:
        return _keys_on_scale(value, "evaluation")


class EvidenceFile(_Record):
    id: Text
    speaker: Text | None = None
    date: Date | None = None
    source: Text | None = None
    url: Text | None = None
    quote: Text | None = None
    summary: Text | None = None


class OutcomeFile(_Record):
    date: Date | None = None
    values: dict[str, Number]
    note: str | None = None


class ScenarioFile(_Record):
    """The top level of a scenario file."""

    id: Text
    title: Text
    as_of: Date | None = None
    description: str | None = None
    actors: Annotated[list[ActorFile], Field(min_length=1)]
    issues: Annotated[list[IssueFile], Field(min_length=1)]
    positions: Annotated[list[PositionFile], Field(min_length=1)]
    evidence: list[EvidenceFile] = Field(default_factory=list)
    outcome: OutcomeFile | None = None
    decision: DecisionFile | None = None


def _keys_on_scale(value: Any, what: str) -> Any:
    """A mapping keyed by points of the issue's scale, with its keys as numbers (JSON writes
    them as strings); anything else is left for pydantic to reject."""
    if not isinstance(value, dict):
        return value
    out: dict[float, Any] = {}
    for key, item in value.items():
        number = _as_number(key)
        if number is None:
            raise ValueError(f"{what} keys must be numbers on the issue's scale, got {key!r}")
        out[number] = item
    return out


def _as_number(key: Any) -> float | None:
    if isinstance(key, bool):
        return None
    if isinstance(key, int | float):
        value = float(key)
    elif isinstance(key, str):
        try:
            value = float(key)
        except ValueError:
            return None
    else:
        return None
    return value if math.isfinite(value) else None


# --------------------------------------------------------------------------------------------
# Step 1: fields on their own


def validate_document(document: Document, source: str) -> ScenarioFile:
    """Validate the parsed data against the schema, or raise InputError for the first problem."""
    data = document.data
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a {type(data).__name__}"
        raise InputError(source, f"expected a mapping of scenario fields at the top, got {kind}")
    try:
        return ScenarioFile.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        path = tuple(error["loc"])
        where = format_path(path) or None
        raise InputError(
            source, _describe(error), where=where, line=document.line_of(path)
        ) from None


_MESSAGES = {
    "float_type": "expected a number",
    "int_type": "expected a whole number",
    "string_type": "expected text (quote it)",
    "list_type": "expected a list",
    "dict_type": "expected a mapping",
    "model_type": "expected a mapping",
    "tuple_type": "expected a list [low, high]",
    "literal_error": None,
    "finite_number": "must be a finite number (no NaN or infinity)",
    "date_from_datetime_parsing": "expected a date such as 2025-03-16",
    "date_parsing": "expected a date such as 2025-03-16",
    "date_type": "expected a date such as 2025-03-16",
    "date_from_datetime_inexact": "expected a date without a time",
    "too_short": None,
    "too_long": "expected a list [low, high]",
    "string_too_short": "must not be empty",
}


def _describe(error: Any) -> str:
    kind = error["type"]
    loc = error["loc"]
    given = error.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        name = str(loc[-1]) if loc else "?"
        hint = _suggest(name, loc[:-1])
        return f"unknown field {name!r}" + (f"; did you mean {hint!r}?" if hint else "")
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return f"{error['msg'].replace('Input should be', 'must be')}, got {given!r}"
    if kind == "too_short" and isinstance(given, list):
        return "must list at least one entry" if not given else "expected a list [low, high]"
    if kind == "too_long":
        return "expected a list [low, high]"
    message = _MESSAGES.get(kind)
    if message is None:
        message = str(error["msg"]).replace("Input should be", "must be")
        message = message.replace("Value error, ", "")
    if kind == "value_error":
        return message
    if given is not None and not isinstance(given, dict | list):
        return f"{message}, got {given!r}"
    return message


_FIELDS_AT: dict[tuple[str, ...], type[BaseModel]] = {
    (): ScenarioFile,
    ("actors",): ActorFile,
    ("issues",): IssueFile,
    ("positions",): PositionFile,
    ("evidence",): EvidenceFile,
    ("outcome",): OutcomeFile,
    ("decision",): DecisionFile,
    ("issues", "decision"): DecisionFile,
    ("decision", "quotas"): QuotaFile,
    ("issues", "decision", "quotas"): QuotaFile,
}


def _suggest(name: str, parent: tuple[Any, ...]) -> str | None:
    key = tuple(part for part in parent if isinstance(part, str))
    model = _FIELDS_AT.get(key)
    if model is None:
        return None
    matches = difflib.get_close_matches(name, list(model.model_fields), n=1, cutoff=0.6)
    return matches[0] if matches else None


# --------------------------------------------------------------------------------------------
# Step 2: fields against each other


class _Problems:
    def __init__(self, document: Document, source: str) -> None:
        self.document = document
        self.source = source

    def fail(self, path: tuple[PathPart, ...], problem: str) -> None:
        raise InputError(
            self.source, problem, where=format_path(path) or None, line=self.document.line_of(path)
        )


def _pair(values: list[float] | None) -> tuple[float, float] | None:
    return None if values is None else (values[0], values[1])


def _check_range(
    problems: _Problems,
    path: tuple[PathPart, ...],
    span: list[float] | None,
    value: float,
    low: float,
    high: float,
    domain: str,
) -> None:
    if span is None:
        return
    a, b = span
    if a > b:
        problems.fail(path, f"range low {a:g} is above its high {b:g}")
    if not a <= value <= b:
        problems.fail(path, f"range [{a:g}, {b:g}] does not contain the value {value:g}")
    if a < low or b > high:
        problems.fail(path, f"range [{a:g}, {b:g}] lies outside {domain}")


def check_scenario(model: ScenarioFile, document: Document, source: str) -> None:
    """Cross-field checks; raise InputError naming the first offending field."""
    problems = _Problems(document, source)
    if not SLUG.match(model.id):
        problems.fail(
            ("id",), f"must be a slug (lowercase letters, digits and -), got {model.id!r}"
        )

    actor_ids: dict[str, int] = {}
    for k, actor in enumerate(model.actors):
        if actor.id in actor_ids:
            problems.fail(("actors", k, "id"), f"duplicate actor id {actor.id!r}")
        actor_ids[actor.id] = k
        if actor.capability_range is not None:
            _check_range(
                problems,
                ("actors", k, "capability_range"),
                actor.capability_range,
                actor.capability,
                0.0,
                math.inf,
                "(0, infinity)",
            )
            if actor.capability_range[0] <= 0:
                problems.fail(("actors", k, "capability_range"), "capabilities must be > 0")

    issues: dict[str, IssueFile] = {}
    for k, issue in enumerate(model.issues):
        if issue.id in issues:
            problems.fail(("issues", k, "id"), f"duplicate issue id {issue.id!r}")
        issues[issue.id] = issue
        if not issue.low < issue.high:
            problems.fail(
                ("issues", k, "high"), f"low ({issue.low:g}) must be below high ({issue.high:g})"
            )
        scale = f"[{issue.low:g}, {issue.high:g}]"
        if issue.status_quo is not None and not issue.low <= issue.status_quo <= issue.high:
            problems.fail(
                ("issues", k, "status_quo"), f"{issue.status_quo:g} lies outside the scale {scale}"
            )
        for value in issue.labels or {}:
            if not issue.low <= value <= issue.high:
                problems.fail(
                    ("issues", k, "labels"), f"label at {value:g} lies outside the scale {scale}"
                )
        if issue.options is not None:
            if not issue.options:
                problems.fail(("issues", k, "options"), "must list at least one value")
            if len(set(issue.options)) != len(issue.options):
                problems.fail(("issues", k, "options"), "values must not repeat")
            for j, value in enumerate(issue.options):
                if not issue.low <= value <= issue.high:
                    problems.fail(
                        ("issues", k, "options", j), f"{value:g} lies outside the scale {scale}"
                    )

    evidence_ids: set[str] = set()
    for k, record in enumerate(model.evidence):
        if record.id in evidence_ids:
            problems.fail(("evidence", k, "id"), f"duplicate evidence id {record.id!r}")
        evidence_ids.add(record.id)
        if record.quote is None and record.summary is None:
            problems.fail(("evidence", k), "needs a quote or a summary")

    seen_pairs: dict[tuple[str, str], int] = {}
    salience_total: dict[str, float] = dict.fromkeys(issues, 0.0)
    counts: dict[str, int] = dict.fromkeys(issues, 0)
    for k, position in enumerate(model.positions):
        here: tuple[PathPart, ...] = ("positions", k)
        if position.actor not in actor_ids:
            problems.fail((*here, "actor"), _unknown("actor", position.actor, actor_ids))
        if position.issue not in issues:
            problems.fail((*here, "issue"), _unknown("issue", position.issue, issues))
        pair = (position.actor, position.issue)
        if pair in seen_pairs:
            problems.fail(
                here,
                f"a second position of {position.actor!r} on {position.issue!r} "
                f"(the first is positions[{seen_pairs[pair]}])",
            )
        seen_pairs[pair] = k
        issue = issues[position.issue]
        scale = f"the scale [{issue.low:g}, {issue.high:g}] of issue {issue.id!r}"
        if not issue.low <= position.position <= issue.high:
            problems.fail((*here, "position"), f"{position.position:g} lies outside {scale}")
        if position.reservation is not None and not (
            issue.low <= position.reservation <= issue.high
        ):
            problems.fail((*here, "reservation"), f"{position.reservation:g} lies outside {scale}")
        if position.evaluations is not None:
            if not position.evaluations:
                problems.fail((*here, "evaluations"), "must give at least one point")
            for value in position.evaluations:
                if not issue.low <= value <= issue.high:
                    problems.fail((*here, "evaluations"), f"point {value:g} lies outside {scale}")
        for j, ref in enumerate(position.evidence):
            if ref not in evidence_ids:
                problems.fail(
                    (*here, "evidence", j), _unknown("evidence record", ref, evidence_ids)
                )
        _check_range(
            problems,
            (*here, "position_range"),
            position.position_range,
            position.position,
            issue.low,
            issue.high,
            scale,
        )
        _check_range(
            problems,
            (*here, "salience_range"),
            position.salience_range,
            position.salience,
            0.0,
            1.0,
            "[0, 1]",
        )
        salience_total[position.issue] += position.salience
        counts[position.issue] += 1

    for k, issue in enumerate(model.issues):
        if counts[issue.id] == 0:
            problems.fail(("issues", k), f"no actor has a position on issue {issue.id!r}")
        if salience_total[issue.id] <= 0:
            problems.fail(
                ("issues", k), f"every salience on issue {issue.id!r} is 0: nobody cares about it"
            )

    check_decisions(
        model.decision,
        model.issues,
        {a.id: a for a in model.actors},
        set(seen_pairs),
        problems.fail,
        _unknown,
    )

    if model.outcome is not None:
        for issue_id, value in model.outcome.values.items():
            path: tuple[PathPart, ...] = ("outcome", "values", issue_id)
            if issue_id not in issues:
                problems.fail(path, _unknown("issue", issue_id, issues))
            issue = issues[issue_id]
            if not issue.low <= value <= issue.high:
                problems.fail(
                    path, f"{value:g} lies outside the scale [{issue.low:g}, {issue.high:g}]"
                )


def _unknown(kind: str, name: str, known: Any) -> str:
    hint = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    message = f"unknown {kind} {name!r}"
    return message + (f"; did you mean {hint[0]!r}?" if hint else "")


# --------------------------------------------------------------------------------------------
# Step 3: domain objects


def build_scenario(model: ScenarioFile) -> Scenario:
    """The frozen domain objects of an already checked file."""
    decisions = build_decisions(model.decision, model.issues, model.actors)
    return Scenario(
        id=model.id,
        title=model.title,
        as_of=model.as_of,
        description=model.description,
        actors=tuple(
            Actor(
                id=a.id,
                name=a.name,
                aliases=tuple(a.aliases),
                capability=a.capability,
                role=a.role,
                capability_range=_pair(a.capability_range),
                reservation_utility=a.reservation_utility,
                discount_factor=a.discount_factor,
                population=a.population,
            )
            for a in model.actors
        ),
        issues=tuple(
            Issue(
                id=i.id,
                name=i.name,
                description=i.description,
                low=i.low,
                high=i.high,
                status_quo=i.status_quo,
                labels=tuple(sorted((i.labels or {}).items())),
                options=tuple(i.options) if i.options is not None else None,
                decision=decision,
            )
            for i, decision in zip(model.issues, decisions, strict=True)
        ),
        stakes=tuple(
            Stake(
                actor=p.actor,
                issue=p.issue,
                position=p.position,
                salience=p.salience,
                reservation=p.reservation,
                evidence=tuple(p.evidence),
                note=p.note,
                position_range=_pair(p.position_range),
                salience_range=_pair(p.salience_range),
                evaluations=(
                    tuple(sorted(p.evaluations.items())) if p.evaluations is not None else None
                ),
            )
            for p in model.positions
        ),
        evidence=tuple(
            Evidence(
                id=e.id,
                speaker=e.speaker,
                date=e.date,
                source=e.source,
                url=e.url,
                quote=e.quote,
                summary=e.summary,
            )
            for e in model.evidence
        ),
        outcome=(
            Outcome(
                values=tuple(model.outcome.values.items()),
                date=model.outcome.date,
                note=model.outcome.note,
            )
            if model.outcome is not None
            else None
        ),
    )
