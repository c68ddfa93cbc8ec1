"""Package deals across issues: outcome spaces, the Pareto frontier, bargaining solutions.

Talks are settled in packages, not issue by issue. This package turns a scenario into an
outcome space of packages (one value per issue), values every package for every party with
additive utilities, and finds - exactly, without enumerating the space - the packages no party
can improve on without hurting another, the fair points among them, the zone of possible
agreement, the trades across issues that create value, and what the Nash package asks of each
party::

    from accord import load_scenario
    from accord.deals import analyse_deals

    result = analyse_deals(load_scenario("examples/ukraine-ceasefire-2025-03.yaml"))
    result.solution("nash").package

One concept per module, each with its algorithm and sources: :mod:`~accord.deals.space`,
:mod:`~accord.deals.utility`, :mod:`~accord.deals.pareto`, :mod:`~accord.deals.frontier`,
:mod:`~accord.deals.zopa`, :mod:`~accord.deals.solutions`, :mod:`~accord.deals.logrolls` and
:mod:`~accord.deals.analysis`. This package uses numpy and the core objects only.
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accord.deals.analysis import (
        SOLUTIONS,
        DealAnalysis,
        PackageTable,
        Solution,
        Zopa,
        analyse_deals,
        choose_parties,
    )
    from accord.deals.conventions import CONVENTIONS, ConventionError, Conventions
    from accord.deals.frontier import PackageFrontier, package_frontier
    from accord.deals.logrolls import Concession, Logroll, concessions, logrolls
    from accord.deals.pareto import dominated_by, pareto_frontier
    from accord.deals.solutions import (
        egalitarian_solution,
        kalai_smorodinsky_solution,
        nash_solution,
        utilitarian_solution,
    )
    from accord.deals.space import (
        DEFAULT_STEPS,
        OutcomeSpace,
        OutcomeSpaceTooLarge,
        issue_values,
        outcome_space,
    )
    from accord.deals.utility import RESOLUTION, PackageUtilities, package_utilities, stake_value
    from accord.deals.zopa import count_acceptable

#: Where each public name lives; loaded when first used (module ``__getattr__``, PEP 562), so
#: that the light :mod:`~accord.deals.conventions` serves the command line without numpy.
_HOMES: dict[str, str] = {
    "CONVENTIONS": "accord.deals.conventions",
    "Concession": "accord.deals.logrolls",
    "ConventionError": "accord.deals.conventions",
    "Conventions": "accord.deals.conventions",
    "DEFAULT_STEPS": "accord.deals.space",
    "DealAnalysis": "accord.deals.analysis",
    "Logroll": "accord.deals.logrolls",
    "OutcomeSpace": "accord.deals.space",
    "OutcomeSpaceTooLarge": "accord.deals.space",
    "PackageFrontier": "accord.deals.frontier",
    "PackageTable": "accord.deals.analysis",
    "PackageUtilities": "accord.deals.utility",
    "RESOLUTION": "accord.deals.utility",
    "SOLUTIONS": "accord.deals.analysis",
    "Solution": "accord.deals.analysis",
    "Zopa": "accord.deals.analysis",
    "analyse_deals": "accord.deals.analysis",
    "choose_parties": "accord.deals.analysis",
    "concessions": "accord.deals.logrolls",
    "count_acceptable": "accord.deals.zopa",
    "dominated_by": "accord.deals.pareto",
    "egalitarian_solution": "accord.deals.solutions",
    "issue_values": "accord.deals.space",
    "kalai_smorodinsky_solution": "accord.deals.solutions",
    "logrolls": "accord.deals.logrolls",
    "nash_solution": "accord.deals.solutions",
    "outcome_space": "accord.deals.space",
    "package_frontier": "accord.deals.frontier",
    "package_utilities": "accord.deals.utility",
    "pareto_frontier": "accord.deals.pareto",
    "stake_value": "accord.deals.utility",
    "utilitarian_solution": "accord.deals.solutions",
}

__all__ = [
    "CONVENTIONS",
    "DEFAULT_STEPS",
    "RESOLUTION",
    "SOLUTIONS",
    "Concession",
    "ConventionError",
    "Conventions",
    "DealAnalysis",
    "Logroll",
    "OutcomeSpace",
    "OutcomeSpaceTooLarge",
    "PackageFrontier",
    "PackageTable",
    "PackageUtilities",
    "Solution",
    "Zopa",
    "analyse_deals",
    "choose_parties",
    "concessions",
    "count_acceptable",
    "dominated_by",
    "egalitarian_solution",
    "issue_values",
    "kalai_smorodinsky_solution",
    "logrolls",
    "nash_solution",
    "outcome_space",
    "package_frontier",
    "package_utilities",
    "pareto_frontier",
    "stake_value",
    "utilitarian_solution",
]


class _Package(ModuleType):
    """``accord.deals.logrolls`` names a module and the function it exports: the package's
    attribute stays the function, whichever is imported first (the import system would set
    the module when the submodule loads)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if not (isinstance(value, ModuleType) and _HOMES.get(name, "").rpartition(".")[2] == name):
            super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'accord.deals' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
