"""Monte Carlo over the uncertain inputs: the distribution of every model's forecast.

Algorithm
---------
Draw ``N`` samples of every input (see :mod:`accord.uncertainty.inputs`), evaluate every model
on every issue for all the samples of a chunk at once (each model's ``forecast`` is vectorised
over samples), and summarise per issue and model: the mean, the 2.5, 10, 50, 90 and 97.5
percentiles (linear interpolation between order statistics, Hyndman & Fan 1996 type 7), a
histogram on 20 equal bins of the issue's scale, the probability that each actor with a
reservation finds the forecast acceptable (``|y - position| <= |reservation - position|``, with
the actor's sampled position), and the probability that every party with a reservation does.
Each model's forecast is taken after its consent rule (see :mod:`accord.models`), with the
issue's win set computed once per sample. A joint model (``smp``) forecasts all issues of a
sample together (``Model.forecast_issues``), then the consent rule applies issue by issue; if
it draws random numbers, each sample has its own child stream of the seed, named by the
scenario, the model and the sample's index. On an issue with a decision rule, the probability of
*no deal* is the share of samples whose win set holds only the status quo and whose forecast is
the status quo (under ``consent="veto"``, simply the share whose win set holds only it). On an
issue with labelled points, the probability of each label is the share of samples whose
forecast is nearest to it (the lower label on a tie, as ``Issue.nearest_label``).

Work is split into chunks of samples, each a self-contained job for an engine; the chunks'
forecasts are joined in sample order before anything is summarised, so the same seed gives
byte-identical results whatever the engine, the number of workers or the chunk size. Memory:
the forecasts are kept, 8 bytes per sample, issue and model (10^6 samples x 10 issues x 4 models
= 320 MB), plus one chunk's working arrays per worker.

Sources
-------
- Metropolis, N. & Ulam, S. (1949), "The Monte Carlo method", *JASA* 44(247): 335-341.
- Hyndman, R. J. & Fan, Y. (1996), "Sample quantiles in statistical packages", *The American
  Statistician* 50(4): 361-365.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from accord.models import Model
from accord.scenario import Scenario
from accord.uncertainty.engines import Engine, LocalEngine
from accord.uncertainty.inputs import Layout, UncertainInput, draw, inputs_of
from accord.validation import validate
from accord.winset import win_set

__all__ = [
    "PERCENTILES",
    "ActorAcceptance",
    "AllAccept",
    "Chunk",
    "ChunkResult",
    "Distribution",
    "IssueUncertainty",
    "LabelProbability",
    "ModelDistribution",
    "ModelLabels",
    "ModelProbability",
    "MonteCarlo",
    "chunk_size_for",
    "monte_carlo",
    "run_chunk",
    "summarise",
]

PERCENTILES = (2.5, 10.0, 50.0, 90.0, 97.5)
HISTOGRAM_BINS = 20
_ACCEPT_SLACK = 1e-12


@dataclass(frozen=True)
class Chunk:
    """Samples ``start`` to ``stop - 1`` of scenario ``stream`` of a run with ``seed``."""

    scenario: Scenario
    models: tuple[tuple[str, Model], ...]
    seed: int
    stream: int
    start: int
    stop: int


@dataclass(frozen=True)
class ChunkResult:
    """Forecasts ``(samples, issues, models)`` and acceptance counts of one chunk."""

    forecasts: NDArray[np.float64]
    accepted: NDArray[np.int64]  # (issues, actors with a reservation, models)
    all_accepted: NDArray[np.int64]  # (issues, models)
    no_deal: NDArray[np.int64] | None = None  # (issues, models)
    labelled: NDArray[np.int64] | None = None  # (issues, labels, models)


def _reservations(scenario: Scenario, issue_id: str) -> list[tuple[int, str, float, bool]]:
    """(profile index, actor, reservation, is a party) of the stakes with a reservation."""
    roles = {a.id: a.role for a in scenario.actors}
    return [
        (k, s.actor, s.reservation, roles[s.actor] == "party")
        for k, s in enumerate(scenario.stakes_on(issue_id))
        if s.reservation is not None
    ]


def run_chunk(chunk: Chunk) -> ChunkResult:
    """Draw one chunk's samples and evaluate every model on every issue (an engine job)."""
    scenario = chunk.scenario
    inputs = inputs_of(scenario)
    layout = Layout(scenario, inputs)
    values = draw(inputs, chunk.seed, chunk.stream, chunk.start, chunk.stop)
    n_samples, n_issues, n_models = len(values), len(scenario.issues), len(chunk.models)
    widest = max((len(_reservations(scenario, i.id)) for i in scenario.issues), default=0)
    forecasts = np.empty((n_samples, n_issues, n_models))
    accepted = np.zeros((n_issues, widest, n_models), dtype=np.int64)
    all_accepted = np.zeros((n_issues, n_models), dtype=np.int64)
    no_deal = np.zeros((n_issues, n_models), dtype=np.int64)
    most_labels = max((len(i.labels) for i in scenario.issues), default=0)
    labelled = np.zeros((n_issues, most_labels, n_models), dtype=np.int64)
    profiles = [layout.profile(issue.id, values) for issue in scenario.issues]
    joint = {
        m: model.forecast_issues(profiles, seeds=_sample_seeds(chunk, m), scenario=scenario)
        for m, (_, model) in enumerate(chunk.models)
        if model.joint
    }
    for i, issue in enumerate(scenario.issues):
        profile = profiles[i]
        win = win_set(profile)
        stuck = win.no_deal
        reservations = _reservations(scenario, issue.id)
        for m, (_, model) in enumerate(chunk.models):
            if m in joint:
                y = model.with_consent(profile, joint[m][i], win)
            else:
                y = model.consented_forecast(profile, win)
            forecasts[:, i, m] = y
            if win.status_quo is not None:
                no_deal[i, m] = int((stuck & (y == win.status_quo)).sum())
            if issue.labels:
                labelled[i, : len(issue.labels), m] = _label_counts(issue.labels, y)
            every_party = np.ones(n_samples, dtype=bool)
            for r, (k, _, reservation, party) in enumerate(reservations):
                position = profile.positions[:, k]
                ok = np.abs(y - position) <= np.abs(reservation - position) + _ACCEPT_SLACK
                accepted[i, r, m] = int(ok.sum())
                if party:
                    every_party &= ok
            all_accepted[i, m] = int(every_party.sum())
    return ChunkResult(
        forecasts=forecasts,
        accepted=accepted,
        all_accepted=all_accepted,
        no_deal=no_deal,
        labelled=labelled,
    )


