"""Bargaining protocols, each a vectorised computation over a block of runs.

Every protocol plays ``deadline`` rounds (0-based ``s``, relative time ``t = (s+1)/(deadline+1)``)
among the arena's parties, each with a concession strategy
(:mod:`accord.simulate.strategies`) that sets its target utility. A party *accepts* a package
when it is acceptable to it (its per-issue reservations and reservation utility, the rules of
:mod:`accord.deals.utility`) and worth at least its target; no protocol ever records an
agreement that some party does not accept, so no agreement lies below any party's reservation.
A run is deterministic given its random stream; a block of runs draws all its random numbers
up front, per run, so the same stream gives the same runs in any block (see
:mod:`accord.simulate.batches`).

``alternating`` - stacked alternating offers (Aydogan et al. 2017), as NegMAS's SAO mechanism
    plays it: in each round every party in turn (file order, or from ``first``) accepts the
    standing offer or replaces it with its own; a new offer counts as its proposer's acceptance
    and agreement comes when all parties have accepted the same standing offer. The proposer
    offers, among the offers it accepts, the one of lowest utility to it at or above its target
    (``offer="lowest"``: NegMAS's non-stochastic "worst in band"); or, among those within
    ``band`` above its target, one drawn uniformly (``"random"``, the source of variation across
    runs) or the one best for the others (``"nice"``: the largest smallest share of room above
    their floors, a clause beyond someone's red line counting -1 - full knowledge of the others'
    utilities, as GENIUS agents with a perfect opponent model); its best offer when none reaches
    the target. Differences from NegMAS: offers come from the
    arena's offer set (the Pareto frontier on large spaces, see :mod:`accord.simulate.arena`);
    ties in utility are broken in outcome order, not by numpy's unstable sort; acceptance is
    ``u >= target`` with no ``1e-4`` tolerance; there is no time limit in seconds and no
    END_NEGOTIATION.

``single-text`` - the mediated single negotiating text (Fisher's one-text procedure at Camp
    David, described by Raiffa 1982): the mediator drafts a text (a random package, drawn
    uniformly from the outcome space); each round every party accepts it or objects; if all
    accept, it is the agreement. Otherwise the mediator revises one clause (one issue's value):
    the revision that raises the utility of the most aggrieved objector (largest shortfall from
    its target, relative to its room) the most while keeping every party that accepted at or
    above its target; when no revision keeps them, the one that raises that objector most net
    of what it costs the others; when none raises it, the text stands. Ties go to the first
    issue and value. In both mediated protocols a clause moved inside (outside) a party's
    per-issue reservation counts as a gain (loss) of 1 for it: red lines come first. This is
    the Klein et al. (2003) mediator with a deterministic, objection-led
    proposal instead of random mutation; NegMAS's ``VetoSTMechanism`` instead proposes random
    texts and keeps one only if every party prefers it.

``shuttle`` - shuttle mediation: an envoy carries one text from party to party, meeting one at
    a time in an order drawn afresh each round (the parties never meet). A party that accepts
    the text endorses it; one that does not amends it, one clause at a time, to the change with
    the best ratio of its own gain to the others' loss (a logroll: it gives up what matters
    least to the others' cost), until the text meets its target or no change helps it. The text
    is agreed once every party has endorsed it without change in one circuit. Fey & Ramsay
    (2010) show that a go-between who only relays adds nothing to direct talks; the difference
    here is that amendments are local and private, which is what the comparison with
    ``alternating`` and ``single-text`` exposes. NegMAS has no shuttle protocol.

Sources
-------
- Aydogan, R., Festen, D., Hindriks, K. & Jonker, C. (2017), "Alternating offers protocols for
  multilateral negotiation", in *Modern Approaches to Agent-based Complex Automated
  Negotiation*, Springer.
- Fisher, R. & Ury, W. (1981), *Getting to Yes*, Houghton Mifflin (the one-text procedure).
- Raiffa, H. (1982), *The Art and Science of Negotiation*, Harvard UP (single negotiating text,
  Camp David).
- Klein, M., Faratin, P., Sayama, H. & Bar-Yam, Y. (2003), "Negotiating complex contracts",
  *Group Decision and Negotiation* 12(2): 111-125 (mediated single-text protocols).
- Fey, M. & Ramsay, K. W. (2010), "When is shuttle diplomacy worth the commute? Information
  sharing through mediation", *World Politics* 62(4): 529-560.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.simulate.arena import Arena
from accord.simulate.strategies import Memory, Strategy

__all__ = ["OFFER_RULES", "PROTOCOLS", "Runs", "run_protocol"]

PROTOCOLS: tuple[str, ...] = ("alternating", "single-text", "shuttle")
OFFER_RULES: tuple[str, ...] = ("lowest", "random", "nice")
#: Clauses a party may amend in one visit of the envoy.
AMENDMENTS = 3


@dataclass(frozen=True)
class Runs:
    """Per-run outcomes: ``agreed``, the 1-based ``round`` (0 without agreement), the
    ``package`` as value indices ``(runs, issues)`` (-1 without agreement) and ``utilities``
    ``(runs, parties)`` (0 without agreement)."""

    agreed: NDArray[np.bool_]
    round: NDArray[np.int32]
    package: NDArray[np.int16]
    utilities: NDArray[np.float64]

    @staticmethod
    def join(parts: Sequence[Runs]) -> Runs:
        return Runs(
            agreed=np.concatenate([p.agreed for p in parts]),
            round=np.concatenate([p.round for p in parts]),
            package=np.concatenate([p.package for p in parts]),
            utilities=np.concatenate([p.utilities for p in parts]),
        )


def _times(deadline: int) -> list[float]:
    return [(s + 1) / (deadline + 1) for s in range(deadline)]


def _finish(
    arena: Arena, agreed: NDArray[np.bool_], rounds: NDArray[np.int32], package: NDArray[np.intp]
) -> Runs:
    n = len(agreed)
    out = np.full((n, len(arena.pu.terms)), -1, dtype=np.int16)
    utilities = np.zeros((n, len(arena.parties)))
    if agreed.any():
        out[agreed] = package[agreed]
        utilities[agreed] = arena.utilities(package[agreed])
    return Runs(agreed=agreed, round=np.where(agreed, rounds, 0).astype(np.int32),
                package=out, utilities=utilities)  # fmt: skip


def _alternating(
    arena: Arena, strategies: Sequence[Strategy], deadline: int, rng: np.random.Generator,
    runs: int, offer: str, band: float, first: int,
) -> Runs:  # fmt: skip
    n = len(arena.parties)
    draws = rng.random((deadline, n, runs))
    order = [(first + k) % n for k in range(n)]
    lo = arena.lo
    memory = [Memory.empty(runs) for _ in range(n)]
    standing = np.full(runs, -1, dtype=np.intp)
    count = np.zeros(runs, dtype=np.int32)
    done = np.zeros(runs, dtype=bool)
    rounds = np.zeros(runs, dtype=np.int32)
    for s, t in enumerate(_times(deadline)):
        for i in order:
            live = ~done
            if not live.any():
                break
            target = strategies[i].targets(t, memory[i], arena.hi[i], np.full(runs, lo[i]))
            has = standing >= 0
            here = np.where(has, standing, 0)
            accept = live & has & arena.ok[here, i] & (arena.u[here, i] >= target)
            count = np.where(accept, count + 1, count)
            agree = accept & (count >= n)
            done |= agree
            rounds = np.where(agree, s + 1, rounds)
            propose = live & ~accept
            if not propose.any():
                continue
            values = arena.ranked_u[i]
            last = len(values) - 1
            low = np.minimum(np.searchsorted(values, target, side="left"), last)
            if offer != "lowest" and band > 0:
                high = np.maximum(np.searchsorted(values, target + band, side="right"), low + 1)
                if offer == "random":
                    span = high - low
                    low = low + np.minimum((draws[s, i] * span).astype(np.intp), span - 1)
                else:
                    low = arena.nicest(i, low, high)
            pick = arena.ranked[i][low]
            standing = np.where(propose, pick, standing)
            count = np.where(propose, 1, count)
            for j in range(n):
                if j != i:
                    memory[j].see(arena.u[pick, j], propose)
    return _finish(arena, done, rounds, arena.offers[np.maximum(standing, 0)])


@dataclass(frozen=True)
class _Clauses:
    """Every clause a mediator or a party may write: the ``(issue, value)`` pairs of the space,
    issue by issue, with each party's utility term and whether it lies within its per-issue
    reservation, so that all one-clause changes of a text are one array computation."""

    issue: NDArray[np.intp]
    value: NDArray[np.intp]
    offset: NDArray[np.intp]
    terms: NDArray[np.int64]
    allowed: NDArray[np.bool_]

    @staticmethod
    def of(arena: Arena) -> _Clauses:
        terms, allowed = arena.pu.terms, arena.pu.acceptable
        sizes = np.asarray([len(t) for t in terms], dtype=np.intp)
        return _Clauses(
            issue=np.repeat(np.arange(len(terms), dtype=np.intp), sizes),
            value=np.concatenate([np.arange(size, dtype=np.intp) for size in sizes]),
            offset=np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.intp),
            terms=np.concatenate(terms),
            allowed=np.concatenate(allowed),
        )


class _Text:
    """Texts as value indices ``(runs, issues)`` with their sums of utility terms."""

    def __init__(self, arena: Arena, text: NDArray[np.intp]) -> None:
        self.arena = arena
        self.text = text
        self.totals = arena.pu.totals(text)

    def utility(self) -> NDArray[np.float64]:
        return self.arena.pu.to_utility(self.totals)

    def accepted(self, targets: NDArray[np.float64]) -> NDArray[np.bool_]:
        return np.asarray(self.arena.pu.accepts(self.text, totals=self.totals) &
                          (self.utility() >= targets))  # fmt: skip

    def violations(self) -> NDArray[np.int64]:
        """Clauses ``(runs, parties)`` beyond each party's per-issue reservations."""
        out = np.zeros((len(self.text), len(self.arena.parties)), dtype=np.int64)
        for k, allowed in enumerate(self.arena.pu.acceptable):
            out += ~allowed[self.text[:, k]]
        return out

    def changes(self, clauses: _Clauses) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """For every clause (every value of every issue) in each text: the utilities
        ``(runs, clauses, parties)`` of the text with that clause, and each party's gain
        counting a clause moved inside (outside) its per-issue reservation as +1 (-1) - red
        lines come before utility."""
        now = clauses.offset[clauses.issue][None, :] + self.text[:, clauses.issue]
        totals = self.totals[:, None, :] - clauses.terms[now] + clauses.terms[None]
        u = self.arena.pu.to_utility(totals)
        before = self.arena.pu.to_utility(self.totals)[:, None, :]
        fixed = clauses.allowed[None, :, :].astype(np.float64) - clauses.allowed[now]
        return u, u - before + fixed

    def change(self, where: NDArray[np.bool_], k: NDArray[np.intp], v: NDArray[np.intp]) -> None:
        rows = np.flatnonzero(where)
        if len(rows) == 0:
            return
        self.text = self.text.copy()
        self.text[rows, k[rows]] = v[rows]
        self.totals = self.arena.pu.totals(self.text)


