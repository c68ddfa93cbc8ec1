"""``accord convert``: a scenario from one file format to another."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from accord.cli._app import app, fail, guarded

if TYPE_CHECKING:
    from accord.io.formats import FileFormat


@app.command()
def convert(
    source: Annotated[str, typer.Argument(metavar="IN", help="Scenario file to read.")],
    target: Annotated[
        str,
        typer.Argument(
            metavar="OUT", help="File to write: .yaml, .yml, .json, .csv or .xml (KTAB SMP)."
        ),
    ],
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="FORMAT",
            help="yaml, json, csv (Actor,Capability,Position,Salience), ktab (KTAB CSV) or "
            "ktab-xml; "
            "default: from OUT's suffix (.csv: whichever CSV holds the scenario).",
        ),
    ] = None,
) -> None:
    """Convert a scenario between YAML, JSON and the field's CSV conventions, without loss."""
    with guarded():
        from accord.io import FORMATS, STDIN, load_scenario, save_scenario
        from accord.io.formats import detect, get_format

        if to is not None and to not in FORMATS:
            fail(f"--to {to!r}: choose from {', '.join(FORMATS)}")
        scenario = load_scenario(source)
        save_scenario(scenario, target, to)
        if source != STDIN and Path(source).is_file():
            _warn_about_comments(Path(source), get_format(to) if to else detect("", target))


def _warn_about_comments(source: Path, target: FileFormat) -> None:
    """Comments in a YAML scenario are not carried over: say so, with the first one's line."""
    if source.suffix.lower() not in (".yaml", ".yml") or target.keeps_comments:
        return
    try:
        lines = source.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return
    for number, line in enumerate(lines, start=1):
        if _COMMENT.search(line):
            sys.stderr.write(
                f"accord: warning: {source}:{number}: comments are not carried over to the "
                f"{target.name.upper()} file (the first is on this line)\n"
            )
            return


# A comment: '#' at the start of a line or after a space, outside quotes (a good-enough test:
# a '#' inside a quoted string preceded by a space is taken for a comment too, which only
# adds a warning).
_COMMENT = re.compile(r"(?:^|\s)#")
