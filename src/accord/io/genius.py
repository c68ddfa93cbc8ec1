"""GENIUS / ANAC negotiation domains: a domain XML file and one linear-additive profile per party.

How a domain is given
---------------------
``load_scenario`` (and so ``accord deals`` and ``accord convert``) reads a GENIUS domain when the
path is

- an ``.xml`` file whose root element is ``<negotiation_template>`` (the domain). Its profiles are
  the ``.xml`` files *in the same folder* whose root element is ``<utility_space>``, in file-name
  order - the layout of GENIUS's and the ANAC competitions' domain folders - unless they are
  passed explicitly (``profiles=``; ``accord deals --profile FILE``, repeatable, in that order);
- or a folder holding exactly one such domain file (and its profiles).

Each profile becomes a party (id: the file's name without ``.xml``, capability 1, so the Nash
solution is symmetric as in GENIUS); each issue becomes an issue of the scenario.

Algorithm: GENIUS's semantics (as ``genius.core.utility`` computes them)
------------------------------------------------------------------------
A profile's utility of a bid is ``sum_k w_k e_k(bid_k)`` over the issues, with the weights ``w_k``
of its ``<weight index=k value=...>`` elements as given (GENIUS does not normalise them when it
reads a file) and each issue's evaluation ``e_k`` on ``[0, 1]``:

- **discrete** issues: the ``evaluation`` of the value's ``<item>`` *divided by the largest
  evaluation of that issue* (0 when that maximum is below 1e-5) - ``EvaluatorDiscrete``. Raw
  evaluations such as 1-10 are therefore scaled to a maximum of 1, issue by issue. (NegMAS's
  loader keeps them raw, which changes the weights' effect and hence the frontier.) Every value
  of the domain needs an evaluation >= 0.
- **integer** issues: ``clamp(offset + slope * (v - lowerbound), 0, 1)`` with ``slope``, ``offset``
  from ``<evaluator ftype="linear">`` and ``lowerbound`` from the profile's issue element
  (``EvaluatorInteger``); every integer of the domain's range is a value.
- **real** issues: ``clamp(parameter0 + parameter1 * v, 0, 1)`` for ``ftype="linear"``, the
  constant ``parameter0`` for ``ftype="constant"`` (``EvaluatorReal``). Real issues are
  continuous: accord discretises them like any continuous issue (``--steps``).
- ``<reservation value=...>``: the utility of no agreement (GENIUS's reservation value);
  ``<discount_factor value=...>``: recorded on the actor (a factor outside (0, 1] means 1, as in
  GENIUS); the analyses are of undiscounted utilities (time 0). At any fixed time discounting
  multiplies a party's utilities and reservation value by the same factor, which leaves the
  frontier, acceptability and the Nash and Kalai-Smorodinsky solutions unchanged.

In the scenario a discrete issue's values are the options 0, 1, ..., n-1 labelled with the value
names; each stake carries the evaluations (``evaluations:``) and its salience is the weight;
its position is the value with the highest evaluation. accord averages over saliences
(``sum_k w_k e_k / sum_k w_k``): when a profile's weights sum to ``W != 1`` its utilities are
GENIUS's divided by ``W``, and its reservation utility is divided by ``W`` too, so acceptance,
the frontier and the solutions are GENIUS's own (the scenario's description says so).

Not supported (refused, naming the element): non-linear profiles (``<utility_function>``,
``<ufun>``, hyper-rectangles, constraints, ``<utility_space type=...>`` other than linear), nested
``<objective>`` trees, real evaluators other than linear and constant, integer evaluators
without ``slope``/``offset``, weights summing to more than 1 (GENIUS then caps utilities at 1,
which is not additive), negative evaluations and DOCTYPE or ENTITY declarations (entity
expansion is refused, not defused). GeniusWeb's JSON profiles are not read.

Sources
-------
- Lin, R., Kraus, S., Baarslag, T., Tykhonov, D., Hindriks, K. & Jonker, C. M. (2014), "Genius:
  an integrated environment for supporting the design of generic automated negotiators",
  *Computational Intelligence* 30(1): 48-70.
- Baarslag, T., Hindriks, K., Jonker, C., Kraus, S. & Lin, R. (2012), "The first automated
  negotiating agents competition (ANAC 2010)", in *New Trends in Agent-Based Complex Automated
  Negotiations*, Springer, 113-135 (the domain and profile files).
- GENIUS's documentation of the XML formats and its ``genius.core.utility`` evaluators
  (``EvaluatorDiscrete``, ``EvaluatorInteger``, ``EvaluatorReal``, ``AdditiveUtilitySpace``).
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accord.errors import InputError
from accord.io._schema import read_document, representable
from accord.io._text import Document, read_text
from accord.scenario import Scenario

__all__ = ["find_profiles", "is_genius", "load_genius", "parse_genius"]

#: Largest number of values an integer issue may have.
MAX_INTEGER_VALUES = 100_000
_DECLARATION = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_ROOT = re.compile(r"<\s*([A-Za-z_][\w.-]*)")
_NON_LINEAR = ("utility_function", "utility", "ufun", "hyperRectangle", "constraint", "rconstraint")
#: GENIUS loads a profile whose weights sum to a value within [0.98, 1.02]; accord reads those
#: too, dividing by the sum (and says so in the scenario's description).
WEIGHT_TOLERANCE = (0.98, 1.02)
_XML_DECLARATION = re.compile(r"<\?xml\b.*?\?>", re.DOTALL)
_PROLOGUE = re.compile(r"(?:\s|<!--.*?-->)*", re.DOTALL)


def _root_tag(text: str) -> str | None:
    """The name of the root element, skipping the XML declaration, comments and whitespace."""
    rest = re.sub(
        r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^>\[]|\[.*?\])*>",
        "",
        text[:65536],
        flags=re.DOTALL | re.IGNORECASE,
    ).lstrip("\ufeff \t\r\n")
    match = _ROOT.match(rest)
    return match.group(1) if match else None


def is_genius(text: str) -> bool:
    """Whether the text is a GENIUS domain or profile (by its root element)."""
    return _root_tag(text) in ("negotiation_template", "utility_space")


# --------------------------------------------------------------------------------------------
# XML with line numbers, declarations refused


@dataclass(frozen=True)
class _Xml:
    root: ET.Element
    lines: dict[int, int]
    source: str

    def where(self, element: ET.Element) -> int | None:
        return self.lines.get(id(element))

    def fail(self, element: ET.Element | None, problem: str) -> InputError:
        line = None if element is None else self.where(element)
        return InputError(
            self.source, problem, where=None if element is None else _tag(element), line=line
        )


def _tag(element: ET.Element) -> str:
    shown = [
        f'{k}="{element.attrib[k]}"' for k in ("index", "name", "value") if k in element.attrib
    ]
    return "<" + " ".join([element.tag, *shown]) + ">"


def _parse_xml(text: str, source: str) -> _Xml:
    found = _DECLARATION.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        raise InputError(
            source,
            f"<!{found.group(1).upper()}> declarations are refused (entity expansion is not "
            "allowed in GENIUS files)",
            line=line,
        )
    declaration = _XML_DECLARATION.search(text)
    if declaration and declaration.start() > 0:
        body = text.lstrip("\ufeff")
        prologue = _PROLOGUE.match(body)
        if prologue and declaration.start() == len(text) - len(body) + prologue.end():
            # Comments before the declaration: GENIUS reads such files, expat does not. The
            # declaration says nothing the decoded text needs; blank it, keeping the lines.
            blank = re.sub(r"[^\n]", " ", declaration.group(0))
            text = text[: declaration.start()] + blank + text[declaration.end() :]
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start",))
    lines: dict[int, int] = {}
    root: ET.Element | None = None
    keep: list[ET.Element] = []
    try:
        for number, line_text in enumerate(text.splitlines(keepends=True), start=1):
            parser.feed(line_text)
            for event in parser.read_events():
                element: Any = event[-1]
                assert isinstance(element, ET.Element)
                if root is None:
                    root = element
                lines[id(element)] = number
                keep.append(element)
        parser.close()
    except ET.ParseError as exc:
        line, _ = exc.position
        message = str(exc).split(":")[0]
        raise InputError(source, f"malformed XML: {message}", line=line) from None
    if root is None:
        raise InputError(source, "malformed XML: no element")
    return _Xml(root=root, lines=lines, source=source)


def _number(xml: _Xml, element: ET.Element, name: str, default: float | None = None) -> float:
    raw = element.attrib.get(name)
    if raw is None:
        if default is not None:
            return default
        raise xml.fail(element, f"attribute {name!r} is missing")
    try:
        value = float(raw)
    except ValueError:
        raise xml.fail(element, f"attribute {name}={raw!r} is not a number") from None
    problem = representable(value)
    if problem:
        raise xml.fail(element, f"attribute {name}: {problem}")
    return value


def _index(xml: _Xml, element: ET.Element) -> int:
    raw = element.attrib.get("index")
    if raw is None:
        raise xml.fail(element, "attribute 'index' is missing")
    try:
        return int(raw)
    except ValueError:
        raise xml.fail(element, f"attribute index={raw!r} is not a whole number") from None


def _kind(element: ET.Element) -> str:
    for name in ("type", "etype", "vtype"):
        if name in element.attrib:
            return element.attrib[name].strip().lower()
    return "discrete"


def _objective(xml: _Xml, container: ET.Element) -> ET.Element:
    """The element whose children are the issues (and weights): the objective, if any."""
    objectives = [child for child in container if child.tag == "objective"]
    if len(objectives) > 1:
        raise xml.fail(objectives[1], "more than one <objective> is not supported")
    node = objectives[0] if objectives else container
    for child in node:
        if child.tag == "objective":
            raise xml.fail(child, "nested <objective> elements are not supported")
    return node


def _bounds(xml: _Xml, element: ET.Element) -> tuple[float, float]:
    low = element.attrib.get("lowerbound")
    high = element.attrib.get("upperbound")
    for child in element:
        if child.tag == "range":
            low = child.attrib.get("lowerbound", low)
            high = child.attrib.get("upperbound", high)
    if low is None or high is None:
        raise xml.fail(element, "needs lowerbound and upperbound")
    try:
        a, b = float(low), float(high)
    except ValueError:
        raise xml.fail(element, f"bounds {low!r}, {high!r} are not numbers") from None
    problem = representable(a) or representable(b)
    if problem:
        raise xml.fail(element, f"bounds: {problem}")
    if not a < b:
        raise xml.fail(element, f"lowerbound {low} must be below upperbound {high}")
    return a, b


# --------------------------------------------------------------------------------------------
# The domain


@dataclass(frozen=True)
class _Issue:
    index: int
    name: str
    kind: str  # discrete | integer | real
    values: tuple[str, ...] = ()
    low: float = 0.0
    high: float = 1.0


def _read_domain(xml: _Xml) -> list[_Issue]:
    if xml.root.tag != "negotiation_template":
        raise xml.fail(
            xml.root, "not a GENIUS domain: the root element must be <negotiation_template>"
        )
    spaces = [child for child in xml.root if child.tag == "utility_space"]
    if not spaces:
        raise xml.fail(xml.root, "no <utility_space> element with the issues")
    issues: list[_Issue] = []
    seen_index: set[int] = set()
    seen_name: set[str] = set()
    for element in _objective(xml, spaces[0]):
        if element.tag != "issue":
            continue
        index = _index(xml, element)
        name = element.attrib.get("name", "").strip()
        if not name:
            raise xml.fail(element, "an issue needs a name")
        if index in seen_index or name in seen_name:
            raise xml.fail(element, f"issue index {index} or name {name!r} appears twice")
        seen_index.add(index)
        seen_name.add(name)
        kind = _kind(element)
        if kind == "discrete":
            values = [item.attrib.get("value") for item in element if item.tag == "item"]
            if not values or any(v is None for v in values):
                raise xml.fail(element, "a discrete issue needs <item value=...> elements")
            names = tuple(str(v) for v in values)
            if len(set(names)) != len(names):
                raise xml.fail(element, "the same value appears twice")
            issues.append(_Issue(index=index, name=name, kind=kind, values=names))
        elif kind in ("integer", "real"):
            low, high = _bounds(xml, element)
            if kind == "integer":
                if not (low.is_integer() and high.is_integer()):
                    raise xml.fail(element, "an integer issue needs whole-number bounds")
                if high - low + 1 > MAX_INTEGER_VALUES:
                    raise xml.fail(
                        element,
                        f"{int(high - low + 1):,} integer values; at most {MAX_INTEGER_VALUES:,} "
                        "are supported",
                    )
            issues.append(_Issue(index=index, name=name, kind=kind, low=low, high=high))
        else:
            raise xml.fail(
                element, f"issue type {kind!r} is not supported (discrete, integer, real)"
            )
    if not issues:
        raise xml.fail(spaces[0], "the domain has no <issue>")
    return issues


# --------------------------------------------------------------------------------------------
# A profile


@dataclass(frozen=True)
class _Profile:
    name: str
    weights: dict[int, float]
    evaluations: dict[int, list[tuple[float, float]]]
    reservation: float | None
    discount: float | None


def _clamped_line(
    low: float, high: float, offset: float, slope: float, origin: float
) -> list[tuple[float, float]]:
    """Points of ``clamp(offset + slope * (v - origin), 0, 1)`` on [low, high], kinks included."""
    points = {low, high}
    if slope != 0:
        for level in (0.0, 1.0):
            kink = origin + (level - offset) / slope
            if low < kink < high:
                points.add(kink)
    return [(v, min(1.0, max(0.0, offset + slope * (v - origin)))) for v in sorted(points)]


def _read_profile(xml: _Xml, name: str, issues: list[_Issue]) -> _Profile:
    root = xml.root
    if root.tag != "utility_space":
        raise xml.fail(root, "not a GENIUS profile: the root element must be <utility_space>")
    kind = root.attrib.get("type", "").strip().lower()
    if kind and kind not in ("linear", "additive"):
        raise xml.fail(
            root,
            f"a {kind} utility space is not linear-additive; accord reads linear-additive "
            "GENIUS profiles only",
        )
    for element in root.iter():
        if element.tag in _NON_LINEAR:
            raise xml.fail(
                element,
                "a non-linear utility space; accord reads linear-additive GENIUS profiles only",
            )
    reservation: float | None = None
    discount: float | None = None
    for child in root:
        if child.tag == "reservation":
            reservation = _number(xml, child, "value")
            if not 0 <= reservation <= 1:
                raise xml.fail(child, f"reservation value {reservation:g} lies outside [0, 1]")
        elif child.tag == "discount_factor":
            factor = _number(xml, child, "value")
            discount = factor if 0 < factor < 1 else None
    by_index = {issue.index: issue for issue in issues}
    weights: dict[int, float] = {}
    evaluations: dict[int, list[tuple[float, float]]] = {}
    node = _objective(xml, root)
    for element in node:
        if element.tag == "weight":
            index = _index(xml, element)
            weight = _number(xml, element, "value")
            if index not in by_index:
                raise xml.fail(element, f"no issue with index {index} in the domain")
            if not 0 <= weight <= 1:
                raise xml.fail(element, f"weight {weight:g} lies outside [0, 1]")
            if index in weights:
                raise xml.fail(element, f"a second <weight> for issue index {index}")
            weights[index] = weight
        elif element.tag == "issue":
            index = _index(xml, element)
            issue = by_index.get(index)
            if issue is None:
                raise xml.fail(element, f"no issue with index {index} in the domain")
            named = element.attrib.get("name")
            if named is not None and named.strip() != issue.name:
                raise xml.fail(
                    element, f"issue {index} is {issue.name!r} in the domain, not {named!r}"
                )
            if index in evaluations:
                raise xml.fail(element, f"issue {issue.name!r} appears twice in the profile")
            evaluations[index] = _evaluations(xml, element, issue)
    for issue in issues:
        if issue.index not in weights:
            raise xml.fail(node, f"issue {issue.name!r} (index {issue.index}) has no <weight>")
        if issue.index not in evaluations:
            raise xml.fail(node, f"issue {issue.name!r} (index {issue.index}) has no evaluations")
    return _Profile(
        name=name,
        weights=weights,
        evaluations=evaluations,
        reservation=reservation,
        discount=discount,
    )


def _evaluations(xml: _Xml, element: ET.Element, issue: _Issue) -> list[tuple[float, float]]:
    """The issue's evaluations as (value, e) points on [0, 1] (discrete: option numbers)."""
    if issue.kind == "discrete":
        raw: dict[str, float] = {}
        known = set(issue.values)  # a set: the test below runs once per item
        for item in element:
            if item.tag != "item":
                continue
            value = item.attrib.get("value")
            if value is None:
                raise xml.fail(item, "an <item> needs a value")
            if value not in known:
                raise xml.fail(item, f"{value!r} is not a value of issue {issue.name!r}")
            evaluation = _number(xml, item, "evaluation")
            if evaluation < 0:
                raise xml.fail(item, f"evaluation {evaluation:g} is negative")
            if value in raw:
                raise xml.fail(item, f"value {value!r} has a second <item> (which one counts?)")
            raw[value] = evaluation
        missing = [v for v in issue.values if v not in raw]
        if missing:
            raise xml.fail(element, f"value {missing[0]!r} has no evaluation")
        top = max(raw.values())
        return [
            (float(k), raw[v] / top if top >= 1e-5 else 0.0) for k, v in enumerate(issue.values)
        ]
    evaluators = [child for child in element if child.tag == "evaluator"]
    if issue.kind == "integer":
        origin = _number(xml, element, "lowerbound", default=issue.low)
        if not evaluators:
            return [(issue.low, 0.0), (issue.high, 0.0)]
        evaluator = evaluators[0]
        ftype = evaluator.attrib.get("ftype", "linear").strip().lower()
        if ftype != "linear" or "slope" not in evaluator.attrib:
            raise xml.fail(
                evaluator, 'an integer evaluator needs ftype="linear" with slope and offset'
            )
        slope = _number(xml, evaluator, "slope")
        offset = _number(xml, evaluator, "offset")
        return _clamped_line(issue.low, issue.high, offset, slope, origin)
    if not evaluators:
        raise xml.fail(element, "a real issue needs an <evaluator>")
    evaluator = evaluators[0]
    ftype = evaluator.attrib.get("ftype", "").strip().lower()
    if ftype == "linear":
        offset = _number(xml, evaluator, "parameter0")
        slope = _number(xml, evaluator, "parameter1")
        return _clamped_line(issue.low, issue.high, offset, slope, 0.0)
    if ftype == "constant":
        constant = _number(xml, evaluator, "parameter0")
        if not 0 <= constant <= 1:
            raise xml.fail(evaluator, f"constant evaluation {constant:g} lies outside [0, 1]")
        return [(issue.low, constant), (issue.high, constant)]
    raise xml.fail(evaluator, f"real evaluator ftype={ftype!r} is not supported (linear, constant)")


