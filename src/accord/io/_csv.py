"""The two CSV conventions of the field, read and written.

Expected-utility replications (``Actor,Capability,Position,Salience``)
    One issue, one row per actor. Salience is on 0-1, or on 0-100 when any value exceeds 1.
    The scale of the issue is ``[min, max]`` of the positions. (The convention of the open
    re-implementations of Bueno de Mesquita's model, e.g. the emission-standards example.)

KTAB's SMP CSV
    Line 1: ``name, description, number of actors, number of dimensions``; line 2: a header;
    then one row per actor: ``actor, description, capability, position_1, salience_1, ...``,
    positions and saliences on 0-100. Trailing commas and spaces around fields are allowed, as
    in KTAB's own examples. (KAPSARC Toolkit for Behavioral Analysis, ``smp`` example data.)

Both become ordinary scenarios: the issue scale is [0, 100] for KTAB files; saliences are
divided by 100 where the file uses 0-100; ids and titles come from the file name (and KTAB's
first line). They are checked like every other scenario (:func:`accord.io._schema.checked`):
duplicate actors, saliences that are all 0 and the like are reported at the row's line.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from accord.errors import InputError, PathPart
from accord.io._schema import checked, representable
from accord.io._text import MAX_BYTES
from accord.scenario import Actor, Issue, Scenario, Stake

__all__ = [
    "REPLICATION_HEADER",
    "is_ktab",
    "is_replication",
    "ktab_problem",
    "read_ktab",
    "read_replication",
    "replication_problem",
    "write_ktab",
    "write_replication",
]

REPLICATION_HEADER = ("Actor", "Capability", "Position", "Salience")


def slug(text: str) -> str:
    """A scenario id from free text: lowercase letters and digits joined by hyphens."""
    out = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return out or "scenario"


#: A cell may be as long as a whole input file (the csv module's default is 131,072 characters).
csv.field_size_limit(MAX_BYTES)


def _rows(text: str, source: str = "") -> list[tuple[int, list[str]]]:
    """The non-blank rows with the line each starts on, cells stripped; InputError for text the
    csv module refuses. Line ends may be ``\\n``, ``\\r\\n`` or a lone ``\\r``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text))
    line = 1
    try:
        for row in reader:
            cells = [cell.strip() for cell in row]
            if any(cells):
                out.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(source, f"invalid CSV: {exc}", line=reader.line_num) from None
    return out


def _first_row(text: str) -> list[str]:
    """The first non-blank line's cells (for telling the conventions apart)."""
    for raw in text.replace("\r", "\n").split("\n"):
        if raw.strip(" \t,"):
            try:
                return _strip_trailing([c.strip() for c in next(csv.reader([raw]), [])])
            except csv.Error:
                return []
    return []


def _strip_trailing(row: list[str]) -> list[str]:
    while row and row[-1] == "":
        row = row[:-1]
    return row


def is_replication(text: str) -> bool:
    first = [c.strip().lower() for c in _first_row(text)]
    return tuple(first) == tuple(h.lower() for h in REPLICATION_HEADER)


def is_ktab(text: str) -> bool:
    first = [c.strip() for c in _first_row(text)]
    if len(first) != 4:
        return False
    try:
        int(first[2])
        int(first[3])
    except ValueError:
        return False
    return True


def _number(cell: str, source: str, line: int, column: str) -> float:
    try:
        value = float(cell)
    except ValueError:
        raise InputError(source, f"{column}: expected a number, got {cell!r}", line=line) from None
    problem = representable(value)
    if problem:
        raise InputError(source, f"{column}: {problem}", line=line)
    return value


def read_replication(text: str, source: str) -> Scenario:
    """A scenario from the replications' CSV (see the module docstring)."""
    rows = _rows(text, source)
    header = _strip_trailing(rows[0][1])
    names = [c.lower() for c in header]
    index = {name.lower(): names.index(name.lower()) for name in REPLICATION_HEADER}
    actors: list[Actor] = []
    raw: list[tuple[str, float, float, int]] = []
    for line, row in rows[1:]:
        row = _strip_trailing(row)
        if not row:
            continue
        if len(row) < len(header):
            raise InputError(source, f"expected {len(header)} columns, found {len(row)}", line=line)
        name = row[index["actor"]]
        if not name:
            raise InputError(source, "Actor: must not be empty", line=line)
        capability = _number(row[index["capability"]], source, line, "Capability")
        if capability <= 0:
            raise InputError(source, f"Capability: must be > 0, got {capability:g}", line=line)
        position = _number(row[index["position"]], source, line, "Position")
        salience = _number(row[index["salience"]], source, line, "Salience")
        if not 0 <= salience <= 100:
            raise InputError(
                source, f"Salience: must lie in [0, 1] or [0, 100], got {salience:g}", line=line
            )
        actors.append(Actor(id=name, capability=capability))
        raw.append((name, position, salience, line))
    if not raw:
        raise InputError(source, "no actor rows after the header")
    per_cent = any(s > 1 for _, _, s, _ in raw)
    positions = [p for _, p, _, _ in raw]
    low, high = min(positions), max(positions)
    if not low < high:
        raise InputError(
            source, "every actor holds the same position, so the issue has no scale [min, max]"
        )
    stem = Path(source).stem
    issue = Issue(id="issue", name=stem, low=low, high=high)
    stakes = tuple(
        Stake(actor=name, issue="issue", position=p, salience=s / 100 if per_cent else s)
        for name, p, s, _ in raw
    )
    lines = [line for _, _, _, line in raw]
    scenario = Scenario(
        id=slug(stem), title=stem, actors=tuple(actors), issues=(issue,), stakes=stakes
    )
    return checked(scenario, source, lambda path: _row_line(path, lines, 1))