def _targets(
    arena: Arena, strategies: Sequence[Strategy], memory: list[Memory], t: float, runs: int
) -> NDArray[np.float64]:
    lo = arena.lo
    return np.stack(
        [
            s.targets(t, memory[i], arena.hi[i], np.full(runs, lo[i]))
            for i, s in enumerate(strategies)
        ],
        axis=1,
    )


def _random_texts(arena: Arena, rng: np.random.Generator, runs: int) -> NDArray[np.intp]:
    shape = arena.pu.space.shape
    u = rng.random((runs, len(shape)))
    out = np.minimum((u * np.asarray(shape)).astype(np.intp), np.asarray(shape) - 1)
    return np.asarray(out, dtype=np.intp)


def _single_text(
    arena: Arena, strategies: Sequence[Strategy], deadline: int, rng: np.random.Generator,
    runs: int,
) -> Runs:  # fmt: skip
    n = len(arena.parties)
    clauses = _Clauses.of(arena)
    text = _Text(arena, _random_texts(arena, rng, runs))
    memory = [Memory.empty(runs) for _ in range(n)]
    done = np.zeros(runs, dtype=bool)
    rounds = np.zeros(runs, dtype=np.int32)
    room = np.maximum(arena.hi - arena.lo, 1e-12)
    rows = np.arange(runs)
    for s, t in enumerate(_times(deadline)):
        live = ~done
        if not live.any():
            break
        current = text.utility()
        for i in range(n):
            memory[i].see(current[:, i], live)
        targets = _targets(arena, strategies, memory, t, runs)
        accepted = text.accepted(targets)
        agree = live & accepted.all(axis=1)
        done |= agree
        rounds = np.where(agree, s + 1, rounds)
        revise = live & ~agree
        if not revise.any():
            continue
        shortfall = (targets - current) / room + text.violations()
        objector = np.argmax(np.where(accepted, -np.inf, shortfall), axis=1)
        u, delta = text.changes(clauses)
        gain = np.take_along_axis(delta, objector[:, None, None], axis=2)[:, :, 0]
        fine = clauses.allowed[None, :, :] & (u >= targets[:, None, :])
        keeps = np.where(accepted[:, None, :], fine, True).all(axis=2)
        loss = np.maximum(-delta, 0.0).sum(axis=2)
        score = np.where(keeps, 2.0 + gain, gain - loss)
        score = np.where(gain > 1e-12, score, -np.inf)
        pick = np.argmax(score, axis=1)  # the first clause of the best: first issue, then value
        best = score[rows, pick]
        text.change(revise & np.isfinite(best), clauses.issue[pick], clauses.value[pick])
    return _finish(arena, done, rounds, text.text)


