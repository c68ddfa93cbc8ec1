"""Benchmark ``accord simulate`` against NegMAS's SAO mechanism, and ``accord truce`` alone.

Usage (``benchmarks/run_simulate_bench.sh`` creates NegMAS's separate environment first)::

    .venv/bin/python benchmarks/bench_simulate.py --negmas benchmarks/.venv-negmas/bin/python \\
        --readme benchmarks/README.md

What is measured:

- on one GENIUS domain (3 issues x 10 values, two parties with random linear-additive
  profiles, written by ``genius_domains.py``), ``--runs`` alternating-offers negotiations of
  100 steps for each configuration of ``CONFIGS``: accord end to end (the whole
  ``python -m accord simulate FOLDER ... --json`` command, process start included) against
  NegMAS end to end (``negmas_sao.py``: load the folder, run the negotiations one after the
  other, write JSON) with NegMAS's interpreter; the agreement rates with a two-proportion
  z-score, and the mean 1-based round of agreement (NegMAS's ``state.step``) with its
  standard error;
- ``--truce-runs`` truces of 30 days, in process (best of ``--repeat``) and end to end.

Every process is pinned to one core with ``taskset`` when it is available, with numpy's threads
limited to one. NegMAS is AGPL-3.0: it is never imported here, only run as a program in its own
environment.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from _machine import describe  # noqa: E402
from bench_deals import ENV, negmas_version, pinned, write_section  # noqa: E402
from genius_domains import write_domain  # noqa: E402

HEADING = "## Simulated negotiations and truces (accord simulate, accord truce)"
CONFIGS = [
    # (name, strategy A, strategy B, NegMAS stochastic, accord offer rule and band)
    ("boulware-conceder", "boulware", "conceder", False, ("lowest", 0.0)),
    ("boulware-conceder, stochastic", "boulware", "conceder", True, ("random", 1.0)),
    ("boulware-boulware, stochastic", "boulware", "boulware", True, ("random", 1.0)),
]
STEPS = 100


def timed(command: list[str], out: Path | None = None) -> float:
    start = time.perf_counter()
    with out.open("w") if out else open("/dev/null", "w") as handle:
        subprocess.run(pinned(command), stdout=handle, check=True, env=ENV, cwd=ROOT)
    return time.perf_counter() - start


def _stats(agreed: list[bool], rounds: list[int]) -> dict[str, Any]:
    n = len(agreed)
    p = sum(agreed) / n
    mean = sum(rounds) / len(rounds) if rounds else math.nan
    var = sum((r - mean) ** 2 for r in rounds) / max(1, len(rounds) - 1) if rounds else math.nan
    return {"n": n, "rate": p, "rounds_mean": mean, "rounds_se": math.sqrt(var / len(rounds))
            if rounds else math.nan}  # fmt: skip


def negotiation_bench(negmas: str, runs: int) -> list[dict[str, Any]]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_domain(Path(tmp), "sao_1e3", 3, 2, opposed=False, seed=7)
        for name, a, b, stochastic, (offer, band) in CONFIGS:
            ours = Path(tmp) / "accord.json"
            accord_s = timed(
                [sys.executable, "-m", "accord", "simulate", str(folder), "--deadline", str(STEPS),
                 "--runs", str(runs), "--strategy", f"sao_1e3_party1={a}",
                 "--strategy", f"sao_1e3_party2={b}", "--offer", offer, "--band", str(band),
                 "--json"], ours,
            )  # fmt: skip
            data = json.loads(ours.read_text())
            agreed = data["agreement_rate"]
            hist = {int(k): v for k, v in data["rounds"]["histogram"].items()}
            rounds = [k for k, v in hist.items() for _ in range(v)]
            mine = _stats([True] * round(agreed * runs) + [False] * (runs - round(agreed * runs)),
                          rounds)  # fmt: skip
            theirs_path = Path(tmp) / "negmas.json"
            negmas_s = timed(
                [negmas, str(HERE / "negmas_sao.py"), str(folder), a, b, "1" if stochastic else "0",
                 str(runs), str(STEPS), str(theirs_path)],
            )  # fmt: skip
            rows = json.loads(theirs_path.read_text())["runs"]
            theirs = _stats([r["agreed"] for r in rows], [r["step"] for r in rows if r["agreed"]])
            top = data["agreements"][0]["utilities"] if data["agreements"] else None
            pooled = (mine["rate"] + theirs["rate"]) / 2
            spread = math.sqrt(max(pooled * (1 - pooled), 1e-12) * 2 / runs)
            results.append(
                {
                    "config": name,
                    "accord_s": accord_s,
                    "negmas_s": negmas_s,
                    "speedup": negmas_s / accord_s,
                    "accord": mine,
                    "negmas": theirs,
                    "z_rate": (mine["rate"] - theirs["rate"]) / spread,
                    "accord_top": top,
                    "negmas_first": rows[0]["utilities"],
                }
            )
            print(json.dumps(results[-1]), flush=True)
    return results


def truce_bench(runs: int, repeat: int) -> dict[str, Any]:
    code = (
        "import time\n"
        "from accord.simulate.truce import TruceSettings, simulate_truce\n"
        "best = 1e9\n"
        f"for _ in range({repeat}):\n"
        "    t = time.perf_counter()\n"
        f"    r = simulate_truce(TruceSettings(days=30), {runs}, rng=0)\n"
        "    best = min(best, time.perf_counter() - t)\n"
        "print(best, r.p_holds)\n"
    )
    out = subprocess.run(pinned([sys.executable, "-c", code]), capture_output=True, text=True,
                         check=True, env=ENV, cwd=ROOT)  # fmt: skip
    seconds, p = out.stdout.split()
    case = str(ROOT / "examples" / "ukraine-ceasefire-2025-03.yaml")
    end = timed([sys.executable, "-m", "accord", "truce", case, "--runs", str(runs), "--json"])
    return {"runs": runs, "in_process_s": float(seconds), "p_holds": float(p), "cli_s": end}


def render(results: dict[str, Any]) -> str:
    lines = [
        HEADING,
        "",
        f"Measured on {results['machine']}; NegMAS {results['negmas']}. "
        "Command: `benchmarks/run_simulate_bench.sh` (creates NegMAS's environment, then runs "
        "`benchmarks/bench_simulate.py`). One core (`taskset -c 0`), one numpy thread. The "
        "machine was shared with other jobs while this ran, so times are upper bounds.",
        "",
        f"{results['runs']:,} alternating-offers negotiations of {STEPS} steps on one GENIUS "
        "domain (3 issues x 10 values, two random linear-additive profiles, reserved value 0), "
        "end to end (process start, reading the domain, the runs, JSON out). accord: "
        f"`accord simulate FOLDER --deadline 100 --runs {results['runs']} --strategy ...=boulware "
        "--strategy ...=conceder --offer lowest|random --band 0|1 --json`; NegMAS: "
        "`TimeBasedNegotiator(offering_curve=..., stochastic=...)` in `SAOMechanism(n_steps=100)`, "
        "one negotiation after the other (`benchmarks/negmas_sao.py`). `stochastic` means a "
        "random offer among those at or above the target (accord `--offer random --band 1`).",
        "",
        "| configuration | accord (s) | NegMAS (s) | speed-up | agreement rate accord / NegMAS "
        "(z) | mean round accord / NegMAS (+-1 se) |",
        "|---|---|---|---|---|---|",
    ]
    for r in results["negotiations"]:
        a, n = r["accord"], r["negmas"]
        lines.append(
            f"| {r['config']} | {r['accord_s']:.2f} | {r['negmas_s']:.1f} | {r['speedup']:.0f}x | "
            f"{a['rate']:.3f} / {n['rate']:.3f} ({r['z_rate']:+.1f}) | "
            f"{a['rounds_mean']:.2f} +- {a['rounds_se']:.2f} / "
            f"{n['rounds_mean']:.2f} +- {n['rounds_se']:.2f} |"
        )
    t = results["truce"]
    lines += [
        "",
        f"Truces: {t['runs']:,} runs of 30 days (policy tft, defaults) take "
        f"{t['in_process_s']:.2f} s in process (best of {results['repeat']}; target: under 2 s "
        f"on one core - {'met' if t['in_process_s'] < 2 else 'NOT met'}) and {t['cli_s']:.2f} s "
        f"end to end (`accord truce examples/ukraine-ceasefire-2025-03.yaml --runs {t['runs']} "
        "--json`). NegMAS has no truce model.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--negmas", required=True, help="Python of the NegMAS environment")
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--truce-runs", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--readme", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    import datetime as dt

    results = {
        "date": dt.date.today().isoformat(),
        "machine": describe(),
        "negmas": negmas_version(args.negmas),
        "runs": args.runs,
        "repeat": args.repeat,
        "negotiations": negotiation_bench(args.negmas, args.runs),
        "truce": truce_bench(args.truce_runs, args.repeat),
    }
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    section = render(results)
    print(section)
    if args.readme:
        write_section(args.readme, section)


if __name__ == "__main__":
    main()