def read_ktab(text: str, source: str) -> Scenario:
    """A scenario from KTAB's SMP CSV (see the module docstring)."""
    rows = _rows(text, source)
    first_line, first = rows[0][0], _strip_trailing(rows[0][1])
    name, description = first[0], first[1]
    n_actors = int(first[2])
    n_dims = int(first[3])
    if n_actors < 1 or n_dims < 1:
        raise InputError(
            source, "the first line must give at least one actor and one dimension", line=first_line
        )
    if len(rows) < 2:
        raise InputError(source, "missing the header line", line=first_line + 1)
    header_line, header = rows[1][0], _strip_trailing(rows[1][1])
    expected = 3 + 2 * n_dims
    if len(header) != expected:
        raise InputError(
            source,
            f"header has {len(header)} columns; {n_dims} dimension(s) need {expected} "
            "(actor, description, capability, then position and salience per dimension)",
            line=header_line,
        )
    dims = [slug(header[3 + 2 * d]) or f"dim{d + 1}" for d in range(n_dims)]
    if len(set(dims)) != n_dims:
        dims = [f"dim{d + 1}" for d in range(n_dims)]
    actors: list[Actor] = []
    stakes: list[Stake] = []
    body = [(line, _strip_trailing(row)) for line, row in rows[2:]]
    body = [(line, row) for line, row in body if row]
    if len(body) != n_actors:
        raise InputError(
            source, f"the first line announces {n_actors} actors; found {len(body)} rows"
        )
    for line, row in body:
        if len(row) != expected:
            raise InputError(source, f"expected {expected} columns, found {len(row)}", line=line)
        actor_id = row[0]
        if not actor_id:
            raise InputError(source, "actor: must not be empty", line=line)
        capability = _number(row[2], source, line, header[2] or "capability")
        if capability <= 0:
            raise InputError(source, f"{header[2]}: must be > 0, got {capability:g}", line=line)
        actors.append(Actor(id=actor_id, name=row[1] or None, capability=capability))
        actor_total = 0.0
        for d in range(n_dims):
            position = _number(row[3 + 2 * d], source, line, header[3 + 2 * d])
            salience = _number(row[4 + 2 * d], source, line, header[4 + 2 * d])
            if not 0 <= position <= 100:
                raise InputError(
                    source,
                    f"{header[3 + 2 * d]}: must lie in [0, 100], got {position:g}",
                    line=line,
                )
            if not 0 <= salience <= 100:
                raise InputError(
                    source,
                    f"{header[4 + 2 * d]}: must lie in [0, 100], got {salience:g}",
                    line=line,
                )
            actor_total += salience
            stakes.append(
                Stake(actor=actor_id, issue=dims[d], position=position, salience=salience / 100)
            )
        if actor_total > 100 + 1e-9:
            raise InputError(
                source,
                f"{actor_id}: saliences total {actor_total:g}; KTAB requires each actor's "
                "saliences to total at most 100",
                line=line,
            )
    issues = tuple(
        Issue(id=dims[d], name=header[3 + 2 * d] if header[3 + 2 * d] != dims[d] else None)
        for d in range(n_dims)
    )
    # KTAB lists stakes actor by actor; keep the scenario's positions grouped the same way.
    lines = [line for line, _ in body]
    scenario = Scenario(
        id=slug(name),
        title=name or Path(source).stem,
        description=description or None,
        actors=tuple(actors),
        issues=issues,
        stakes=tuple(stakes),
    )
    return checked(scenario, source, lambda path: _row_line(path, lines, n_dims))


