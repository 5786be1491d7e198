/**
 * `selectPortfolio`: the best set of non-conflicting deals among a given list
 * (SPEC §6).
 *
 * The list is read in slices (work.ts): candidates are the first deal of each
 * id, feasible and worth > 0, put in a canonical order (by a hash of the id,
 * ties by id, so the answer does not depend on the list's order) and mapped
 * onto offer, need and maxDeals rows; then the core (solve-model.ts) reduces,
 * builds a greedy start and keeps it or proves each component optimal. When
 * the deadline passes while the list is read, the deals read so far are
 * solved and each deal not read adds its value to the bound.
 */
import { type Deal, type Objective, objectives } from "../economics/deal.js";
import { UsageError } from "../model/errors.js";
import type { Network } from "../model/types.js";
import { compareIds } from "../util/compare-ids.js";
import { Deadline } from "./deadline.js";
import { dealConstraints } from "./deal-constraints.js";
import { dealValue, defaultObjectiveFor } from "./deal-value.js";
import type { ExactSettings } from "./exact.js";
import { highsBackend } from "./highs-backend.js";
import {
  autoExactLimit,
  defaultPortfolioOptions,
  type PortfolioOptions,
  portfolioSolvers,
} from "./portfolio-options.js";
import { type PickedDeal, type Portfolio, portfolioResult } from "./portfolio-result.js";
import { solveModel } from "./solve-model.js";
import { radixOrder } from "./sort-work.js";
import { runWork, type Work } from "./work.js";

/** The exact method's defaults: HiGHS in a worker thread, enumeration up to 16 deals. */
export const defaultExactSettings: ExactSettings = { backend: highsBackend, enumerationLimit: 16 };

/**
 * Chooses the subset of `deals` that maximizes the summed objective subject to
 * every offer's capacity, every need's quantity and every firm's maxDeals
 * (SPEC §6). Infeasible deals, deals worth ≤ 0 and repeated ids (after the
 * first) are never chosen. Resolves to a {@link Portfolio}; a time-out or an
 * abort still resolves, with the best portfolio found and the best bound
 * proved. To choose among every deal of a network without listing them, see
 * `selectDeals`.
 *
 * @throws UsageError for an unknown solver or objective, a negative or NaN
 * time limit, an initiator objective on deals without initiator figures, or a
 * deal whose trade is not a potential trade of `network` (among the deals read
 * before a time-out).
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

/** The options of `selectPortfolio` and `selectDeals` after defaults and checks. */
export interface ResolvedPortfolioOptions {
  readonly solver: "exact" | "greedy" | "auto";
  readonly timeLimitMs: number;
}

/** Checks the solver and the time limit. @throws UsageError */
export function resolvePortfolioOptions(options: PortfolioOptions): ResolvedPortfolioOptions {
  const solver = options.solver ?? defaultPortfolioOptions.solver;
  const timeLimitMs = options.timeLimitMs ?? defaultPortfolioOptions.timeLimitMs;
  if (!portfolioSolvers.includes(solver))
    throw new UsageError(
      `unknown solver ${String(solver)} (expected ${portfolioSolvers.join(", ")})`,
    );
  if (!(timeLimitMs >= 0)) throw new UsageError(`timeLimitMs must be ≥ 0, got ${timeLimitMs}`);
  return { solver, timeLimitMs };
}

/** A 32-bit FNV-1a hash of a string's UTF-16 code units. */
function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The candidates read from a deal list, and what was left out. */
interface Candidates {
  readonly deals: Deal[];
  readonly values: number[];
  duplicateIds: number;
  infeasible: number;
  nonPositive: number;
  /** Σ of the positive values of the feasible deals not read before the deadline. */
  unread: number;
}

/**
 * Reads the deal list: first of each id, feasible, worth > 0, in canonical
 * order. Stops reading at the deadline (after at least one slice), leaving
 * the rest's value in `unread`.
 */
