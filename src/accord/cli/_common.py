"""Option parsing shared by the commands that run models."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar

import typer

from accord.cli._app import fail

__all__ = [
    "EngineOption",
    "ModelsOption",
    "ParamsOption",
    "RoundsOption",
    "SchedulerOption",
    "WorkersOption",
    "build_models",
    "param_problem",
    "parse_params",
    "run_engine",
]

# Options shared by the commands that run models.
ModelsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--model",
        "-m",
        metavar="NAME",
        help="A model to run (repeatable); default: every registered model.",
    ),
]
RoundsOption = Annotated[
    int | None, typer.Option(metavar="N", help="Run bdm exactly N rounds, with no early stop.")
]
ParamsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--param",
        "-p",
        metavar="MODEL.NAME=VALUE",
        help="Set a model hyperparameter, e.g. bdm.variant=literal (repeatable).",
    ),
]
#: The engines of :data:`accord.uncertainty.ENGINES` (tests/test_options.py checks they agree;
#: spelt here so that registering the commands does not import numpy).
Engine = Literal["local", "processes", "dask"]
EngineOption = Annotated[Engine, typer.Option(help="Where samples run.")]
WorkersOption = Annotated[
    int | None,
    typer.Option(metavar="K", help="Worker processes (processes, dask); default: cores."),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        metavar="ADDRESS", help="Dask scheduler, e.g. tcp://host:8786 (default: a local cluster)."
    ),
]


def _value(text: str) -> Any:
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered in ("none", "null"):
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def parse_params(items: list[str] | None) -> dict[str, dict[str, Any]]:
    """Parse ``--param``: ``["bdm.variant=literal"]`` -> ``{"bdm": {"variant": "literal"}}``."""
    out: dict[str, dict[str, Any]] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        model, dot, name = key.partition(".")
        if not sep or not dot or not model or not name:
            fail(f"--param {item!r}: expected MODEL.NAME=VALUE, e.g. bdm.variant=literal")
        out.setdefault(model, {})[name] = _value(value)
    return out


def build_models(
    names: list[str] | None, params: dict[str, dict[str, Any]], *, rounds: int | None = None
) -> dict[str, Any]:
    """The requested registered models (all of them when ``names`` is empty), configured."""
    from accord.models import MODELS

    if rounds is not None and rounds < 1:
        fail(f"--rounds must be a positive integer, got {rounds}")
    chosen = list(dict.fromkeys(names)) if names else list(MODELS)
    unknown = [n for n in chosen if n not in MODELS]
    unknown += [n for n in params if n not in MODELS]
    if unknown:
        fail(f"unknown model {unknown[0]!r}; choose from {', '.join(MODELS)}")
    models = {}
    for name in chosen:
        settings = dict(params.get(name, {}))
        if name == "bdm" and rounds is not None:
            settings["rounds"] = rounds
        try:
            model = MODELS[name].from_params(**settings)
            model.check_params()
        except (TypeError, ValueError, OverflowError) as exc:  # Overflow: too large for a float
            fail(param_problem(MODELS[name], name, settings, exc))
        models[name] = model
    return models


Result = TypeVar("Result")


def run_engine(
    work: Callable[[Any, Any], Result],
    *,
    engine: str,
    workers: int | None,
    scheduler: str | None,
    description: str,
) -> Result:
    """Run ``work(engine, progress)`` on the chosen engine, with a progress bar on stderr for
    runs longer than a second; machinery failures become one line (exit 2 when the command
    can fix it, 1 otherwise)."""
    from accord.cli._progress import DelayedProgress
    from accord.uncertainty import EngineError, make_engine

    try:
        with (
            make_engine(engine, workers=workers, scheduler=scheduler) as eng,
            DelayedProgress(description) as progress,
        ):
            return work(eng, progress)
    except EngineError as exc:
        fail(str(exc), status=2 if exc.bad_input else 1)


_KINDS = {"float": "a number", "int": "a whole number", "bool": "true or false", "str": "a name"}
#: Values the models' own checks refuse, to make them say what they accept.
_PROBES: dict[str, Any] = {"float": -1e300, "int": -(10**9), "str": "\x00"}


def _parameters(cls: Any) -> dict[str, tuple[str, Any]]:
    """A model's hyperparameters by name: ``(annotation, default)``; a parameter whose default
    is an options dataclass stands for the options' fields (as ``-p`` gives them)."""
    import dataclasses
    import inspect

    out: dict[str, tuple[str, Any]] = {}
    for p in inspect.signature(cls.__init__).parameters.values():
        if p.kind is not inspect.Parameter.KEYWORD_ONLY:
            continue
        if dataclasses.is_dataclass(p.default) and not isinstance(p.default, type):
            for field in dataclasses.fields(p.default):
                out[field.name] = (str(field.type), getattr(p.default, field.name))
        else:
            out[p.name] = (str(p.annotation), p.default)
    return out


def _check(cls: Any, **settings: Any) -> None:
    """Build the model from ``-p`` settings and run its own checks (raises as they do)."""
    make = getattr(cls, "from_params", None) or cls
    make(**settings).check_params()


def param_problem(cls: Any, model: str, settings: dict[str, Any], error: Exception) -> str:
    """One line for a ``--param`` the model refuses: the model, the parameter and the values
    it takes (from its annotation, or by asking the model's own checks, so they are never out
    of date)."""
    import difflib
    import re

    parameters = _parameters(cls)
    for key in settings:
        if key not in parameters:
            hint = difflib.get_close_matches(key, list(parameters), n=1, cutoff=0.6)
            return (
                f"--param {model}.{key}: model {model!r} has no parameter {key!r}"
                + (f" (did you mean {hint[0]!r}?)" if hint else "")
                + f"; its parameters: {', '.join(parameters)}"
            )
    culprit = None
    for key, value in settings.items():
        try:
            _check(cls, **{key: value})
        except (TypeError, ValueError):
            culprit = key
            break
    if culprit is None:
        return f"model {model!r}: {error}"
    value = settings[culprit]
    annotation, default = parameters[culprit]
    words = annotation.split(" | ")
    kinds = [kind for word, kind in _KINDS.items() if word in words]
    allowed = None
    literal = re.search(r"Literal\[(.*?)\]", annotation)
    if literal:
        allowed = f"must be one of {literal.group(1)}"
    for word, probe in _PROBES.items():
        if allowed is None and (word in words or (word == "str" and not kinds)):
            try:
                _check(cls, **{culprit: probe})
            except (TypeError, ValueError) as exc:
                text = str(exc)
                if text.startswith(culprit + " ") and "; got" in text:
                    allowed = text[len(culprit) + 1 : text.index("; got")]
    optional = "None" in words and default is None
    parts = [f"expected {' or '.join(kinds)}"] if kinds else []
    if allowed and not allowed.startswith("must be a"):
        parts.append(f"{culprit} {allowed}")
    if optional:
        parts.append("or none (the default)")
    if not parts:
        parts.append(str(error))
    return (
        f"--param {model}.{culprit}={value!r}: model {model!r}, parameter {culprit!r}: "
        f"{'; '.join(parts)}; got {value!r}"
    )