def _row_line(path: tuple[PathPart, ...], lines: list[int], per_actor: int) -> int | None:
    """The line of the row an actor's or a position's field comes from (one row per actor,
    ``per_actor`` positions in each)."""
    if len(path) < 2 or not isinstance(path[1], int):
        return None
    if path[0] == "actors" and path[1] < len(lines):
        return lines[path[1]]
    if path[0] == "positions" and path[1] // per_actor < len(lines):
        return lines[path[1] // per_actor]
    return None


# --------------------------------------------------------------------------------------------
# Writing


def replication_problem(scenario: Scenario) -> str | None:
    """Why the scenario cannot be written as a replications CSV without loss (None: it can)."""
    lost = _extras_problem(scenario)  # what would be lost comes first: it is the real reason
    if lost:
        return lost
    if len(scenario.issues) != 1:
        return f"it has {len(scenario.issues)} issues; the format holds one"
    issue = scenario.issues[0]
    stakes = scenario.stakes_on(issue.id)
    if len(stakes) != len(scenario.actors):
        return "some actors have no position on the issue"
    positions = [s.position for s in stakes]
    if (issue.low, issue.high) != (min(positions), max(positions)):
        return "the issue's scale is not [min, max] of the positions"
    return None


def ktab_problem(scenario: Scenario) -> str | None:
    """Why the scenario cannot be written as KTAB SMP CSV without loss (None: it can)."""
    lost = _extras_problem(scenario)
    if lost:
        return lost
    for issue in scenario.issues:
        if (issue.low, issue.high) != (0.0, 100.0):
            return f"issue {issue.id!r} is not on the 0-100 scale"
        if len(scenario.stakes_on(issue.id)) != len(scenario.actors):
            return f"not every actor has a position on issue {issue.id!r}"
        if slug(issue.name or issue.id) != issue.id:
            return f"issue id {issue.id!r} is not the slug of its name, which KTAB files keep"
    for actor in scenario.actors:
        if sum(s.salience for s in scenario.stakes if s.actor == actor.id) > 1 + 1e-9:
            return f"{actor.id}'s saliences total more than 100, which KTAB does not allow"
    if _non_default_models(scenario):
        return "it gives model hyperparameters (KTAB's XML can hold smp's)"
    return None


def _non_default_models(scenario: Scenario) -> bool:
    """Whether the scenario's file gives model hyperparameters other than KTAB's defaults of
    smp's nine parameters (which a KTAB XML file always spells out)."""
    from accord.models.smp import SMPOptions

    defaults = SMPOptions().to_dict()
    for name, params in scenario.models:
        for key, value in params:
            if name != "smp" or key not in defaults or defaults[key] != value:
                return True
    return False


def _extras_problem(scenario: Scenario) -> str | None:
    lost = []
    if scenario.evidence:
        lost.append("evidence")
    if scenario.outcome is not None:
        lost.append("the outcome")
    if scenario.as_of is not None:
        lost.append("as_of")
    if any(a.role != "party" or a.aliases or a.capability_range for a in scenario.actors):
        lost.append("actor roles, aliases or ranges")
    if any(
        a.reservation_utility is not None or a.discount_factor is not None for a in scenario.actors
    ):
        lost.append("reservation utilities or discount factors")
    if any(a.strategy is not None for a in scenario.actors):
        lost.append("concession strategies")
    if any(
        i.status_quo is not None or i.labels or i.options or i.description for i in scenario.issues
    ):
        lost.append("status quos, labels, options or issue descriptions")
    if any(
        s.reservation is not None or s.evidence or s.note or s.position_range or s.salience_range
        for s in scenario.stakes
    ):
        lost.append("reservations, evidence links, notes or ranges")
    if any(s.evaluations is not None for s in scenario.stakes):
        lost.append("evaluations")
    return ("CSV cannot hold " + ", ".join(lost)) if lost else None


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _text(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def write_replication(scenario: Scenario) -> str:
    """The scenario as a replications CSV (check :func:`replication_problem` first)."""
    issue = scenario.issues[0]
    capability = {a.id: a.capability for a in scenario.actors}
    rows = [list(REPLICATION_HEADER)]
    for stake in scenario.stakes_on(issue.id):
        rows.append(
            [stake.actor, _fmt(capability[stake.actor]), _fmt(stake.position), _fmt(stake.salience)]
        )
    return _text(rows)


def write_ktab(scenario: Scenario) -> str:
    """The scenario as KTAB SMP CSV (check :func:`ktab_problem` first)."""
    rows = [
        [
            scenario.title,
            scenario.description or "",
            str(len(scenario.actors)),
            str(len(scenario.issues)),
        ]
    ]
    header = ["Actor", "Description", "Capability"]
    for issue in scenario.issues:
        header += [issue.name or issue.id, f"Sal-{issue.id}"]
    rows.append(header)
    for actor in scenario.actors:
        row = [actor.id, actor.name or "", _fmt(actor.capability)]
        for issue in scenario.issues:
            stake = scenario.stake(actor.id, issue.id)
            assert stake is not None
            row += [_fmt(stake.position), _fmt(round(stake.salience * 100, 10))]
        rows.append(row)
    return _text(rows)
