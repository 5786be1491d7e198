/**
 * The options and the result of `selectPortfolio` (SPEC §6): which objective
 * is summed, which solver runs, how long it may run, and what it proved.
 */
import type { Deal, Objective } from "../economics/deal.js";

/**
 * How the portfolio is chosen.
 *
 * - `exact`: reduce, split into independent components, then prove each
 *   optimal: tiny components by enumeration, the others by the LP relaxation
 *   (HiGHS), rounding, reduced-cost fixing and, only when the rounded
 *   portfolio does not meet the bound, a MIP over the columns left.
 * - `greedy`: objective per unit of scarce capacity, then local improvement
 *   (swaps that free capacity for a better deal); the bound is a Lagrangian
 *   dual bound. For candidate sets too large for an LP.
 * - `auto`: `exact` up to {@link autoExactLimit} deals after reduction,
 *   `greedy` above; when `exact` runs out of time the greedy portfolio is
 *   kept wherever it is better, with the best bound proved.
 */
export type PortfolioSolver = "exact" | "greedy" | "auto";

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
export type PortfolioStatus = "optimal" | "feasible" | "timedout" | "aborted";

/** Options of `selectPortfolio`; every field is optional. */
export interface PortfolioOptions {
  /**
   * What is summed over the chosen deals: `surplus`, `expectedSurplus`,
   * `initiatorNet` (the deal's `initiator.net`) or `expectedInitiatorNet`
   * (`probability · initiator.net`).
   * @defaultValue `expectedInitiatorNet` when the deals carry initiator
   * figures, else `expectedSurplus`
   */
  readonly objective?: Objective;
  /**
   * The solver (see {@link PortfolioSolver}).
   * @defaultValue `"auto"`
   */
  readonly solver?: PortfolioSolver;
  /**
   * Wall-clock budget in milliseconds for the whole call. On time-out the best
   * portfolio found so far is returned with status `timedout`. Building the
   * model, the reduction, the first greedy fill and a first bound always run
   * (they are linear in the candidates: a few seconds for 200k deals), so the
   * call can end later than the limit.
   * @defaultValue `Infinity` (no limit)
   */
  readonly timeLimitMs?: number;
  /**
   * Stops the search: the best portfolio so far comes back with status
   * `aborted`. Checked between phases and components, inside the greedy
   * and bound loops, and at HiGHS's interrupt points. A signal fired by a
   * timer or an event is only seen once the call yields to the event loop
   * (between solver runs), since the solvers run synchronously.
   * @defaultValue none
   */
  readonly signal?: AbortSignal;
}

/** The defaults of {@link PortfolioOptions} (the objective's depends on the deals). */
export const defaultPortfolioOptions = {
  solver: "auto",
  timeLimitMs: Number.POSITIVE_INFINITY,
} as const satisfies PortfolioOptions;

/** Above this many deals (after reduction) `auto` runs `greedy` instead of `exact`. */
export const autoExactLimit = 400_000;

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
  /** The greedy portfolio's objective (computed by every solver as a start). */
  readonly greedyObjective: number;
  /** Why the LP/MIP backend could not be used, when it could not (the greedy answer stands). */
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
  /** The solver that produced the portfolio (`auto` resolved). */
  readonly solver: "exact" | "greedy";
  /** Work counters. */
  readonly stats: PortfolioStats;
}
