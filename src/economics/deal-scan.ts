/**
 * One pass of the deal search with pricing: the cursor, the pricing workspace,
 * the key-account filter and the progress reports that `iterateDeals` and
 * `findDeals` share.
 *
 * The cursor (and with it the search graph) is made on the first `next()`, so
 * a scan that only rebuilds kept deals (`rebuild`) never builds it. A scan can
 * be told to pause (`pauseAt`): `next()` then returns false with `paused` set
 * once the time has come, between deals or inside a long stretch of the
 * search, and the next call resumes.
 */

import type { Network } from "../model/types.js";
import { DealCursor } from "../search/deal-cursor.js";
import { dealId } from "../search/deal-id.js";
import { type DealKind, tradesPerDeal } from "../search/kinds.js";
import type { RootRanges } from "../search/root-ranges.js";
import { searchGraphOf } from "../search/search-graph.js";
import { SurplusBound } from "../search/surplus-bound.js";
import { incumbentFloors } from "../trade-index/incumbent-floors.js";
import { TradeIndex, tradeIndexOf } from "../trade-index/trade-index.js";
import { type SurplusTable, tradeSurpluses } from "../trade-index/trade-surplus.js";
import { buildDeal } from "./build-deal.js";
import type { Deal } from "./deal.js";
import { DealEconomy } from "./deal-economy.js";
import {
  type FindDealsOptions,
  type ResolvedFindOptions,
  resolveFindOptions,
} from "./find-options.js";
import { scoreBoundedBySurplus, surplusFloor } from "./objective.js";
import { priceFast } from "./price-fast.js";

/** Deals between two looks at the clock for progress reports. */
const progressCheckInterval = 1024;
/** Least time between two progress reports (ms). */
const progressInterval = 250;
/** Deals between two looks at the clock while a pause is due. */
const pauseCheckInterval = 64;

/** A running search whose current deal can be loaded, priced and built. */
export class DealScan {
  readonly index: TradeIndex;
  readonly options: ResolvedFindOptions;
  /** The current deal's numbers (after `next`), priced after `price`. */
  readonly economy: DealEconomy;
  private sinceCheck = 0;
  private lastReport: number;
  private search: DealCursor | undefined;
  private pauseTime = Number.POSITIVE_INFINITY;
  private sincePauseCheck = 0;
  private wasPaused = false;
  /** The walks' surplus floor (a ranking of the best deals of the whole network by a surplus objective). */
  private bound: SurplusBound | undefined;
  private leavesOut = false;
  /** The trades' surpluses, once there (`tradeSurpluses`; a worker thread's table may still be filling). */
  private surpluses: SurplusTable | undefined;

  /**
   * @param network the network, or its trade index (a worker thread's view of a shared one)
   * @param roots only these roots of a search over the whole network (a worker thread's chunk); not with a shard
   * @throws UsageError on bad options (see `resolveFindOptions`)
   */
  constructor(
    network: Network | TradeIndex,
    options: FindDealsOptions,
    private roots?: RootRanges,
  ) {
    this.index = network instanceof TradeIndex ? network : tradeIndexOf(network);
    this.options = resolveFindOptions(this.index, options);
    this.economy = new DealEconomy(tradesPerDeal(this.options.maxParties));
    this.economy.competition = this.options.competition;
    if (this.options.competition === "counter") this.economy.floors = incumbentFloors(this.index);
    this.lastReport = performance.now();
  }

  /**
   * Lets the walks leave out the deals `next(threshold)` would pass over, for
   * a ranking of the best deals of the whole network by a surplus objective
   * (`SurplusBound`; a scan that lists every deal leaves it be, and builds no
   * table for it). Call before the first `next`.
   */
  leaveOutBelowFloor(): void {
    this.leavesOut = true;
  }

  /**
   * Goes on over other roots of the search over the whole network (a worker
   * thread's next chunk), once `next()` has returned false at the end of the
   * current ones: the cursor, its workspace and the pricing's arrays are
   * kept, and the cursor's counters add up. A scan still without its bound
   * (the trades' surpluses were being written) makes a new cursor once they
   * are there.
   */
  searchRoots(roots: RootRanges): void {
    this.roots = roots;
    const search = this.search;
    if (search === undefined) return;
    if (this.leavesOut && this.bound === undefined && tradeSurpluses(this.index) !== undefined)
      this.search = undefined;
    else search.searchRoots(roots);
  }

