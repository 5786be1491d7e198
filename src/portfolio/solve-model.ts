/**
 * The solver core every front-end shares: a packing model in, the chosen
 * columns, a proved bound and what was proved out. Reduce the model, build a
 * greedy portfolio as a start, then keep it with a Lagrangian bound
 * (`greedy`) or prove each independent component optimal (`exact`, see
 * exact.ts). Every phase runs in slices (work.ts) and stops at the deadline;
 * whatever happens the portfolio satisfies every row, and the bound is one
 * that was proved: the best LP round's, a Lagrangian bound, or the sum of
 * the values, whichever is least.
 */
import { componentsOf } from "./components.js";
import type { Deadline } from "./deadline.js";
import { lagrangianBound } from "./dual-bound.js";
import { type ExactSettings, meetsBound, solveExactly } from "./exact.js";
import { floorToStep, objectiveStep } from "./granularity.js";
import { greedyPortfolio } from "./greedy.js";
import { type PackingModel, portfolioValue, rowsOf, subModel } from "./packing-model.js";
import type { PortfolioStatus } from "./portfolio-result.js";
import { keepColumns, reduceModel } from "./reduce-model.js";
import { runWork } from "./work.js";

/** Work counters of the core. */
export interface SolveCounters {
  components: number;
  largestComponent: number;
  enumerated: number;
  lpSolves: number;
  mipSolves: number;
  fixedByReducedCost: number;
  branchNodes: number;
}

/** Counters at zero. */
export const noSolveCounters = (): SolveCounters => ({
  components: 0,
  largestComponent: 0,
  enumerated: 0,
  lpSolves: 0,
  mipSolves: 0,
  fixedByReducedCost: 0,
  branchNodes: 0,
});

/** What the core proved about a model. */
export interface ModelSolution {
  /** The reduced model; `chosen` is over its columns, `model.deal` maps them back. */
  readonly model: PackingModel;
  readonly chosen: Uint8Array;
  readonly objective: number;
  /** A proved upper bound on the optimum of the model given (≥ objective). */
  readonly bound: number;
  readonly status: PortfolioStatus;
  /** The method whose answer this is: `greedy` when asked for, or when the exact backend failed. */
  readonly solver: "exact" | "greedy";
  readonly counters: SolveCounters;
  readonly droppedRows: number;
  readonly dominated: number;
  readonly oversized: number;
  readonly greedyObjective: number;
  readonly backendError?: string;
}

/** Sum of the positive values: the bound with no constraint at all. */
export function valueSum(values: ArrayLike<number>): number {
  let sum = 0;
  for (let j = 0; j < values.length; j++) if (values[j] > 0) sum += values[j];
  return sum;
}

/**
 * Solves `model` (consumed: the reduction compacts it in place) with `solver`
 * (`auto` already resolved), within `deadline`.
 */
export async function solveModel(
  full: PackingModel,
  solver: "exact" | "greedy",
  deadline: Deadline,
  settings: ExactSettings,
): Promise<ModelSolution> {
  const pacer = deadline.pacer;
  const { model, droppedRows, dominated, oversized } = await runWork(
    reduceModel(full, () => deadline.expired()),
    pacer,
  );
  const rows = rowsOf(model);
  const greedy = await runWork(greedyPortfolio(model, rows, deadline), pacer);
  const greedyObjective = portfolioValue(model, greedy);
  const step = objectiveStep(model.value);
  const counters = noSolveCounters();
  /**
   * A Lagrangian bound of `part`: short once the deadline has passed, none
   * (the sum of the values) once the signal fired.
   */
  const lagrangian = async (part: PackingModel, lower: number): Promise<number> => {
    const sum = valueSum(part.value);
    if (deadline.aborted) return sum;
    const time = deadline.expired() ? deadline.grace() : deadline;
    const bound = await runWork(lagrangianBound(part, lower, time), pacer);
    return floorToStep(Math.min(bound, sum), objectiveStep(part.value));
  };

  let chosen = greedy;
  let bound: number;
  let status: PortfolioStatus;
  let backendError: string | undefined;
  let used: "exact" | "greedy" = solver;
  if (solver === "greedy") {
    bound = await lagrangian(model, greedyObjective);
    status = deadline.expired() ? deadline.cutShort : "feasible";
  } else if (deadline.expired()) {
    bound = await lagrangian(model, greedyObjective);
    status = deadline.cutShort;
  } else {
    chosen = greedy.slice();
    const { free, groups } = componentsOf(model);
    counters.components = free.length + groups.length;
    counters.largestComponent = free.length > 0 ? 1 : 0;
    for (const group of groups)
      counters.largestComponent = Math.max(counters.largestComponent, group.length);
    bound = 0;
    for (const j of free) bound += model.value[j];
    const order = [...groups].sort((a, b) => a.length - b.length);
    const unsolved: number[] = [];
    const outcomes = new Set<string>();
    let failed = 0;
    for (const group of order) {
      if (deadline.expired()) {
        for (const j of group) unsolved.push(j);
        continue;
      }
      const part = subModel(model, group);
      const start = Uint8Array.from(group, (j) => greedy[j]);
      const result = await solveExactly(part, rowsOf(part), start, deadline, settings);
      group.forEach((j, c) => {
        chosen[j] = result.chosen[c];
      });
      bound += result.bound;
      outcomes.add(result.status);
      counters.enumerated += result.enumerated;
      counters.lpSolves += result.lpSolves;
      counters.mipSolves += result.mipSolves;
      counters.fixedByReducedCost += result.fixed;
      counters.branchNodes += result.branchNodes;
      if (result.backendError !== undefined) {
        backendError ??= result.backendError;
        failed++;
      }
      if (pacer.due()) await pacer.pause();
    }
    if (unsolved.length > 0) {
      unsolved.sort((a, b) => a - b);
      const rest = keepColumns(model, unsolved);
      const restChosen = Uint8Array.from(unsolved, (j) => greedy[j]);
      bound += await lagrangian(rest, portfolioValue(rest, restChosen));
      outcomes.add(deadline.cutShort);
    }
    status = outcomes.has("aborted")
      ? "aborted"
      : outcomes.has("timedout")
        ? "timedout"
        : outcomes.has("feasible")
          ? "feasible"
          : "optimal";
    // Where the backend failed the greedy answer stands: say so when nothing else was solved.
    if (failed > 0 && failed === groups.length - counters.enumerated) used = "greedy";
  }
  const objective = portfolioValue(model, chosen);
  bound = Math.max(floorToStep(bound, step), objective);
  if (meetsBound(objective, bound)) {
    status = "optimal";
    bound = objective;
  }
  return {
    model,
    chosen,
    objective,
    bound,
    status,
    solver: used,
    counters,
    droppedRows,
    dominated,
    oversized,
    greedyObjective,
    ...(backendError === undefined ? {} : { backendError }),
  };
}
