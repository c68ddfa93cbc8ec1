"""What every fuzz test shares: the budget, the property, the hostile fragments, the mutators.

The property (issue 8): a command given outside input exits 0 with valid output, or exits 2
with one line of at most 300 printable characters on stderr that starts ``accord: `` and names
the file (or the option); never a traceback, never another exit status, never more than 10 s of
CPU or 2 GB of memory for an input. Commands run in-process (typer's test runner), which is what
makes thousands of inputs affordable; the CPU time is the run's, the memory the peak resident
size of the test process.

The budget: ``pytest -m fuzz --fuzz-budget=N tests/fuzz`` runs N examples per test (see
tests/fuzz/README.md); the normal run uses :data:`DEFAULT_EXAMPLES`.
"""

from __future__ import annotations

import json
import os
import resource
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES_DIR = ROOT / "examples"
TEST_DATA = ROOT / "tests" / "data"

#: Examples per test in the normal run (the whole fuzz folder stays under about a minute).
DEFAULT_EXAMPLES = 8
EXAMPLES = int(os.environ.get("ACCORD_FUZZ_EXAMPLES", str(DEFAULT_EXAMPLES)))
MAX_SECONDS = 10.0
MAX_RSS_MB = 2048
MAX_LINE = 300

#: Inputs tried per reader in this process (printed at the end of a fuzz run).
TRIED: Counter[str] = Counter()
#: The arguments of the last run (recorded with a failure).
LAST_ARGS: list[str] = []
#: Failures per (reader, family) when collecting.
FOUND: Counter[tuple[str, str]] = Counter()

common = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
    database=None,
    # Generating only: shrinking a 100 kB input takes minutes and the failure is printed whole.
    phases=[Phase.explicit, Phase.generate],
)
#: When set, failures are written to this JSON-lines file instead of failing the test (the long
#: run collects every family this way; see tests/fuzz/README.md).
COLLECT = os.environ.get("ACCORD_FUZZ_COLLECT")

#: Values that broke readers before (issue 8) and their neighbours.
HOSTILE_VALUES = [
    "1e308",
    "-1e308",
    "1e-200",
    "1e-320",
    "1e309",
    "-1e309",
    "5e-324",
    "9" * 401,
    "9" * 5000,
    "0." + "0" * 400 + "1",
    "0x10",
    "1_000",
    "nan",
    ".nan",
    ".inf",
    "-.inf",
    "inf",
    "-0",
    "0",
    "-1",
    "101",
    "2025-02-30",
    "2025-13-01",
    "0001-01-01",
    "9999-12-31",
    "2025-02-29",
    "!!float eighty",
    "!!timestamp 2025-99-99",
    "!!int x",
    "!!binary AAAA",
    "!!python/object:os.system x",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "~",
    "[]",
    "{}",
    "''",
    '""',
    "x" * 200_000,
    "a\u2028b",
    "a\u2029b",
    "a\x85b",
    "a\x07b",
    "a\x1b[31mb",
    "a\u202eb",
    "\ufeff",
    "e\u0301",
    "true",
    "NO",
    "&a x",
    "*a",
    "<<: {}",
    "- -",
    "? x",
    "\t",
]
#: Fragments inserted anywhere in a text.
FRAGMENTS = [
    *HOSTILE_VALUES,
    "\n",
    "\r",
    "\r\n",
    "\n\n",
    ",",
    '"',
    "'",
    ":",
    "- ",
    "#",
    "\x00",
    "\x0c",
    "\x7f",
    "\ud800",
    "<",
    ">",
    "&",
    "<!DOCTYPE x>",
    "<!-- c -->",
    "<?xml version='1.0'?>",
    "]]>",
    "\t",
]


@st.composite
def mutated_text(draw: st.DrawFn, bases: list[str], *, cap: int = 400_000) -> str:
    """One of ``bases`` with a few character- and line-level mutations."""
    text = draw(st.sampled_from(bases))
    for _ in range(draw(st.integers(1, 5))):
        n = len(text)
        op = draw(
            st.sampled_from(["insert", "replace", "delete", "duplicate", "lines", "swap", "random"])
        )
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, min(n, a + 200)))
        if op == "insert":
            text = text[:a] + draw(st.sampled_from(FRAGMENTS)) + text[a:]
        elif op == "replace":
            text = text[:a] + draw(st.sampled_from(HOSTILE_VALUES)) + text[b:]
        elif op == "delete":
            text = text[:a] + text[b:]
        elif op == "duplicate":
            text = text[:a] + text[a:b] * draw(st.integers(2, 50)) + text[a:]
        elif op in ("lines", "swap"):
            lines = text.splitlines(keepends=True)
            if len(lines) >= 2:
                i = draw(st.integers(0, len(lines) - 1))
                j = draw(st.integers(0, len(lines) - 1))
                if op == "lines":
                    lines.insert(j, lines[i])
                else:
                    lines[i], lines[j] = lines[j], lines[i]
                text = "".join(lines)
        else:
            text = text[:a] + draw(st.text(max_size=30)) + text[b:]
    return text[:cap]


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            out += _leaves(value, (*path, key))
    elif isinstance(data, list):
        for k, value in enumerate(data):
            out += _leaves(value, (*path, k))
    return out


