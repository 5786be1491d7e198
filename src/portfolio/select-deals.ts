/**
 * `selectDeals`: the best portfolio among every deal of a network (SPEC §6,
 * §8 `select`), without listing every deal where that would not fit.
 *
 * Two ways to get the candidates, both over the compact columns of
 * column-pool.ts (a `Deal` object is built only for the chosen deals):
 *
 * - `list`: the search (the same cursor and pricing as `findDeals`) lists
 *   every candidate, or the best `top`; the core (solve-model.ts) solves them.
 *   Used with an initiator, a finite `top` or an initiator objective, and by
 *   `auto` while the deals number at most {@link autoListLimit}.
 * - `generate`: column generation (column-generation.ts) solves the LP
 *   relaxation over all deals, pricing them with a search weighted by the
 *   LP's prices; round-and-fix.ts turns it into a proved optimal portfolio.
 *   Needs the whole network, every deal (`top` Infinity) and a surplus
 *   objective; `auto` switches to it when the listing grows past the limit.
 *
 * One deadline covers the search and the selection; a time-out or an abort
 * returns the best portfolio found with the best bound proved.
 */
import { DealScan } from "../economics/deal-scan.js";
import { defaultFindOptions, type FindDealsOptions } from "../economics/find-options.js";
import { isInitiatorObjective, objectiveBound, objectiveValue } from "../economics/objective.js";
import { rankKey, surelyBelow } from "../economics/rank-order.js";
import { TopDeals } from "../economics/top-deals.js";
import { UsageError } from "../model/errors.js";
import type { Network } from "../model/types.js";
import { dealId } from "../search/deal-id.js";
import { searchGraphOf } from "../search/search-graph.js";
import { type GenerationSettings, generateColumns } from "./column-generation.js";
import { ColumnPool } from "./column-pool.js";
import { Deadline } from "./deadline.js";
import type { ExactSettings } from "./exact.js";
import { objectiveStep } from "./granularity.js";
import type { PortfolioOptions } from "./portfolio-options.js";
import {
  type Portfolio,
  type PortfolioStats,
  type PortfolioStatus,
  portfolioResult,
} from "./portfolio-result.js";
import { Pricer } from "./pricing.js";
import { roundAndFix } from "./round-and-fix.js";
import { RowSpace } from "./row-space.js";
import { defaultExactSettings, resolvePortfolioOptions } from "./select-portfolio.js";
import { solveModel, valueSum } from "./solve-model.js";
import { runWork, type Work } from "./work.js";

/**
 * How `selectDeals` gets its candidates: `list` every deal, `generate` them
 * as the LP needs them (column generation), or `auto`.
 */
export type CandidateMethod = (typeof candidateMethods)[number];

/** Every candidate method. */
export const candidateMethods = ["auto", "list", "generate"] as const;

/** Options of `selectDeals`: the search's (as `findDeals`) and the portfolio's. */
export interface SelectDealsOptions extends FindDealsOptions, PortfolioOptions {
  /**
   * How the candidates are found (see {@link CandidateMethod}).
   * @defaultValue `"auto"`
   */
  readonly candidates?: CandidateMethod;
}

/** The defaults of `selectDeals` (the search's are `findDeals`', but every deal: `top` Infinity). */
export const defaultSelectDealsOptions = {
  ...defaultFindOptions,
  top: Number.POSITIVE_INFINITY,
  solver: "auto",
  timeLimitMs: Number.POSITIVE_INFINITY,
  candidates: "auto",
} as const satisfies SelectDealsOptions;

/** Above this many deals listed, `auto` stops listing and generates columns. */
export const autoListLimit = 50_000;

/** Share of the time limit the search and the solvers may use. */
const buildShare = 0.9;

/** Column generation's knobs. */
export const generationSettings: GenerationSettings = {
  batch: 300,
  batchPerRow: 0.05,
  seedPerRoot: 2,
  seedRounds: 40,
  wide: 4,
  spread: 0.25,
  interiorRows: 10_000,
};