def _sample_seeds(chunk: Chunk, model: int) -> list[int]:
    """One seed per sample for a joint model that draws random numbers: a child stream of the
    run's seed named by the scenario's stream, the model's place and the sample's index, so a
    sample's draws do not depend on how the samples were chunked."""
    return [
        int(
            np.random.SeedSequence(
                chunk.seed, spawn_key=(chunk.stream, 1 + model, k)
            ).generate_state(1, np.uint64)[0]
            >> np.uint64(1)
        )
        for k in range(chunk.start, chunk.stop)
    ]


def _label_counts(labels: tuple[tuple[float, str], ...], y: NDArray[np.float64]) -> Any:
    """How many values are nearest to each label (the lower label on a tie)."""
    points = np.array([value for value, _ in labels])
    nearest = np.searchsorted((points[1:] + points[:-1]) / 2, y, side="left")
    return np.bincount(nearest, minlength=len(points))


# --------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True, slots=True)
class Distribution:
    """One model's forecast distribution on one issue."""

    mean: float
    percentiles: tuple[float, ...]  # at PERCENTILES
    edges: tuple[float, ...]
    counts: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"mean": self.mean}
        for p, value in zip(PERCENTILES, self.percentiles, strict=True):
            out["p" + f"{p:g}".replace(".", "_")] = value
        out["histogram"] = {"edges": list(self.edges), "counts": list(self.counts)}
        return out


class ModelDistribution(NamedTuple):
    """A model's forecast distribution on an issue."""

    model: str
    distribution: Distribution


class ModelProbability(NamedTuple):
    """A model's probability of something (an actor's acceptance, no deal)."""

    model: str
    probability: float


class AllAccept(NamedTuple):
    """The probability that every party with a reservation accepts a model's forecast (None:
    no party has a reservation on the issue)."""

    model: str
    probability: float | None


class ActorAcceptance(NamedTuple):
    """The probability that an actor accepts each model's forecast."""

    actor: str
    by_model: tuple[ModelProbability, ...]


class LabelProbability(NamedTuple):
    """The probability that the forecast is nearest to a labelled point of the scale."""

    value: float
    probability: float


class ModelLabels(NamedTuple):
    """A model's probability of each labelled point, in scale order."""

    model: str
    labels: tuple[LabelProbability, ...]


def _by_model(items: Sequence[tuple[str, Any]], model: str, what: str) -> Any:
    for name, value in items:
        if name == model:
            return value
    known = ", ".join(name for name, _ in items) or "none"
    raise KeyError(f"no {what} for model {model!r} (models: {known})")


