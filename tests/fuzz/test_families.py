"""One input of every family of failures the fuzzing of issue 8 found, as a regression test.

Each case writes a few files, runs one command in-process and checks the fuzz property
(:mod:`fuzzing`); cases that must be accepted also say so (``accepted=True``), and cases with a
point to make about the message give a piece of text the error line must hold.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from fuzzing import EXAMPLES_DIR, TEST_DATA, check, run

CASE_TEXT = (EXAMPLES_DIR / "ukraine-ceasefire-2025-03.yaml").read_text(encoding="utf-8")
MINIMAL = (TEST_DATA / "minimal.yaml").read_text(encoding="utf-8")
MINIMAL_DATA = yaml.safe_load(MINIMAL)
EMISSIONS = (EXAMPLES_DIR / "emissions-1994.csv").read_text(encoding="utf-8")
KTAB = (TEST_DATA / "ktab-3dim.csv").read_text(encoding="utf-8")
DEU3 = "".join(
    (TEST_DATA.parent.parent / "data" / "deu3" / "deu3-dev.tsv")
    .read_text(encoding="utf-8")
    .splitlines(keepends=True)[:12]
)
TRADE = {p.name: p.read_text(encoding="utf-8") for p in (TEST_DATA / "genius" / "trade").iterdir()}
PRICE = {p.name: p.read_text(encoding="utf-8") for p in (TEST_DATA / "genius" / "price").iterdir()}


def _minimal(**changes: object) -> str:
    data = json.loads(json.dumps(MINIMAL_DATA, default=str))
    for dotted, value in changes.items():
        parts = dotted.split(".")
        target = data
        for part in parts[:-1]:
            target = target[int(part)] if part.isdigit() else target[part]
        last = parts[-1]
        target[int(last) if last.isdigit() else last] = value
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, str]
    args: list[str]
    accepted: bool | None = None
    says: str | None = None
    json_out: bool = True
    names: list[str] = field(default_factory=list)


def _replace_in_minimal(old: str, new: str) -> str:
    assert old in MINIMAL, old
    return MINIMAL.replace(old, new, 1)


def _price(**files: str) -> dict[str, str]:
    return {**PRICE, **files}


FIRST_NUMBER = MINIMAL_DATA["actors"][0]["capability"]
CASES = [
    Case("yaml-control-char", {"s.yaml": MINIMAL + "\x07\n"}, ["forecast", "{s.yaml}", "--json"]),
    Case("yaml-nel", {"s.yaml": MINIMAL.replace("\n", "\n#\x85\n", 1)}, ["forecast", "{s.yaml}"]),
    Case(
        "yaml-float-tag",
        {
            "s.yaml": _replace_in_minimal(
                f"capability: {FIRST_NUMBER}", "capability: !!float eighty"
            )
        },
        ["forecast", "{s.yaml}", "--json"],
    ),
    Case(
        "yaml-timestamp-tag",
        {"s.yaml": MINIMAL.replace("as_of: 2025-03-16", "as_of: !!timestamp 2025-99-99")},
        ["forecast", "{s.yaml}", "--json"],
    ),
    Case(
        "timestamp-tag-on-text",
        {"s.yaml": MINIMAL.replace("as_of: 2025-03-16", "as_of: !!timestamp x")},
        ["forecast", "{s.yaml}", "--json"],
        says=":4: invalid YAML: 'x' is not a valid timestamp (not in its form, e.g. 2025-03-16)",
    ),
    Case(
        "impossible-date",
        {"s.yaml": MINIMAL.replace("as_of: 2025-03-16", "as_of: 2025-02-30")},
        ["forecast", "{s.yaml}", "--json"],
        says="2025-02-30",
    ),
    Case(
        "month-13",
        {"s.yaml": MINIMAL.replace("as_of: 2025-03-16", "as_of: 2025-13-01")},
        ["forecast", "{s.yaml}"],
    ),
    Case(
        "int-string-limit",
        {"s.yaml": _replace_in_minimal(f"capability: {FIRST_NUMBER}", "capability: " + "9" * 5000)},
        ["forecast", "{s.yaml}", "--json"],
    ),
    Case(
        "int-string-limit-json",
        {
            "s.json": json.dumps(MINIMAL_DATA, default=str).replace(
                f'"capability": {FIRST_NUMBER}', '"capability": ' + "9" * 5000, 1
            )
        },
        ["forecast", "{s.json}", "--json"],
    ),
    Case(
        "huge-label-key",
        {"s.yaml": MINIMAL_DATA and _minimal(**{"issues.0.labels": {int("9" * 401): "x"}})},
        ["forecast", "{s.yaml}", "--json"],
    ),
    Case(
        "capability-1e308",
        {"s.yaml": _minimal(**{"actors.0.capability": 1e308, "actors.1.capability": 1e308})},
        ["forecast", "{s.yaml}", "--json"],
    ),
    Case(
        "tiny-capabilities-saliences",
        {
            "s.yaml": _minimal(
                **{f"actors.{k}.capability": 1e-200 for k in range(len(MINIMAL_DATA["actors"]))},
                **{
                    f"positions.{k}.salience": 1e-200 for k in range(len(MINIMAL_DATA["positions"]))
                },
            )
        },
        ["forecast", "{s.yaml}", "--json"],
    ),
    Case(
        "scale-1e308",
        {"s.yaml": _minimal(**{"issues.0.low": -1e308, "issues.0.high": 1e308})},
        ["forecast", "{s.yaml}", "--json"],
    ),
    Case("csv-leading-blank", {"s.csv": "\n" + EMISSIONS}, ["forecast", "{s.csv}", "--json"]),
    Case("ktab-leading-blank", {"s.csv": "\n" + KTAB}, ["forecast", "{s.csv}", "--json"]),
    Case(
        "csv-long-field",
        {"s.csv": EMISSIONS.replace("Belgium", "B" * 140_000)},
        ["forecast", "{s.csv}", "--json"],
    ),
    Case(
        "csv-carriage-return",
        {"s.csv": EMISSIONS.replace("Belgium", '"Bel\rgium"')},
        ["forecast", "{s.csv}", "--json"],
    ),
    Case(
        "csv-bare-carriage-return",
        {"s.csv": EMISSIONS.replace("Belgium", "Bel\rgium")},
        ["forecast", "{s.csv}", "--json"],
    ),
    Case(
        "csv-huge-number",
        {"s.csv": EMISSIONS.replace("0.08", "9" * 400, 1)},
        ["forecast", "{s.csv}", "--json"],
    ),
    Case(
        "deu3-leading-blank",
        {"d.tsv": "\n" + DEU3},
        ["backtest", "{d.tsv}", "--json", "--resamples", "20"],
    ),
    Case(
        "deu3-long-field",
        {"d.tsv": DEU3.replace("documents", "d" * 140_000, 1)},
        ["backtest", "{d.tsv}", "--json", "--resamples", "20"],
    ),
    Case(
        "deu3-carriage-return",
        {"d.tsv": DEU3.replace("documents", '"doc\rments"', 1)},
        ["backtest", "{d.tsv}", "--json", "--resamples", "20"],
    ),
    Case(
        "deu3-control-header",
        {"d.tsv": "prnr\x07\tx\n1\t2\n"},
        ["backtest", "{d.tsv}", "--json", "--resamples", "20"],
    ),
    Case(
        "convert-empty-outcome",
        {"s.yaml": MINIMAL + "outcome:\n  values: {}\n"},
        ["convert", "{s.yaml}", "{dir}/o.json"],
        json_out=False,
    ),
    Case(
        "convert-nel-name",
        {"s.yaml": MINIMAL.replace("name: Russia", 'name: "A\\NB"')},
        ["convert", "{s.yaml}", "{dir}/o.yaml"],
        json_out=False,
    ),
    Case(
        "convert-names-the-file",
        {"s.yaml": CASE_TEXT},
        ["convert", "{s.yaml}", "{dir}/o.csv", "--to", "ktab"],
        json_out=False,
        says="o.csv",
    ),
    Case(
        "huge-value-message",
        {"s.yaml": _minimal(**{"actors.0.capability": "x" * 1_000_000})},
        ["forecast", "{s.yaml}", "--json"],
    ),
    Case(
        "multi-line-message",
        {"s.yaml": _minimal(**{"actors.0.capability": "a\nb\u2029c\u2028d\x85e"})},
        ["forecast", "{s.yaml}", "--json"],
    ),
    Case(
        "genius-weights-1.00016",
        _price(
            **{
                "price_a.xml": PRICE["price_a.xml"].replace(
                    '<weight index="2" value="0.6"/>', '<weight index="2" value="0.60016"/>'
                ),
            }
        ),
        ["deals", "{price_domain.xml}", "--json"],
        accepted=True,
    ),
    Case(
        "genius-comment-before-declaration",
        _price(**{"price_a.xml": "<!-- c -->\n" + PRICE["price_a.xml"]}),
        ["deals", "{price_domain.xml}", "--json"],
        accepted=True,
    ),
    Case(
        "genius-doctype-profile-beside-domain",
        _price(
            **{
                "price_a.xml": PRICE["price_a.xml"].replace(
                    "<utility_space>", "<!DOCTYPE utility_space>\n<utility_space>", 1
                )
            }
        ),
        ["deals", "{price_domain.xml}", "--json"],
        says="DOCTYPE",
    ),
    Case(
        "genius-duplicated-item",
        {
            **TRADE,
            "trade_buyer.xml": TRADE["trade_buyer.xml"].replace(
                '<item index="2" value="2 weeks" evaluation="6"/>',
                '<item index="2" value="2 weeks" evaluation="6"/>'
                '<item index="2" value="2 weeks" evaluation="9"/>',
            ),
        },
        ["deals", "{trade_domain.xml}", "--json"],
        says="second <item>",
    ),
    Case(
        "genius-domain-as-profile",
        PRICE,
        [
            "deals",
            "{price_domain.xml}",
            "--profile",
            "{price_domain.xml}",
            "--profile",
            "{price_b.xml}",
        ],
        says="not a GENIUS profile",
    ),
    Case(
        "genius-bounds-1e308",
        {
            name: text.replace(
                'lowerbound="10" upperbound="20"', 'lowerbound="-1e308" upperbound="1e308"'
            )
            for name, text in PRICE.items()
        },
        ["deals", "{price_domain.xml}", "--json"],
    ),
    Case(
        "published-0001",
        {"a.txt": 'Peskov said: "We will see."\n'},
        ["evidence", "{a.txt}", "--json", "--published", "0001-01-01"],
    ),
    Case(
        "samples-huge",
        {"s.yaml": MINIMAL},
        ["forecast", "{s.yaml}", "--samples", "1000000000000"],
        says="--samples",
    ),
    Case(
        "rounds-huge",
        {"s.yaml": MINIMAL},
        ["forecast", "{s.yaml}", "--rounds", "1000000000"],
        says="--rounds",
    ),
    Case(
        "engine-bogus",
        {"s.yaml": MINIMAL},
        ["forecast", "{s.yaml}", "--engine", "bogus"],
        says="--engine",
    ),
    Case(
        "workers-huge",
        {"s.yaml": MINIMAL},
        ["forecast", "{s.yaml}", "--samples", "10", "--engine", "processes", "--workers", "100000"],
        says="--workers",
    ),
    Case(
        "resamples-huge",
        {"d.tsv": DEU3},
        ["backtest", "{d.tsv}", "--resamples", "100000000000"],
        says="--resamples",
    ),
    Case(
        "runs-huge",
        {"s.yaml": CASE_TEXT},
        ["simulate", "{s.yaml}", "--runs", "100000000000000"],
        says="--runs",
    ),
    Case(
        "samples-400-digits",
        {"d.tsv": DEU3},
        ["backtest", "{d.tsv}", "--json", "--samples", "9" * 400],
        says="--samples",
    ),
    Case(
        "astral-character-in-key",
        {"s.yaml": MINIMAL.replace("title: Minimal scenario", "\U000a2f0b: x", 1)},
        ["forecast", "{s.yaml}", "--json"],
    ),
    Case(
        "deals-steps-huge",
        {"s.yaml": MINIMAL},
        ["deals", "{s.yaml}", "--steps", "1000000000"],
        says="--steps",
    ),
    Case(
        "deals-steps-2**63",
        {"s.yaml": MINIMAL},
        ["deals", "{s.yaml}", "--steps", str(2**63)],
        says="--steps",
    ),
    Case(
        "simulate-steps-huge",
        {"s.yaml": CASE_TEXT},
        ["simulate", "{s.yaml}", "--steps", "1000000000"],
        says="--steps",
    ),
    Case(
        "truce-runs-60-digits",
        {"s.yaml": CASE_TEXT},
        ["truce", "{s.yaml}", "--runs", "9" * 60],
        says="--runs",
    ),
    Case(
        "param-too-large-for-a-float",
        {"s.yaml": MINIMAL},
        ["forecast", "{s.yaml}", "-m", "bdm", "-p", "bdm.q=" + "9" * 400],
        says="bdm",
    ),
    Case(
        "truce-days-huge",
        {"s.yaml": CASE_TEXT},
        ["truce", "{s.yaml}", "--days", "1000000000000"],
        says="--days",
    ),
    Case(
        "truce-runs-huge",
        {"s.yaml": CASE_TEXT},
        ["truce", "{s.yaml}", "--runs", "100000000000000"],
        says="--runs",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_family(case: Case, tmp_path: Path) -> None:
    paths = {name: tmp_path / name for name in case.files}
    for name, text in case.files.items():
        paths[name].write_text(text, encoding="utf-8", errors="surrogatepass", newline="")
    args = []
    for arg in case.args:
        arg = arg.replace("{dir}", str(tmp_path))
        for name, path in paths.items():
            arg = arg.replace("{" + name + "}", str(path))
        args.append(arg)
    result, seconds = run(args, reader="regression cases")
    # An option's error names the option; a model parameter's (-p) names the model.
    names = [str(tmp_path), *[a for a in args if a.startswith("--")], "model '"]
    check(result, seconds, names, json_out=case.json_out and "--json" in args)
    if case.accepted is not None:
        assert (result.exit_code == 0) == case.accepted, result.stderr
    if case.says is not None:
        assert case.says in result.stderr, result.stderr
    if args[0] == "convert" and result.exit_code == 0:
        again, seconds = run(
            ["forecast", args[2], "--json", "-m", "mean"], reader="regression cases"
        )
        assert again.exit_code == 0, again.stderr
        if "nel" in case.name:
            from accord.io import load_scenario

            assert load_scenario(args[2]).actors[0].name == "A\x85B"
