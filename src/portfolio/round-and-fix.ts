/**
 * From the LP relaxation that column generation solved to a proved optimal
 * portfolio, without branching on the whole network. With D̃ the bound at
 * the generation's last prices y (column-generation.ts), a portfolio
 * containing deal k is worth at most D̃ + min(0, r_k), so a portfolio worth
 * more than z holds only deals with r_k > z − D̃ (deals with r_k > 0 are all
 * in the pool or bounded by D̃'s last term). So:
 *
 * 1. Round: a greedy portfolio over the generated deals, in LP order. When it
 *    meets the bound (rounded down to the objective's step) it is optimal.
 * 2. Fix within the pool: solve exactly (solve-model.ts) the generated deals
 *    that can beat the rounding, r_j > z − D̃. A better portfolio raises z.
 * 3. Fix over the network: the pricing search lists every deal with
 *    r > z − D̃ (a negative threshold); solving those exactly gives the
 *    optimum, max(z, their optimum).
 *
 * Kidney inputs stop at step 1 or 2: the LP bound is tight. If step 3 would
 * list more than `fixLimit` deals, or the deadline passes, the best portfolio
 * comes back with the best bound proved.
 */

import type { GeneratedRelaxation } from "./column-generation.js";
import { ColumnPool } from "./column-pool.js";
import type { Deadline } from "./deadline.js";
import { type ExactSettings, meetsBound } from "./exact.js";
import { floorToStep } from "./granularity.js";
import { greedyPortfolio } from "./greedy.js";
import { portfolioValue, rowsOf } from "./packing-model.js";
import type { PortfolioStatus } from "./portfolio-result.js";
import type { Pricer } from "./pricing.js";
import type { RowSpace } from "./row-space.js";
import {
  type ModelSolution,
  noSolveCounters,
  type SolveCounters,
  solveModel,
} from "./solve-model.js";
import { mergeSort } from "./sort-work.js";
import { runWork } from "./work.js";

/** Most deals the fixing over the network lists before it gives up proving. */
export const fixLimit = 2_000_000;

/** The chosen deals and what was proved. */
export interface FixedPortfolio {
  /** The pool the chosen deals are in, and their indices. */
  readonly pool: ColumnPool;
  readonly chosen: readonly number[];
  readonly objective: number;
  readonly bound: number;
  readonly status: PortfolioStatus;
  readonly solver: "exact" | "greedy";
  readonly counters: SolveCounters;
  /** Deals listed by the fixing over the network (0 when not needed). */
  readonly fixedPool: number;
  readonly backendError?: string;
}

function add(into: SolveCounters, from: SolveCounters): void {
  for (const key of Object.keys(into) as (keyof SolveCounters)[]) {
    into[key] = key === "largestComponent" ? Math.max(into[key], from[key]) : into[key] + from[key];
  }
}

function chosenOf(solution: ModelSolution): number[] {
  const chosen: number[] = [];
  for (let c = 0; c < solution.model.columnCount; c++) {
    if (solution.chosen[c]) chosen.push(solution.model.deal[c]);
  }
  return chosen;
}

/**
 * Rounds and fixes the generated pool (exact: all three steps; greedy: the
 * rounding only). `step` is the objective's step (0 for none).
 */
