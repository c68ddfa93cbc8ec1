"""Fuzzing ``accord evidence`` with mutated and generated articles: text, HTML and stdin.

The inputs are the annotated articles of ``tests/data/evidence`` (and the founding article),
mutated by hypothesis - spans deleted, duplicated or moved, hostile fragments inserted
(quotation marks of every kind, line and paragraph separators, control characters, NUL, byte
order marks, huge and odd numbers, dates that do not exist, tags, reporting verbs), bytes
that are not UTF-8 - and text generated from an alphabet of those fragments. Each input runs
through the real command line in-process (typer's test runner), as a ``.txt`` file, an
``.html`` page, a file without suffix or standard input, with or without ``--scenario`` and
``--published``.

The property (issue 8): exit 0 with valid output - JSON without NaN or infinity, every
quotation's offsets giving its text, distinct record ids - or exit 2 with one line of at most
300 characters on stderr that names the file (or the option); never a traceback or another
exit status, never more than 10 s or 2 GB for an input. The time is the CPU time of the run
(the machine that runs the suite may be shared: wall time there measures the neighbours too),
the memory the peak resident size of the test process.

Examples per test: ``--fuzz-budget=N`` or ``ACCORD_FUZZ_EXAMPLES`` (default 10, so that CI stays
quick); a long run: ``.venv/bin/python -m pytest -m fuzz --fuzz-budget=2000 tests/fuzz``
(tests/fuzz/README.md).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import fuzzing
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "tests" / "data" / "evidence"
CASE = ROOT / "examples" / "ukraine-ceasefire-2025-03.yaml"
EXAMPLES = int(os.environ.get("ACCORD_FUZZ_EXAMPLES", "10"))

pytestmark = pytest.mark.fuzz


def _articles() -> list[str]:
    texts = [(ARTICLES / "seed-article.txt").read_text(encoding="utf-8")]
    for path in sorted(ARTICLES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "text" in data:
            texts.append(data["text"])
    return texts


BASES = _articles()
FRAGMENTS = [
    '"',
    "“",
    "”",
    "„",
    "«",
    "»",
    "‘",
    "’",
    "'",
    '"," ',
    ' said Peskov. "',
    ", according to ",
    ' told CNN: "',
    " Mr. ",
    " - ",
    ":",
    "\n",
    "\n\n",
    "\r",
    "\u2028",
    "\u2029",
    "\x85",
    "\x0c",
    "\x00",
    "\x1b[31m",
    "\ufeff",
    "\u200b",
    "\u202e",
    "e\u0301",
    "🙂",
    "9" * 400,
    "1e309",
    "0." + "0" * 400 + "1",
    "1,000,000,000,000,000,000",
    "one hundred " * 50,
    "-" * 1000,
    "on February 30",
    "2025-02-30",
    "13/13/2025",
    "on Sunday",
    "<p>",
    "</p>",
    "<script>alert(1)</script>",
    "<!--",
    "&amp;",
    "&#0;",
    "<![CDATA[",
    "- ",
    "• ",
    "Sources: ",
    "(Related: ",
    "By Jane Doe",
]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A test article with a few mutations."""
    text = draw(st.sampled_from(BASES))
    for _ in range(draw(st.integers(0, 6))):
        n = len(text)
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, min(n, a + 400)))
        op = draw(st.sampled_from(["insert", "delete", "duplicate", "move", "random"]))
        if op == "insert":
            text = text[:a] + draw(st.sampled_from(FRAGMENTS)) + text[a:]
        elif op == "delete":
            text = text[:a] + text[b:]
        elif op == "duplicate":
            text = text[:a] + text[a:b] * draw(st.integers(2, 20)) + text[a:]
        elif op == "move":
            piece = text[a:b]
            rest = text[:a] + text[b:]
            k = draw(st.integers(0, len(rest)))
            text = rest[:k] + piece + rest[k:]
        else:
            text = text[:a] + draw(st.text(max_size=40)) + text[b:]
    return text[:60_000]


generated = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(["Peskov", "said", "the", "minister"])),
    max_size=200,
).map(" ".join)