def _parse_hostile(text: str) -> Any:
    """A hostile value as data (numbers as numbers where Python reads them)."""
    for kind in (int, float):
        try:
            return kind(text)
        except (ValueError, OverflowError):
            pass
    return text


@st.composite
def mutated_data(draw: st.DrawFn, base: Any) -> Any:
    """``base`` (parsed YAML/JSON) with a few of its values replaced, deleted or duplicated."""
    data = json.loads(json.dumps(base, default=str))
    for _ in range(draw(st.integers(1, 4))):
        paths = _leaves(data)
        path = draw(st.sampled_from(paths))
        if not path:
            continue
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        key = path[-1]
        op = draw(st.sampled_from(["value", "value", "delete", "duplicate", "type", "key"]))
        if op == "value":
            parent[key] = draw(
                st.one_of(
                    st.sampled_from(HOSTILE_VALUES).map(_parse_hostile),
                    st.floats(allow_nan=False, allow_infinity=False),
                    st.integers(-(10**30), 10**30),
                    st.text(max_size=20),
                    st.booleans(),
                    st.none(),
                )
            )
        elif op == "delete":
            del parent[key]
        elif op == "duplicate" and isinstance(parent, list):
            parent.insert(key, json.loads(json.dumps(parent[key])))
        elif op == "type":
            parent[key] = draw(st.sampled_from([[], {}, [1, 2], {"x": 1}, "", 0]))
        elif op == "key" and isinstance(parent, dict):
            parent[draw(st.sampled_from(HOSTILE_VALUES))] = parent.pop(key)
    return data


def run(args: list[str], stdin: bytes | str | None = None, *, reader: str) -> tuple[Any, float]:
    """Run ``accord ARGS`` in-process; returns the result and the CPU seconds it took."""
    from typer.testing import CliRunner

    from accord.cli import app

    TRIED[reader] += 1
    LAST_ARGS[:] = args
    runner = CliRunner()
    start = time.process_time()
    result = runner.invoke(app, args, input=stdin, catch_exceptions=True)
    return result, time.process_time() - start


def _no_constants(name: str) -> float:
    raise AssertionError(f"{name} in the JSON output")


def check(
    result: Any, seconds: float, names: list[str], *, json_out: bool = True, reader: str = ""
) -> None:
    """The property of the module docstring; ``names``: one must appear in an error line."""
    try:
        _check(result, seconds, names, json_out=json_out)
    except AssertionError as failure:
        if not COLLECT:
            raise
        _record(failure, result, reader)


def expect(condition: bool, message: str, result: Any, reader: str) -> None:
    """A further property of one test (recorded like :func:`check`'s when collecting)."""
    if condition:
        return
    failure = AssertionError(f"{message}: {result.stderr[:300]}")
    if not COLLECT:
        raise failure
    _record(failure, result, reader)


def _family(failure: AssertionError, result: Any) -> str:
    exception = result.exception
    if exception is not None and not isinstance(exception, SystemExit):
        frames = traceback.extract_tb(exception.__traceback__)
        ours = [f for f in frames if "/accord/" in f.filename] or frames
        where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
        return f"{type(exception).__name__} at {where}"
    return str(failure).splitlines()[0][:80] if str(failure) else "assertion"


def _record(failure: AssertionError, result: Any, reader: str) -> None:
    FOUND[(reader, _family(failure, result))] += 1
    entry = {
        "reader": reader,
        "family": _family(failure, result),
        "message": str(failure)[:400],
        "stderr": result.stderr[:400],
        "exit": result.exit_code,
        "args": [a[:200] for a in LAST_ARGS],
    }
    with open(str(COLLECT), "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=True) + "\n")


def _check(result: Any, seconds: float, names: list[str], *, json_out: bool) -> None:
    assert seconds <= MAX_SECONDS, f"took {seconds:.1f} s"
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert rss <= MAX_RSS_MB, f"peak memory {rss:.0f} MB"
    exception = result.exception
    if exception is not None and not isinstance(exception, SystemExit):
        raise AssertionError(f"traceback: {exception!r}") from exception
    assert result.exit_code in (0, 2), (result.exit_code, result.stderr[-500:])
    if result.exit_code == 2:
        assert result.stdout == "", result.stdout[:300]
        assert result.stderr.endswith("\n") and result.stderr.count("\n") == 1, result.stderr[:600]
        line = result.stderr.rstrip("\n")
        assert len(line) <= MAX_LINE, line
        assert line.startswith("accord: "), line
        assert any(name in line for name in names), line
        assert line.isprintable(), repr(line)
        return
    if json_out:
        json.loads(result.stdout, parse_constant=_no_constants)
    else:
        lowered = result.stdout.lower()
        assert " nan" not in lowered and " inf" not in lowered, result.stdout[:600]
