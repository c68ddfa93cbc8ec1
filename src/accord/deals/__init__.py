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

from accord.deals.analysis import (
    SOLUTIONS,
    DealAnalysis,
    PackageTable,
    Solution,
    Zopa,
    analyse_deals,
    choose_parties,
)
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

__all__ = [
    "DEFAULT_STEPS",
    "RESOLUTION",
    "SOLUTIONS",
    "Concession",
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