def _amend(
    arena: Arena, clauses: _Clauses, text: _Text, rows: NDArray[np.intp],
    party: NDArray[np.intp], targets: NDArray[np.float64],
) -> None:  # fmt: skip
    """The visited parties of ``rows`` amend their texts, one clause at a time (see above)."""
    for _ in range(AMENDMENTS):
        if len(rows) == 0:
            return
        sub = _Text(arena, text.text[rows])
        who = party[rows]
        here = np.arange(len(rows))
        _, delta = sub.changes(clauses)
        gain = np.take_along_axis(delta, who[:, None, None], axis=2)[:, :, 0]
        loss = np.maximum(-delta, 0.0).sum(axis=2)
        ratio = np.where(gain > 1e-12, gain / (loss + 1e-9), -np.inf)
        pick = np.argmax(ratio, axis=1)  # the first clause of the best: first issue, then value
        best = ratio[here, pick]
        step = np.isfinite(best)
        sub.change(step, clauses.issue[pick], clauses.value[pick])
        text.text[rows] = sub.text
        reached = sub.accepted(targets[rows])[here, who]
        rows = rows[step & ~reached]


def _shuttle(
    arena: Arena, strategies: Sequence[Strategy], deadline: int, rng: np.random.Generator,
    runs: int,
) -> Runs:  # fmt: skip
    n = len(arena.parties)
    clauses = _Clauses.of(arena)
    text = _Text(arena, _random_texts(arena, rng, runs))
    orders = np.argsort(rng.random((deadline, runs, n)), axis=2)
    memory = [Memory.empty(runs) for _ in range(n)]
    done = np.zeros(runs, dtype=bool)
    rounds = np.zeros(runs, dtype=np.int32)
    endorsed = np.zeros((runs, n), dtype=bool)
    rows = np.arange(runs)
    for s, t in enumerate(_times(deadline)):
        for slot in range(n):
            live = ~done
            if not live.any():
                break
            party = orders[s, :, slot]
            current = text.utility()
            for i in range(n):
                memory[i].see(current[:, i], live & (party == i))
            targets = _targets(arena, strategies, memory, t, runs)
            ok = text.accepted(targets)[rows, party]
            endorse = live & ok
            amend = live & ~ok
            endorsed[amend] = False
            endorsed[rows[endorse], party[endorse]] = True
            agree = endorse & endorsed.all(axis=1)
            done |= agree
            rounds = np.where(agree, s + 1, rounds)
            text.text = text.text.copy()
            _amend(arena, clauses, text, np.flatnonzero(amend), party, targets)
            text.totals = arena.pu.totals(text.text)
    return _finish(arena, done, rounds, text.text)


