"""Cost per MB of every reader: CPU seconds and peak traced memory to read and validate inputs of
two sizes (so that growth is visible: linear readers take twice as long for twice the input).

Inputs are built from the shipped examples by repeating their rows (actors, positions, evidence
records, DEU III issues, GENIUS discrete values, article paragraphs) until the text reaches the
size; each reader runs through its public entry point (``load_scenario``, ``load_deu3``,
``read_article`` + ``extract``), in this process, timed by ``time.process_time`` (the machine is
shared, so wall time would measure the neighbours too).

    .venv/bin/python benchmarks/bench_readers.py            # 1 MB and 2 MB
    .venv/bin/python benchmarks/bench_readers.py 0.5 4      # other sizes, in MB
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024


def _scenario(size: int) -> dict[str, object]:
    """A one-issue scenario with enough actors (and an evidence record each) to reach ``size``."""
    actors, positions, evidence = [], [], []
    k = 0
    while True:
        k += 1
        actors.append({"id": f"A{k}", "name": f"Actor number {k}", "capability": 1 + k % 7})
        positions.append(
            {"actor": f"A{k}", "issue": "x", "position": k % 101, "salience": 0.5, "note": "n" * 20}
        )
        evidence.append(
            {"id": f"e{k}", "speaker": f"Actor number {k}", "quote": "We will see. " * 4}
        )
        if k % 500 == 0 and len(json.dumps([actors, positions, evidence])) > size:
            break
    return {
        "id": "bench",
        "title": "bench",
        "actors": actors,
        "issues": [{"id": "x", "low": 0, "high": 100}],
        "positions": positions,
        "evidence": evidence,
    }


def _csv(size: int) -> str:
    rows = ["Actor,Capability,Position,Salience"]
    k = 0
    while sum(map(len, rows)) < size:
        k += 1
        rows.append(f"Actor{k},{1 + k % 7},{k % 101},{(k % 10) / 10 + 0.05:.2f}")
    return "\n".join(rows) + "\n"


def _ktab(size: int) -> str:
    body = []
    k = 0
    while sum(map(len, body)) < size:
        k += 1
        body.append(f"A{k}, Actor {k}, {1 + k % 7}, {k % 101}, 50, {(k * 7) % 101}, 30")
    return f"Bench,KTAB bench,{k},2\nActor,Description,Power,P1,S1,P2,S2\n" + "\n".join(body) + "\n"


def _deu3(size: int) -> str:
    lines = (ROOT / "data" / "deu3" / "deu3-dev.tsv").read_text(encoding="utf-8").splitlines()
    head, rows = lines[:2], lines[2:]
    out = list(head)
    k = 0
    while sum(map(len, out)) < size:
        out.append(rows[k % len(rows)])
        k += 1
    return "\n".join(out) + "\n"


def _genius(folder: Path, size: int) -> Path:
    """A domain with one discrete issue of many values and two profiles over it."""
    n = max(2, size // 120)
    items = "".join(f'<item index="{i + 1}" value="v{i}"/>' for i in range(n))
    domain = folder / "d_domain.xml"
    domain.write_text(
        '<?xml version="1.0"?><negotiation_template><utility_space><objective index="0" '
        f'name="o"><issue index="1" name="x" type="discrete">{items}</issue>'
        "</objective></utility_space></negotiation_template>"
    )
    for side, sign in (("a", 1), ("b", -1)):
        evals = "".join(
            f'<item index="{i + 1}" value="v{i}" evaluation="{1 + (sign * i) % n}"/>'
            for i in range(n)
        )
        (folder / f"d_{side}.xml").write_text(
            '<?xml version="1.0"?><utility_space><objective index="0" name="o">'
            f'<issue index="1" name="x" type="discrete">{evals}</issue>'
            '<weight index="1" value="1"/></objective></utility_space>'
        )
    return domain


def _article(size: int, html: bool) -> str:
    paragraph = (
        'Kremlin spokesman Dmitry Peskov said on Monday: "We will study the proposal number '
        '{k} very carefully before we answer." The ministry added that talks would go on.'
    )
    parts = []
    k = 0
    while sum(map(len, parts)) < size:
        k += 1
        text = paragraph.replace("{k}", str(k))
        parts.append(f"<p>{text}</p>" if html else text + "\n\n")
    if html:
        return "<html><body><article>" + "".join(parts) + "</article></body></html>"
    return "".join(parts)


def measure(read: Callable[[], object]) -> tuple[float, float]:
    """CPU seconds of one read, then the peak traced memory of a second (tracing slows it)."""
    start = time.process_time()
    read()
    seconds = time.process_time() - start
    tracemalloc.start()
    read()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak / MB


def main(sizes: list[float]) -> None:
    from accord.evidence import extract, read_article
    from accord.io import load_scenario
    from accord.io.deu3 import load_deu3

    print("| reader | input | CPU | CPU per MB | peak memory |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size_mb in sizes:
            size = int(size_mb * MB)
            files: dict[str, tuple[Path, Callable[[Path], object]]] = {}
            data = _scenario(size)
            (folder / "s.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
            (folder / "s.json").write_text(json.dumps(data, indent=1))
            (folder / "s.csv").write_text(_csv(size))
            (folder / "k.csv").write_text(_ktab(size))
            (folder / "d.tsv").write_text(_deu3(size))
            (folder / "a.txt").write_text(_article(size, html=False))
            (folder / "a.html").write_text(_article(size, html=True))
            files = {
                "YAML": (folder / "s.yaml", load_scenario),
                "JSON": (folder / "s.json", load_scenario),
                "CSV (replications)": (folder / "s.csv", load_scenario),
                "CSV (KTAB)": (folder / "k.csv", load_scenario),
                "DEU III TSV": (folder / "d.tsv", load_deu3),
                "article (text) + evidence": (
                    folder / "a.txt",
                    lambda p: extract(read_article(str(p))),
                ),
                "article (HTML) + evidence": (
                    folder / "a.html",
                    lambda p: extract(read_article(str(p))),
                ),
            }
            genius_folder = folder / f"g{size_mb}"
            genius_folder.mkdir()
            domain = _genius(genius_folder, size)
            files["GENIUS XML (domain + 2 profiles)"] = (domain, load_scenario)
            for name, (path, read) in files.items():
                megabytes = (
                    sum(p.stat().st_size for p in path.parent.glob("d_*.xml")) / MB
                    if path.suffix == ".xml"
                    else path.stat().st_size / MB
                )
                seconds, peak = measure(lambda path=path, read=read: read(path))
                print(
                    f"| {name} | {megabytes:.2f} MB | {seconds:.2f} s | "
                    f"{seconds / megabytes:.2f} s/MB | {peak:.0f} MB |"
                )


if __name__ == "__main__":
    main([float(a) for a in sys.argv[1:]] or [1.0, 2.0])
