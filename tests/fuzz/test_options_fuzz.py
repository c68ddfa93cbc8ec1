"""Fuzzing every command-line option that takes a number or a name (issue 8).

Each example picks a command, a valid input file, and one to three of its options, each given a
value from a hostile set - negative, zero, huge (10^9, 10^12, 2^63, 10^30 and beyond), not a
number, NaN, infinity, empty, very long, a name that does not exist - or a small valid value.
The property is in :mod:`fuzzing`: a huge count must be refused from its memory estimate before
anything is allocated, never run out of memory or time.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from fuzzing import EXAMPLES_DIR, TEST_DATA, check, common, run
from hypothesis import given
from hypothesis import strategies as st

pytestmark = [
    pytest.mark.fuzz,
    pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning"),
]

MINIMAL = str(TEST_DATA / "minimal.yaml")
RANGES = str(TEST_DATA / "ranges.yaml")
A4 = str(TEST_DATA / "simulate" / "a4.yaml")
CASE = str(EXAMPLES_DIR / "ukraine-ceasefire-2025-03.yaml")
DEU3_TEXT = "".join(
    (TEST_DATA.parent.parent / "data" / "deu3" / "deu3-dev.tsv")
    .read_text(encoding="utf-8")
    .splitlines(keepends=True)[:12]
)

HUGE = ["1000000000", "1000000000000", str(2**63), str(10**30), "9" * 400]
BAD = ["-1", "0", "abc", "1e3", "", "nan", "inf", "-inf", "0x10", "x" * 500, "\u2028", "1.5"]
SMALL_COUNTS = ["1", "2", "3", "5"]
counts = st.sampled_from([*SMALL_COUNTS, *HUGE, *BAD])
probabilities = st.sampled_from(["0", "0.5", "1", "-0.1", "1.1", "nan", "inf", "1e-300", "x"])
names = st.sampled_from(["bogus", "", "x" * 300, "a\x1bb", "local", "processes", "mean", "bdm"])

#: Per command: its base arguments and its options with the values they get.
COMMANDS: dict[str, tuple[list[str], dict[str, st.SearchStrategy[str]]]] = {
    "forecast": (
        ["forecast", RANGES, "--json", "-m", "mean"],
        {
            "--samples": counts,
            "--seed": counts,
            "--rounds": counts,
            "--chunk-size": counts,
            "--workers": counts,
            "--engine": names,
            "--model": names,
            "--param": st.sampled_from(["bdm.rounds=abc", "mean.foo=1", "bdm.q=" + "9" * 400, "x"]),
        },
    ),
    "backtest": (
        ["backtest", "{deu3}", "--json", "-m", "mean"],
        {
            "--resamples": counts,
            "--seed": counts,
            "--samples": counts,
            "--rounds": counts,
            "--capability": names,
            "--engine": names,
            "--workers": counts,
        },
    ),
    "simulate": (
        ["simulate", A4, "--json"],
        {
            "--runs": counts,
            "--deadline": counts,
            "--seed": counts,
            "--band": probabilities,
            "--steps": counts,
            "--show": counts,
            "--protocol": names,
            "--offer": names,
            "--actors": names,
            "--strategy": st.sampled_from(["all=bogus", "X=linear", "=x", "all=linear"]),
            "--engine": names,
            "--workers": counts,
        },
    ),
    "truce": (
        ["truce", CASE, "--json", "--runs", "200"],
        {
            "--runs": counts,
            "--days": counts,
            "--seed": counts,
            "--p-detect": probabilities,
            "--p-false": probabilities,
            "--noise": probabilities,
            "--discount": probabilities,
            "--breakdown": counts,
            "--policy": names,
            "--sides": names,
            "--engine": names,
        },
    ),
    "deals": (
        ["deals", MINIMAL, "--json"],
        {
            "--steps": counts,
            "--show": counts,
            "--utility": names,
            "--disagreement": names,
            "--weights": names,
            "--tie": names,
            "--reference": names,
            "--actors": names,
        },
    ),
    "evidence": (
        ["evidence", "{article}", "--json"],
        {
            "--published": st.sampled_from(
                ["2025-02-30", "0001-01-01", "9999-12-31", "2025-13-01", "x", "", "1" * 500]
            ),
            "--scenario": st.sampled_from([MINIMAL, "/nonexistent.yaml", RANGES]),
        },
    ),
    "convert": (["convert", MINIMAL, "{out}"], {"--to": names}),
}


@common
@given(command=st.sampled_from(sorted(COMMANDS)), data=st.data())
def test_options(command: str, data: st.DataObject) -> None:
    base, options = COMMANDS[command]
    chosen = data.draw(
        st.lists(st.sampled_from(sorted(options)), min_size=1, max_size=3, unique=True)
    )
    with tempfile.TemporaryDirectory() as folder:
        deu3 = Path(folder) / "deu.tsv"
        deu3.write_text(DEU3_TEXT, encoding="utf-8")
        article = Path(folder) / "a.txt"
        article.write_text('Kremlin spokesman Dmitry Peskov said: "We will see."\n')
        fill = {"{deu3}": str(deu3), "{article}": str(article), "{out}": f"{folder}/o.yaml"}
        args = [fill.get(a, a) for a in base]
        for option in chosen:
            args += [option, data.draw(options[option])]
        result, seconds = run(args, reader=f"option {command}")
        check(
            result,
            seconds,
            [*chosen, *[a for a in args if a.startswith(("-", "/"))], "model"],
            json_out=command != "convert",
            reader=f"option {command}",
        )