def run_protocol(
    protocol: str,
    arena: Arena,
    strategies: Sequence[Strategy],
    *,
    deadline: int,
    rng: np.random.Generator,
    runs: int = 1,
    offer: str = "lowest",
    band: float = 0.0,
    first: int = 0,
) -> Runs:
    """``runs`` runs of ``protocol`` from one stream ``rng`` (one block; see the docstring)."""
    if protocol not in PROTOCOLS:
        raise ValueError(f"unknown protocol {protocol!r}; choose from {', '.join(PROTOCOLS)}")
    if deadline < 1:
        raise ValueError(f"the deadline must be at least 1 round, got {deadline}")
    if not 0.0 <= band <= 1.0:
        raise ValueError(f"band must lie in [0, 1], got {band}")
    if len(strategies) != len(arena.parties):
        raise ValueError(f"{len(arena.parties)} parties need as many strategies")
    if protocol == "alternating":
        if offer not in OFFER_RULES:
            raise ValueError(f"unknown offer rule {offer!r}; choose from {', '.join(OFFER_RULES)}")
        return _alternating(arena, strategies, deadline, rng, runs, offer, band, first)
    if protocol == "single-text":
        return _single_text(arena, strategies, deadline, rng, runs)
    return _shuttle(arena, strategies, deadline, rng, runs)
