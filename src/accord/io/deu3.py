"""The DEU III dataset of EU legislative decisions, as back-test cases.

Source: Arregui, J. & Perarnaud, C. (2021), "A new dataset on legislative decision-making in the
European Union: the DEU III dataset", doi:10.34810/data53, licensed CC BY 4.0.

Format (tab-separated, quoted strings): a header; a second line with each member state's GDP
(trillions) under its ``p<code>`` column; then one row per issue with identifiers (``prnr``,
``isnr``, ``prname``, ...), positions ``p<actor>`` and saliences ``s<actor>`` on 0-100 for the
Commission (``com``), the Parliament (``ep``) and the member states, the reference point ``rp``
(the status quo) and the outcome ``out``. An empty cell or a value above 100 is missing.

Each issue becomes a one-issue :class:`~accord.scenario.Scenario` on [0, 100] with the known
outcome, among the actors that have both a position and a salience, with salience divided by
100. Following the convention of the literature, an issue is a case when its outcome is valid and
at least three actors have both a position and a salience; the others are listed as skipped.

Procedures (``rules=True``). Each issue's ``proc`` (``COD`` codecision, ``CNS`` consultation) and
``counvte`` (``QMV`` or ``Unan``) set its :class:`~accord.rules.DecisionRule`, following the
one-dimensional procedural models of Steunenberg (1994), Crombez (1996) and Tsebelis & Garrett
(2000):

- the Commission (``com``) is the agenda setter in both procedures (it alone proposes);
- the Council decides: its voters are the member states with a position on the issue (members
  without one abstain, TFEU Art. 238(3)-(4)); under ``Unan`` every one must accept; under
  ``QMV`` the supporters need at least 255 of the 345 Nice votes (EU-27, 73.9%; Croatia Accession
  Act 2012, Art. 20; the weights are in :data:`NICE_VOTES`), taken as a share of the votes of the
  members voting, and a majority of those members;
- under codecision the Parliament (``ep``) is a co-legislator: a veto player (TFEU Art. 294);
  under consultation its opinion is not binding and it has no veto (Rasmussen 2000);
- the reversion point is ``rp``; an issue without one gets no rule (it is not imputed).

Simplifications, stated: the EU-27 Nice weights and threshold apply to every issue whatever its
date (DEU III spans regimes with 15, 25 and 27 members); the optional 62% population check and
the Council's power to amend a Commission proposal by unanimity (TFEU Art. 293(1)) are not
modelled; ``proc`` values other than COD/CNS or a missing ``counvte`` give no rule.
"""

from __future__ import annotations

import csv
import io
import math
import os
from dataclasses import dataclass
from typing import Literal

from accord.errors import InputError
from accord.io._schema import checked, representable
from accord.io._text import MAX_BYTES, read_text
from accord.rules import DecisionRule, Quota
from accord.scenario import Actor, Issue, Outcome, Scenario, Stake

__all__ = ["CITATION", "NICE_VOTES", "Deu3", "is_deu3", "load_deu3", "parse_deu3", "procedure_rule"]

#: Council votes under the Treaty of Nice (Croatia Accession Act 2012, Art. 20), by DEU code.
NICE_VOTES = {
    "de": 29, "fr": 29, "uk": 29, "it": 29, "es": 27, "pl": 27, "ro": 14, "nl": 13, "be": 12,
    "el": 12, "cz": 12, "pt": 12, "hu": 12, "se": 10, "at": 10, "bu": 10, "dk": 7, "fi": 7,
    "sk": 7, "ie": 7, "cr": 7, "lt": 7, "si": 4, "lv": 4, "ee": 4, "cy": 4, "lu": 4, "mt": 3,
}  # fmt: skip
#: The EU-27 qualified majority: 255 of 345 votes.
QMV_SHARE = 255 / 345

CITATION = (
    "Arregui, J. & Perarnaud, C. (2021), A new dataset on legislative decision-making in the "
    "European Union: the DEU III dataset, doi:10.34810/data53 (CC BY 4.0)"
)
MIN_ACTORS = 3
#: A cell may be as long as a whole input file (the csv module's default is 131,072 characters).
csv.field_size_limit(MAX_BYTES)
Capability = Literal["equal", "gdp"]
_ID_COLUMNS = ("prnr", "isnr", "out")


@dataclass(frozen=True, slots=True)
class Deu3:
    """Back-test cases from a DEU III file and the issues that did not qualify, with reasons."""

    cases: tuple[Scenario, ...]
    skipped: tuple[tuple[str, str], ...]
    #: Each case's procedure, e.g. ``("d00032i1", "COD/QMV")`` ("" when not given).
    procedures: tuple[tuple[str, str], ...] = ()


def is_deu3(text: str) -> bool:
    """Whether the text starts (after blank lines) with a DEU III header."""
    first = next((line for line in text.lstrip("\r\n \t").splitlines()[:1]), "")
    header = first.split("\t")
    names = {cell.strip().strip('"') for cell in header}
    return all(column in names for column in _ID_COLUMNS)


def load_deu3(
    path: str | os.PathLike[str], *, capability: Capability = "equal", rules: bool = False
) -> Deu3:
    """Read a DEU III file (see the module docstring); ``rules`` sets each issue's decision
    rule from its procedure."""
    source = str(path)
    return parse_deu3(read_text(path, source), source, capability=capability, rules=rules)


