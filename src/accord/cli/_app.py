"""The typer application, its error handling and the shared output helpers."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from accord.errors import MAX_MESSAGE, InputError, one_line

__all__ = ["app", "fail", "guarded", "print_json", "stdout_console"]

CommandFunction = TypeVar("CommandFunction", bound=Callable[..., Any])


class _Command(TyperCommand):
    """A command whose ``--help`` lists arguments by name (``FILE``, not ``FILE <str>``) and
    whose choice options, given a value they do not have, fail with one line and status 2."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except typer.BadParameter as exc:
            descriptor = getattr(exc.param, "type_descriptor", None)
            choices = getattr(descriptor, "choices", None)
            if not choices or exc.param is None:
                raise
            given = re.search(r"('.*'|\".*\") is not one of", exc.message)
            name = max(exc.param.opts, key=len) if exc.param.opts else str(exc.param.name)
            value = f" {given.group(1)}" if given else ""
            fail(f"{name}{value}: choose from {', '.join(str(c) for c in choices)}")

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments = []
        options = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                label, text = record
                if "|" not in label:  # a choice keeps its values; a free value only its name
                    label = label.partition(" <")[0]
                arguments.append((label, text))
            elif param.param_type_name == "option":
                options.append(record)
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        if options:
            with formatter.section("Options"):
                formatter.write_dl(options)


class _Typer(typer.Typer):
    """Every command of the application is a :class:`_Command`."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[CommandFunction], CommandFunction]:
        kwargs.setdefault("cls", _Command)
        return super().command(*args, **kwargs)


class _OneLineErrors(TyperGroup):
    """The command group, with click's usage errors (a bad option value, a missing argument)
    reported as one line like every other bad input, instead of click's usage block."""

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            status = super().main(args, prog_name, complete_var, False, **extra)
        except typer.Abort:
            sys.stderr.write("accord: aborted\n")
            sys.exit(1)
        except Exception as exc:
            # click's exceptions (typer vendors click and does not export them): anything
            # with a message and an exit status.
            if not (hasattr(exc, "format_message") and hasattr(exc, "exit_code")):
                raise
            if type(exc).__name__ == "NoArgsIsHelpError":  # `accord` alone: the help text
                exc.show()  # type: ignore[attr-defined]
                sys.exit(exc.exit_code)
            context = getattr(exc, "ctx", None)
            hint = f" (see {context.command_path} --help)" if context is not None else ""
            message = one_line(exc.format_message(), MAX_MESSAGE - len("accord: ") - len(hint))
            sys.stderr.write(f"accord: {message}{hint}\n")
            sys.exit(exc.exit_code)
        sys.exit(status if isinstance(status, int) else 0)


app = _Typer(
    cls=_OneLineErrors,
    name="accord",
    help="Understand and forecast multi-party negotiations.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

#: Exit status for bad input (files, options).
BAD_INPUT = 2


def _version(value: bool) -> None:
    if value:
        from accord import __version__

        sys.stdout.write(f"accord {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _options(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Understand and forecast multi-party negotiations."""


def fail(message: str, status: int = BAD_INPUT) -> NoReturn:
    """Print ``accord: message`` on stderr, folded to one line, and exit with ``status``."""
    sys.stderr.write(f"accord: {one_line(message, MAX_MESSAGE - len('accord: '))}\n")
    raise typer.Exit(status)


@contextmanager
def guarded() -> Iterator[None]:
    """Turn expected failures into one line on stderr and a clean exit status."""
    try:
        yield
    except InputError as exc:
        # Already one line that keeps the file name whole (accord.errors.InputError.__str__).
        sys.stderr.write(f"accord: {exc}\n")
        raise typer.Exit(BAD_INPUT) from None
    except KeyboardInterrupt:
        fail("interrupted", status=130)
    except BrokenPipeError:
        # The reader went away (e.g. `accord ... | head`): not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0) from None


def print_json(data: Any) -> None:
    """Write ``data`` as JSON on stdout, and nothing else."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n")
    sys.stdout.flush()


def stdout_console() -> Any:
    """A rich console on stdout, wide enough for tables when stdout is not a terminal."""
    from rich.console import Console

    width = None if sys.stdout.isatty() or "COLUMNS" in os.environ else 120
    return Console(width=width, highlight=False, soft_wrap=False)
