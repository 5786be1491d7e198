/**
 * Column generation's pricing problem: given the LP's row prices y, find the
 * deals (cycles ≤ K, brokered triangles, chains) whose reduced value
 * r = value − Σ_i a_i · y_i is largest, without listing every deal.
 *
 * The search runs the priced walks of the search layer on its own graph
 * (src/search/priced-*-walk.ts), weighted per trade by its surplus less the
 * prices of its offer, its need and its seller, each firm's price as its
 * penalty: for every deal that sum bounds r from above (a deal's value is at
 * most its surplus: probabilities are ≤ 1), so the walks leave out every
 * path that cannot beat the threshold. Each firm sequence they hand out is
 * expanded into its product choices; a choice that is a deal (reciprocal,
 * executable, a key account buying when asked) and can still beat the
 * threshold is priced exactly (the same economics as `findDeals`: feasible,
 * objective value) and its r computed from its rows.
 *
 * The best `keep` deals are kept; once that many are found the threshold
 * rises to the worst kept one. A round that runs to the end has looked at
 * every deal, so it also tells the most any deal outside the pool can add
 * (`outsideMax`, and per party `outsideRho`), which the caller turns into a
 * proved bound.
 */
import type { DealScan } from "../economics/deal-scan.js";
import { isInitiatorObjective, objectiveValue } from "../economics/objective.js";
import { ArcPrices } from "../search/arc-prices.js";
import { brokeredFits } from "../search/deal-cursor.js";
import { type DealKind, tradesPerDeal } from "../search/kinds.js";
import { PricedBrokeredWalk } from "../search/priced-brokered-walk.js";
import { PricedChainWalk } from "../search/priced-chain-walk.js";
import { PricedCycleWalk } from "../search/priced-cycle-walk.js";
import { budgetSpent, type PricedWalk } from "../search/priced-walk.js";
import type { SearchGraph } from "../search/search-graph.js";
import { ColumnPool } from "./column-pool.js";
import type { Deadline } from "./deadline.js";
import type { RowSpace } from "./row-space.js";
import type { Work } from "./work.js";

/** Steps of a walk between two safe points. */
const walkBudget = 1 << 14;

/** Shapes a walk hands out between two looks at the deadline. */
const shapesPerCheck = 256;

/** What one pricing round found. */
export interface PricingRound {
  /** Every walk ran to its end (else the deadline cut it short). */
  readonly complete: boolean;
  /** The deals found, best first: each with its reduced value. */
  readonly found: ColumnPool;
  readonly order: readonly number[];
  readonly reduced: Float64Array;
  /** The largest r of a deal outside the pool found above the threshold (−Infinity when none). */
  readonly outsideMax: number;
  /** The largest r / parties of those. */
  readonly outsideRho: number;
  /** The threshold at the end: every deal not priced has r at most this. */
  readonly threshold: number;
  /** Deals whose reduced value was computed in this round. */
  readonly priced: number;
  /** Arcs the walks examined. */
  readonly steps: number;
}

/** The pricing of one network's deals, round after round. */
export class Pricer {
  private readonly weight: Float64Array;
  private readonly penalty: Float64Array;
  private readonly tradeSurplus: Float64Array;
  private readonly arcs: Int32Array;
  private readonly trades: Int32Array;
  private readonly first: Int32Array;
  private readonly last: Int32Array;
  private readonly rows = new Int32Array(64);
  private readonly coefficients = new Float64Array(64);
  private readonly kinds: readonly DealKind[];
  /** Deals whose reduced value was computed, over all rounds. */
  priced = 0;

  constructor(
    private readonly scan: DealScan,
    private readonly space: RowSpace,
    private readonly graph: SearchGraph,
  ) {
    const { index, options } = scan;
    if (isInitiatorObjective(options.objective) || options.initiator >= 0)
      throw new Error("pricing: column generation prices a whole-network surplus objective");
    const { tradeOffer, tradeNeed, offerCapacity, needQuantity, offerUnitMargin, tradePremium } =
      index;
    this.weight = new Float64Array(index.tradeCount);
    this.penalty = new Float64Array(index.firmCount);
    this.tradeSurplus = new Float64Array(index.tradeCount);
    for (let t = 0; t < index.tradeCount; t++) {
      const o = tradeOffer[t];
      const q = Math.min(offerCapacity[o], needQuantity[tradeNeed[t]]);
      this.tradeSurplus[t] = offerUnitMargin[o] * q - tradePremium[t];
    }
    const room = tradesPerDeal(options.maxParties);
    this.arcs = new Int32Array(room);
    this.trades = new Int32Array(room);
    this.first = new Int32Array(room);
    this.last = new Int32Array(room);
    this.kinds = options.kinds.filter((kind) => kind === "cycle" || options.maxParties >= 3);
  }

