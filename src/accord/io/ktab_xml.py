"""KTAB's SMP scenario XML, read and written.

Format
------
KTAB's ``smpSchema.xsd`` (KAPSARC Toolkit for Behavioral Analysis, ``examples/smp/doc``):
``<Scenario>`` holds ``<name>``, ``<desc>``, ``<prngSeed>`` (a decimal 64-bit seed),
``<ModelParameters>`` (the nine SMP parameters by KTAB's names: ``<VictoryProbModel>Linear``,
...), ``<Dimensions>`` (one ``<dName>`` per dimension), ``<Actors>`` (each ``<Actor>`` with
``<name>``, ``<description>``, ``<capability>``, ``<Position>`` with one ``<dCoord>`` and
``<Salience>`` with one ``<dSal>`` per dimension, both on 0-100) and optionally
``<IdealAdjustment>``, pairs of ``<adjustingIdeal>``, ``<referencePos>`` (actor names) and
``<adjust>`` (a rate in [0, 1]).

It becomes an ordinary scenario like KTAB's CSV (issues on [0, 100], saliences divided by 100),
whose ``models`` carry the parameters, the seed and the ideal adjustment as the hyperparameters
of ``smp`` (:class:`~accord.models.smp.SpatialModel`). Every problem - XML that does not parse, a
dimension count that does not match, a blank or out-of-range number, saliences of one actor
totalling more than 100 (KTAB requires at most 100), an unknown parameter value, an adjustment
naming an unknown actor - is one :class:`~accord.errors.InputError` naming the element.

DOCTYPE and ENTITY declarations are refused (no entity expansion).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any
from xml.sax.saxutils import escape

from accord.errors import InputError
from accord.io._csv import slug
from accord.models.smp import KTAB_NAMES, SMPOptions
from accord.scenario import Actor, Issue, Scenario, Stake

__all__ = ["is_ktab_xml", "ktab_xml_problem", "read_ktab_xml", "write_ktab_xml"]

_DECLARATION = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_SALIENCE_SLACK = 1e-9
_FIELD_NAMES = {field: name for name, field in KTAB_NAMES.items()}


def is_ktab_xml(text: str) -> bool:
    """Whether the text looks like KTAB's SMP scenario XML (a ``<Scenario>`` with actors)."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    return bool(re.search(r"<Scenario[\s>]", head)) and "<Actors" in text


def _text(element: ET.Element | None) -> str:
    return "" if element is None or element.text is None else element.text.strip()


