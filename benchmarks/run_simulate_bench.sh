#!/usr/bin/env bash
# Benchmark `accord simulate` against NegMAS's SAO mechanism, and `accord truce`, in one run.
#
# NegMAS (AGPL-3.0) is never a dependency of accord: it is installed here, from PyPI, into a
# separate environment (benchmarks/.venv-negmas, ignored by git) and only run as a program.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x benchmarks/.venv-negmas/bin/python ]; then
    python3 -m venv benchmarks/.venv-negmas
    benchmarks/.venv-negmas/bin/python -m pip install -q -U pip
    benchmarks/.venv-negmas/bin/python -m pip install -q "negmas>=0.16,<0.17"
fi
.venv/bin/python benchmarks/bench_simulate.py --negmas benchmarks/.venv-negmas/bin/python \
    --readme benchmarks/README.md --json "${TMPDIR:-/tmp}/accord-simulate-bench.json" "$@"