  /** The largest value a deal can have (Σ of the K largest trade surpluses), for rounding tolerances. */
  get valueScale(): number {
    let largest = 0;
    for (const v of this.tradeSurplus) largest = Math.max(largest, Math.abs(v));
    return largest * this.scan.options.maxParties;
  }

  /** Each trade's surplus m − c (SPEC §3): a deal's surplus is the sum over its trades. */
  get surplusOfTrades(): Float64Array {
    return this.tradeSurplus;
  }

  /** The reduced value of a deal (trade integers) worth `value`, under prices `y` over the row space. */
  reducedValue(trades: ArrayLike<number>, size: number, value: number, y: Float64Array): number {
    const n = this.space.entries(trades, size, this.rows, this.coefficients);
    let r = value;
    for (let k = 0; k < n; k++) r -= this.coefficients[k] * y[this.rows[k]];
    return r;
  }

  /**
   * One round: the `keep` deals with the largest r > `threshold` under prices
   * `y` (one per row of the row space, 0 for rows left out) that are not in
   * `pool`. Stops at the deadline (then `complete` is false). With
   * `perRoot` > 0, each root (a cycle's first firm, a sponsor, a broker's
   * seller) hands out at most that many firm sequences and the round is not
   * complete: a spread-out start for column generation.
   */
  *round(
    y: Float64Array,
    pool: ColumnPool,
    threshold: number,
    keep: number,
    deadline: Deadline,
    perRoot = 0,
  ): Work<PricingRound> {
    const { index, options } = this.scan;
    const space = this.space;
    const { tradeOffer, tradeNeed, offerFirm, offerCapacity, needQuantity } = index;
    const firmRow = space.firmRow(0);
    const { weight, penalty, tradeSurplus } = this;
    for (let f = 0; f < index.firmCount; f++) penalty[f] = y[firmRow + f];
    for (let t = 0; t < index.tradeCount; t++) {
      const o = tradeOffer[t];
      const n = tradeNeed[t];
      const q = Math.min(offerCapacity[o], needQuantity[n]);
      weight[t] = tradeSurplus[t] - q * (y[o] + y[space.offerCount + n]) - penalty[offerFirm[o]];
    }
    const prices = new ArcPrices(this.graph, weight, penalty, options.maxParties);
    prices.threshold = threshold;
    prices.anyRoot = perRoot > 0;
    yield;
    const found = new ColumnPool();
    const reducedOf: number[] = [];
    const heap: number[] = [];
    let outsideMax = Number.NEGATIVE_INFINITY;
    let outsideRho = Number.NEGATIVE_INFINITY;
    const pricedBefore = this.priced;
    let steps = 0;
    let complete = true;

    const workspace = this.graph.acquire();
    const walks: PricedWalk[] = this.kinds.map((kind) =>
      kind === "cycle"
        ? new PricedCycleWalk(prices, workspace)
        : kind === "brokered"
          ? new PricedBrokeredWalk(prices, workspace)
          : new PricedChainWalk(prices),
    );
    const offer = (kind: DealKind, size: number): void => {
      const r = this.priceChoice(kind, size, y, prices);
      if (r === undefined) return;
      if (pool.indexOf(kind, this.trades, size) >= 0) return;
      const parties = kind === "cycle" ? size : size + 1;
      if (r > outsideMax) outsideMax = r;
      if (r / parties > outsideRho) outsideRho = r / parties;
      if (!(r > prices.threshold)) return;
      const j = found.add(kind, this.trades, size, this.lastValue);
      if (j < 0) return;
      reducedOf[j] = r;
      heapPush(heap, j, reducedOf);
      if (heap.length > keep) heapPop(heap, reducedOf);
      if (heap.length >= keep) prices.threshold = Math.max(prices.threshold, reducedOf[heap[0]]);
    };
    if (perRoot > 0) complete = false;
    // The deadline is looked at when a walk has spent its step budget, and
    // every `shapesPerCheck` shapes (a walk finding shapes at every step
    // would otherwise never spend its budget).
    let sinceCheck = 0;
    walking: for (const walk of walks) {
      let root = -1;
      let shapes = 0;
      for (;;) {
        const count = walk.nextShape(this.arcs, walkBudget);
        if (count === 0) break;
        if (count === budgetSpent || ++sinceCheck >= shapesPerCheck) {
          sinceCheck = 0;
          if (deadline.expired()) {
            complete = false;
            break walking;
          }
          yield;
          if (count === budgetSpent) continue;
        }
        this.expand(walk.kind, count, offer);
        if (perRoot > 0) {
          if (walk.root !== root) {
            root = walk.root;
            shapes = 0;
          }
          if (++shapes >= perRoot) walk.skipRoot();
        }
      }
      steps += walk.steps;
    }
    // A finished search's marks are all cleared; one cut short drops its workspace.
    if (complete || !deadline.expired()) this.graph.release(workspace);
    else for (const walk of walks) steps += walk.steps;
    const order = heap.slice().sort((a, b) => reducedOf[b] - reducedOf[a] || a - b);
    return {
      complete,
      found,
      order,
      reduced: Float64Array.from(reducedOf),
      outsideMax,
      outsideRho,
      threshold: prices.threshold,
      priced: this.priced - pricedBefore,
      steps,
    };
  }

