"""Articles that used to cost ``accord evidence`` time or memory growing with the square of
their size (issue 8), generated to a given size in bytes. Used by
``benchmarks/bench_evidence_scaling.py`` and by ``tests/test_evidence_scaling.py``.

Each generator is deterministic and returns text of at least ``size`` bytes (UTF-8).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "tests" / "data" / "evidence" / "seed-article.txt"


def _repeat(piece: str, size: int, joiner: str = "") -> str:
    count = max(1, -(-size // len((piece + joiner).encode("utf-8"))))
    return joiner.join([piece] * count)


def nested_quotes(size: int) -> str:
    """One paragraph of nested and partial quotations with no sentence end: one unit, many
    quotations (the whole paragraph used to be copied into every record)."""
    piece = (
        'Peskov said the plan was "a \'so-called "peace" deal\' of \'the "coalition"\'", '
        "and \"not 'serious'\", "
    )
    return "Talks stall\n\n" + _repeat(piece, size) + "he said."


def one_speaker(size: int) -> str:
    """The same quotation by the same speaker again and again: every record gets the same id
    stem (ids used to be probed ``-2``, ``-3``, ... from the start each time)."""
    return _repeat('"We will not give up our land," Dmitry Peskov said.', size, "\n\n")


def unclosed_html(size: int) -> str:
    """An HTML page whose paragraphs are never closed and whose sentences never end: one long
    unit with a cue, a quotation and a date every few words (the dates of the whole unit used
    to be searched once per quotation)."""
    piece = '<p>"We will not give up," Peskov said on Monday, and '
    return "<html><head><title>Talks</title></head><body><article>" + _repeat(piece, size)


def long_article(size: int) -> str:
    """An ordinary article (the founding article) repeated to ``size`` bytes."""
    seed = SEED.read_text(encoding="utf-8")
    body = seed.split("\n", 1)[1]
    return seed + _repeat(body, size - len(seed.encode("utf-8")), "\n\n")


def huge_number(digits: int = 400) -> str:
    """An article with a number of ``digits`` digits (it used to become ``inf`` in JSON)."""
    return (
        f'"The fund holds {"9" * digits} dollars," Peskov said. He added that '
        f"{'1' * digits}.5 million people and 1e{'9' * digits} tonnes were involved."
    )


#: The cases of the benchmark: name -> (generator, size in bytes as the issue measured it,
#: whether the input is HTML).
CASES: dict[str, tuple[Callable[[int], str], int, bool]] = {
    "nested quotations, one paragraph": (nested_quotes, 60_000, False),
    "one speaker, the same quotation": (one_speaker, 760_000, False),
    "unclosed HTML, one unit": (unclosed_html, 200_000, True),
    "ordinary article, repeated": (long_article, 9_900_000, False),
}