def procedure_rule(
    proc: str, vote: str, actors: list[str], status_quo: float | None
) -> DecisionRule | None:
    """The decision rule of a DEU III issue (see the module docstring), or None."""
    if status_quo is None or proc not in ("COD", "CNS") or vote not in ("QMV", "Unan"):
        return None
    members = tuple(a for a in actors if a in NICE_VOTES)
    if not members:
        return None
    quotas: tuple[Quota, ...] = ()
    if vote == "QMV":
        votes = tuple((a, float(NICE_VOTES[a])) for a in members)
        quotas = (Quota(QMV_SHARE, "votes", values=votes), Quota(0.5, "equal", strict=True))
    return DecisionRule(
        rule="qualified" if vote == "QMV" else "unanimity",
        voters=members,
        veto=("ep",) if proc == "COD" and "ep" in actors else (),
        quotas=quotas,
        setter="com" if "com" in actors else None,
    )


def _value(cell: str, source: str, line: int) -> float | None:
    """A position, salience or outcome on 0-100; None when missing (empty, not a number, outside
    0-100); InputError for a value too small to compute with."""
    cell = cell.strip()
    if not cell:
        return None
    try:
        value = float(cell)
    except ValueError:
        return None
    if not math.isfinite(value) or value > 100 or value < 0:
        return None
    problem = representable(value)
    if problem:
        raise InputError(source, problem, line=line)
    return value


def _rows(text: str, source: str) -> list[tuple[int, list[str]]]:
    """The tab-separated rows with the line each starts on (blank lines before the header
    dropped); InputError for text the csv module refuses."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(io.StringIO(text), delimiter="\t")
    out: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for row in reader:
            if out or any(cell.strip() for cell in row):
                out.append((line, row))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(
            source, f"invalid tab-separated text: {exc}", line=reader.line_num
        ) from None
    return out


def parse_deu3(
    text: str, source: str, *, capability: Capability = "equal", rules: bool = False
) -> Deu3:
    """Parse DEU III text; see :func:`load_deu3`."""
    if capability not in ("equal", "gdp"):
        raise ValueError(f"capability must be 'equal' or 'gdp'; got {capability!r}")
    numbered = _rows(text, source)
    rows = [row for _, row in numbered]
    if len(rows) < 3 or not is_deu3(text):
        raise InputError(
            source,
            "not a DEU III file: expected a header with prnr, isnr, out, a GDP line and issue rows",
            line=1,
        )
    header = [cell.strip() for cell in rows[0]]
    column = {name: k for k, name in enumerate(header)}
    actors = [
        name[1:]
        for name in header
        if name.startswith("p") and f"s{name[1:]}" in column and name not in ("prnr", "prname")
    ]
    gdp_line, gdp_row = numbered[1]
    gdp: dict[str, float] = {}
    for actor in actors:
        cell = gdp_row[column[f"p{actor}"]] if column[f"p{actor}"] < len(gdp_row) else ""
        value = _number(cell)
        if value is not None and value > 0:
            problem = representable(value)
            if problem:
                raise InputError(source, f"GDP of {actor}: {problem}", line=gdp_line)
            gdp[actor] = value
    cases: list[Scenario] = []
    skipped: list[tuple[str, str]] = []
    procedures: list[tuple[str, str]] = []
    for line, row in numbered[2:]:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            raise InputError(source, f"expected {len(header)} columns, found {len(row)}", line=line)
        issue_id = row[column["isnr"]].strip() or f"line-{line}"
        outcome = _value(row[column["out"]], source, line)
        if outcome is None:
            skipped.append((issue_id, "no valid outcome"))
            continue
        stakes = []
        for actor in actors:
            position = _value(row[column[f"p{actor}"]], source, line)
            salience = _value(row[column[f"s{actor}"]], source, line)
            if position is not None and salience is not None:
                stakes.append((actor, position, salience / 100))
        if len(stakes) < MIN_ACTORS:
            skipped.append((issue_id, f"fewer than {MIN_ACTORS} actors with position and salience"))
            continue
        if sum(s for _, _, s in stakes) <= 0:
            skipped.append((issue_id, "every salience is 0"))
            continue
        if capability == "gdp":
            missing = [a for a, _, _ in stakes if a not in gdp]
            if missing:
                raise InputError(source, f"no GDP for actor(s) {', '.join(missing)}", line=gdp_line)
        reference = _value(row[column["rp"]], source, line) if "rp" in column else None
        title = row[column["prname"]].strip() if "prname" in column else issue_id
        proc = row[column["proc"]].strip() if "proc" in column else ""
        vote = row[column["counvte"]].strip() if "counvte" in column else ""
        procedures.append((issue_id, f"{proc}/{vote}" if proc and vote else ""))
        decision = (
            procedure_rule(proc, vote, [a for a, _, _ in stakes], reference) if rules else None
        )
        cases.append(
            checked(
                Scenario(
                    id=issue_id,
                    title=f"{title} ({issue_id})",
                    actors=tuple(
                        Actor(id=a, capability=gdp[a] if capability == "gdp" else 1.0)
                        for a, _, _ in stakes
                    ),
                    issues=(
                        Issue(
                            id=issue_id,
                            low=0.0,
                            high=100.0,
                            status_quo=reference,
                            decision=decision,
                        ),
                    ),
                    stakes=tuple(
                        Stake(actor=a, issue=issue_id, position=p, salience=s) for a, p, s in stakes
                    ),
                    outcome=Outcome(values=((issue_id, outcome),)),
                ),
                source,
                lambda path, _line=line: _line,  # type: ignore[misc]
            )
        )
    return Deu3(cases=tuple(cases), skipped=tuple(skipped), procedures=tuple(procedures))


def _number(cell: str) -> float | None:
    try:
        value = float(cell.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None
