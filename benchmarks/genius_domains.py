"""Benchmark domains in GENIUS XML, so that accord and NegMAS read the same files.

Every evaluation is a multiple of 1/16 with a maximum of exactly 1 per issue (dividing by the
issue's maximum evaluation, as GENIUS does and NegMAS's loader does not, then changes nothing).
In the random domains every weight is a multiple of 1/64, so every utility is a dyadic fraction
that both tools compute exactly in binary floating point. In the opposed domains the weights
fall by a factor 32 from issue to issue, so that every package has a utility of its own (at
least 1e-9 from any other): the frontiers are compared to 1e-10.

Domains (``make_domains(folder)``):

- ``two_parties_1e6``: 6 issues x 10 values, 2 parties with random preferences;
- ``opposed_1e5`` / ``opposed_1e6``: 5 or 6 issues x 10 values, 2 parties with the same weights
  whose evaluations sum to 1 on every value, so ``u_A + u_B = 1`` for every package and no two
  packages have the same utilities: every package is on the Pareto frontier;
- ``four_parties_1e6``: 6 issues x 10 values, 4 parties with random preferences;
- ``two_parties_1e7``: 7 issues x 10 values, 2 parties (for the memory measurement).

Reservation values are 0, so the frontier of the acceptable packages (what NegMAS's
``pareto_frontier`` returns: it drops outcomes below the reserved value first) is the frontier
of the whole space.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

LEVELS = np.array([0, 1, 2, 3, 5, 8, 10, 12, 14, 16]) / 16  # ten values, maximum 1


def _weights(rng: np.random.Generator, n_issues: int) -> np.ndarray:
    """Random weights that are multiples of 1/64 and sum to 1 (each at least 1/64)."""
    cuts = np.sort(rng.choice(np.arange(1, 64), size=n_issues - 1, replace=False))
    return np.diff(np.concatenate([[0], cuts, [64]])) / 64


def _evaluations(rng: np.random.Generator, n_values: int) -> np.ndarray:
    """A random permutation of the levels (so the maximum is exactly 1)."""
    return rng.permutation(LEVELS)[:n_values]


def _domain_xml(name: str, n_issues: int, n_values: int) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<negotiation_template>",
        f'  <utility_space number_of_issues="{n_issues}">',
        f'    <objective index="0" name="{name}" type="objective" etype="objective">',
    ]
    for k in range(1, n_issues + 1):
        lines.append(f'      <issue index="{k}" name="i{k}" type="discrete" etype="discrete">')
        for v in range(1, n_values + 1):
            lines.append(f'        <item index="{v}" value="v{v}"/>')
        lines.append("      </issue>")
    lines += ["    </objective>", "  </utility_space>", "</negotiation_template>", ""]
    return "\n".join(lines)


def _profile_xml(name: str, weights: np.ndarray, evaluations: list[np.ndarray]) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<utility_space>",
        f'  <objective index="0" name="{name}" type="objective" etype="objective">',
    ]
    for k, (weight, values) in enumerate(zip(weights, evaluations, strict=True), start=1):
        lines.append(f'    <issue index="{k}" name="i{k}" type="discrete" etype="discrete">')
        for v, e in enumerate(values, start=1):
            lines.append(f'      <item index="{v}" value="v{v}" evaluation="{float(e)!r}"/>')
        lines.append("    </issue>")
        lines.append(f'    <weight index="{k}" value="{float(weight)!r}"/>')
    lines += ["  </objective>", '  <reservation value="0.0"/>', "</utility_space>", ""]
    return "\n".join(lines)


def write_domain(
    folder: Path, name: str, n_issues: int, n_parties: int, *, opposed: bool, seed: int
) -> Path:
    """Write ``folder/name/`` with the domain and one profile per party; return the folder."""
    rng = np.random.default_rng(seed)
    target = folder / name
    target.mkdir(parents=True, exist_ok=True)
    (target / f"{name}_domain.xml").write_text(_domain_xml(name, n_issues, len(LEVELS)))
    if opposed:
        # Weights falling by a factor 32 from issue to issue: every package has its own utility
        # (the issues act as the digits of a number), so no two frontier points coincide.
        weights = 32.0 ** -np.arange(n_issues)
        weights /= weights.sum()
        first = [_evaluations(rng, len(LEVELS)) for _ in range(n_issues)]
        profiles = [(weights, first), (weights, [1 - e for e in first])]
    else:
        profiles = [
            (_weights(rng, n_issues), [_evaluations(rng, len(LEVELS)) for _ in range(n_issues)])
            for _ in range(n_parties)
        ]
    for p, (weights, evaluations) in enumerate(profiles, start=1):
        (target / f"{name}_party{p}.xml").write_text(_profile_xml(name, weights, evaluations))
    return target


DOMAINS = {
    "two_parties_1e6": {"n_issues": 6, "n_parties": 2, "opposed": False, "seed": 1},
    "opposed_1e5": {"n_issues": 5, "n_parties": 2, "opposed": True, "seed": 2},
    "opposed_1e6": {"n_issues": 6, "n_parties": 2, "opposed": True, "seed": 3},
    "four_parties_1e6": {"n_issues": 6, "n_parties": 4, "opposed": False, "seed": 4},
    "two_parties_1e7": {"n_issues": 7, "n_parties": 2, "opposed": False, "seed": 5},
}


def make_domains(folder: Path) -> dict[str, Path]:
    """Write every benchmark domain under ``folder``."""
    return {name: write_domain(folder, name, **spec) for name, spec in DOMAINS.items()}  # type: ignore[arg-type]