@dataclass(frozen=True, slots=True)
class IssueUncertainty:
    """An issue's forecast distributions and acceptance probabilities, by model.

    Every field is a tuple of named records (each also unpacks as ``(name, value)``, so
    ``dict(item.distributions)`` maps model names to distributions); the methods look a value
    up by model and actor name. ``all_accept`` is None for a model when no party has a
    reservation on the issue; ``no_deal`` is empty when the issue has no binding decision rule,
    ``labels`` when it has no labelled points.
    """

    issue: str
    distributions: tuple[ModelDistribution, ...]
    acceptance: tuple[ActorAcceptance, ...]
    all_accept: tuple[AllAccept, ...]
    no_deal: tuple[ModelProbability, ...] = ()
    labels: tuple[ModelLabels, ...] = ()

    def distribution(self, model: str) -> Distribution:
        """``model``'s forecast distribution; KeyError for a model that was not run."""
        return _by_model(self.distributions, model, "distribution")  # type: ignore[no-any-return]

    def accepts(self, actor: str, model: str) -> float:
        """The probability that ``actor`` accepts ``model``'s forecast; KeyError for an actor
        without a reservation on the issue."""
        for item in self.acceptance:
            if item.actor == actor:
                return _by_model(item.by_model, model, "acceptance")  # type: ignore[no-any-return]
        known = ", ".join(item.actor for item in self.acceptance) or "none"
        raise KeyError(f"{actor!r} has no reservation on {self.issue!r} (actors with one: {known})")

    def all_accept_of(self, model: str) -> float | None:
        """The probability that every party with a reservation accepts ``model``'s forecast."""
        return _by_model(self.all_accept, model, "acceptance")  # type: ignore[no-any-return]

    def no_deal_of(self, model: str) -> float:
        """The probability of no deal under ``model``; KeyError without a binding rule."""
        return _by_model(self.no_deal, model, "no-deal probability")  # type: ignore[no-any-return]

    def labels_of(self, model: str) -> dict[float, float]:
        """The probability of each labelled point under ``model``, by the point's value."""
        return dict(_by_model(self.labels, model, "label probabilities"))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "distribution": {m: d.to_dict() for m, d in self.distributions},
            "acceptance": {actor: dict(p) for actor, p in self.acceptance},
            "all_accept": dict(self.all_accept),
        }
        if self.no_deal:
            out["no_deal"] = dict(self.no_deal)
        if self.labels:
            out["labels"] = {m: {f"{v:g}": p for v, p in ps} for m, ps in self.labels}
        return out


@dataclass(frozen=True)
class MonteCarlo:
    """The Monte Carlo result for one scenario.

    ``forecasts`` holds every sample's forecast, shape ``(samples, issues, models)``, in the
    scenario's issue order and ``models`` order; ``stream`` is the scenario's index in the run.
    ``result["ceasefire"]`` is an issue's :class:`IssueUncertainty`;
    ``result.distribution("ceasefire", "bdm")`` and ``result.accepts("ceasefire", "Russia",
    "bdm")`` look values up by name.
    """

    scenario: Scenario
    models: tuple[str, ...]
    samples: int
    seed: int
    stream: int
    forecasts: NDArray[np.float64]
    issues: tuple[IssueUncertainty, ...]

    def __getitem__(self, issue_id: str) -> IssueUncertainty:
        for item in self.issues:
            if item.issue == issue_id:
                return item
        known = ", ".join(item.issue for item in self.issues)
        raise KeyError(f"no issue {issue_id!r} (issues: {known})")

    def distribution(self, issue_id: str, model: str) -> Distribution:
        """``model``'s forecast distribution on ``issue_id``."""
        return self[issue_id].distribution(model)

    def accepts(self, issue_id: str, actor: str, model: str) -> float:
        """The probability that ``actor`` accepts ``model``'s forecast on ``issue_id``."""
        return self[issue_id].accepts(actor, model)

    def samples_of(self, issue_id: str, model: str) -> NDArray[np.float64]:
        """Every sample's forecast of ``model`` on ``issue_id``."""
        i = [issue.id for issue in self.scenario.issues].index(issue_id)
        return self.forecasts[:, i, self.models.index(model)]

    def to_dict(self) -> dict[str, Any]:
        """The run and every issue's summary (the per-sample forecasts are left out)."""
        return {
            "scenario": self.scenario.id,
            "models": list(self.models),
            "samples": self.samples,
            "seed": self.seed,
            "stream": self.stream,
            "issues": {item.issue: item.to_dict() for item in self.issues},
        }