def _number(text: str, source: str, where: str, low: float, high: float, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        shown = repr(text) if text else "nothing"
        raise InputError(source, f"must be a number {what}, got {shown}", where=where) from None
    if not (low <= value <= high):
        raise InputError(source, f"must be a number {what}, got {value:g}", where=where)
    return value


def read_ktab_xml(text: str, source: str) -> Scenario:
    """A scenario (with ``smp``'s parameters) from KTAB's SMP XML (see the module docstring)."""
    if _DECLARATION.search(text):
        raise InputError(source, "DOCTYPE and ENTITY declarations are not allowed")
    try:
        root = ET.fromstring(text.lstrip("\ufeff"))
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise InputError(source, f"malformed XML: {exc}", line=line) from None
    if root.tag != "Scenario":
        raise InputError(source, f"expected a <Scenario> root element, got <{root.tag}>")
    name = _text(root.find("name"))
    dims = [_text(d) for d in root.findall("Dimensions/dName")]
    if not dims:
        raise InputError(source, "no dimensions: <Dimensions> needs a <dName>", where="Dimensions")
    ids = [slug(d) if slug(d) != "scenario" else f"dim{k + 1}" for k, d in enumerate(dims)]
    if len(set(ids)) != len(ids):
        ids = [f"dim{k + 1}" for k in range(len(dims))]
    actors: list[Actor] = []
    stakes: list[Stake] = []
    elements = root.findall("Actors/Actor")
    if not elements:
        raise InputError(source, "no actors: <Actors> needs an <Actor>", where="Actors")
    for a, element in enumerate(elements, start=1):
        actor_id = _text(element.find("name"))
        at = f"Actors/Actor[{a}]" + (f" ({actor_id})" if actor_id else "")
        if not actor_id:
            raise InputError(source, "<name> must not be empty", where=at)
        if any(x.id == actor_id for x in actors):
            raise InputError(source, f"duplicate actor {actor_id!r}", where=at)
        capability = _number(
            _text(element.find("capability")), source, f"{at}/capability", 0.0, float("inf"),
            "> 0",
        )  # fmt: skip
        if capability <= 0:
            raise InputError(source, "must be a number > 0, got 0", where=f"{at}/capability")
        coords = element.findall("Position/dCoord")
        saliences = element.findall("Salience/dSal")
        for tag, found in (("Position/dCoord", coords), ("Salience/dSal", saliences)):
            if len(found) != len(dims):
                raise InputError(
                    source,
                    f"{len(found)} <{tag.split('/')[1]}> for {len(dims)} dimension(s)",
                    where=f"{at}/{tag.split('/')[0]}",
                )
        total = 0.0
        for k, (coord, sal) in enumerate(zip(coords, saliences, strict=True)):
            position = _number(
                _text(coord), source, f"{at}/Position/dCoord[{k + 1}]", 0, 100, "in [0, 100]"
            )
            salience = _number(
                _text(sal), source, f"{at}/Salience/dSal[{k + 1}]", 0, 100, "in [0, 100]"
            )
            total += salience
            stakes.append(
                Stake(actor=actor_id, issue=ids[k], position=position, salience=salience / 100)
            )
        if total > 100 + _SALIENCE_SLACK:
            raise InputError(
                source,
                f"saliences total {total:g}; KTAB requires each actor's total to be at most 100",
                where=f"{at}/Salience",
            )
        description = _text(element.find("description")) or None
        actors.append(Actor(id=actor_id, name=description, capability=capability))
    params = _model_params(root, source, [a.id for a in actors])
    issues = tuple(
        Issue(id=ids[k], name=dims[k] if dims[k] != ids[k] else None) for k in range(len(dims))
    )
    return Scenario(
        id=slug(name),
        title=name or "KTAB scenario",
        description=_text(root.find("desc")) or None,
        actors=tuple(actors),
        issues=issues,
        stakes=tuple(stakes),
        models=(("smp", tuple(params.items())),) if params else (),
    )


def _model_params(root: ET.Element, source: str, actors: list[str]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    block = root.find("ModelParameters")
    for element in list(block) if block is not None else []:
        field = KTAB_NAMES.get(element.tag)
        where = f"ModelParameters/{element.tag}"
        if field is None:
            known = ", ".join(KTAB_NAMES)
            raise InputError(source, f"unknown parameter; KTAB's are {known}", where=where)
        params[field] = _text(element)
    order = list(KTAB_NAMES.values())
    params = dict(sorted(params.items(), key=lambda item: order.index(item[0])))
    try:
        SMPOptions(**params)
    except ValueError as exc:
        field = str(exc).split(" ", 1)[0]
        raise InputError(
            source,
            str(exc).replace(field, "value", 1),
            where=f"ModelParameters/{_FIELD_NAMES.get(field, field)}",
        ) from None
    seed = _text(root.find("prngSeed"))
    if seed:
        if not seed.isdigit() or int(seed) >= 2**64:
            raise InputError(
                source, f"must be a 64-bit unsigned integer, got {seed!r}", where="prngSeed"
            )
        params["seed"] = int(seed)
    pairs = []
    for p, pair in enumerate(root.findall("IdealAdjustment/iaPair"), start=1):
        where = f"IdealAdjustment/iaPair[{p}]"
        adjusting, reference = _text(pair.find("adjustingIdeal")), _text(pair.find("referencePos"))
        for tag, actor in (("adjustingIdeal", adjusting), ("referencePos", reference)):
            if actor not in actors:
                raise InputError(source, f"unknown actor {actor!r}", where=f"{where}/{tag}")
        rate = _number(_text(pair.find("adjust")), source, f"{where}/adjust", 0, 1, "in [0, 1]")
        pairs.append((adjusting, reference, rate))
    if pairs:
        params["ideal_adjustment"] = tuple(pairs)
    return params


def ktab_xml_problem(scenario: Scenario) -> str | None:
    """Why the scenario cannot be written as KTAB XML without loss (None: it can)."""
    for issue in scenario.issues:
        if (issue.low, issue.high) != (0.0, 100.0):
            return f"issue {issue.id!r} is not on KTAB's scale [0, 100]"
        if issue.status_quo is not None or issue.labels or issue.decision is not None:
            return f"issue {issue.id!r} has a status quo, labels or a decision rule"
        if len(scenario.stakes_on(issue.id)) != len(scenario.actors):
            return f"some actors have no position on issue {issue.id!r}"
    for actor in scenario.actors:
        total = sum(s.salience for s in scenario.stakes if s.actor == actor.id)
        if total > 1 + _SALIENCE_SLACK:
            return f"{actor.id}'s saliences total more than 1 (KTAB: 100)"
    for stake in scenario.stakes:
        if stake.reservation is not None or stake.evidence or stake.note or stake.position_range:
            return "stakes have reservations, evidence, notes or ranges"
    if scenario.evidence or scenario.outcome is not None or scenario.as_of is not None:
        return "the scenario has evidence, an outcome or a date"
    extra = (
        set(scenario.model_params("smp")) - set(KTAB_NAMES.values()) - {"seed", "ideal_adjustment"}
    )
    if extra or any(name != "smp" for name, _ in scenario.models):
        return "it gives model hyperparameters that KTAB's XML cannot hold"
    return None


def _fmt(value: float) -> str:
    return f"{value:.10g}"


def write_ktab_xml(scenario: Scenario) -> str:
    """The scenario as KTAB SMP XML (check :func:`ktab_xml_problem` first)."""
    params = scenario.model_params("smp")
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<Scenario>"]
    out.append(f"  <name>{escape(scenario.title)}</name>")
    out.append(f"  <desc>{escape(scenario.description or '')}</desc>")
    if params.get("seed") is not None:
        out.append(f"  <prngSeed>{int(params['seed']):020d}</prngSeed>")
    out.append("  <ModelParameters>")
    defaults = SMPOptions()
    for name, field in KTAB_NAMES.items():
        out.append(
            f"    <{name}>{escape(str(params.get(field) or getattr(defaults, field)))}</{name}>"
        )
    out.append("  </ModelParameters>")
    out.append("  <Dimensions>")
    out += [f"    <dName>{escape(i.name or i.id)}</dName>" for i in scenario.issues]
    out.append("  </Dimensions>")
    out.append("  <Actors>")
    for actor in scenario.actors:
        stakes = [scenario.stake(actor.id, i.id) for i in scenario.issues]
        out.append("    <Actor>")
        out.append(f"      <name>{escape(actor.id)}</name>")
        out.append(f"      <description>{escape(actor.name or '')}</description>")
        out.append(f"      <capability>{_fmt(actor.capability)}</capability>")
        out.append("      <Position>")
        out += [f"        <dCoord>{_fmt(s.position)}</dCoord>" for s in stakes if s is not None]
        out.append("      </Position>")
        out.append("      <Salience>")
        out += [
            f"        <dSal>{_fmt(round(s.salience * 100, 10))}</dSal>"
            for s in stakes
            if s is not None
        ]
        out.append("      </Salience>")
        out.append("    </Actor>")
    out.append("  </Actors>")
    pairs = params.get("ideal_adjustment") or ()
    if pairs:
        out.append("  <IdealAdjustment>")
        for adjusting, reference, rate in pairs:
            out.append("    <iaPair>")
            out.append(f"      <adjustingIdeal>{escape(str(adjusting))}</adjustingIdeal>")
            out.append(f"      <referencePos>{escape(str(reference))}</referencePos>")
            out.append(f"      <adjust>{_fmt(float(rate))}</adjust>")
            out.append("    </iaPair>")
        out.append("  </IdealAdjustment>")
    out.append("</Scenario>")
    return "\n".join(out) + "\n"
