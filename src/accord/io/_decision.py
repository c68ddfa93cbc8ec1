"""The ``decision`` field of a scenario file: who must agree, parsed and checked.

A scenario may give a default for every issue at the top level and override it per issue::

    decision:                    # scenario level: the default for every issue
      rule: unanimity            # unanimity | majority | qualified | none (default none)
      voters: [RUS, UKR]         # who decides (default: every actor with a position)
      veto: [RUS, UKR]           # whose consent is required in addition, under every rule
      weight: equal              # how votes count: equal (default) | capability | population
      threshold: 0.55            # qualified: the share of the voters' weight needed
      quotas:                    # qualified, instead of weight/threshold: every one must hold
        - {weight: equal, threshold: 0.55}        # e.g. the EU Council's double majority
        - {weight: population, threshold: 0.65}   # (actors then need a `population`)
      setter: US                 # optional agenda setter
    issues:
      - id: sanctions
        decision: {rule: unanimity, voters: [EU, US]}

An issue's ``decision`` overrides the default field by field: fields it does not give are
inherited. ``majority`` means more than half of the voters' weight. Voters without a position on
an issue abstain (TFEU Art. 238(4) for unanimity); veto players and the setter must have one, and
any rule that binds needs the issue's ``status_quo``, the reversion point.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from accord.errors import PathPart
from accord.rules import DecisionRule, Quota, RuleKind

__all__ = ["DecisionFile", "QuotaFile", "build_decisions", "check_decisions", "decision_to_file"]

Share = Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)]
WeightName = Literal["equal", "capability", "population"]
Fail = Callable[[tuple[PathPart, ...], str], None]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


class QuotaFile(_Record):
    weight: WeightName = "equal"
    threshold: Share


class DecisionFile(_Record):
    rule: Literal["none", "unanimity", "majority", "qualified"] | None = None
    voters: list[Annotated[str, Field(min_length=1)]] | None = None
    veto: list[Annotated[str, Field(min_length=1)]] | None = None
    weight: WeightName | None = None
    threshold: Share | None = None
    quotas: Annotated[list[QuotaFile], Field(min_length=1)] | None = None
    setter: Annotated[str, Field(min_length=1)] | None = None


def _merged(default: DecisionFile | None, own: DecisionFile | None) -> dict[str, Any]:
    """The fields that apply to one issue, with the place each came from."""
    out: dict[str, Any] = {}
    for where, record in (("default", default), ("own", own)):
        if record is None:
            continue
        for name in record.model_fields_set:
            out[name] = (getattr(record, name), where)
    return out


def check_decisions(
    default: DecisionFile | None,
    issues: list[Any],
    actors: dict[str, Any],
    has_position: set[tuple[str, str]],
    fail: Fail,
    unknown: Callable[[str, str, Any], str],
) -> None:
    """Check every issue's rule; ``fail(path, problem)`` raises for the first problem."""
    if default is None and all(getattr(i, "decision", None) is None for i in issues):
        return
    for k, issue in enumerate(issues):
        fields = _merged(default, issue.decision)
        if not fields:
            continue

        def at(
            name: str, *rest: PathPart, _f: dict[str, Any] = fields, _k: int = k
        ) -> tuple[PathPart, ...]:
            base: tuple[PathPart, ...] = (
                ("decision",) if _f[name][1] == "default" else ("issues", _k, "decision")
            )
            return (*base, name, *rest)

        rule = fields.get("rule", ("none", ""))[0] or "none"
        for name in ("voters", "veto"):
            for j, actor in enumerate(fields.get(name, ([], ""))[0] or []):
                if actor not in actors:
                    fail(at(name, j), unknown("actor", actor, actors))
        for name in ("veto",):
            for j, actor in enumerate(fields.get(name, ([], ""))[0] or []):
                if (actor, issue.id) not in has_position:
                    fail(
                        at(name, j),
                        f"veto player {actor!r} has no position on issue {issue.id!r}",
                    )
        setter = fields.get("setter", (None, ""))[0]
        if setter is not None:
            if setter not in actors:
                fail(at("setter"), unknown("actor", setter, actors))
            if (setter, issue.id) not in has_position:
                fail(at("setter"), f"setter {setter!r} has no position on issue {issue.id!r}")
        threshold = fields.get("threshold", (None, ""))[0]
        quotas = fields.get("quotas", (None, ""))[0]
        if rule != "qualified":
            for name in ("threshold", "quotas"):
                if fields.get(name, (None, ""))[0] is not None:
                    fail(at(name), f"{name} applies only under rule 'qualified', not {rule!r}")
        else:
            if threshold is None and quotas is None:
                fail(at("rule"), f"rule 'qualified' on issue {issue.id!r} needs a threshold")
            if threshold is not None and quotas is not None:
                fail(at("quotas"), "give either threshold (with weight) or quotas, not both")
        weights = [q.weight for q in quotas or []] + [fields.get("weight", ("equal", ""))[0]]
        if "population" in weights:
            voters = fields.get("voters", (None, ""))[0]
            who = voters if voters is not None else [a for a, i in has_position if i == issue.id]
            for actor in who:
                if actor in actors and actors[actor].population is None:
                    place = "quotas" if quotas is not None else "weight"
                    fail(at(place), f"votes weighed by population, but {actor!r} has none")
        binding = rule != "none" or bool(fields.get("veto", ([], ""))[0])
        if binding and issue.status_quo is None:
            place = "rule" if "rule" in fields else "veto"
            fail(
                at(place),
                f"issue {issue.id!r} has no status_quo, which its decision rule needs "
                "(what happens without agreement)",
            )


