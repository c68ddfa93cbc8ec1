"""KTAB's spatial model of politics (SMP): joint bargaining over several issues at once.

A port of the SMP of KTAB, the KAPSARC Toolkit for Behavioral Analysis (Wise et al. 2015;
Wise, Lester & Efird 2017), written from KTAB's public descriptions and the behaviour of its
source, and checked against KTAB's own reference runs (``tests/data/ktab/``). Every issue of a
scenario (or the ones chosen with ``issues``) is one dimension of the actors' position vectors.

Algorithm (one round, on KTAB's scales: positions and saliences in [0, 1])
-------------------------------------------------------------------------
1. *Distance and utility.* Actor i's distance to a position y is the salience-weighted
   Euclidean distance ``d = sqrt(sum_k (s_ik (x_ik - y_k))^2 / sum_k s_ik^2)`` from i's ideal
   (its current position, unless ideals adjust, see below); utility is
   ``u = (1 - d)(1 + d R)`` with risk attitude ``R`` in [-1, 1] (0 = neutral, > 0 averse).
2. *Risk attitudes.* With neutral utilities, every actor votes between every pair of
   positions, ``v_k(i:j) = c_k f(u_ki - u_kj)`` (``voting_rule`` f, capability ``c_k``);
   coalitions ``C_ij = sum_k max(0, v_k(i:j))`` give victory probabilities (``victory_prob_
   model``: Linear ``C_ij/(C_ij + C_ji)``, or the strengths squared, to the 4th or 8th power,
   or Binary: a 10% advantage wins) and a probabilistic Condorcet election (``pce_model``:
   Conditional ``p_i ~ prod_j P(i > j)``, or the limit of a Markov chain of challenges,
   MarkovIncentive or MarkovUniform) the probability ``p_i`` of each actor's position. Actors
   likely to win become risk averse: ``big_r_range`` maps ``p`` linearly onto [0, 1] (Min),
   [-1/2, 1] (Mid) or [-1, 1] (Max). Actor h's estimate of i's attitude mixes both
   (``big_r_adjust``: OneThird ``(2 r_h + r_i)/3``, Half, TwoThirds, Full = r_i, None = r_h),
   which gives every actor h its own utility matrix ``u^h``.
3. *Challenges.* From its own view, actor i weighs challenging each j: the principals
   contribute ``v(s_i c_i, u_ii, u_ij)`` and ``v(s_j c_j, u_ji, u_jj)`` (``s`` = total
   salience); each third party k estimates the little three-actor contest, then votes on the
   utilities of the outcomes, which depend on ``third_party_commit`` (NoCommit, SemiCommit,
   FullCommit: whether k, joining the winner, also adopts its position). With
   ``phi = C_i/(C_i + C_j)`` (as KTAB computes the third parties' votes, only SemiCommit ones
   can vote at all: NoCommit and FullCommit ones value both outcomes of the little contest
   alike, so their votes are exactly 0 - kept) the challenge is worth
   ``(1 - s_j) 2u_ii + s_j (phi 2u_ii + (1 - phi) 2u_ij) - (u_ii + u_ij)``, the structure of
   Bueno de Mesquita's eq. 25; i targets the j worth most (if more than 1e-5).
4. *Bargains.* The positions both adopt are interpolated dimension by dimension with weights
   ``(s_k p)^n`` (``inter_vec_brgn``: S1P1, S2P2 - KTAB's default - or S2PMax), rounded to 4
   decimals. ``bargn_model`` says whose view of the odds is used: the initiator's only
   (InitOnlyInterp), both as two bargains (InitRcvrInterp), or their power-weighted compromise
   (PWCompInterp).
5. *Transition.* Each actor's queue - keeping its position, and every bargain it is part of -
   is resolved by a Condorcet election among all actors over the states the bargains would
   produce (utility: the mean over actors' positions). ``state_transitions``: the most
   probable bargain (Deterministic) or a random draw (Stochastic).
6. *Stop* after at least ``min_iterations`` (2) rounds when the total movement is under
   ``stop_ratio`` (0.02) of the first round's movement (plus 1e-4), or after
   ``max_iterations`` (100).

Each actor's winning probability in a state is the Condorcet election of step 2 over the
distinct positions, with every actor's own risk-aware utilities (actors at one position share
its probability, as in KTAB's log). The forecast of an issue is the capability-weighted mean of
the final positions of the actors holding a stake on it; the note names the alternative KTAB
reports, the final position with the highest winning probability. The full history - per round
every actor's position on each issue and its winning probability, the risk attitudes and the
challenges - is kept (``accord forecast --model smp --json``: ``"smp": {"rounds": [...]}``).

Scales. Positions are rescaled from each issue's scale to [0, 1] and back. Saliences are
accord's [0, 1] per issue; KTAB requires an actor's saliences to total at most 1, so when some
actor's total exceeds 1, every salience is divided by the largest total. An actor without a
stake on an issue has salience 0 on it and the issue's status quo (or the holders' weighted
mean) as its position there; that position moves with its bargains but is not reported.

Where KTAB's source, its documentation and its runs disagree (the runs decide)
------------------------------------------------------------------------------
- The documentation describes the receiver's view of a bargain as using its estimate of the
  probability that the initiator wins; KTAB passes the receiver's estimate of the initiator's
  expected *gain* instead (visible in the logs' "from j's perspective" bargains), and so does
  this port (it matters only for InitRcvrInterp and PWCompInterp).
- The "power-weighted compromise" weighs the two views by capability times salience, but KTAB
  uses the initiator's capability for both sides; kept.
- The third parties' little contests and the challenge probability always use the linear
  ratio of strengths, whatever ``victory_prob_model`` says (KTAB applies it only to the
  Condorcet elections); kept.
- The source hard-codes proportional voting for the winning probabilities of a state
  (``SMPState::pDist``); the runs use the model's ``voting_rule`` (visible with PropCbc in the
  smpExample log), and so does this port.
- The source values a bargain's outcome from each actor's current *position*
  (``SMPActor::posUtil``); the runs value it from the actor's *ideal* (they differ once ideals
  adjust, as in smpExample), and so does this port.
- The risk attitudes come from an election over every actor's position (equal positions are
  not merged there), the winning probabilities from one over the distinct positions; kept.
- KTAB processes actors' challenges in parallel threads, so the order of bargains in each
  actor's queue (which a Stochastic draw depends on) is the threads' order, not the actors'.
  It also resolves the queues in parallel, so which queue gets which random number is the
  threads' order too. This port uses the actors' order for both, which reproduces the
  deterministic reference run (SOE-Pol-Comp) exactly; the stochastic smpExample run is
  reproduced exactly - every state, and KTAB's own PRNG draw for draw - only when both orders
  are replayed from its log (``run(queues=..., order=...)``), as the golden test does.

Sources
-------
- Wise, B., Lester, S., Efird, B. et al. (2015), "An Introduction to the KAPSARC Toolkit for
  Behavioral Analysis (KTAB) using One-Dimensional Spatial Models", KAPSARC discussion paper
  KS-1517-DP025A.
- Wise, B., Lester, S. & Efird, B. (2017), "Multidimensional Bargaining using KTAB", KAPSARC
  discussion paper KS-1736-DP079A.
- KTAB repository, https://github.com/KAPSARC/KTAB (MIT licence), ``examples/smp``, and its
  reference logs ``examples/smp/doc/20170530_ref-*.txt``.
- Bueno de Mesquita, B. (1994), "Political forecasting: an expected utility method", in Bueno de
  Mesquita & Stokman (eds.), *European Community Decision Making*, Yale UP, ch. 4.
"""

from __future__ import annotations

from accord.models.smp._engine import Round, Trajectory, run
from accord.models.smp._model import SpatialModel, SpatialProblem, problem_from_profiles
from accord.models.smp._options import KTAB_NAMES, SMPOptions
from accord.models.smp._prng import KtabPRNG

__all__ = [
    "KTAB_NAMES",
    "KtabPRNG",
    "Round",
    "SMPOptions",
    "SpatialModel",
    "SpatialProblem",
    "Trajectory",
    "problem_from_profiles",
    "run",
]
