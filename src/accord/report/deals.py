"""Package deals for people and for programs: the rich tables and the JSON contract.

The JSON contract of ``accord deals --json`` (other tools read it)::

    {"scenario": {"id": ..., "title": ...},
     "parties": ["RUS", "UKR", ...],
     "conventions": {"actors": "parties", "steps": 5, "utility": "linear",
                     "disagreement": "reservation", "normalisation": "none",
                     "rationality": "weak", "tie": "welfare", "weights": "capability",
                     "reference": "split"},
     "outcomes": 48828125,
     "issues": [{"id": "ceasefire", "values": [0.0, 25.0, ...]}],
     "reservation": {"RUS": 0.459523809524, ...},
     "disagreement": {"RUS": 0.459523809524, ...},
     "frontier": [{"package": {"ceasefire": 100.0, ...},
                   "utilities": {"RUS": 0.397959183673, ...},
                   "accepted_by": ["UKR", "UKC"]}],
     "solutions": {"nash": {"package": {...}, "utilities": {...}, "accepted_by": [...]},
                   "kalai_smorodinsky": {...}, "egalitarian": {...}, "utilitarian": {...}},
     "zopa": {"exists": true, "size": 10006, "frontier": [<rows like "frontier">]},
     "logrolls": [{"parties": ["RUS", "UKR"], "issues": ["nato", "ceasefire"],
                   "gain": {"RUS": 0.013605442177, "UKR": 0.013071895425},
                   "moves": {"nato": {"from": 50.0, "to": 0.0}, "ceasefire": {...}},
                   "others": {"UKC": 0.038297872340, "EU": 0.013953488372}}],
     "concessions": {"RUS": {"ceasefire": {"position": 25.0, "value": 75.0,
                                           "distance": 50.0, "utility_cost": 0.047619047619}}},
     "notes": ["..."]}

Package values are plain numbers on each issue's own scale (for GENIUS discrete issues, the
value's number; ``issues`` lists every issue's values in the space). Utilities are on ``[0, 1]``
and are written to 12 decimal places - the resolution at which accord compares them; frontier
rows, one per line, are aligned in columns (JSON ignores the spaces). ``frontier`` is ordered by
the first party's utility, descending (then the others', then outcome order), and lists every
package on it, duplicates included; ``zopa.frontier`` lists the Pareto-optimal packages among
those every party accepts, in the same order. A solution that does not exist has
``"package": null`` and a ``note``; so do all four when ``zopa.exists`` is false.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import IO, TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from accord.deals.analysis import DealAnalysis, PackageTable

if TYPE_CHECKING:
    from rich.console import RenderableType

__all__ = ["deals_json", "deals_tables", "write_deals_json"]

_TITLES = {
    "nash": "Nash",
    "kalai_smorodinsky": "Kalai-Smorodinsky",
    "egalitarian": "Egalitarian",
    "utilitarian": "Utilitarian",
}
_DECIMALS = 12
_ROWS_PER_BLOCK = 1 << 16


def _round(value: float) -> float:
    return round(float(value), _DECIMALS)


def deals_json(analysis: DealAnalysis) -> dict[str, Any]:
    """The ``accord deals --json`` contract as a dict (utilities to 12 decimals)."""
    data = analysis.to_dict()
    for key in ("reservation", "disagreement"):
        data[key] = {p: _round(v) for p, v in data[key].items()}
    for solution in data["solutions"].values():
        solution["utilities"] = {p: _round(v) for p, v in solution["utilities"].items()}
    for roll in data["logrolls"]:
        roll["gain"] = {p: _round(v) for p, v in roll["gain"].items()}
        roll["others"] = {p: _round(v) for p, v in roll["others"].items()}
    for issues in data["concessions"].values():
        for entry in issues.values():
            entry["utility_cost"] = _round(entry["utility_cost"])
    for rows in (data["frontier"], data["zopa"]["frontier"]):
        for row in rows:
            row["utilities"] = {p: _round(v) for p, v in row["utilities"].items()}
    return data


# --------------------------------------------------------------------------------------------
# Fast JSON for large frontiers: rows assembled as bytes with numpy


def write_deals_json(analysis: DealAnalysis, stream: IO[str]) -> None:
    """Write the contract to ``stream``; frontier rows are formatted in blocks with numpy."""
    marks = {"frontier": "\x00frontier\x00", "zopa": "\x00zopa\x00"}
    empty = analysis.frontier.take(np.zeros(0, dtype=np.intp))
    light = replace(analysis, frontier=empty, zopa=replace(analysis.zopa, frontier=empty))
    data = deals_json(light)
    data["frontier"] = marks["frontier"]
    data["zopa"]["frontier"] = marks["zopa"]
    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
    head, rest = text.split(json.dumps(marks["frontier"]), 1)
    middle, tail = rest.split(json.dumps(marks["zopa"]), 1)
    binary = getattr(stream, "buffer", None)
    stream.write(head)
    stream.flush()
    _write_rows(analysis.frontier, stream, binary, indent=4)
    stream.write(middle)
    stream.flush()
    _write_rows(analysis.zopa.frontier, stream, binary, indent=6)
    stream.write(tail + "\n")
    stream.flush()


def _vocabulary(texts: Sequence[str], *, pad_at: int | None = None) -> NDArray[np.uint8]:
    """Strings as a byte matrix of one width: spaces inserted at byte ``pad_at`` (default: end).

    JSON ignores the spaces; inserted before a value they right-align it.
    """
    encoded = [t.encode("utf-8") for t in texts]
    width = max(len(e) for e in encoded)
    padded = []
    for e in encoded:
        at = len(e) if pad_at is None else pad_at
        padded.append(e[:at] + b" " * (width - len(e)) + e[at:])
    return np.frombuffer(b"".join(padded), dtype=np.uint8).reshape(len(texts), width)


#: Four ASCII digits "0000".."9999" as one little 4-byte word each.
_FOUR_DIGITS = np.frombuffer(b"".join(f"{i:04d}".encode() for i in range(10_000)), dtype=np.uint32)
_LEADING = np.frombuffer(b"  0.  1.", dtype=np.uint32)
#: Bytes a utility takes in a frontier row: two spaces, then d.dddddddddddd.
_UTILITY_WIDTH = 16


def _put_utility(block: NDArray[np.uint8], at: int, u: NDArray[np.float64]) -> None:
    """Write utilities in [0, 1] with 12 decimals (``  d.dddddddddddd``) at byte column ``at``."""
    fixed = np.rint(np.clip(u, 0.0, 1.0) * 10**_DECIMALS).astype(np.int64)
    whole = fixed // 10**_DECIMALS
    part = fixed - whole * 10**_DECIMALS
    high = part // 10**8
    middle = (part // 10**4) % 10**4
    words = np.empty((len(u), 4), dtype=np.uint32)
    words[:, 0] = _LEADING[whole]
    words[:, 1] = _FOUR_DIGITS[high]
    words[:, 2] = _FOUR_DIGITS[middle]
    words[:, 3] = _FOUR_DIGITS[part - high * 10**8 - middle * 10**4]
    block[:, at : at + _UTILITY_WIDTH] = words.view(np.uint8).reshape(len(u), _UTILITY_WIDTH)


@dataclass(frozen=True)
class _Segment:
    """Bytes of a row: a table looked up by the values of some issues, or a party's utility."""

    at: int
    width: int
    table: NDArray[np.uint8] | None = None  # (entries, width)
    issues: tuple[int, ...] = ()
    radices: tuple[int, ...] = ()
    party: int | None = None