def chunk_size_for(scenario: Scenario, models: Mapping[str, Model]) -> int:
    """A chunk size that keeps each job's working arrays to a few MB (results never depend
    on it): the expected-utility model works on ``n x n`` dyads per sample (2^17 elements,
    1 MB, per chunk); a joint model (``smp``) on about ``64 n^2`` numbers per sample for ``n``
    actors (2^22 elements, 32 MB, per chunk: smaller chunks cost more in per-chunk overhead
    than they save, 1.6 s instead of 0.8 s for 4,000 samples of the case study)."""
    widest = max(len(scenario.stakes_on(i.id)) for i in scenario.issues)
    per_sample = widest * widest if "bdm" in models else widest
    if "bdm" in models:
        # The model keeps its history: a run of more than the default 10 rounds needs
        # proportionally smaller chunks.
        model = models["bdm"]
        rounds = getattr(model, "rounds", None) or getattr(model, "max_rounds", 10)
        per_sample *= max(1, int(rounds or 10) // 10)
    size = 2**17 // max(per_sample, 1)
    if any(model.joint for model in models.values()):
        size = min(size, 2**22 // max(64 * len(scenario.actors) ** 2, 1))
    return int(max(1, min(65_536, size)))


def summarise(
    scenario: Scenario,
    models: Sequence[str],
    results: Sequence[ChunkResult],
    *,
    seed: int,
    stream: int,
) -> MonteCarlo:
    """Join chunk results (in sample order) and summarise them."""
    forecasts = np.concatenate([r.forecasts for r in results])
    accepted = np.sum([r.accepted for r in results], axis=0)
    all_accepted = np.sum([r.all_accepted for r in results], axis=0)
    no_deal = np.sum([r.no_deal for r in results if r.no_deal is not None], axis=0)
    labelled = np.sum([r.labelled for r in results if r.labelled is not None], axis=0)
    n = len(forecasts)
    issues = []
    for i, issue in enumerate(scenario.issues):
        edges = np.linspace(issue.low, issue.high, HISTOGRAM_BINS + 1)
        distributions = []
        for m, name in enumerate(models):
            column = np.ascontiguousarray(forecasts[:, i, m])
            counts, _ = np.histogram(np.clip(column, issue.low, issue.high), bins=edges)
            distributions.append(
                ModelDistribution(
                    name,
                    Distribution(
                        mean=float(column.mean()),
                        percentiles=tuple(float(v) for v in np.percentile(column, PERCENTILES)),
                        edges=tuple(float(v) for v in edges),
                        counts=tuple(int(v) for v in counts),
                    ),
                )
            )
        reservations = _reservations(scenario, issue.id)
        acceptance = tuple(
            ActorAcceptance(
                actor,
                tuple(
                    ModelProbability(name, int(accepted[i, r, m]) / n)
                    for m, name in enumerate(models)
                ),
            )
            for r, (_, actor, _, _) in enumerate(reservations)
        )
        any_party = any(party for *_, party in reservations)
        all_accept = tuple(
            AllAccept(name, int(all_accepted[i, m]) / n if any_party else None)
            for m, name in enumerate(models)
        )
        binding = issue.decision is not None and issue.decision.binding
        issues.append(
            IssueUncertainty(
                issue=issue.id,
                distributions=tuple(distributions),
                acceptance=acceptance,
                all_accept=all_accept,
                no_deal=tuple(
                    ModelProbability(name, int(no_deal[i, m]) / n)
                    for m, name in enumerate(models)
                    if binding
                ),
                labels=tuple(
                    ModelLabels(
                        name,
                        tuple(
                            LabelProbability(value, int(labelled[i, k, m]) / n)
                            for k, (value, _) in enumerate(issue.labels)
                        ),
                    )
                    for m, name in enumerate(models)
                    if issue.labels
                ),
            )
        )
    return MonteCarlo(
        scenario=scenario,
        models=tuple(models),
        samples=n,
        seed=seed,
        stream=stream,
        forecasts=forecasts,
        issues=tuple(issues),
    )


def monte_carlo(
    scenarios: Sequence[Scenario],
    models: Mapping[str, Model],
    *,
    samples: int,
    seed: int,
    engine: Engine | None = None,
    chunk_size: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[MonteCarlo]:
    """Monte Carlo for each scenario (scenario ``k`` uses stream ``k`` of ``seed``)."""
    if samples < 1:
        raise ValueError(f"samples must be a positive integer, got {samples}")
    for model in models.values():
        model.check_params()
    for scenario in scenarios:
        validate(scenario)  # the models' own check: no sampling of a scenario they would refuse
    pairs = tuple(models.items())
    jobs: list[Chunk] = []
    owners: list[int] = []
    for stream, scenario in enumerate(scenarios):
        size = chunk_size or chunk_size_for(scenario, models)
        for start in range(0, samples, size):
            jobs.append(Chunk(scenario, pairs, seed, stream, start, min(start + size, samples)))
            owners.append(stream)
    results = (engine or LocalEngine()).map(run_chunk, jobs, progress)
    out = []
    for stream, scenario in enumerate(scenarios):
        mine = [r for r, owner in zip(results, owners, strict=True) if owner == stream]
        out.append(summarise(scenario, list(models), mine, seed=seed, stream=stream))
    return out


def uncertain_inputs(scenario: Scenario) -> tuple[UncertainInput, ...]:
    """The inputs that have a range (the others keep their point values)."""
    return tuple(item for item in inputs_of(scenario) if item.uncertain)