/**
 * The best portfolio among the deals `findDeals(network, options)` would list
 * with the same search options (every deal by default), subject to SPEC §6's
 * capacities, needs and maxDeals; proved optimal unless the time runs out.
 *
 * @throws UsageError on bad search or portfolio options (as `findDeals` and
 *   `selectPortfolio`), or `candidates: "generate"` with an initiator, a
 *   shard, an initiator objective or a finite `top`
 * @example
 * const portfolio = await selectDeals(network, { kinds: ["cycle"], maxParties: 3, objective: "surplus" });
 * portfolio.status; // "optimal"
 */
export function selectDeals(
  network: Network,
  options: SelectDealsOptions = {},
): Promise<Portfolio> {
  return runSelectDeals(network, options, defaultExactSettings);
}

/** The chosen deals of a run, before they are built. */
interface Outcome {
  readonly pool: ColumnPool;
  readonly chosen: readonly number[];
  readonly bound: number;
  readonly status: PortfolioStatus;
  readonly solver: "exact" | "greedy";
  readonly stats: PortfolioStats;
}

/** `selectDeals` with the exact method's settings given (for tests and benchmarks). */
export async function runSelectDeals(
  network: Network,
  options: SelectDealsOptions,
  settings: ExactSettings,
): Promise<Portfolio> {
  const started = performance.now();
  const { solver, timeLimitMs } = resolvePortfolioOptions(options);
  const method = options.candidates ?? defaultSelectDealsOptions.candidates;
  if (!candidateMethods.includes(method))
    throw new UsageError(
      `unknown candidates method ${String(method)} (expected ${candidateMethods.join(", ")})`,
    );
  // The search and the solvers stop at 90% of the limit: the rest is for
  // building the chosen deals (tens of microseconds each).
  const deadline = new Deadline(timeLimitMs * buildShare, options.signal);
  const top = options.top ?? defaultSelectDealsOptions.top;
  // The search stops at the deadline too: its signal fires then.
  const stop = new AbortController();
  const signals = [stop.signal];
  if (options.signal !== undefined) signals.push(options.signal);
  const scan = new DealScan(network, { ...options, top, signal: AbortSignal.any(signals) });
  const { index } = scan;
  const searchOptions = scan.options;
  const generable =
    searchOptions.initiator < 0 &&
    searchOptions.shard === undefined &&
    top === Number.POSITIVE_INFINITY &&
    !isInitiatorObjective(searchOptions.objective);
  if (method === "generate" && !generable)
    throw new UsageError(
      "column generation needs the whole network (no initiator, no shard), every deal (top Infinity) and a surplus objective",
    );
  const space = new RowSpace(index, searchOptions.kinds);
  // Every trade is used at most once: Σ max(0, m − c) bounds every objective.
  const tradeSurplus = tradeSurplusOf(scan);
  const trivial = valueSum(tradeSurplus);
  const resolved = solver === "auto" ? "exact" : solver;

  let outcome: Outcome | undefined;
  /** The deals of a listing that outgrew its limit: the generation's start. */
  let listed: ColumnPool | undefined;
  if (method !== "generate") {
    const limit = method === "auto" && generable ? autoListLimit : Number.POSITIVE_INFINITY;
    const listing = await runWork(listDeals(scan, top, limit, deadline, stop), deadline.pacer);
    const searchMs = performance.now() - started;
    if (listing.overflow) listed = listing.pool;
    else {
      const all = Int32Array.from({ length: listing.pool.count }, (_, j) => j);
      const solution = await solveModel(
        listing.pool.model(space, all),
        resolved,
        deadline,
        settings,
      );
      const chosen: number[] = [];
      for (let c = 0; c < solution.model.columnCount; c++) {
        if (solution.chosen[c]) chosen.push(solution.model.deal[c]);
      }
      let status = solution.status;
      let bound = solution.bound;
      if (listing.cut) {
        bound = Math.max(trivial, solution.objective);
        status = deadline.cutShort;
      }
      outcome = {
        pool: listing.pool,
        chosen,
        bound: Math.min(bound, Math.max(trivial, solution.objective)),
        status,
        solver: solution.solver,
        stats: {
          candidates: listing.pool.count,
          duplicateIds: 0,
          infeasible: listing.infeasible,
          nonPositive: listing.nonPositive,
          oversized: solution.oversized,
          dominated: solution.dominated,
          columns: solution.model.columnCount,
          rows: solution.model.rowCount,
          droppedRows: solution.droppedRows,
          ...solution.counters,
          greedyObjective: solution.greedyObjective,
          candidateMethod: "list",
          searchMs,
          candidateBytes: listing.pool.byteLength,
          ...(solution.backendError === undefined ? {} : { backendError: solution.backendError }),
        },
      };
    }
  }
  outcome ??= await generate(
    scan,
    space,
    resolved,
    trivial,
    tradeSurplus,
    deadline,
    settings,
    listed,
  );
  return assemble(scan, outcome, started);
}

