/**
 * The LP relaxation of SPEC §6 over every deal of a network, by column
 * generation: an LP over a growing pool of deals (the restricted master,
 * kept in the backend between solves and warm-started), whose row prices
 * the pricing search (pricing.ts) uses to find the deals worth adding, until
 * none has a positive reduced value.
 *
 * It starts from a greedy packing built with the same search (a few deals
 * from every firm, the rows the packing fills priced out of the next round)
 * rather than the best deals by value, which all start at the same few
 * firms. Each round adds the best deals found, those sharing no firm first
 * (they can all enter the LP at once). The master is solved by an interior
 * point method without crossover (mip-backend.ts): its prices are central,
 * which on these degenerate LPs needs a third of the rounds vertex prices do.
 *
 * Every round whose pricing ran to its end proves a bound on the optimum,
 * finished or not: for any prices y ≥ 0 and any LP portfolio x,
 *
 *   Σ v_j x_j ≤ b·y + Σ_{j in pool} max(0, r_j) + ρ · Σ_f slots_f  =: D̃(y)
 *
 * where ρ bounds r_j / parties_j outside the pool (the pricing says how
 * high), and Σ_j parties_j · x_j ≤ Σ_f slots_f (a firm is in at most
 * min(maxDeals, its trades) deals: row-space.ts). Columns need no upper
 * bound: each is capped at 1 by a row. The same D̃ serves reduced-cost
 * fixing (round-and-fix.ts): a portfolio containing deal k is worth at most
 * D̃(y) + min(0, r_k). The generation stops when no deal outside the pool has
 * r above a rounding tolerance, or, when every objective value is a multiple
 * of a step, once the LP value reaches the bound rounded down to the step.
 */
import { ColumnPool } from "./column-pool.js";
import type { Deadline } from "./deadline.js";
import { floorToStep } from "./granularity.js";
import type { MasterLp, MipBackend } from "./mip-backend.js";
import type { Pricer, PricingRound } from "./pricing.js";
import type { RowSpace } from "./row-space.js";
import { runWork } from "./work.js";

/** The LP relaxation by column generation, as far as it got. */
export interface GeneratedRelaxation {
  /** Every deal the master has seen; index order = master column order. */
  readonly pool: ColumnPool;
  /** The greedy start's portfolio (pool indices): valid, a first incumbent. */
  readonly packing: readonly number[];
  /** The last LP solution, per pool deal (shorter than the pool when the last deals were not solved). */
  readonly primal: Float64Array | undefined;
  /** The LP bound is as good as it gets (see the header). */
  readonly converged: boolean;
  /** The deadline (or the signal) stopped the generation before it converged. */
  readonly cutShort: boolean;
  /** Prices of the last complete pricing round, per row of the row space, and D̃ at them (Infinity when none). */
  readonly prices: Float64Array;
  readonly lpBound: number;
  /** The least bound any round proved (Infinity when none did). */
  readonly bound: number;
  /** LP value of the last master solve. */
  readonly lpValue: number;
  readonly rounds: number;
  readonly lpSolves: number;
  readonly priced: number;
  readonly steps: number;
  readonly backendError?: string;
}

/** Knobs of the generation. */
export interface GenerationSettings {
  /** Deals added per round at most. */
  readonly batch: number;
  /** Firm sequences each root hands out in a round of the greedy start. */
  readonly seedPerRoot: number;
  /** Rounds of the greedy start at most. */
  readonly seedRounds: number;
  /** The pricing keeps `wide` times the batch, to choose deals sharing no firm among them. */
  readonly wide: number;
  /** Share of the batch (0..1) filled with the best deals left once no firm-disjoint one is. */
  readonly spread: number;
  /**
   * The master is solved by interior point up to this many rows, by the
   * warm-started simplex method above (interior point solves from scratch).
   */
  readonly interiorRows: number;
  /** Deals added per round per master row at least (large masters take larger batches). */
  readonly batchPerRow: number;
}

/**
 * Runs column generation until the LP is solved or the deadline passes;
 * `start`'s deals (a listing cut short) seed the pool and the first packing.
 */