# --------------------------------------------------------------------------------------------
# The scenario


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "genius-domain"


def _number_out(value: float) -> float | int:
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


def parse_genius(
    domain_text: str, domain_source: str, profiles: Sequence[tuple[str, str]]
) -> Scenario:
    """A scenario from a GENIUS domain's text and its profiles' ``(text, source)`` pairs."""
    domain_xml = _parse_xml(domain_text, domain_source)
    if domain_xml.root.tag == "utility_space":
        raise domain_xml.fail(
            domain_xml.root,
            "this is a GENIUS profile; give the domain file (<negotiation_template>)",
        )
    issues = _read_domain(domain_xml)
    if len(profiles) < 2:
        raise InputError(
            domain_source,
            f"found {len(profiles)} GENIUS profile(s) (<utility_space> files) for this domain; "
            "a negotiation needs at least two: put them next to the domain or pass --profile",
        )
    parsed: list[_Profile] = []
    names: set[str] = set()
    for text, source in profiles:
        name = Path(source).stem or "profile"
        while name in names:
            name += "_"
        names.add(name)
        parsed.append(_read_profile(_parse_xml(text, source), name, issues))

    notes = [
        f"Imported from the GENIUS domain {Path(domain_source).name} with the profiles "
        + ", ".join(Path(source).name for _, source in profiles)
        + ". Discrete issues are numbered 0, 1, ... in the domain's order of values (labels give "
        "the names); evaluations are GENIUS's (divided by each issue's largest evaluation)."
    ]
    actors: list[dict[str, Any]] = []
    positions: list[dict[str, Any]] = []
    for profile, (_, source) in zip(parsed, profiles, strict=True):
        total = sum(profile.weights.values())
        if total <= 0:
            raise InputError(source, "every issue weight is 0: the profile prefers nothing")
        if total > WEIGHT_TOLERANCE[1]:
            raise InputError(
                source,
                f"issue weights sum to {total:g} > {WEIGHT_TOLERANCE[1]:g}: GENIUS refuses such "
                "profiles (it accepts sums within [0.98, 1.02]); make the weights sum to 1",
            )
        # Within GENIUS's tolerance above 1, the weights are renormalised (GENIUS would cap
        # utilities at 1 instead; the difference is at most the excess, and is noted).
        scale = total if total > 1 else 1.0
        actor: dict[str, Any] = {"id": profile.name, "capability": 1}
        if profile.reservation is not None:
            reservation = (
                profile.reservation / total if abs(total - 1) > 1e-12 else profile.reservation
            )
            if reservation > 1:
                raise InputError(
                    source,
                    f"reservation value {profile.reservation:g} exceeds the best utility "
                    f"({total:g}, the sum of the weights)",
                )
            actor["reservation_utility"] = _number_out(reservation)
        if profile.discount is not None:
            actor["discount_factor"] = _number_out(profile.discount)
        if total > 1 + 1e-12:
            notes.append(
                f"{profile.name}'s weights sum to {total:.6g}, within GENIUS's tolerance "
                f"[0.98, 1.02]: they were renormalised to sum to 1 (utilities and the reservation "
                f"value divided by {total:.6g}); GENIUS caps utilities at 1 instead."
            )
        elif abs(total - 1) > 1e-12:
            notes.append(
                f"{profile.name}'s weights sum to {total:g}: its utilities are GENIUS's divided "
                f"by {total:g} (its reservation value too), which changes no comparison."
            )
        actors.append(actor)
        for issue in issues:
            points = profile.evaluations[issue.index]
            best = max(points, key=lambda point: point[1])[0]
            positions.append(
                {
                    "actor": profile.name,
                    "issue": issue.name,
                    "position": _number_out(best),
                    "salience": _number_out(profile.weights[issue.index] / scale),
                    "evaluations": {_number_out(v): _number_out(e) for v, e in points},
                }
            )
    document: dict[str, Any] = {
        "id": _slug(Path(domain_source).stem),
        "title": f"GENIUS domain {Path(domain_source).stem}",
        "description": " ".join(notes),
        "actors": actors,
        "issues": [_issue_document(issue) for issue in issues],
        "positions": positions,
    }
    doc = Document(data=document, lines={})
    try:
        return read_document(doc, domain_source)
    except InputError as exc:
        raise InputError(
            domain_source, f"cannot use this GENIUS domain: {exc.problem}", where=exc.where
        ) from None