  /** The value of the deal priced last by `priceChoice`. */
  private lastValue = 0;

  /**
   * Expands the firm sequence in `arcs` into its product choices (last arc
   * fastest) and offers each choice to `offer` (its trades in `this.trades`).
   */
  private expand(
    kind: DealKind,
    count: number,
    offer: (kind: DealKind, size: number) => void,
  ): void {
    const { arcs, trades, first, last } = this;
    const arcTrades = this.scan.index.arcTrades;
    let single = true;
    for (let i = 0; i < count; i++) {
      const code = arcs[i];
      if (code >= 0) {
        first[i] = code >>> 1;
        last[i] = (code >>> 1) + 1;
      } else {
        first[i] = arcTrades[~code];
        last[i] = arcTrades[~code + 1];
        single = false;
      }
      trades[i] = first[i];
    }
    offer(kind, count);
    if (single) return;
    for (;;) {
      let i = count - 1;
      for (; i >= 0; i--) {
        if (trades[i] + 1 < last[i]) {
          trades[i]++;
          break;
        }
        trades[i] = first[i];
      }
      if (i < 0) return;
      offer(kind, count);
    }
  }

  /**
   * The exact reduced value of the choice in `this.trades`, or undefined when
   * it is not a candidate (not a SPEC §4 deal, no key account buying when
   * asked, infeasible, worth ≤ 0) or cannot beat the threshold.
   */
  private priceChoice(
    kind: DealKind,
    size: number,
    y: Float64Array,
    prices: ArcPrices,
  ): number | undefined {
    const { index, options, economy } = this.scan;
    const trades = this.trades;
    // The weights' bound for this choice first: most choices stop here.
    let bound = 0;
    for (let i = 0; i < size; i++) bound += this.weight[trades[i]];
    if (kind === "chain") bound -= this.penalty[index.tradeBuyer(trades[size - 1])];
    else if (kind === "brokered")
      bound +=
        this.penalty[index.tradeSeller(trades[0])] - this.penalty[index.tradeBuyer(trades[2])];
    if (!(bound > prices.threshold - prices.slack)) return undefined;
    let reciprocal = false;
    for (let i = 0; i < size && !reciprocal; i++) reciprocal = index.tradePremium[trades[i]] > 0;
    if (!reciprocal) return undefined;
    if (kind === "brokered" && !brokeredFits(this.scan.index, trades[0], trades[1], trades[2]))
      return undefined;
    if (options.keyAccountsOnly) {
      let buys = false;
      for (let i = 0; i < size && !buys; i++)
        buys = index.firmKeyAccount[index.tradeBuyer(trades[i])] === 1;
      if (!buys) return undefined;
    }
    economy.loadIndexDeal(index, kind, trades, size, options.initiator);
    // A surplus objective is known before the discounts are priced: only the
    // deals that can beat τ are priced, to see whether they are feasible.
    const value = objectiveValue(economy, options.objective);
    if (!(value > 0)) return undefined;
    this.priced++;
    const r = this.reducedValue(trades, size, value, y);
    if (!(r > prices.threshold)) return undefined;
    this.scan.price();
    if (!economy.feasible) return undefined;
    this.lastValue = value;
    return r;
  }
}

/** Min-heap of deal indices by `key`. */
function heapPush(heap: number[], j: number, key: readonly number[]): void {
  heap.push(j);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (key[heap[parent]] <= key[heap[i]]) return;
    [heap[i], heap[parent]] = [heap[parent], heap[i]];
    i = parent;
  }
}

function heapPop(heap: number[], key: readonly number[]): void {
  const lastItem = heap.pop();
  if (lastItem === undefined || heap.length === 0) return;
  heap[0] = lastItem;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.length) return;
    const right = left + 1;
    const child = right < heap.length && key[heap[right]] < key[heap[left]] ? right : left;
    if (key[heap[child]] >= key[heap[i]]) return;
    [heap[i], heap[child]] = [heap[child], heap[i]];
    i = child;
  }
}
