#!/usr/bin/env bash
# Benchmark `accord deals` against NegMAS on the same GENIUS domains, in one run.
#
# NegMAS (AGPL-3.0) is never a dependency of accord: it is installed here, from PyPI, into a
# separate environment (benchmarks/.venv-negmas, ignored by git) and only run as a program.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x benchmarks/.venv-negmas/bin/python ]; then
    python3 -m venv benchmarks/.venv-negmas
    benchmarks/.venv-negmas/bin/python -m pip install -q -U pip
    benchmarks/.venv-negmas/bin/python -m pip install -q negmas
fi
.venv/bin/python benchmarks/bench_deals.py --negmas benchmarks/.venv-negmas/bin/python \
    --readme benchmarks/README.md --json "${TMPDIR:-/tmp}/accord-deals-bench.json" "$@"