def _segments(table: PackageTable) -> tuple[list[_Segment], int]:
    """The byte layout of a frontier row; returns the segments and the row width."""
    space, parties = table.space, table.parties
    value_text = [[json.dumps(float(v)) for v in values] for values in space.values]
    key_text = [json.dumps(issue, ensure_ascii=False) + ": " for issue in space.issues]
    # Each issue's values right-aligned to its longest, measured once (linear in the values).
    widths = [max((len(t) for t in texts), default=0) for texts in value_text]
    groups: list[list[int]] = []
    for k in range(len(space.issues)):
        if (
            groups
            and math.prod(len(space.values[j]) for j in groups[-1]) * len(space.values[k]) <= 4096
        ):
            groups[-1].append(k)
        else:
            groups.append([k])
    segments: list[_Segment] = []
    at = 0
    for g, group in enumerate(groups):
        texts = []
        for combo in itertools.product(*(range(len(space.values[k])) for k in group)):
            parts = [
                ("" if k == 0 else ", ") + key_text[k] + value_text[k][i].rjust(widths[k])
                for k, i in zip(group, combo, strict=True)
            ]
            text = "".join(parts)
            if g == 0:
                text = '{"package": {' + text
            if g == len(groups) - 1:
                text += '}, "utilities": {' + json.dumps(parties[0], ensure_ascii=False) + ": "
            texts.append(text)
        matrix = _vocabulary(texts)
        segments.append(
            _Segment(
                at=at,
                width=matrix.shape[1],
                table=matrix,
                issues=tuple(group),
                radices=tuple(len(space.values[k]) for k in group),
            )
        )
        at += matrix.shape[1]
    for j in range(len(parties)):
        segments.append(_Segment(at=at, width=_UTILITY_WIDTH, party=j))
        at += _UTILITY_WIDTH
        if j + 1 < len(parties):
            between = _vocabulary([", " + json.dumps(parties[j + 1], ensure_ascii=False) + ": "])
            segments.append(_Segment(at=at, width=between.shape[1], table=between))
            at += between.shape[1]
    closing = [
        '}, "accepted_by": '
        + json.dumps([p for j, p in enumerate(parties) if mask >> j & 1], ensure_ascii=False)
        for mask in range(1 << len(parties))
    ]
    longest = max(len(text.encode("utf-8")) for text in closing)
    closing = [text + " " * (longest - len(text.encode("utf-8"))) + "},\n" for text in closing]
    matrix = _vocabulary(closing)
    segments.append(_Segment(at=at, width=matrix.shape[1], table=matrix, issues=(-1,)))
    return segments, at + matrix.shape[1]


