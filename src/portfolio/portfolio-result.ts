/**
 * The result of `selectPortfolio` (SPEC §6): the chosen deals, what was
 * proved about them, and the work it took.
 */
import type { Deal, Objective } from "../economics/deal.js";
import { compareIds } from "../util/compare-ids.js";
import { meetsBound } from "./exact.js";

/**
 * What the result proves.
 *
 * - `optimal`: no portfolio is better (relative tolerance 1e-9); `bound`
 *   equals `objective` and `gap` is 0.
 * - `feasible`: a valid portfolio (every constraint holds) that is not proved
 *   optimal; `bound` is a proved upper bound on the optimum, `gap` how far
 *   the portfolio may be from it. What `greedy` returns unless its bound
 *   happens to meet the objective.
 * - `timedout`: `timeLimitMs` ran out before the proof; the best portfolio
 *   found so far (valid, never empty when a deal has positive value) with the
 *   best bound proved so far.
 * - `aborted`: the `signal` fired; as `timedout`, the best found so far.
 */
export type PortfolioStatus = (typeof portfolioStatuses)[number];

/** Every status, from the strongest answer to the weakest. */
export const portfolioStatuses = ["optimal", "feasible", "timedout", "aborted"] as const;

/** Work counters of one `selectPortfolio` call. */
export interface PortfolioStats {
  /** Deals passed in. */
  readonly candidates: number;
  /** Dropped: a repeat of an id seen before. */
  readonly duplicateIds: number;
  /** Dropped: `feasible: false`. */
  readonly infeasible: number;
  /** Dropped: objective value ≤ 0 (they never help). */
  readonly nonPositive: number;
  /** Dropped: the deal alone exceeds a capacity, need or maxDeals. */
  readonly oversized: number;
  /** Dropped: an identical, conflicting deal is at least as good. */
  readonly dominated: number;
  /** Deals left after reduction (the model's columns). */
  readonly columns: number;
  /** Constraints left after reduction (the model's rows). */
  readonly rows: number;
  /** Constraints dropped: never binding, or implied by another. */
  readonly droppedRows: number;
  /** Where the candidates came from: `deals` (the list given to `selectPortfolio`), `list` or `generate` (`selectDeals`). */
  readonly candidateMethod?: "deals" | "list" | "generate";
  /** `selectDeals` with `list`: wall-clock ms of listing the candidates (the search). */
  readonly searchMs?: number;
  /** Bytes the compact candidates took (`selectDeals`: kind, trades and value per deal, and a hash set). */
  readonly candidateBytes?: number;
  /** Column generation: deals generated (the LP's columns). */
  readonly columnsGenerated?: number;
  /** Column generation: pricing rounds (searches weighted by the LP's prices). */
  readonly pricingRounds?: number;
  /** Column generation: deals whose reduced value the pricing computed. */
  readonly candidatesPriced?: number;
  /** Column generation: the LP relaxation's bound over every deal (Infinity when it was not solved). */
  readonly lpBound?: number;
  /** Column generation: deals the reduced-cost fixing listed (0 when the LP bound was met at once). */
  readonly fixingCandidates?: number;
  /** Independent components solved separately. */
  readonly components: number;
  /** Deals in the largest component. */
  readonly largestComponent: number;
  /** Components proved optimal by enumeration. */
  readonly enumerated: number;
  /** LP relaxations solved. */
  readonly lpSolves: number;
  /** Columns fixed to 0 by reduced costs after an LP. */
  readonly fixedByReducedCost: number;
  /** MIPs run (components whose rounded LP did not meet the bound). */
  readonly mipSolves: number;
  /** Branch-and-bound nodes of those MIPs. */
  readonly branchNodes: number;
  /** The greedy portfolio's objective (computed by every solver as a start). */
  readonly greedyObjective: number;
  /** Why the LP/MIP backend could not be used, when it could not (the greedy answer stands and `solver` says `greedy`). */
  readonly backendError?: string;
}

/** The chosen portfolio (SPEC §6), as data. */
export interface Portfolio {
  /** What was proved; see {@link PortfolioStatus}. */
  readonly status: PortfolioStatus;
  /** The chosen deals, by objective value descending, ties by id ascending. */
  readonly deals: readonly Deal[];
  /** The objective summed. */
  readonly objectiveName: Objective;
  /** Σ of the objective over the chosen deals. */
  readonly objective: number;
  /** A proved upper bound on the optimum (the LP relaxation's or tighter); ≥ `objective`. */
  readonly bound: number;
  /** (bound − objective) / |bound|, 0 when the bound is 0. */
  readonly gap: number;
  /** `status === "optimal"`. */
  readonly optimal: boolean;
  /** Wall-clock milliseconds the call took. */
  readonly timeMs: number;
  /**
   * The method whose answer the portfolio is (`auto` resolved): `exact`, or
   * `greedy` when asked for or when the exact backend failed (then
   * `stats.backendError` says why).
   */
  readonly solver: "exact" | "greedy";
  /** Work counters. */
  readonly stats: PortfolioStats;
}

/** A chosen deal with its objective value. */
export interface PickedDeal {
  readonly deal: Deal;
  readonly value: number;
}

/** How a selection ended, before its result is made. */
export interface SelectionEnd {
  readonly status: PortfolioStatus;
  /** The best upper bound proved on the optimum. */
  readonly bound: number;
  readonly objectiveName: Objective;
  readonly solver: "exact" | "greedy";
  readonly stats: PortfolioStats;
  /** `performance.now()` when the selection started. */
  readonly started: number;
}

/**
 * The result of a selection: the chosen deals best first (ties by id), the
 * objective their sum, the gap to the bound. A portfolio that meets its
 * proved bound is optimal however the run ended (a greedy answer, a time-out
 * after the proof); the bound is never below the objective.
 */
export function portfolioResult(picked: PickedDeal[], end: SelectionEnd): Portfolio {
  picked.sort((a, b) => b.value - a.value || compareIds(a.deal.id, b.deal.id));
  let objective = 0;
  for (const { value } of picked) objective += value;
  const status = meetsBound(objective, end.bound) ? "optimal" : end.status;
  const bound = status === "optimal" ? objective : Math.max(end.bound, objective);
  return {
    status,
    deals: picked.map((p) => p.deal),
    objectiveName: end.objectiveName,
    objective,
    bound,
    gap: bound === 0 ? 0 : (bound - objective) / Math.abs(bound),
    optimal: status === "optimal",
    timeMs: performance.now() - end.started,
    solver: end.solver,
    stats: end.stats,
  };
}