  /** The search (made on first use). */
  get cursor(): DealCursor {
    if (this.search === undefined) {
      const { kinds, maxParties, initiator, signal, shard, objective } = this.options;
      // A ranking of the best deals of the whole network by a surplus objective
      // leaves out, while it walks, what it would pass over (`SurplusBound`).
      if (this.leavesOut && initiator < 0 && scoreBoundedBySurplus(objective)) {
        this.surpluses = tradeSurpluses(this.index);
        if (this.surpluses !== undefined) {
          const graph = searchGraphOf(this.index, true);
          this.bound = new SurplusBound(graph, this.index, this.surpluses, maxParties);
        }
      }
      const search = { kinds, maxParties, initiator, signal, bound: this.bound };
      const { roots } = this;
      this.search = new DealCursor(
        this.index,
        roots !== undefined
          ? { ...search, roots }
          : shard !== undefined
            ? { ...search, shard }
            : search,
      );
      this.search.pauseAt(this.pauseTime);
    }
    return this.search;
  }

  /** Whether the last `next()` returned false to pause (see `pauseAt`), not at the end. */
  get paused(): boolean {
    return this.wasPaused;
  }

  /** Makes `next()` pause once `performance.now()` reaches `time` (Infinity: never). */
  pauseAt(time: number): void {
    this.pauseTime = time;
    this.sincePauseCheck = 0;
    this.search?.pauseAt(time);
  }

  /**
   * Advances to the next deal that passes the key-account filter and loads it;
   * false at the end, or when paused. With a `threshold` (a rank key: the
   * worst a full ranking keeps) deals that surely rank below it by their
   * surplus (`surplusFloor`) are passed over unloaded.
   */
  next(threshold = Number.NEGATIVE_INFINITY): boolean {
    const { cursor, index, economy } = this;
    const { keyAccountsOnly, initiator, objective } = this.options;
    // Around an initiator the search reads a few trades: the whole table would cost more.
    const floor = initiator < 0 ? surplusFloor(objective, threshold) : Number.NEGATIVE_INFINITY;
    if (floor !== Number.NEGATIVE_INFINITY) this.surpluses ??= tradeSurpluses(index);
    const surpluses = floor === Number.NEGATIVE_INFINITY ? undefined : this.surpluses;
    // A bound exists only with the table.
    if (this.bound !== undefined) this.bound.floor = floor;
    this.wasPaused = false;
    if (
      this.pauseTime !== Number.POSITIVE_INFINITY &&
      ++this.sincePauseCheck >= pauseCheckInterval
    ) {
      this.sincePauseCheck = 0;
      if (performance.now() >= this.pauseTime) {
        this.wasPaused = true;
        return false;
      }
    }
    while (cursor.next()) {
      if (this.options.onProgress !== undefined && ++this.sinceCheck >= progressCheckInterval)
        this.tick();
      if (keyAccountsOnly && !this.keyAccountBuys()) continue;
      if (surpluses !== undefined) {
        const trades = cursor.trades;
        let surplus = 0;
        for (let j = 0, size = cursor.size; j < size; j++) surplus += surpluses[trades[j]];
        if (surplus < floor) continue;
      }
      economy.loadIndexDeal(index, cursor.kind, cursor.trades, cursor.size, initiator);
      return true;
    }
    if (cursor.paused) {
      this.wasPaused = true;
      return false;
    }
    this.options.onProgress?.(cursor.stats);
    return false;
  }

  /** Prices the loaded deal under the policy. */
  price(): void {
    priceFast(this.economy, this.options.policy);
  }

  /** The public deal of the loaded, priced deal. */
  build(): Deal<DealKind> {
    const { economy, index, cursor, options } = this;
    const id = dealId(index, cursor.kind, cursor.trades, cursor.size);
    return buildDeal(economy, index, id, options.objective, options.initiator, options);
  }

  /** Loads, prices and builds a deal kept from earlier (its trades in SPEC §4 order). */
  rebuild(kind: DealKind, trades: Int32Array, id: string): Deal<DealKind> {
    const { economy, index, options } = this;
    economy.loadIndexDeal(index, kind, trades, trades.length, options.initiator);
    priceFast(economy, options.policy);
    return buildDeal(economy, index, id, options.objective, options.initiator, options);
  }

  /** A key account buys in the current deal (from the initiator, when there is one). */
  private keyAccountBuys(): boolean {
    const { cursor, index } = this;
    const initiator = this.options.initiator;
    for (let j = 0; j < cursor.size; j++) {
      const t = cursor.trades[j];
      if (
        index.firmKeyAccount[index.tradeBuyer(t)] &&
        (initiator < 0 || index.tradeSeller(t) === initiator)
      ) {
        return true;
      }
    }
    return false;
  }

  private tick(): void {
    this.sinceCheck = 0;
    const now = performance.now();
    if (now - this.lastReport < progressInterval) return;
    this.lastReport = now;
    this.options.onProgress?.(this.cursor.stats);
  }
}