/** The generate path: column generation (from the deals `listed` already, if any), then rounding and fixing. */
async function generate(
  scan: DealScan,
  space: RowSpace,
  solver: "exact" | "greedy",
  trivial: number,
  tradeSurplus: Float64Array,
  deadline: Deadline,
  settings: ExactSettings,
  listed: ColumnPool | undefined,
): Promise<Outcome> {
  const pricer = new Pricer(scan, space, searchGraphOf(scan.index, true));
  const step = stepOf(scan, tradeSurplus);
  const relaxation = await generateColumns(
    pricer,
    space,
    settings.backend,
    deadline.part(0.75, 0),
    generationSettings,
    step,
    listed,
  );
  const fixed = await roundAndFix(
    { ...relaxation, bound: Math.min(relaxation.bound, trivial) },
    pricer,
    space,
    solver,
    step,
    deadline,
    settings,
  );
  const backendError = relaxation.backendError ?? fixed.backendError;
  return {
    pool: fixed.pool,
    chosen: fixed.chosen,
    bound: fixed.bound,
    status: fixed.status,
    solver: relaxation.backendError !== undefined ? "greedy" : fixed.solver,
    stats: {
      candidates: relaxation.pool.count,
      duplicateIds: 0,
      infeasible: 0,
      nonPositive: 0,
      oversized: 0,
      dominated: 0,
      columns: relaxation.pool.count,
      rows: space.keptCount,
      droppedRows: space.rowCount - space.keptCount,
      ...fixed.counters,
      lpSolves: fixed.counters.lpSolves + relaxation.lpSolves,
      greedyObjective: 0,
      candidateMethod: "generate",
      candidateBytes: relaxation.pool.byteLength,
      columnsGenerated: relaxation.pool.count,
      pricingRounds: relaxation.rounds,
      candidatesPriced: relaxation.priced,
      lpBound: relaxation.converged ? relaxation.lpBound : Number.POSITIVE_INFINITY,
      fixingCandidates: fixed.fixedPool,
      ...(backendError === undefined ? {} : { backendError }),
    },
  };
}

/** Each trade's surplus m − c. */
function tradeSurplusOf(scan: DealScan): Float64Array {
  const { tradeCount, tradeOffer, tradeNeed, offerCapacity, needQuantity, offerUnitMargin } =
    scan.index;
  const surplus = new Float64Array(tradeCount);
  for (let t = 0; t < tradeCount; t++) {
    const o = tradeOffer[t];
    const q = Math.min(offerCapacity[o], needQuantity[tradeNeed[t]]);
    surplus[t] = offerUnitMargin[o] * q - scan.index.tradePremium[t];
  }
  return surplus;
}

/**
 * The objective's step over every deal: the step of the trades' surpluses
 * for `surplus`, and for `expectedSurplus` when every probability is 1.
 */
