"""The ``accord`` command line.

Each command is a thin function in its own module here that parses its options; the work is
imported when the command runs, so that ``accord`` starts fast whichever command is asked for.
``accord --version`` answers before typer is even imported. Problems with input become one
line on stderr and exit status 2 (see :func:`accord.cli._app.guarded`).
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typer import Typer

__all__ = ["app", "main"]

#: The modules that register a command on the typer application, in ``--help`` order.
COMMANDS = (
    "backtest",
    "convert",
    "deals",
    "diff",
    "evidence",
    "forecast",
    "gaps",
    "history",
    "models",
    "report",
    "seals",
    "serve",
    "simulate",
    "truce",
)


def _application() -> Typer:
    """The typer application with every command registered."""
    for name in COMMANDS:
        import_module(f"accord.cli.{name}")
    from accord.cli._app import app

    return app


def __getattr__(name: str) -> Any:
    if name == "app":
        return _application()
    raise AttributeError(f"module 'accord.cli' has no attribute {name!r}")


def main() -> None:
    """Entry point of the ``accord`` command."""
    if sys.argv[1:] == ["--version"]:
        from accord import __version__

        sys.stdout.write(f"accord {__version__}\n")
        return
    _application()()
