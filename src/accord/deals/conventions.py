"""The conventions of a package-deal analysis, declared once for the library and the CLI.

Every choice a package-deal analysis makes that the literature leaves open - whose packages,
how fine the grid, how an issue is valued, where gains are measured from, how ties are broken -
is a field of one frozen :class:`Conventions`, typed with a Literal of its allowed values.
:func:`accord.deals.analyse_deals` takes it, the result echoes it, and ``accord deals`` builds
its options from the same types (so ``--help`` lists the values). The meaning of each field is
in :mod:`accord.deals.analysis`; the sources are those of the modules it names.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Literal, get_args, get_origin, get_type_hints

__all__ = [
    "CONVENTIONS",
    "DEFAULT_STEPS",
    "ConventionError",
    "Conventions",
    "Disagreement",
    "Normalisation",
    "Rationality",
    "Reference",
    "TieRule",
    "UtilityShape",
    "Weights",
]

#: Grid points per continuous issue unless the caller asks otherwise.
DEFAULT_STEPS = 5

UtilityShape = Literal["linear", "quadratic"]
Disagreement = Literal["reservation", "zero"]
Normalisation = Literal["none", "range"]
Rationality = Literal["weak", "strict"]
Weights = Literal["capability", "equal"]
Reference = Literal["split", "nash"]
TieRule = Literal["welfare", "first"]


class ConventionError(ValueError):
    """A convention given a value it does not have."""

    def __init__(self, name: str, value: object) -> None:
        self.name = name
        self.value = value
        self.choices = CONVENTIONS[name]
        super().__init__(f"{name} must be one of {', '.join(self.choices)}, got {value!r}")


@dataclass(frozen=True, slots=True)
class Conventions:
    """Every convention of a package-deal analysis (see :mod:`accord.deals.analysis`).

    ``actors`` is ``"parties"``, ``"all"`` or a tuple of actor ids; ``steps`` the grid points
    per continuous issue; the other fields are closed choices whose first value is the default.
    """

    actors: str | tuple[str, ...] = "parties"
    steps: int = DEFAULT_STEPS
    utility: UtilityShape = "linear"
    disagreement: Disagreement = "reservation"
    normalisation: Normalisation = "none"
    rationality: Rationality = "weak"
    tie: TieRule = "welfare"
    weights: Weights = "capability"
    reference: Reference = "split"

    def __post_init__(self) -> None:
        if not isinstance(self.actors, str):
            object.__setattr__(self, "actors", tuple(self.actors))

    def check(self) -> None:
        """Raise :class:`ConventionError` for the first choice given a value it does not have."""
        for name, allowed in CONVENTIONS.items():
            if getattr(self, name) not in allowed:
                raise ConventionError(name, getattr(self, name))

    def to_dict(self) -> dict[str, Any]:
        """The conventions by name, as the JSON contract shows them (actors as a list)."""
        out: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        if isinstance(self.actors, tuple):
            out["actors"] = list(self.actors)
        return out


def _choices() -> dict[str, tuple[str, ...]]:
    hints = get_type_hints(Conventions)
    return {name: get_args(kind) for name, kind in hints.items() if get_origin(kind) is Literal}


#: Every closed convention's name and its allowed values (the first is the default), read from
#: the Literal types of :class:`Conventions`.
CONVENTIONS: dict[str, tuple[str, ...]] = _choices()
