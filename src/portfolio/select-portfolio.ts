/**
 * `selectPortfolio`: the best set of non-conflicting deals (SPEC §6).
 *
 * Candidates (unique ids, feasible, positive value) become the columns of a
 * 0/1 packing model over offer, need and maxDeals rows; the model is reduced,
 * a greedy portfolio is built as a start, and then either kept (`greedy`,
 * with a Lagrangian bound) or each independent component is proved optimal
 * (`exact`, see exact.ts). Whatever happens, the portfolio returned satisfies
 * every constraint.
 */
import { type Deal, objectives } from "../economics/deal.js";
import { UsageError } from "../model/errors.js";
import type { Network } from "../model/types.js";
import { compareIds } from "../util/compare-ids.js";
import { componentsOf } from "./components.js";
import { Deadline } from "./deadline.js";
import { dealConstraints } from "./deal-constraints.js";
import { dealValue, defaultObjectiveFor } from "./deal-value.js";
import { lagrangianBound } from "./dual-bound.js";
import { type ExactSettings, meetsBound, solveExactly } from "./exact.js";
import { floorToStep, objectiveStep } from "./granularity.js";
import { greedyPortfolio } from "./greedy.js";
import { highsBackend } from "./highs-backend.js";
import { portfolioValue, rowsOf, subModel } from "./packing-model.js";
import {
  autoExactLimit,
  defaultPortfolioOptions,
  type PortfolioOptions,
  portfolioSolvers,
} from "./portfolio-options.js";
import type { Portfolio, PortfolioStatus } from "./portfolio-result.js";
import { keepColumns, reduceModel } from "./reduce-model.js";

/** The exact method's defaults: HiGHS, enumeration up to 16 deals. */
export const defaultExactSettings: ExactSettings = { backend: highsBackend, enumerationLimit: 16 };

/**
 * Chooses the subset of `deals` that maximizes the summed objective subject to
 * every offer's capacity, every need's quantity and every firm's maxDeals
 * (SPEC §6). Infeasible deals, deals worth ≤ 0 and repeated ids (after the
 * first) are never chosen. Resolves to a {@link Portfolio}; a time-out or an
 * abort still resolves, with the best portfolio found.
 *
 * @throws UsageError for an unknown solver or objective, a negative or NaN
 * time limit, an initiator objective on deals without initiator figures, or a
 * deal whose trade is not a potential trade of `network`.
 * @example
 * const portfolio = await selectPortfolio(network, findDeals(network, { top: Infinity }));
 * portfolio.status; // "optimal"
 */
export function selectPortfolio(
  network: Network,
  deals: readonly Deal[],
  options: PortfolioOptions = {},
): Promise<Portfolio> {
  return runPortfolio(network, deals, options, defaultExactSettings);
}

