/**
 * Exact solution of one component of the packing model.
 *
 * Tiny components are enumerated. Otherwise (the LP is tight on dense
 * kidney-like inputs, so branching is the exception):
 *
 * 1. Solve the LP relaxation; from its row duals y compute the proved bound
 *    D(y) (see dual-bound.ts), rounded down to the objective step.
 * 2. Round: greedy in order of LP value, then local improvement. Stop when
 *    the best portfolio (this or the incumbent) meets the bound.
 * 3. Reduced-cost fixing: a column j with D + min(0, r_j) not above the best
 *    value cannot be in a better portfolio; drop it. Stop when none is left.
 * 4. Only then branch: a MIP over the columns left, started from the best
 *    portfolio. A better portfolio uses no fixed column, so the optimum is at
 *    most max(best, the MIP's bound).
 */
import type { Deadline } from "./deadline.js";
import { type DualBound, dualBound, lagrangianBound } from "./dual-bound.js";
import { enumeratePortfolio } from "./enumerate.js";
import { floorToStep, objectiveStep } from "./granularity.js";
import { greedyPortfolio, scarcityOrder } from "./greedy.js";
import type { MipBackend } from "./mip-backend.js";
import {
  isFeasible,
  type PackingModel,
  portfolioValue,
  type RowView,
  subModel,
} from "./packing-model.js";
import { solveRelaxation } from "./sifting.js";
import { mergeSort } from "./sort-work.js";
import { runWork } from "./work.js";

/** Knobs of the exact method (internal; the defaults are measured choices). */
export interface ExactSettings {
  readonly backend: MipBackend;
  /** Components of at most this many columns are enumerated. */
  readonly enumerationLimit: number;
}

/** What the exact method proved for one component. */
export interface ComponentResult {
  readonly chosen: Uint8Array;
  readonly value: number;
  /** `optimal`, or why not: `timedout`, `aborted`, `feasible` (the backend failed). */
  readonly status: "optimal" | "timedout" | "aborted" | "feasible";
  /** Proved upper bound on the component's optimum (≥ value). */
  readonly bound: number;
  readonly enumerated: number;
  readonly lpSolves: number;
  readonly mipSolves: number;
  readonly fixed: number;
  /** Branch-and-bound nodes of the MIP, when one ran. */
  readonly branchNodes: number;
  readonly backendError?: string;
}

/** Whether `value` meets `bound` (relative tolerance 1e-9). */
export function meetsBound(value: number, bound: number): boolean {
  return bound - value <= 1e-9 * Math.max(1, Math.abs(bound));
}

/**
 * Reduced-cost fixing: the columns that can be in a portfolio worth more than
 * `bestValue`. A portfolio containing column j is worth at most
 * D(y) + min(0, r_j) (dual-bound.ts), rounded down to the objective step;
 * "more" means at least one step more (or 1e-9 relative without a step).
 */
export function columnsThatCanImprove(
  model: PackingModel,
  dual: DualBound,
  bestValue: number,
  step: number,
): number[] {
  const improving = step > 0 ? bestValue + step / 2 : bestValue + 1e-9 * Math.max(1, bestValue);
  const kept: number[] = [];
  for (let j = 0; j < model.columnCount; j++) {
    const ceiling = floorToStep(dual.bound + Math.min(0, dual.reduced[j]), step);
    if (ceiling > improving) kept.push(j);
  }
  return kept;
}