function stepOf(scan: DealScan, tradeSurplus: Float64Array): number {
  const { objective } = scan.options;
  if (objective === "expectedSurplus") {
    const { tradeProbabilityCode, probabilityValues } = scan.index;
    for (let t = 0; t < tradeProbabilityCode.length; t++) {
      if (probabilityValues[tradeProbabilityCode[t]] !== 1) return 0;
    }
  } else if (objective !== "surplus") return 0;
  return objectiveStep(tradeSurplus);
}

/** What the listing found. */
interface Listing {
  readonly pool: ColumnPool;
  /** More deals than the limit: the listing was abandoned. */
  readonly overflow: boolean;
  /** The deadline or the signal stopped the listing: some deals were not seen. */
  readonly cut: boolean;
  readonly infeasible: number;
  readonly nonPositive: number;
}

/**
 * Lists the candidates (feasible, worth > 0; the best `top` when finite) as
 * compact columns, stopping at the deadline or after `limit` of them.
 */
function* listDeals(
  scan: DealScan,
  top: number,
  limit: number,
  deadline: Deadline,
  stop: AbortController,
): Work<Listing> {
  const { index, economy, cursor } = scan;
  const { objective, includeInfeasible } = scan.options;
  const pool = new ColumnPool();
  const kept =
    top === Number.POSITIVE_INFINITY
      ? undefined
      : new TopDeals(top, (kind, trades) => dealId(index, kind, trades, trades.length));
  let infeasible = 0;
  let nonPositive = 0;
  let cut = false;
  let seen = 0;
  for (;;) {
    if ((++seen & 0xff) === 0) {
      if (deadline.expired()) {
        cut = true;
        break;
      }
      yield;
    }
    let more: boolean;
    try {
      more = scan.next();
    } catch (error) {
      if (!stop.signal.aborted && !deadline.expired()) throw error;
      cut = true;
      break;
    }
    if (!more) break;
    if (kept !== undefined) {
      // Ranked as findDeals ranks (rank-order.ts), so `top` keeps the same deals.
      if (
        kept.full &&
        surelyBelow(objectiveBound(economy, objective, !includeInfeasible), kept.threshold)
      )
        continue;
      scan.price();
      if (!economy.feasible && !includeInfeasible) continue;
      kept.offer(
        rankKey(objectiveValue(economy, objective)),
        cursor.kind,
        cursor.trades,
        cursor.size,
      );
      continue;
    }
    scan.price();
    if (!economy.feasible) {
      infeasible++;
      continue;
    }
    const value = objectiveValue(economy, objective);
    if (!(value > 0)) {
      nonPositive++;
      continue;
    }
    pool.add(cursor.kind, cursor.trades, cursor.size, value);
    if (pool.count > limit) return { pool, overflow: true, cut, infeasible, nonPositive };
  }
  stop.abort();
  if (kept !== undefined) {
    for (const deal of kept.sorted()) {
      const built = scan.rebuild(deal.kind, deal.trades, deal.id);
      // The value itself, not its rank key (12 significant digits).
      const value = objectiveValue(economy, objective);
      if (!built.feasible) infeasible++;
      else if (!(value > 0)) nonPositive++;
      else pool.add(deal.kind, deal.trades, deal.trades.length, value);
    }
  }
  return { pool, overflow: false, cut, infeasible, nonPositive };
}

/** Builds the chosen deals and the result. */
function assemble(scan: DealScan, outcome: Outcome, started: number): Portfolio {
  const { pool } = outcome;
  const picked = outcome.chosen.map((j) => {
    const kind = pool.kind(j);
    const trades = pool.trades(j);
    const id = dealId(scan.index, kind, trades, trades.length);
    return { deal: scan.rebuild(kind, trades.slice(), id), value: pool.value(j) };
  });
  return portfolioResult(picked, {
    status: outcome.status,
    bound: outcome.bound,
    objectiveName: scan.options.objective,
    solver: outcome.solver,
    stats: outcome.stats,
    started,
  });
}