def _rounded_row(table: PackageTable, i: int) -> dict[str, Any]:
    row = table.row(i)
    row["utilities"] = {p: _round(v) for p, v in row["utilities"].items()}
    return row


def _write_rows(
    table: PackageTable, stream: IO[str], binary: IO[bytes] | None, *, indent: int
) -> None:
    """Write ``[ ... ]`` with one compact JSON object per line, aligned in columns."""
    n = len(table)
    if n == 0:
        stream.write("[]")
        return
    if len(table.parties) > 12:  # too many acceptance subsets to tabulate: plain JSON
        rows = ",\n".join(" " * indent + json.dumps(_rounded_row(table, i)) for i in range(n))
        stream.write("[\n" + rows + "\n" + " " * (indent - 2) + "]")
        return
    segments, width = _segments(table)
    line = indent + width
    weights = 1 << np.arange(len(table.parties), dtype=np.int64)
    stream.write("[\n")
    stream.flush()
    for start in range(0, n, _ROWS_PER_BLOCK):
        stop = min(n, start + _ROWS_PER_BLOCK)
        block = np.empty((stop - start, line), dtype=np.uint8)
        block[:, :indent] = ord(" ")
        for segment in segments:
            at = indent + segment.at
            where = slice(at, at + segment.width)
            if segment.party is not None:
                _put_utility(block, at, table.utilities[start:stop, segment.party])
            elif segment.issues == (-1,):
                accepted = table.accepted[start:stop].astype(np.int64) @ weights
                block[:, where] = segment.table[accepted]  # type: ignore[index]
            elif not segment.issues:
                block[:, where] = segment.table  # type: ignore[assignment]
            else:
                index = np.zeros(stop - start, dtype=np.intp)
                for k, radix in zip(segment.issues, segment.radices, strict=True):
                    index = index * radix + table.indices[start:stop, k]
                block[:, where] = segment.table[index]  # type: ignore[index]
        raw = block.tobytes()
        if stop == n:
            raw = raw[:-2] + b"\n"
        if binary is not None:
            binary.write(raw)
        else:
            stream.write(raw.decode("utf-8"))
    if binary is not None:
        binary.flush()
    stream.write(" " * (indent - 2) + "]")