function* readCandidates(
  deals: readonly Deal[],
  objective: Objective,
  deadline: Deadline,
): Work<Candidates> {
  const seen = new Set<string>();
  const kept: Deal[] = [];
  const out: Candidates = {
    deals: [],
    values: [],
    duplicateIds: 0,
    infeasible: 0,
    nonPositive: 0,
    unread: 0,
  };
  let d = 0;
  for (; d < deals.length; d++) {
    if ((d & 0xff) === 0xff) {
      if (deadline.expired()) break;
      yield;
    }
    const deal = deals[d];
    if (seen.has(deal.id)) out.duplicateIds++;
    else {
      seen.add(deal.id);
      kept.push(deal);
    }
  }
  for (; d < deals.length; d++) {
    const deal = deals[d];
    if (deal.feasible) out.unread += Math.max(0, dealValue(deal, objective));
  }
  // Canonical order: by id hash, ties (equal hashes) by id.
  const hashes = new Uint32Array(kept.length);
  for (let i = 0; i < kept.length; i++) {
    hashes[i] = idHash(kept[i].id);
    if ((i & 0x3fff) === 0x3fff) yield;
  }
  const order = yield* radixOrder(hashes);
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && hashes[order[end]] === hashes[order[start]]) end++;
    if (end - start > 1) {
      const run = Array.from(order.subarray(start, end)).sort((a, b) =>
        compareIds(kept[a].id, kept[b].id),
      );
      order.set(run, start);
    }
    start = end;
  }
  for (let r = 0; r < order.length; r++) {
    const deal = kept[order[r]];
    if ((r & 0x3fff) === 0x3fff) yield;
    if (!deal.feasible) {
      out.infeasible++;
      continue;
    }
    const value = dealValue(deal, objective);
    if (!(value > 0)) {
      out.nonPositive++;
      continue;
    }
    out.deals.push(deal);
    out.values.push(value);
  }
  return out;
}

/** `selectPortfolio` with the exact method's settings given (for tests and benchmarks). */
export async function runPortfolio(
  network: Network,
  deals: readonly Deal[],
  options: PortfolioOptions,
  settings: ExactSettings,
): Promise<Portfolio> {
  const started = performance.now();
  const { solver, timeLimitMs } = resolvePortfolioOptions(options);
  const objectiveName = options.objective ?? defaultObjectiveFor(deals);
  if (!objectives.includes(objectiveName))
    throw new UsageError(`unknown objective ${String(objectiveName)}`);
  const deadline = new Deadline(timeLimitMs, options.signal);
  const pacer = deadline.pacer;
  // A first slice always runs: even at a zero time limit some deals are read.
  const reading = new Deadline(0, options.signal, pacer, Math.max(deadline.end, started + 20));

  const candidates = await runWork(readCandidates(deals, objectiveName, reading), pacer);
  const { model: full, unread } = await runWork(
    dealConstraints(network, candidates.deals, candidates.values, reading),
    pacer,
  );
  const read = full.columnCount;
  const resolved = solver === "auto" ? (read <= autoExactLimit ? "exact" : "greedy") : solver;
  const solution = await solveModel(full, resolved, deadline, settings);
  const { model, chosen } = solution;

  const picked: PickedDeal[] = [];
  for (let j = 0; j < model.columnCount; j++) {
    if (chosen[j]) picked.push({ deal: candidates.deals[model.deal[j]], value: model.value[j] });
  }
  // Deals not read before the deadline may add up to their values.
  const left = candidates.unread + unread;
  return portfolioResult(picked, {
    status: left > 0 && solution.status === "optimal" ? deadline.cutShort : solution.status,
    bound: solution.bound + left,
    objectiveName,
    solver: solution.solver,
    started,
    stats: {
      candidates: deals.length,
      duplicateIds: candidates.duplicateIds,
      infeasible: candidates.infeasible,
      nonPositive: candidates.nonPositive,
      oversized: solution.oversized,
      dominated: solution.dominated,
      columns: model.columnCount,
      rows: model.rowCount,
      droppedRows: solution.droppedRows,
      ...solution.counters,
      greedyObjective: solution.greedyObjective,
      candidateMethod: "deals",
      ...(solution.backendError === undefined ? {} : { backendError: solution.backendError }),
    },
  });
}
