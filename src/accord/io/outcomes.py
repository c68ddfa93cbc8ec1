"""OUTCOMES files for ``accord grade``: the known outcomes of scenarios, by scenario id.

The file (YAML or JSON) maps each scenario id to one scenario-format ``outcome`` block or to a
list of them, one per date::

    ukraine-ceasefire-2025-03:
      - date: 2025-03-18
        values: {ceasefire: 50}
        note: energy-infrastructure truce agreed in the Trump-Putin call

Each block is validated as a scenario file's ``outcome`` (``date``, ``values`` by issue id,
``note``); problems are one :class:`~accord.io.InputError` naming the file, the line and the
field.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import RootModel, ValidationError

from accord.errors import InputError, format_path
from accord.io._schema import OutcomeFile, _describe
from accord.io._text import parse_json, parse_yaml, read_text
from accord.scenario import Outcome

__all__ = ["load_outcomes"]


class _OutcomesFile(RootModel[dict[str, list[OutcomeFile]]]):
    pass


def load_outcomes(path: str | os.PathLike[str]) -> dict[str, tuple[Outcome, ...]]:
    """The outcomes in ``path`` by scenario id, each scenario's sorted by date (undated last)."""
    source = str(path)
    text = read_text(path, source)
    suffix = Path(source).suffix.lower()
    document = parse_json(text, source) if suffix == ".json" else parse_yaml(text, source)
    if not isinstance(document.data, dict) or not document.data:
        raise InputError(
            source, "expected a mapping of scenario ids to outcome blocks (date, values, note)"
        )
    data = {k: [v] if isinstance(v, dict) else v for k, v in document.data.items()}
    single = {k for k, v in document.data.items() if isinstance(v, dict)}
    try:
        model = _OutcomesFile.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(error["loc"])
        path_ = (loc[0], *loc[2:]) if loc and loc[0] in single else loc
        where = format_path(path_) or None
        raise InputError(
            source, _describe(error), where=where, line=document.line_of(path_)
        ) from None
    out: dict[str, tuple[Outcome, ...]] = {}
    for scenario, blocks in model.root.items():
        outcomes = [
            Outcome(values=tuple(b.values.items()), date=b.date, note=b.note) for b in blocks
        ]
        outcomes.sort(key=lambda o: (o.date is None, o.date))
        out[scenario] = tuple(outcomes)
    return out