def _issue_document(issue: _Issue) -> dict[str, Any]:
    if issue.kind == "discrete":
        return {
            "id": issue.name,
            "low": 0,
            "high": max(1, len(issue.values) - 1),
            "options": list(range(len(issue.values))),
            "labels": dict(enumerate(issue.values)),
        }
    out: dict[str, Any] = {
        "id": issue.name,
        "low": _number_out(issue.low),
        "high": _number_out(issue.high),
    }
    if issue.kind == "integer":
        out["options"] = list(range(int(issue.low), int(issue.high) + 1))
    return out


# --------------------------------------------------------------------------------------------
# Files


def _root_of(path: Path) -> str | None:
    """The root element of an XML file, from its first 64 KiB (None if unreadable)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(65536).decode("utf-8-sig", errors="replace")
    except OSError:
        return None
    return _root_tag(head)


def find_profiles(domain: str | os.PathLike[str]) -> list[Path]:
    """The ``<utility_space>`` XML files next to a domain file, in file-name order."""
    folder = Path(domain).parent
    return [
        path
        for path in sorted(folder.glob("*.xml"))
        if path.is_file()
        and path.resolve() != Path(domain).resolve()
        and _root_of(path) == "utility_space"
    ]


def _find_domain(folder: Path) -> Path:
    domains = [
        path for path in sorted(folder.glob("*.xml")) if _root_of(path) == "negotiation_template"
    ]
    if not domains:
        raise InputError(
            str(folder), "no GENIUS domain file (<negotiation_template>) in this folder"
        )
    if len(domains) > 1:
        raise InputError(
            str(folder),
            f"{len(domains)} GENIUS domain files in this folder "
            f"({', '.join(p.name for p in domains)}); give one of them",
        )
    return domains[0]


def load_genius(
    path: str | os.PathLike[str], *, profiles: Sequence[str | os.PathLike[str]] | None = None
) -> Scenario:
    """Read a GENIUS domain (a domain file or a folder holding one) and its profiles."""
    target = Path(path)
    if target.is_dir():
        target = _find_domain(target)
    domain_source = str(target) if Path(path).is_dir() else str(path)
    text = read_text(target, domain_source)
    chosen = list(profiles) if profiles else find_profiles(target)
    return parse_genius(text, domain_source, [(read_text(p, str(p)), str(p)) for p in chosen])