export async function generateColumns(
  pricer: Pricer,
  space: RowSpace,
  backend: MipBackend,
  deadline: Deadline,
  settings: GenerationSettings,
  step: number,
  start?: ColumnPool,
): Promise<GeneratedRelaxation> {
  const pool = new ColumnPool();
  const prices = new Float64Array(space.rowCount);
  let fixingPrices = new Float64Array(space.rowCount);
  const masterRow = new Int32Array(space.rowCount).fill(-1);
  const masterRows: number[] = [];
  const rows = new Int32Array(64);
  const coefficients = new Float64Array(64);
  const partyMark = new Int32Array(space.index.firmCount);
  let stamp = 0;
  let master: MasterLp | undefined;
  let primal: Float64Array | undefined;
  let bound = Number.POSITIVE_INFINITY;
  let lpBound = Number.POSITIVE_INFINITY;
  let lpValue = 0;
  let rounds = 0;
  let lpSolves = 0;
  let steps = 0;
  let converged = false;
  let backendError: string | undefined;
  const epsilon = 1e-9 * Math.max(1, pricer.valueScale);

  /** The greedy start's portfolio (pool indices): a first incumbent. */
  const packing: number[] = [];
  /** Pool deals not yet in the master. */
  const pending: number[] = [];
  const enqueue = (from: ColumnPool, f: number): number => {
    const trades = from.trades(f);
    const kind = from.kind(f);
    const j = pool.add(kind, trades, trades.length, from.value(f));
    if (j >= 0) pending.push(j);
    return j >= 0 ? j : pool.indexOf(kind, trades, trades.length);
  };

  /**
   * Queues the round's best deals, first those that share no firm (they can
   * all enter the LP at once), then the next best up to `spread` of the batch.
   */
  const admit = (round: PricingRound, limit: number): void => {
    const { tradeOffer, offerFirm, tradeNeed, needFirm } = space.index;
    stamp++;
    const taken = new Uint8Array(round.order.length);
    let added = 0;
    round.order.forEach((f, at) => {
      if (added >= limit) return;
      const trades = round.found.trades(f);
      for (const t of trades) {
        if (partyMark[offerFirm[tradeOffer[t]]] === stamp) return;
        if (partyMark[needFirm[tradeNeed[t]]] === stamp) return;
      }
      for (const t of trades) {
        partyMark[offerFirm[tradeOffer[t]]] = stamp;
        partyMark[needFirm[tradeNeed[t]]] = stamp;
      }
      taken[at] = 1;
      added++;
      enqueue(round.found, f);
    });
    const extra = Math.min(limit, added + Math.max(1, limit * settings.spread));
    round.order.forEach((f, at) => {
      if (taken[at] || added >= extra) return;
      added++;
      enqueue(round.found, f);
    });
  };

  /**
   * A spread-out start: rounds of a greedy packing. Each round lets every
   * root hand out a few deals at the current prices, queues them all, and
   * packs the best that still fit; a row the packing fills gets a prohibitive
   * price, so the next round looks elsewhere. Stops when nothing more fits.
   * The deals of `start` (a listing cut short), best first, are packed
   * before the first round.
   */
  const seed = async (start: ColumnPool | undefined): Promise<void> => {
    const used = new Float64Array(space.rowCount);
    const seedPrices = new Float64Array(space.rowCount);
    const prohibitive = 1e6 * Math.max(1, pricer.valueScale);
    /** Packs deal `f` of `from` when it still fits (and says so). */
    const pack = (from: ColumnPool, f: number): boolean => {
      const trades = from.trades(f);
      const n = space.entries(trades, trades.length, rows, coefficients);
      for (let e = 0; e < n; e++) {
        const i = rows[e];
        if (used[i] + coefficients[e] > space.capacity[i] * (1 + 1e-12)) return false;
      }
      packing.push(enqueue(from, f));
      for (let e = 0; e < n; e++) {
        const i = rows[e];
        used[i] += coefficients[e];
        if (used[i] >= space.capacity[i] * (1 - 1e-12)) seedPrices[i] = prohibitive;
      }
      return true;
    };
    if (start !== undefined) {
      const best = Array.from({ length: start.count }, (_, f) => f).sort(
        (a, b) => start.value(b) - start.value(a) || a - b,
      );
      for (const f of best) pack(start, f);
    }
    for (let k = 0; k < settings.seedRounds; k++) {
      const round = await runWork(
        pricer.round(
          seedPrices,
          pool,
          epsilon,
          Number.POSITIVE_INFINITY,
          deadline,
          settings.seedPerRoot,
        ),
        deadline.pacer,
      );
      rounds++;
      steps += round.steps;
      let packed = 0;
      let extra = settings.batch * settings.wide;
      for (const f of round.order) {
        if (pack(round.found, f)) packed++;
        // A few of the deals that do not fit, for a spread-out start.
        else if (extra-- > 0) enqueue(round.found, f);
      }
      if (packed === 0 || deadline.expired()) return;
    }
  };

  /** The queued deals as a batch for the master (new rows first). */
  const flush = () => {
    const added = pending.splice(0);
    const newRows: number[] = [];
    let nnz = 0;
    for (const j of added) {
      const trades = pool.trades(j);
      const n = space.entries(trades, trades.length, rows, coefficients);
      for (let k = 0; k < n; k++) {
        if (masterRow[rows[k]] < 0) {
          masterRow[rows[k]] = masterRows.length;
          masterRows.push(rows[k]);
          newRows.push(rows[k]);
        }
      }
      nnz += n;
    }
    const columns = pool.entries(space, added, masterRow, nnz);
    return {
      count: added.length,
      rows: Float64Array.from(newRows, (i) => space.capacity[i]),
      columns,
    };
  };

  /** D̃ at the current prices, from a complete round. */
  const roundBound = (round: PricingRound): number => {
    let by = 0;
    for (const i of masterRows) by += space.capacity[i] * prices[i];
    let positive = 0;
    for (let j = 0; j < pool.count; j++) {
      const trades = pool.trades(j);
      const r = pricer.reducedValue(trades, trades.length, pool.value(j), prices);
      if (r > 0) positive += r;
    }
    const tau = round.threshold;
    const rho = Math.max(round.outsideRho, tau >= 0 ? tau / 2 : 0);
    return by + positive + space.partySlots * Math.max(0, rho);
  };

  /** One pricing round at the current prices; a complete one updates the bounds. */
  const price = async (keep: number, perRoot: number): Promise<PricingRound> => {
    const round = await runWork(
      pricer.round(prices, pool, epsilon, keep, deadline, perRoot),
      deadline.pacer,
    );
    rounds++;
    steps += round.steps;
    if (round.complete) {
      const d = roundBound(round);
      bound = Math.min(bound, d);
      lpBound = d;
      fixingPrices = prices.slice();
    }
    return round;
  };

  try {
    await seed(start);
    let round: PricingRound | undefined;
    for (;;) {
      const batch = flush();
      if (batch.count === 0 && round?.complete === true) {
        converged = true;
        break;
      }
      if (deadline.expired()) break;
      if (batch.count > 0) {
        master ??= backend.openMaster();
        const method = masterRows.length <= settings.interiorRows ? "interior" : "simplex";
        const lp = await master.solve(batch.rows, batch.columns, method, deadline);
        lpSolves++;
        if (lp.status !== "optimal" || lp.rowDual === undefined || lp.primal === undefined) {
          if (lp.status === "failed") backendError = lp.message ?? "LP failed";
          break;
        }
        primal = lp.primal;
        lpValue = 0;
        for (let j = 0; j < primal.length; j++) lpValue += pool.value(j) * primal[j];
        masterRows.forEach((i, r) => {
          prices[i] = Math.max(0, lp.rowDual![r]);
        });
        if (deadline.expired()) break;
      }
      const batchSize = Math.max(
        settings.batch,
        Math.ceil(settings.batchPerRow * masterRows.length),
      );
      round = await price(batchSize * settings.wide, 0);
      if (!round.complete) break;
      if (step > 0 && floorToStep(bound, step) <= lpValue + 1e-6 * step) {
        converged = true;
        break;
      }
      admit(round, batchSize);
    }
  } finally {
    master?.close();
  }
  return {
    pool,
    packing,
    primal,
    converged,
    cutShort: !converged && deadline.expired(),
    prices: fixingPrices,
    lpBound,
    bound,
    lpValue,
    rounds,
    lpSolves,
    priced: pricer.priced,
    steps,
    ...(backendError === undefined ? {} : { backendError }),
  };
}