/** `selectPortfolio` with the exact method's settings given (for tests and benchmarks). */
export async function runPortfolio(
  network: Network,
  deals: readonly Deal[],
  options: PortfolioOptions,
  settings: ExactSettings,
): Promise<Portfolio> {
  const started = performance.now();
  const solver = options.solver ?? defaultPortfolioOptions.solver;
  const timeLimitMs = options.timeLimitMs ?? defaultPortfolioOptions.timeLimitMs;
  const objectiveName = options.objective ?? defaultObjectiveFor(deals);
  if (!portfolioSolvers.includes(solver))
    throw new UsageError(
      `unknown solver ${String(solver)} (expected ${portfolioSolvers.join(", ")})`,
    );
  if (!objectives.includes(objectiveName))
    throw new UsageError(`unknown objective ${String(objectiveName)}`);
  if (!(timeLimitMs >= 0)) throw new UsageError(`timeLimitMs must be ≥ 0, got ${timeLimitMs}`);
  const deadline = new Deadline(timeLimitMs, options.signal);

  // Candidates: first of each id, in id order, feasible, worth > 0.
  const seen = new Set<string>();
  let duplicateIds = 0;
  let infeasible = 0;
  let nonPositive = 0;
  const unique: Deal[] = [];
  for (const deal of deals) {
    if (seen.has(deal.id)) duplicateIds++;
    else {
      seen.add(deal.id);
      unique.push(deal);
    }
  }
  unique.sort((a, b) => compareIds(a.id, b.id));
  const candidates: Deal[] = [];
  const values: number[] = [];
  for (const deal of unique) {
    if (!deal.feasible) {
      infeasible++;
      continue;
    }
    const value = dealValue(deal, objectiveName);
    if (!(value > 0)) {
      nonPositive++;
      continue;
    }
    candidates.push(deal);
    values.push(value);
  }

  const full = dealConstraints(network, candidates, values);
  const { model, droppedRows, dominated, oversized } = reduceModel(full);
  const rows = rowsOf(model);
  const greedy = greedyPortfolio(model, rows, deadline);
  const greedyObjective = portfolioValue(model, greedy);
  const resolved =
    solver === "auto" ? (model.columnCount <= autoExactLimit ? "exact" : "greedy") : solver;

  let chosen = greedy;
  let bound: number;
  let status: PortfolioStatus;
  let components = 0;
  let largestComponent = 0;
  const counters = { enumerated: 0, lpSolves: 0, mipSolves: 0, fixedByReducedCost: 0 };
  let backendError: string | undefined;
  if (resolved === "greedy") {
    bound = floorToStep(
      lagrangianBound(model, greedyObjective, deadline),
      objectiveStep(model.value),
    );
    status = deadline.aborted ? "aborted" : deadline.expired() ? "timedout" : "feasible";
  } else {
    chosen = greedy.slice();
    const { free, groups } = componentsOf(model);
    components = free.length + groups.length;
    largestComponent = free.length > 0 ? 1 : 0;
    for (const group of groups) largestComponent = Math.max(largestComponent, group.length);
    bound = 0;
    for (const j of free) bound += model.value[j];
    const order = [...groups].sort((a, b) => a.length - b.length);
    const unsolved: number[] = [];
    const outcomes = new Set<string>();
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
      backendError ??= result.backendError;
    }
    if (unsolved.length > 0) {
      unsolved.sort((a, b) => a - b);
      const rest = keepColumns(model, unsolved);
      const restChosen = Uint8Array.from(unsolved, (j) => greedy[j]);
      const restBound = lagrangianBound(rest, portfolioValue(rest, restChosen), deadline);
      bound += floorToStep(restBound, objectiveStep(rest.value));
      outcomes.add(deadline.aborted ? "aborted" : "timedout");
    }
    status = outcomes.has("aborted")
      ? "aborted"
      : outcomes.has("timedout")
        ? "timedout"
        : outcomes.has("feasible")
          ? "feasible"
          : "optimal";
  }

  const picked: { deal: Deal; value: number }[] = [];
  for (let j = 0; j < model.columnCount; j++) {
    if (chosen[j]) picked.push({ deal: candidates[model.deal[j]], value: model.value[j] });
  }
  picked.sort((a, b) => b.value - a.value || compareIds(a.deal.id, b.deal.id));
  let objective = 0;
  for (const { value } of picked) objective += value;
  bound = Math.max(bound, objective);
  if (meetsBound(objective, bound)) status = "optimal";
  if (status === "optimal") bound = objective;
  return {
    status,
    deals: picked.map((p) => p.deal),
    objectiveName,
    objective,
    bound,
    gap: bound === 0 ? 0 : (bound - objective) / Math.abs(bound),
    optimal: status === "optimal",
    timeMs: performance.now() - started,
    solver: resolved,
    stats: {
      candidates: deals.length,
      duplicateIds,
      infeasible,
      nonPositive,
      oversized,
      dominated,
      columns: model.columnCount,
      rows: model.rowCount,
      droppedRows,
      components,
      largestComponent,
      enumerated: counters.enumerated,
      lpSolves: counters.lpSolves,
      fixedByReducedCost: counters.fixedByReducedCost,
      mipSolves: counters.mipSolves,
      greedyObjective,
      ...(backendError === undefined ? {} : { backendError }),
    },
  };
}
