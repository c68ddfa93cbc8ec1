"""The edge of accord: reading, validating and writing files.

Everything that comes from outside - scenario files (YAML, JSON, the two CSV conventions of the
field, GENIUS/ANAC negotiation domains), the DEU III data set - is validated here and turned into
the frozen objects of :mod:`accord.scenario`. Problems are reported as :class:`InputError`, one
line naming the file, the place and the problem. The core never imports this package.
"""

from __future__ import annotations

from accord.errors import InputError
from accord.io._files import (
    FORMATS,
    STDIN,
    Format,
    atomic_write,
    dump_scenario,
    format_for,
    load_scenario,
    parse_scenario,
    read_input,
    save_scenario,
    scenario_to_dict,
)
from accord.io._text import MAX_BYTES, decode_text, read_bytes, read_text
from accord.io.formats import REGISTRY, FileFormat
from accord.io.genius import load_genius

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "REGISTRY",
    "STDIN",
    "FileFormat",
    "Format",
    "InputError",
    "atomic_write",
    "decode_text",
    "dump_scenario",
    "format_for",
    "load_genius",
    "load_scenario",
    "parse_scenario",
    "read_bytes",
    "read_input",
    "read_text",
    "save_scenario",
    "scenario_to_dict",
]