export async function roundAndFix(
  relaxation: GeneratedRelaxation,
  pricer: Pricer,
  space: RowSpace,
  solver: "exact" | "greedy",
  step: number,
  deadline: Deadline,
  settings: ExactSettings,
): Promise<FixedPortfolio> {
  const { pool, primal } = relaxation;
  const counters = noSolveCounters();
  const bound = floorToStep(relaxation.bound, step);
  let backendError: string | undefined;
  let usedSolver: "exact" | "greedy" = solver;

  // Aborted: the greedy start's portfolio as it is.
  if (deadline.aborted) {
    let objective = 0;
    for (const j of relaxation.packing) objective += pool.value(j);
    return {
      pool,
      chosen: relaxation.packing,
      objective,
      bound: Math.max(bound, objective),
      status: meetsBound(objective, bound) ? "optimal" : "aborted",
      solver,
      counters,
      fixedPool: 0,
    };
  }
  // 1. Round: greedy over the pool in LP order.
  const all = Int32Array.from({ length: pool.count }, (_, j) => j);
  const model = pool.model(space, all);
  const order = Int32Array.from(all);
  const x = (j: number): number => (primal !== undefined && j < primal.length ? primal[j] : 0);
  // LP order; ties (degenerate LPs) by value per row entry, then the smaller deal first.
  const entries = (j: number): number => model.columnStarts[j + 1] - model.columnStarts[j];
  const perEntry = (j: number): number => model.value[j] / Math.max(1, entries(j));
  await runWork(
    mergeSort(
      order,
      (a, b) => x(b) - x(a) || perEntry(b) - perEntry(a) || entries(a) - entries(b) || a - b,
    ),
    deadline.pacer,
  );
  // Starting from the greedy start's portfolio, which is valid.
  const start = new Uint8Array(pool.count);
  for (const j of relaxation.packing) start[j] = 1;
  const rounded = await runWork(
    greedyPortfolio(model, rowsOf(model), deadline.expired() ? deadline.grace() : deadline, {
      order,
      start,
    }),
    deadline.pacer,
  );
  let best = { pool, chosen: [] as number[], objective: portfolioValue(model, rounded) };
  for (let j = 0; j < pool.count; j++) if (rounded[j]) best.chosen.push(j);

  const finish = (status: PortfolioStatus, proved: number, fixedPool: number): FixedPortfolio => {
    const optimal = status === "optimal" || meetsBound(best.objective, proved);
    return {
      ...best,
      bound: optimal ? best.objective : Math.max(proved, best.objective),
      status: optimal ? "optimal" : status,
      solver: usedSolver,
      counters,
      fixedPool,
      ...(backendError === undefined ? {} : { backendError }),
    };
  };
  /** How a run stops short of a proof: by the time (or the signal), or for good. */
  const stopped = (): PortfolioStatus =>
    deadline.expired() || relaxation.cutShort ? deadline.cutShort : "feasible";
  if (meetsBound(best.objective, bound)) return finish("optimal", bound, 0);
  if (solver === "greedy" || deadline.expired() || !relaxation.converged)
    return finish(stopped(), bound, 0);

  const prices = relaxation.prices;
  const slack = 1e-9 * Math.max(1, Math.abs(relaxation.lpBound));
  /** Solves the deals of `from` with r > τ exactly; keeps a better portfolio. */
  const solveAbove = async (from: ColumnPool, columns: ArrayLike<number>) => {
    const solution = await solveModel(from.model(space, columns), "exact", deadline, settings);
    add(counters, solution.counters);
    backendError ??= solution.backendError;
    if (solution.backendError !== undefined && solution.solver === "greedy") usedSolver = "greedy";
    if (solution.objective > best.objective + slack) {
      best = { pool: from, chosen: chosenOf(solution), objective: solution.objective };
    }
    return solution;
  };
  // Targets from the bound down, one step at a time (one target when there is no step).
  let proved = bound;
  let listed = 0;
  for (;;) {
    const target = step > 0 ? proved : best.objective + slack;
    const threshold = target - relaxation.lpBound - slack;
    // 2. The pool's deals that can be in a portfolio worth the target.
    const within: number[] = [];
    for (let j = 0; j < pool.count; j++) {
      const trades = pool.trades(j);
      if (pricer.reducedValue(trades, trades.length, pool.value(j), prices) > threshold)
        within.push(j);
    }
    const first = await solveAbove(pool, within);
    if (meetsBound(best.objective, proved)) return finish("optimal", proved, listed);
    if (first.status !== "optimal" || deadline.expired()) return finish(stopped(), proved, listed);
    // 3. Every deal of the network that can be: if none is worth the target, the target is out of reach.
    const round = await runWork(
      pricer.round(prices, new ColumnPool(), threshold, fixLimit, deadline),
      deadline.pacer,
    );
    listed = Math.max(listed, round.found.count);
    if (!round.complete) return finish(deadline.cutShort, proved, listed);
    if (round.threshold > threshold) return finish("feasible", proved, listed);
    const second = await solveAbove(round.found, Int32Array.from(round.order).sort());
    if (second.status !== "optimal")
      return finish(
        second.status,
        Math.min(proved, Math.max(best.objective, second.bound)),
        listed,
      );
    if (step <= 0 || meetsBound(best.objective, proved))
      return finish("optimal", best.objective, listed);
    // Nothing reaches the target: the optimum is at most a step below.
    proved = Math.max(best.objective, proved - step);
    if (meetsBound(best.objective, proved)) return finish("optimal", proved, listed);
  }
}
