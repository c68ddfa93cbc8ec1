"""Scenario format version 1: the pydantic schema and the checks across fields.

Parsing happens in three steps (:func:`read_document`). Pydantic checks each field on its own -
types, required fields, ranges such as a salience in [0, 1], no unknown fields, no NaN or
infinity. :func:`check_scenario` checks the decision rules, whose fields issues inherit. Then the
frozen domain objects of :mod:`accord.scenario` are built and :func:`checked` runs the checks
every scenario passes, however it was made (:mod:`accord.validation`: unique ids, references to
actors, issues and evidence, positions inside their issue's scale), reporting the file's field
path and line. Every step raises :class:`~accord.io.InputError`. The other readers (CSV, GENIUS,
DEU III) end in :func:`checked` too, so each check exists once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from accord.errors import InputError, PathPart, format_path
from accord.io._decision import DecisionFile, QuotaFile, build_decisions, check_decisions
from accord.io._text import Document
from accord.scenario import Actor, Evidence, Issue, Outcome, Scenario, Stake
from accord.validation import find_problem, validate

__all__ = [
    "LARGEST",
    "SCHEMA_VERSION",
    "SMALLEST",
    "ScenarioFile",
    "build_scenario",
    "check_scenario",
    "checked",
    "read_document",
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
    #: The names of :data:`accord.simulate.STRATEGIES` (a test keeps the two lists equal).
    strategy: Literal["boulware", "linear", "conceder", "tit-for-tat", "stalling"] | None = None


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
    models: dict[str, dict[str, Any]] = Field(default_factory=dict)


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
        errors = exc.errors()
        error = _misspelt(errors[0], errors) or errors[0]
        path = tuple(error["loc"])
        where = format_path(path) or None
        raise InputError(
            source, _describe(error), where=where, line=document.line_of(path)
        ) from None


def _misspelt(missing: Any, errors: list[Any]) -> Any:
    """For a missing required field, the unknown key next to it that is probably it misspelt
    (``salince`` for ``salience``): that key's error is the one to report, at its line."""
    if missing["type"] != "missing" or not missing["loc"]:
        return None
    name, parent = str(missing["loc"][-1]), tuple(missing["loc"][:-1])
    extras = {
        str(e["loc"][-1]): e
        for e in errors
        if e["type"] == "extra_forbidden" and tuple(e["loc"][:-1]) == parent
    }
    close = difflib.get_close_matches(name, list(extras), n=1, cutoff=0.6)
    return extras[close[0]] if close else None


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


def _unknown(kind: str, name: str, known: Any) -> str:
    hint = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    message = f"unknown {kind} {name!r}"
    return message + (f"; did you mean {hint[0]!r}?" if hint else "")


def check_scenario(model: ScenarioFile, document: Document, source: str) -> None:
    """The checks that belong to the file format: a scenario file's id is a slug; the decision
    rules, whose fields an issue inherits from the scenario-level default, are checked where
    each field was written. Every other check across fields is :mod:`accord.validation`'s,
    run on the built scenario by :func:`checked`."""

    def fail(path: tuple[PathPart, ...], problem: str) -> None:
        raise InputError(
            source, problem, where=format_path(path) or None, line=document.line_of(path)
        )

    if not SLUG.match(model.id):
        fail(("id",), f"must be a slug (lowercase letters, digits and -), got {model.id!r}")
    pairs = {(p.actor, p.issue) for p in model.positions}
    check_decisions(
        model.decision, model.issues, {a.id: a for a in model.actors}, pairs, fail, _unknown
    )


#: The file's names for the fields whose names differ in :mod:`accord.scenario`.
_FILE_NAMES = {"stakes": "positions"}


def checked(
    scenario: Scenario,
    source: str,
    line_of: Callable[[tuple[PathPart, ...]], int | None] | None = None,
) -> Scenario:
    """The scenario, once :mod:`accord.validation` found no problem in it; else InputError
    naming ``source``, the file's field path and, when ``line_of`` knows it, the line."""
    found = find_problem(scenario)
    if found is None:
        return validate(scenario)  # marks it as checked, so the models do not check again
    path = found.path
    if path and isinstance(path[0], str):
        path = (_FILE_NAMES.get(path[0], path[0]), *path[1:])
    line = line_of(path) if line_of is not None else None
    raise InputError(source, found.problem, where=format_path(path) or None, line=line)


def read_document(document: Document, source: str) -> Scenario:
    """Parsed YAML or JSON (or a document a reader assembled) as a checked scenario: the
    schema, the decision rules, then the checks every scenario passes."""
    model = validate_document(document, source)
    check_scenario(model, document, source)
    check_models(model.models, source)
    return checked(build_scenario(model), source, document.line_of)


def _pair(values: list[float] | None) -> tuple[float, float] | None:
    return None if values is None else (values[0], values[1])


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
                strategy=a.strategy,
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
        models=tuple(
            (name, tuple((key, _frozen(value)) for key, value in params.items()))
            for name, params in model.models.items()
        ),
    )


def _frozen(value: Any) -> Any:
    """Lists (from YAML or JSON) as tuples, so that the scenario stays immutable."""
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    return value


def check_models(models: dict[str, dict[str, Any]], source: str) -> None:
    """InputError naming the first unknown model or invalid hyperparameter under ``models:``."""
    from accord.models import MODELS

    for name, params in models.items():
        if name not in MODELS:
            raise InputError(
                source, f"unknown model {name!r}; choose from {', '.join(MODELS)}", where="models"
            )
        try:
            MODELS[name].from_params(**{k: _frozen(v) for k, v in params.items()}).check_params()
        except TypeError as exc:
            problem = str(exc).split("got an ", 1)[-1].replace("__init__() ", "")
            raise InputError(source, problem, where=f"models.{name}") from None
        except ValueError as exc:
            raise InputError(source, str(exc), where=f"models.{name}") from None
