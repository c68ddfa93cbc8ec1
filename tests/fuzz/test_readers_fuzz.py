"""Fuzzing every scenario reader through the commands that read it (issue 8).

Inputs are the shipped examples and test data, mutated as text (hostile fragments inserted,
values replaced, spans deleted or repeated, lines repeated or swapped) and as data (a YAML or
JSON document with values replaced by hostile ones, deleted, duplicated or retyped, then written
back). Readers: YAML, JSON, the replications CSV, KTAB's CSV and XML, GENIUS XML (domain and profiles),
DEU III TSV and OUTCOMES files. Commands: ``forecast --json``, ``convert`` (whatever it writes
must load again), ``deals --json``, ``backtest --json`` and ``grade``. The property is in
:mod:`fuzzing`.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
import yaml
from fuzzing import (
    EXAMPLES_DIR,
    TEST_DATA,
    check,
    common,
    expect,
    mutated_data,
    mutated_text,
    run,
)
from hypothesis import given
from hypothesis import strategies as st

pytestmark = [
    pytest.mark.fuzz,
    pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning"),
]

CASE = EXAMPLES_DIR / "ukraine-ceasefire-2025-03.yaml"
YAML_BASES = [
    p.read_text(encoding="utf-8")
    for p in [
        CASE,
        EXAMPLES_DIR / "ukraine-ceasefire-2025-02-18.yaml",
        TEST_DATA / "minimal.yaml",
        TEST_DATA / "ranges.yaml",
        TEST_DATA / "simulate" / "a4.yaml",
    ]
]
YAML_DATA = [yaml.safe_load(text) for text in YAML_BASES]
JSON_BASES = [json.dumps(data, indent=2, default=str) for data in YAML_DATA]
CSV_BASES = [
    (EXAMPLES_DIR / "emissions-1994.csv").read_text(encoding="utf-8"),
    (TEST_DATA / "ktab-3dim.csv").read_text(encoding="utf-8"),
]
DEU3_LINES = (
    (TEST_DATA.parent.parent / "data" / "deu3" / "deu3-dev.tsv")
    .read_text(encoding="utf-8")
    .splitlines(keepends=True)
)
DEU3_BASES = ["".join(DEU3_LINES[:12]), "".join(DEU3_LINES[:2] + DEU3_LINES[200:206])]
GENIUS = {
    name: {p.name: p.read_text(encoding="utf-8") for p in (TEST_DATA / "genius" / name).iterdir()}
    for name in ("price", "trade")
}
KTAB_XML_BASES = [(TEST_DATA / "ktab" / "smpExample.xml").read_text(encoding="utf-8")]
OUTCOMES_BASES = [(EXAMPLES_DIR / "outcomes" / "ukraine-ceasefire-2025-03-18.yaml").read_text()]
#: Fast models: the fuzz is about the readers, not the models' run time.
MODELS = ["-m", "mean", "-m", "bdm"]


def _forecast_and_convert(path: Path, reader: str, target: str) -> None:
    result, seconds = run(["forecast", str(path), "--json", *MODELS], reader=reader)
    check(result, seconds, [str(path)], reader=reader)
    out = path.parent / f"out{target}"
    result, seconds = run(["convert", str(path), str(out)], reader=reader)
    check(result, seconds, [str(path), str(out)], json_out=False, reader=reader)
    if result.exit_code == 0:
        # What convert wrote, accord must read back.
        again, seconds = run(["forecast", str(out), "--json", "-m", "mean"], reader=reader)
        check(again, seconds, [str(out)], reader=reader)
        expect(again.exit_code == 0, "convert wrote a file accord refuses", again, reader)


@common
@given(
    text=st.one_of(
        mutated_text(YAML_BASES),
        st.sampled_from(YAML_DATA)
        .flatmap(mutated_data)
        .map(lambda d: yaml.safe_dump(d, allow_unicode=True, sort_keys=False)),
    ),
    suffix=st.sampled_from([".yaml", ".yml", ""]),
    target=st.sampled_from([".json", ".yaml", ".csv"]),
)
def test_yaml_scenarios(text: str, suffix: str, target: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"s{suffix}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        _forecast_and_convert(path, "yaml", target)


@common
@given(
    text=st.one_of(
        mutated_text(JSON_BASES),
        st.sampled_from(YAML_DATA)
        .flatmap(mutated_data)
        .map(lambda d: json.dumps(d, ensure_ascii=False)),
    ),
    target=st.sampled_from([".yaml", ".json"]),
)
def test_json_scenarios(text: str, target: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.json"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        _forecast_and_convert(path, "json", target)


@common
@given(
    text=mutated_text(CSV_BASES),
    suffix=st.sampled_from([".csv", ""]),
    target=st.sampled_from([".yaml", ".csv", ".json"]),
)
def test_csv_scenarios(text: str, suffix: str, target: str) -> None:
    reader = "ktab-csv" if text.lstrip().lower().startswith("three") else "csv"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"s{suffix}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass", newline="")
        _forecast_and_convert(path, reader, target)


@common
@given(
    domain=st.sampled_from(sorted(GENIUS)),
    which=st.integers(0, 2),
    data=st.data(),
    as_profile=st.booleans(),
)
def test_genius(domain: str, which: int, data: st.DataObject, as_profile: bool) -> None:
    files = dict(GENIUS[domain])
    names = sorted(files)
    name = names[which]
    files[name] = data.draw(mutated_text([files[name]]))
    with tempfile.TemporaryDirectory() as folder:
        for file, text in files.items():
            (Path(folder) / file).write_text(text, encoding="utf-8", errors="surrogatepass")
        domain_file = next(Path(folder) / f for f in names if "domain" in f)
        profiles = [str(Path(folder) / f) for f in names if "domain" not in f]
        if as_profile:
            profiles[0] = str(domain_file)
        args = ["deals", str(domain_file), "--json"]
        for profile in profiles:
            args += ["--profile", profile]
        result, seconds = run(args, reader="genius")
        check(result, seconds, [folder], reader="genius")


@common
@given(
    text=mutated_text(KTAB_XML_BASES),
    target=st.sampled_from([".yaml", ".xml", ".json"]),
)
def test_ktab_xml_scenarios(text: str, target: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.xml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        _forecast_and_convert(path, "ktab-xml", target)


@common
@given(text=mutated_text(DEU3_BASES), suffix=st.sampled_from([".tsv", ""]))
def test_deu3(text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"deu{suffix}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass", newline="")
        args = ["backtest", str(path), "--json", "--resamples", "50", "-m", "mean"]
        result, seconds = run(args, reader="deu3")
        check(result, seconds, [str(path)], reader="deu3")


@common
@given(text=mutated_text(OUTCOMES_BASES))
def test_outcomes(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "outcomes.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        db = Path(folder) / "h.db"
        result, seconds = run(["grade", str(path), "--db", str(db), "--json"], reader="outcomes")
        check(result, seconds, [str(path), str(db)], reader="outcomes")