# --------------------------------------------------------------------------------------------
# Tables


def _num(value: float, digits: int = 2) -> str:
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def _utility(value: float) -> str:
    return f"{value:.3f}"


def _signed(value: float) -> str:
    return f"{value:+.3f}"


def _who(parties: Sequence[str], accepted: Sequence[str]) -> str:
    if len(accepted) == len(parties):
        return "all"
    return ", ".join(accepted) if accepted else "none"


def _spread(n: int, show: int) -> list[int]:
    """Up to ``show`` row indices spread evenly from the first to the last."""
    if n <= show:
        return list(range(n))
    return sorted({round(i * (n - 1) / (show - 1)) for i in range(show)})


def _conventions_text(conventions: dict[str, Any]) -> str:
    disagreement = {"reservation": "the reservation utilities", "zero": "0"}
    rationality = {"weak": "u >= reservation", "strict": "u > reservation"}
    tie = {"welfare": "largest total utility, then outcome order", "first": "outcome order"}
    reference = {"split": "split-the-difference", "nash": "the Nash package"}
    return "; ".join(
        [
            f"utility {conventions['utility']}",
            f"disagreement point {disagreement[conventions['disagreement']]}",
            f"normalisation {conventions['normalisation']}",
            f"rationality {rationality[conventions['rationality']]}",
            f"ties: {tie[conventions['tie']]}",
            f"Nash weights {conventions['weights']}",
            f"logrolls from {reference[conventions['reference']]}",
        ]
    )


