/**
 * The options of `selectPortfolio` (SPEC §6): which objective is summed, which
 * solver runs and how long it may run, with their defaults.
 */
import type { Objective } from "../economics/deal.js";

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
export type PortfolioSolver = (typeof portfolioSolvers)[number];

/** Every solver. */
export const portfolioSolvers = ["exact", "greedy", "auto"] as const;

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
