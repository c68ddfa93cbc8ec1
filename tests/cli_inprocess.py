"""Run the accord CLI inside the test process: the same exit status and output as a
subprocess, without paying for a new interpreter and its imports on every call."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Done:
    returncode: int
    stdout: str
    stderr: str


def accord(*args: str) -> Done:
    from typer.testing import CliRunner

    from accord.cli import app

    result = CliRunner().invoke(app, list(args))
    return Done(result.exit_code, result.stdout, result.stderr)
