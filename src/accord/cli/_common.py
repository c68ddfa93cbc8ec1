"""Option parsing shared by the commands that run models."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

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
EngineOption = Annotated[str, typer.Option(help="Where samples run: local, processes or dask.")]
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
            model = MODELS[name](**settings)
            model.check_params()
        except TypeError as exc:
            fail(f"model {name!r}: {exc}".replace("__init__() ", ""))
        except (ValueError, OverflowError) as exc:  # OverflowError: a value too large for a float
            fail(f"model {name!r}: {exc}")
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
