"""A plain per-dyad Python implementation of the expected-utility model, as a test oracle.

Written directly from the equations of Scholz, Calbert & Smith (2011) with explicit loops over
actors and dyads, for readability rather than speed, and with the same options as
:mod:`accord.models.bdm`. The tests check the vectorised model against it on random problems;
the benchmarks measure the speed-up over it.
"""

from __future__ import annotations

from accord.models.bdm import Rules


def weighted_median(x: list[float], w: list[float]) -> float:
    pairs = sorted(zip(x, w, strict=True), key=lambda p: p[0])
    total = sum(w)
    running = 0.0
    for position, weight in pairs:
        running += weight
        if running >= total * (0.5 - 1e-12):
            return position
    return pairs[-1][0]


def weighted_mean(x: list[float], w: list[float]) -> float:
    return sum(a * b for a, b in zip(x, w, strict=True)) / sum(w)


def best(items, key, last=None):  # type: ignore[no-untyped-def]
    """The items whose key is smallest (within 1e-9 relative); with ``last``, the one item
    with the smallest ``last`` among them."""
    low = min(key(o) for o in items)
    slack = 1e-9 * max(abs(low), 1.0)
    kept = [o for o in items if key(o) <= low + slack]
    return min(kept, key=last) if last is not None else kept


class ReferenceModel:
    def __init__(self, x: list[float], c: list[float], s: list[float], rules: Rules) -> None:
        self.x = list(map(float, x))
        self.c = list(map(float, c))
        self.s = list(map(float, s))
        self.rules = rules
        self.n = len(x)
        self.w = [ci * si for ci, si in zip(self.c, self.s, strict=True)]
        self.initial_range = max(self.x) - min(self.x)

    def span(self) -> float:
        value = self.initial_range if self.rules.scale == "initial" else max(self.x) - min(self.x)
        return value if value > 0 else 1.0

    def loss(self, k: int, z: float, r: float) -> float:
        return (abs(self.x[k] - z) / self.span()) ** r

    def votes_for(self, i: int, j: int, risk: list[float]) -> float:
        """Sum over voters of max(0, v_k^{ij})."""
        total = 0.0
        for k in range(self.n):
            v = self.w[k] * (self.loss(k, self.x[j], risk[k]) - self.loss(k, self.x[i], risk[k]))
            total += max(0.0, v)
        return total

    def probabilities(self, risk: list[float]) -> list[list[float]]:
        n = self.n
        votes = [[self.votes_for(i, j, risk) for j in range(n)] for i in range(n)]
        p = [[0.0] * n for _ in range(n)]
        everything = sum(votes[i][j] + votes[j][i] for i in range(n) for j in range(n))
        for i in range(n):
            for j in range(n):
                if self.rules.probability == "dyad":
                    denominator = votes[i][j] + votes[j][i]
                else:
                    denominator = everything
                p[i][j] = votes[i][j] / denominator if denominator > 0 else 0.0
        return p

    def pivot(self) -> float:
        if self.rules.mu == "median":
            return weighted_median(self.x, self.w)
        return weighted_mean(self.x, self.w)

    def expected(self, i: int, j: int, p: list[list[float]], r: float) -> float:
        """E(U_ij): i challenges j, evaluated with risk exponent r."""
        rules = self.rules
        d = abs(self.x[i] - self.x[j]) / self.span()
        success = 2 - 4 * (0.5 - 0.5 * d) ** r
        failure = 2 - 4 * (0.5 + 0.5 * d) ** r
        status_quo = 2 - 4 * 0.5**r
        sj = self.s[j]
        value = sj * (p[i][j] * success + (1 - p[i][j]) * failure) + (1 - sj) * success
        value -= rules.q * status_quo
        if rules.q < 1:
            reach = 0.25 * (abs(self.x[i] - self.pivot()) / self.span() + d)
            better = 2 - 4 * (0.5 - reach) ** r
            worse = 2 - 4 * (0.5 + reach) ** r
            value -= (1 - rules.q) * (rules.t * better + (1 - rules.t) * worse)
        return value

    def risk_exponents(self) -> list[float]:
        ones = [1.0] * self.n
        p = self.probabilities(ones)
        security = []
        for i in range(self.n):
            security.append(sum(self.expected(j, i, p, 1.0) for j in range(self.n) if j != i))
        high, low = max(security), min(security)
        out = []
        for value in security:
            relative = (2 * value - high - low) / (high - low) if high > low else 0.0
            out.append((1 - relative / 3) / (1 + relative / 3))
        return out

    def step(self) -> tuple[list[float], list[tuple[int, int, int]]]:
        """One round; returns the risk exponents and the moves (actor, proposer, kind)."""
        rules = self.rules
        risk = self.risk_exponents()
        p = self.probabilities(risk if rules.vote_risk == "voter" else [1.0] * self.n)
        new_x = list(self.x)
        moves = []
        for j in range(self.n):  # receiver
            offers = []  # (kind, proposer, target, a, b)
            for i in range(self.n):  # proposer
                if i == j or self.x[i] == self.x[j]:
                    continue
                if rules.perspective == "receiver":
                    ra = rb = risk[j]
                elif rules.perspective == "proposer":
                    ra = rb = risk[i]
                else:
                    ra, rb = risk[i], risk[j]
                a = self.expected(i, j, p, ra)
                b = self.expected(j, i, p, rb)
                if rules.conflict and a > b > 0:
                    offers.append((1, i, self.x[i], a, b))
                elif a > 0 > b and a > abs(b):
                    target = self.x[j] + (self.x[i] - self.x[j]) * abs(b / a)
                    offers.append((2, i, target, a, b))
                elif a > 0 > b and rules.capitulation:
                    offers.append((3, i, self.x[i], a, b))
            if not offers:
                continue
            if rules.selection == "scholz":
                chosen = None
                for kind in (1, 2, 3):
                    of_kind = [o for o in offers if o[0] == kind]
                    if not of_kind:
                        continue
                    if kind == 2:

                        def key(o: tuple[int, int, float, float, float], j: int = j) -> float:
                            _, i, _, a, b = o
                            return (abs(b) * self.x[j] + abs(a) * self.x[i]) / (abs(a) + abs(b))
                    else:

                        def key(o: tuple[int, int, float, float, float], j: int = j) -> float:
                            return abs(o[2] - self.x[j])

                    chosen = best(best(of_kind, key), lambda o: -o[3], last=lambda o: o[2])
                    break
            else:
                top = best(offers, lambda o: -o[3])
                chosen = best(top, lambda o, xj=self.x[j]: abs(o[2] - xj), last=lambda o: o[2])
            assert chosen is not None
            new_x[j] = chosen[2]
            moves.append((j, chosen[1], chosen[0]))
        self.x = new_x
        return risk, moves

    def run(self, rounds: int) -> list[float]:
        medians = [weighted_median(self.x, self.w)]
        for _ in range(rounds):
            self.step()
            medians.append(weighted_median(self.x, self.w))
        return medians
