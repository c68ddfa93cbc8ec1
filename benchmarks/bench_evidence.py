"""Speed of ``accord evidence`` on plain text: articles per second on one core.

Runs the whole pipeline - cleaning, quotations and attribution, actors, numbers, evidence
records - on the founding article and on the annotated development passages, against the
case-study scenario, and prints articles per second. See benchmarks/README.md.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

from accord.evidence import extract, parse_article
from accord.evidence.evaluate import load_passages
from accord.io import load_scenario

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _machine import describe

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "evidence"


def rate(texts: list[str], scenario: object, repeats: int) -> tuple[float, float]:
    """Best and median articles per second over ``repeats`` passes through ``texts``."""
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        for text in texts:
            article = parse_article(text, "bench", published=dt.date(2025, 3, 16))
            extract(article, scenario=scenario)  # type: ignore[arg-type]
        rates.append(len(texts) / (time.perf_counter() - start))
    return max(rates), statistics.median(rates)


def main() -> None:
    scenario = load_scenario(ROOT / "examples" / "ukraine-ceasefire-2025-03.yaml")
    seed = (DATA / "seed-article.txt").read_text(encoding="utf-8")
    passages = [p.text for p in load_passages(DATA)]
    rate([seed], scenario, 3)  # warm up
    long = "\n\n".join(p.split("\n", 1)[1] if p.startswith("Trump") else p for p in [seed] * 5)
    cases = (
        ("the founding article", [seed] * 50),
        (f"the {len(passages)} annotated passages", passages * 5),
        ("a long article (the founding article 5 times)", [long] * 10),
    )
    sys.stdout.write(describe() + "\n")
    for name, texts in cases:
        size = sum(len(t) for t in texts) / len(texts)
        best, median = rate(texts, scenario, 5)
        sys.stdout.write(
            f"{name}: {len(texts)} articles, mean {size / 1000:.1f} kB: "
            f"{median:.0f} articles/s median, {best:.0f} best\n"
        )


if __name__ == "__main__":
    main()