def deals_tables(analysis: DealAnalysis, *, show: int = 10) -> list[RenderableType]:
    """The analysis for people: solutions, frontier sample, zone, logrolls, concessions."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    scenario = analysis.scenario
    parties = analysis.parties
    conventions = analysis.conventions.to_dict()
    parts: list[RenderableType] = []
    heading = Text(scenario.title, style="bold")
    heading.append(f"\npackage deals among {', '.join(parties)}", style="dim")
    parts.append(heading)
    shape = analysis.space.shape
    parts.append(
        Text(
            f"Outcome space: {len(shape)} issues, {analysis.outcomes:,} packages "
            f"({' x '.join(str(n) for n in shape)} values; continuous issues at their labelled "
            f"points and a {conventions['steps']}-point grid).",
            style="dim",
        )
    )
    parts.append(Text("Conventions: " + _conventions_text(conventions) + ".", style="dim"))

    table = Table(title="Bargaining solutions", title_justify="left", header_style="bold")
    table.add_column("Issue", no_wrap=True)
    for solution in analysis.solutions:
        table.add_column(_TITLES[solution.name], justify="right")
    for k, issue in enumerate(scenario.issues):
        cells = []
        for solution in analysis.solutions:
            cells.append(
                "-" if solution.package is None else _num(dict(solution.package)[issue.id])
            )
        table.add_row(issue.id, *cells, end_section=k == len(scenario.issues) - 1)
    for j, party in enumerate(parties):
        cells = [
            "-" if s.package is None else _utility(dict(s.utilities)[party])
            for s in analysis.solutions
        ]
        table.add_row(f"{party} utility (reservation {_utility(analysis.reservation[j])})", *cells)
    table.add_row(
        "accepted by",
        *["-" if s.package is None else _who(parties, s.accepted_by) for s in analysis.solutions],
    )
    parts.append(Text(""))
    parts.append(table)
    nash = analysis.solution("nash")
    if nash.package is not None and any(issue.labels for issue in scenario.issues):
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(justify="right", no_wrap=True)
        grid.add_column()
        values = dict(nash.package)
        for issue in scenario.issues:
            nearest = issue.nearest_label(values[issue.id])
            if nearest is not None:
                grid.add_row(
                    issue.id, _num(values[issue.id]), f"≈ {_num(nearest[0])}: {nearest[1]}"
                )
        parts.append(Group(Text("The Nash package, with the nearest labelled points:"), grid))
    for solution in analysis.solutions:
        if solution.note:
            parts.append(Text(f"{_TITLES[solution.name]}: {solution.note}.", style="yellow"))
            break

    frontier = analysis.frontier
    rows = _spread(len(frontier), show)
    title = f"Pareto frontier: {len(frontier):,} packages"
    if len(rows) < len(frontier):
        title += f" (showing {len(rows)}, spread along {parties[0]}'s utility)"
    table = Table(title=title, title_justify="left", header_style="bold")
    for party in parties:
        table.add_column(party, justify="right")
    table.add_column("accepted by")
    table.add_column("package")
    for i in rows:
        row = frontier.row(i)
        table.add_row(
            *[_utility(row["utilities"][p]) for p in parties],
            _who(parties, row["accepted_by"]),
            ", ".join(f"{k} {_num(v)}" for k, v in row["package"].items()),
        )
    parts.append(Text(""))
    parts.append(table)

    zopa = analysis.zopa
    parts.append(Text(""))
    if zopa.exists:
        share = zopa.size / analysis.outcomes
        parts.append(
            Text(
                f"Zone of possible agreement: {zopa.size:,} of {analysis.outcomes:,} packages "
                f"({share:.3%}) are acceptable to every party; {len(zopa.frontier):,} of them "
                "are Pareto-optimal among the acceptable ones."
            )
        )
    else:
        parts.append(
            Text(
                "No package is acceptable to every party: there is no zone of agreement, and "
                "no bargaining solution.",
                style="bold yellow",
            )
        )

    if analysis.logrolls:
        rolls = analysis.logrolls[:show]
        title = f"Logrolls: {len(analysis.logrolls)}"
        if len(rolls) < len(analysis.logrolls):
            title += f" (the {len(rolls)} with the largest smaller gain)"
        table = Table(title=title, title_justify="left", header_style="bold")
        table.add_column("Parties", no_wrap=True)
        table.add_column("Trade")
        table.add_column("Gains", no_wrap=True)
        table.add_column("Others")
        for roll in rolls:
            (a, a_from, a_to), (b, b_from, b_to) = roll.moves
            x, y = roll.parties
            table.add_row(
                f"{x} + {y}",
                f"{a} {_num(a_from)} → {_num(a_to)} for {x}; {b} {_num(b_from)} → {_num(b_to)} "
                f"for {y}",
                f"{x} {_signed(roll.gain[0])}, {y} {_signed(roll.gain[1])}",
                ", ".join(f"{p} {_signed(v)}" for p, v in roll.others) or "-",
            )
        parts.append(Text(""))
        parts.append(table)
    else:
        parts.append(Text(""))
        parts.append(Text("No logrolls: no trade across two issues raises both parties' utility."))

    if analysis.concessions:
        table = Table(
            title="What the Nash package takes", title_justify="left", header_style="bold"
        )
        table.add_column("Party", no_wrap=True)
        table.add_column("Utility given up", justify="right")
        table.add_column("Largest concessions (distance from its position, utility cost)")
        for party in parties:
            own = [c for c in analysis.concessions if c.party == party]
            total = sum(c.utility_cost for c in own)
            largest = sorted(own, key=lambda c: -c.utility_cost)[:3]
            table.add_row(
                party,
                _utility(total),
                "; ".join(
                    f"{c.issue} {_num(c.position)} → {_num(c.value)} ({_utility(c.utility_cost)})"
                    for c in largest
                    if c.utility_cost > 0
                )
                or "none",
            )
        parts.append(Text(""))
        parts.append(table)

    for note in analysis.notes:
        parts.append(Text(f"Note: {note}.", style="dim"))
    return parts