def build_decisions(
    default: DecisionFile | None, issues: list[Any], actors: list[Any]
) -> list[DecisionRule | None]:
    """Each issue's :class:`DecisionRule` (None when neither it nor the default has one)."""
    population = tuple((a.id, a.population) for a in actors if a.population is not None)
    out: list[DecisionRule | None] = []
    for issue in issues:
        fields = {name: value for name, (value, _) in _merged(default, issue.decision).items()}
        if not fields:
            out.append(None)
            continue
        rule: RuleKind = fields.get("rule") or "none"
        weight = fields.get("weight") or "equal"
        quotas: tuple[Quota, ...] = ()
        if rule == "majority":
            quotas = (_quota(0.5, weight, population, strict=True),)
        elif rule == "qualified":
            if fields.get("quotas") is not None:
                quotas = tuple(_quota(q.threshold, q.weight, population) for q in fields["quotas"])
            else:
                quotas = (_quota(fields["threshold"], weight, population),)
        voters = fields.get("voters")
        out.append(
            DecisionRule(
                rule=rule,
                voters=None if voters is None else tuple(voters),
                veto=tuple(fields.get("veto") or ()),
                quotas=quotas,
                setter=fields.get("setter"),
            )
        )
    return out


def _quota(
    share: float, weight: str, population: tuple[tuple[str, float], ...], *, strict: bool = False
) -> Quota:
    values = population if weight == "population" else ()
    return Quota(share=share, weight=weight, values=values, strict=strict)


def decision_to_file(rule: DecisionRule | None) -> dict[str, Any] | None:
    """An issue's rule in the file format (for writing scenarios back)."""
    if rule is None:
        return None
    out: dict[str, Any] = {"rule": rule.rule}
    if rule.voters is not None:
        out["voters"] = list(rule.voters)
    if rule.veto:
        out["veto"] = list(rule.veto)
    if rule.rule == "majority" and rule.quotas:
        out["weight"] = rule.quotas[0].weight
    elif rule.rule == "qualified":
        out["quotas"] = [{"weight": q.weight, "threshold": q.share} for q in rule.quotas]
    if rule.setter is not None:
        out["setter"] = rule.setter
    return out