/** Solves one component exactly, starting from `incumbent` (a feasible portfolio). */
export async function solveExactly(
  model: PackingModel,
  rows: RowView,
  incumbent: Uint8Array,
  deadline: Deadline,
  settings: ExactSettings,
): Promise<ComponentResult> {
  const counters = { enumerated: 0, lpSolves: 0, mipSolves: 0, fixed: 0, branchNodes: 0 };
  if (model.columnCount <= settings.enumerationLimit) {
    const chosen = enumeratePortfolio(model);
    const value = portfolioValue(model, chosen);
    return { chosen, value, status: "optimal", bound: value, ...counters, enumerated: 1 };
  }
  let best = incumbent;
  let bestValue = portfolioValue(model, incumbent);
  const done = (
    status: ComponentResult["status"],
    bound: number,
    backendError?: string,
  ): ComponentResult => {
    const proved = meetsBound(bestValue, bound);
    return {
      chosen: best,
      value: bestValue,
      status: proved ? "optimal" : status,
      bound: proved ? bestValue : Math.max(bound, bestValue),
      ...counters,
      ...(backendError === undefined ? {} : { backendError }),
    };
  };
  const offer = (chosen: Uint8Array): void => {
    const value = portfolioValue(model, chosen);
    if (value > bestValue && isFeasible(model, chosen)) {
      best = chosen;
      bestValue = value;
    }
  };
  const step = objectiveStep(model.value);
  // The bound when the LP is not solved: the best any LP round proved, else a
  // Lagrangian bound (only a short one once the deadline has passed).
  const fallbackBound = async (proved: number): Promise<number> => {
    const lagrangian = await runWork(
      lagrangianBound(model, bestValue, deadline.expired() ? deadline.grace() : deadline),
      deadline.pacer,
    );
    return floorToStep(Math.min(proved, lagrangian), step);
  };

  if (deadline.expired())
    return done(deadline.cutShort, await fallbackBound(Number.POSITIVE_INFINITY));
  const seed: number[] = [];
  for (let j = 0; j < model.columnCount; j++) if (incumbent[j]) seed.push(j);
  const ranked = await runWork(scarcityOrder(model, rows), deadline.pacer);
  for (let r = 0; r < Math.min(ranked.length, 2 * Math.max(1000, 10 * model.rowCount)); r++) {
    seed.push(ranked[r]);
  }
  const lp = await solveRelaxation(model, settings.backend, deadline, seed);
  counters.lpSolves += lp.rounds;
  if (lp.status !== "optimal" || lp.primal === undefined || lp.rowDual === undefined) {
    const status = lp.status === "failed" || lp.status === "optimal" ? "feasible" : lp.status;
    return done(
      status,
      await fallbackBound(lp.bestBound),
      lp.message ?? (lp.status === "failed" ? "LP failed" : undefined),
    );
  }
  // Prices y ≥ 0 from the LP: D(y) over all columns is a proved bound.
  const dual = dualBound(model, lp.rowDual);
  let bound = floorToStep(dual.bound, step);
  if (meetsBound(bestValue, bound)) return done("optimal", bound);

  // Round the LP solution: its order, then local improvement.
  const primal = lp.primal;
  const order = new Int32Array(model.columnCount);
  for (let j = 0; j < model.columnCount; j++) order[j] = j;
  const value = model.value;
  await runWork(
    mergeSort(order, (a, b) => primal[b] - primal[a] || value[b] - value[a] || a - b),
    deadline.pacer,
  );
  offer(await runWork(greedyPortfolio(model, rows, deadline, { order }), deadline.pacer));
  if (meetsBound(bestValue, bound)) return done("optimal", bound);
  if (deadline.expired()) return done(deadline.cutShort, bound);

  const kept = columnsThatCanImprove(model, dual, bestValue, step);
  counters.fixed += model.columnCount - kept.length;
  if (kept.length === 0) return done("optimal", bestValue);

  const rest = subModel(model, kept);
  const start = new Uint8Array(kept.length);
  kept.forEach((j, c) => {
    start[c] = best[j];
  });
  const reference = bestValue;
  const mip = await settings.backend.solveInteger(rest, start, deadline);
  counters.mipSolves++;
  counters.branchNodes += mip.nodes ?? 0;
  let mipValue = Number.NEGATIVE_INFINITY;
  if (mip.primal !== undefined) {
    const chosen = new Uint8Array(model.columnCount);
    kept.forEach((j, c) => {
      chosen[j] = mip.primal![c] > 0.5 ? 1 : 0;
    });
    mipValue = portfolioValue(model, chosen);
    if (isFeasible(model, chosen)) offer(chosen);
    else {
      // Outside our tolerance: keep what fits, MIP's columns first.
      const first = Int32Array.from(order).sort((a, b) => chosen[b] - chosen[a]);
      offer(
        await runWork(
          greedyPortfolio(model, rows, deadline, { order: first, passes: 0 }),
          deadline.pacer,
        ),
      );
    }
  }
  bound = Math.min(bound, floorToStep(Math.max(reference, mip.bound), step));
  if (mip.status === "optimal" && (mip.primal === undefined || meetsBound(bestValue, mipValue))) {
    // Proved: nothing better than max(reference, the MIP's optimum) exists.
    return done("optimal", bestValue);
  }
  const status = mip.status === "failed" ? "feasible" : mip.status;
  return done(status, bound, mip.status === "failed" ? (mip.message ?? "MIP failed") : undefined);
}