@st.composite
def raw_bytes(draw: st.DrawFn) -> bytes:
    """An article as bytes, sometimes with bytes that are not UTF-8 or a foreign encoding."""
    text = draw(st.one_of(mutated(), generated))
    kind = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1", "bytes"]))
    if kind == "latin-1":
        return text.encode("latin-1", "replace")
    if kind == "bytes":
        data = bytearray(text.encode("utf-8", "surrogatepass"))
        for _ in range(draw(st.integers(1, 4))):
            k = draw(st.integers(0, len(data)))
            data[k:k] = draw(st.binary(min_size=1, max_size=8))
        return bytes(data)
    return text.encode(kind, "surrogatepass")


def _html(text: str, closed: bool) -> str:
    paragraphs = text.split("\n\n")
    end = "</p>" if closed else ""
    body = "".join(f"<p>{p}{end}" for p in paragraphs)
    return f"<html><head><title>Fuzz</title></head><body><article>{body}"


def _reader(args: list[str]) -> str:
    """How the article comes in, as the fuzz run counts its inputs."""
    return "evidence " + ("stdin" if args[1] == "-" else Path(args[1]).suffix or "no suffix")


def _run(args: list[str], stdin: bytes | None = None) -> tuple[Any, float]:
    """``accord ARGS`` in-process (:func:`fuzzing.run`)."""
    return fuzzing.run(args, stdin, reader=_reader(args))


def check(result: Any, seconds: float, names: list[str]) -> None:
    """The property of the module docstring: the shared one (:func:`fuzzing.check`), then what
    valid evidence output must hold."""
    fuzzing.check(result, seconds, names, reader=_reader(fuzzing.LAST_ARGS))
    if result.exit_code != 0 or result.exception is not None:
        return  # an error line, already checked (or recorded when collecting)
    try:
        data = json.loads(result.stdout)
    except ValueError:
        return  # only when collecting: fuzzing.check recorded it
    for item in data if isinstance(data, list) else [data]:
        body = item["article"]["text"]
        for quote in item["quotes"]:
            assert body[quote["start"] : quote["end"]] == quote["text"]
        ids = [record["id"] for record in item["evidence"]]
        assert len(ids) == len(set(ids))
        for claim in item["numbers"]:
            for key in ("value", "low", "high"):
                assert claim[key] is None or isinstance(claim[key], int | float)


def _options(scenario: bool, published: str | None) -> list[str]:
    out = ["--json"]
    if scenario:
        out += ["--scenario", str(CASE)]
    if published is not None:
        out += ["--published", published]
    return out


published_dates = st.one_of(
    st.none(),
    st.dates().map(str),
    st.sampled_from(["2025-02-30", "0001-01-01", "9999-12-31", "2025-13-01", "x", "", "1" * 500]),
)
common = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@common
@given(
    text=st.one_of(mutated(), generated),
    suffix=st.sampled_from([".txt", "", ".md"]),
    scenario=st.booleans(),
    published=published_dates,
)
def test_text_articles(text: str, suffix: str, scenario: bool, published: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"a{suffix}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        result, seconds = _run(["evidence", str(path), *_options(scenario, published)])
    check(result, seconds, [str(path), "--published"])


@common
@given(data=raw_bytes(), suffix=st.sampled_from([".txt", ".html", ""]))
def test_bytes_as_articles(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"a{suffix}"
        path.write_bytes(data)
        result, seconds = _run(["evidence", str(path), "--json"])
    check(result, seconds, [str(path)])


@common
@given(text=st.one_of(mutated(), generated), closed=st.booleans(), scenario=st.booleans())
def test_html_pages(text: str, closed: bool, scenario: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.html"
        path.write_text(_html(text, closed), encoding="utf-8", errors="surrogatepass")
        result, seconds = _run(["evidence", str(path), *_options(scenario, None)])
    check(result, seconds, [str(path)])


@common
@given(data=raw_bytes(), published=published_dates)
def test_standard_input(data: bytes, published: str | None) -> None:
    result, seconds = _run(["evidence", "-", *_options(False, published)], stdin=data)
    check(result, seconds, ["<stdin>", "--published"])
