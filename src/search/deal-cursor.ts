/**
 * The deal search of SPEC §4 as a resumable cursor over the trade index.
 *
 * The cursor runs the shape searches (cycles, brokered triangles, chains) one
 * after the other. Each hands out a firm sequence as arc codes; the cursor
 * then expands the sequence's product choices with an odometer over the arcs'
 * trade ranges (last arc fastest) and keeps only the choices that are SPEC §4
 * deals:
 * - reciprocal: some trade has premium c > 0;
 * - executable: in a brokered deal, S→M and S→D of one product draw on one
 *   offer and M→D and S→D of one product fill one need, so their quantities
 *   together must fit its capacity or quantity. The trades of a cycle or a
 *   chain have distinct sellers and distinct buyers, so the rule never binds.
 * All state lives in typed arrays between calls of `next()`: the caller
 * streams deals lazily and nothing is allocated per DFS step.
 *
 * Each deal comes once: each walk hands out each firm sequence once (a cycle
 * from its smallest search vertex, or through the initiator once; a brokered
 * (S, M, D) from S, or with the initiator in its one role; a chain from its
 * sponsor, or split once at the initiator), the odometer gives each product
 * choice once, and a kind's ids start with the kind, so two kinds never share
 * an id. Deals come in search order, which is deterministic for a given
 * index but not sorted: rank or sort them by id where order matters.
 *
 * A search over the whole network can be limited to some of its roots (`roots`,
 * or the roots of a `shard`): since each deal is found from one root, the
 * searches of a partition of the roots list every deal exactly once. A search
 * around an initiator has one root; as a shard it is all of shard 1's work.
 *
 * `pauseAt` lets an asynchronous caller bound how long one call of `next()`
 * runs: past that time the walks stop at their next look at the signal (every
 * few thousand steps), `next()` returns false with `paused` set, and the next
 * call resumes.
 */

import { UsageError } from "../model/errors.js";
import type { TradeIndex } from "../trade-index/trade-index.js";
import { BrokeredWalk } from "./brokered-walk.js";
import { ChainWalk } from "./chain-walk.js";
import { CycleWalk } from "./cycle-walk.js";
import {
  checkAbort,
  type DealWalk,
  pausedWalk,
  SearchControl,
  type SearchStats,
} from "./deal-walk.js";
import { type DealKind, dealKinds, maxPartiesLimit, tradesPerDeal } from "./kinds.js";
import { rootCosts } from "./root-cost.js";
import { RootRanges } from "./root-ranges.js";
import { type SearchGraph, type SearchWorkspace, searchGraphOf } from "./search-graph.js";
import { checkShard, type Shard, shardRoots } from "./shard.js";
import type { SurplusBound } from "./surplus-bound.js";

/** What to search for. */
export interface SearchOptions {
  /** Which kinds to list (in any order; each is searched once, in SPEC §4's order). */
  readonly kinds: readonly DealKind[];
  /** 2..12: cycles of 2..maxParties firms, brokered needs ≥ 3, chains of 3..maxParties firms. */
  readonly maxParties: number;
  /** A firm integer of the index (only deals it is a party of), or -1 for the whole network. */
  readonly initiator: number;
  /** Checked every few thousand DFS steps; once aborted, `next()` throws `signal.reason`. */
  readonly signal?: AbortSignal;
  /** Only these roots (search vertices) of a search over the whole network. @defaultValue every root */
  readonly roots?: RootRanges;
  /** Only this shard's slice of the roots (see `shardRoots`); not with `roots`. @defaultValue the whole search */
  readonly shard?: Shard;
  /** Leave out the cycles, brokered triangles and chains below its floor (a search over the whole network). */
  readonly bound?: SurplusBound;
}

/**
 * A lazy, resumable listing of the SPEC §4 deals of a trade index, each once.
 *
 * @example
 * const cursor = new DealCursor(index, { kinds: ["cycle", "brokered"], maxParties: 3, initiator: -1 });
 * while (cursor.next()) console.log(dealId(index, cursor.kind, cursor.trades, cursor.size));
 */
export class DealCursor {
  /** Trade ids of the current deal in SPEC §4 order; entries [0, size) are valid until the next call of next(). */
  readonly trades: Int32Array;
  /** Live counters for progress bars. */
  readonly stats: SearchStats;
  private readonly graph: SearchGraph;
  private readonly kinds: readonly DealKind[];
  private readonly walks: DealWalk[] = [];
  private workspace: SearchWorkspace | undefined;
  private walkAt = 0;
  /** Arc codes of the current firm sequence; `arcCount` is 0 when its choices are used up. */
  private readonly arcs: Int32Array;
  private arcCount = 0;
  /** The odometer: each arc's trade range [firstTrade, endTrade). */
  private readonly firstTrade: Int32Array;
  private readonly endTrade: Int32Array;
  /** Every arc of the current sequence has one trade: one choice only. */
  private singleChoice = true;
  private currentKind: DealKind = "cycle";
  private finished = false;
  private wasPaused = false;
  private readonly control: SearchControl;
  private roots: RootRanges;

  /** @throws UsageError on a bad kind, maxParties, initiator or shard, or both roots and shard */
  constructor(
    private readonly index: TradeIndex,
    private readonly options: SearchOptions,
  ) {
    const { kinds, maxParties, initiator } = options;
    for (const kind of kinds) {
      if (!dealKinds.includes(kind)) throw new UsageError(`unknown deal kind: ${String(kind)}`);
    }
    if (!Number.isInteger(maxParties) || maxParties < 2 || maxParties > maxPartiesLimit) {
      throw new UsageError(
        `maxParties must be an integer from 2 to ${maxPartiesLimit}: ${maxParties}`,
      );
    }
    if (!Number.isInteger(initiator) || initiator < -1 || initiator >= index.firmCount) {
      throw new UsageError(`initiator must be a firm integer of the index or -1: ${initiator}`);
    }
    const { roots, shard } = options;
    if (shard !== undefined) checkShard(shard);
    if (roots !== undefined && shard !== undefined)
      throw new UsageError("give the search roots or a shard, not both");
    const kept = dealKinds.filter((k) => kinds.includes(k) && (k === "cycle" || maxParties >= 3));
    // Around an initiator the search is one unit of work: all of shard 1's.
    this.kinds = initiator >= 0 && shard !== undefined && shard.current > 1 ? [] : kept;
    this.graph = searchGraphOf(index, initiator < 0);
    if (roots !== undefined) this.checkRoots(roots);
    this.roots =
      initiator >= 0
        ? RootRanges.all(0)
        : (roots ??
          (shard === undefined
            ? RootRanges.all(this.graph.vertexCount)
            : shardRoots(rootCosts(this.graph, this.kinds, maxParties), shard)));
    this.control = new SearchControl(options.signal);
    const room = tradesPerDeal(maxParties);
    this.trades = new Int32Array(room);
    this.arcs = new Int32Array(room);
    this.firstTrade = new Int32Array(room);
    this.endTrade = new Int32Array(room);
    const rootCount = initiator < 0 ? this.roots.rootCount : 1;
    const stats = { steps: 0, deals: 0, rootsDone: 0, rootsTotal: rootCount * this.kinds.length };
    // rootShare is read from the current walk when asked (not enumerable: a live estimate, not a counter).
    Object.defineProperty(stats, "rootShare", {
      get: () => (this.finished ? 0 : (this.walks[this.walkAt]?.rootShare() ?? 0)),
    });
    this.stats = stats as SearchStats;
  }

  /**
   * Goes on over other roots of the search over the whole network, as a new
   * cursor over `roots` would, keeping this one's arrays and workspace (its
   * counters add up): for a worker thread that ranks chunk after chunk.
   * Only once `next()` has returned false at the end of the current roots.
   *
   * @throws UsageError around an initiator, or for roots beyond the search vertices
   */
  searchRoots(roots: RootRanges): void {
    if (!this.finished) throw new Error("the cursor's current roots are not done");
    this.checkRoots(roots);
    this.roots = roots;
    this.walks.length = 0;
    this.walkAt = 0;
    this.arcCount = 0;
    this.finished = false;
    this.stats.rootsTotal += roots.rootCount * this.kinds.length;
  }

  /** @throws UsageError around an initiator, or for roots beyond the search vertices */
  private checkRoots(roots: RootRanges): void {
    const { bounds } = roots;
    if (this.options.initiator >= 0)
      throw new UsageError("search roots need a search over the whole network");
    if (bounds.length > 0 && bounds[bounds.length - 1] > this.graph.vertexCount)
      throw new UsageError(`search roots beyond the ${this.graph.vertexCount} search vertices`);
  }

  /** Kind of the current deal. */
  get kind(): DealKind {
    return this.currentKind;
  }

  /** Number of trades of the current deal (valid entries of `trades`). */
  get size(): number {
    return this.arcCount;
  }

  /** Whether the last `next()` returned false because it paused (see `pauseAt`), not because the search is over. */
  get paused(): boolean {
    return this.wasPaused;
  }

  /**
   * Makes `next()` pause once `performance.now()` reaches `time` (Infinity:
   * never), at the walks' next look at the signal.
   */
  pauseAt(time: number): void {
    this.control.pauseAt = time;
  }

  /**
   * Advances to the next deal; false when there are no more.
   *
   * @throws the signal's reason (or a DOMException "AbortError") once `options.signal` is aborted
   */
  next(): boolean {
    checkAbort(this.options.signal);
    this.wasPaused = false;
    if (this.finished) return false;
    if (this.arcCount > 0 && this.nextChoice()) {
      this.stats.deals++;
      return true;
    }
    if (this.workspace === undefined) this.start();
    for (;;) {
      const walk = this.walks[this.walkAt];
      if (walk === undefined) {
        this.finished = true;
        this.graph.release(this.workspace!);
        this.workspace = undefined;
        return false;
      }
      const count = walk.nextShape(this.arcs);
      if (count === pausedWalk) {
        this.wasPaused = true;
        return false;
      }
      if (count === 0) {
        this.walkAt++;
        continue;
      }
      this.arcCount = count;
      this.currentKind = walk.kind;
      if (this.firstChoice()) {
        this.stats.deals++;
        return true;
      }
    }
  }

  /** Takes a workspace and sets up one walk per kind. */
  private start(): void {
    const { maxParties, initiator } = this.options;
    const { graph, stats, control } = this;
    const workspace = graph.acquire();
    this.workspace = workspace;
    for (const kind of this.kinds) {
      const roots = this.roots.cursor();
      const bound = initiator < 0 ? this.options.bound : undefined;
      if (kind === "cycle") {
        this.walks.push(
          new CycleWalk(graph, workspace, maxParties, initiator, roots, stats, control, bound),
        );
      } else if (kind === "brokered") {
        this.walks.push(
          new BrokeredWalk(graph, workspace, initiator, roots, stats, control, bound),
        );
      } else {
        this.walks.push(new ChainWalk(graph, maxParties, initiator, roots, stats, control, bound));
      }
    }
  }

  /**
   * Decodes the sequence's arc codes into trade ranges and sets the first
   * product choice; false when no choice is a deal. An arc of one trade came
   * with its trade and the sign of its premium in its code (no lookup).
   */
  private firstChoice(): boolean {
    const { arcs, trades, firstTrade, endTrade, arcCount } = this;
    let single = true;
    let reciprocal = false;
    for (let i = 0; i < arcCount; i++) {
      const code = arcs[i];
      if (code >= 0) {
        const t = code >>> 1;
        firstTrade[i] = t;
        endTrade[i] = t + 1;
        trades[i] = t;
        if ((code & 1) === 1) reciprocal = true;
      } else {
        // Read only for arcs of several trades: a snapshot reads the array on first use.
        const arcTrades = this.index.arcTrades;
        const t = arcTrades[~code];
        firstTrade[i] = t;
        endTrade[i] = arcTrades[~code + 1];
        trades[i] = t;
        single = false;
      }
    }
    this.singleChoice = single;
    if (!single) return this.isDeal() || this.nextChoice();
    if (reciprocal && (this.currentKind !== "brokered" || this.isExecutable())) return true;
    this.arcCount = 0;
    return false;
  }

  /** Advances the odometer to the next choice that is a deal; false (and size 0) when none is left. */
  private nextChoice(): boolean {
    const { trades, firstTrade, endTrade, arcCount } = this;
    if (this.singleChoice) {
      this.arcCount = 0;
      return false;
    }
    for (;;) {
      let i = arcCount - 1;
      for (; i >= 0; i--) {
        const t = trades[i] + 1;
        if (t < endTrade[i]) {
          trades[i] = t;
          break;
        }
        trades[i] = firstTrade[i];
      }
      if (i < 0) {
        this.arcCount = 0;
        return false;
      }
      if (this.isDeal()) return true;
    }
  }

  /** SPEC §4's two rules on the current choice: reciprocal, and executable on its own. */
  private isDeal(): boolean {
    const { trades, arcCount } = this;
    const premium = this.index.tradePremium;
    let reciprocal = false;
    for (let i = 0; i < arcCount && !reciprocal; i++) reciprocal = premium[trades[i]] > 0;
    return reciprocal && (this.currentKind !== "brokered" || this.isExecutable());
  }

  private isExecutable(): boolean {
    const trades = this.trades;
    return brokeredFits(this.index, trades[0], trades[1], trades[2]);
  }
}

/**
 * SPEC §4's executability of a brokered choice S→M, M→D, S→D (trade
 * integers): it draws on one offer when S→M and S→D sell one product, and
 * fills one need when M→D and S→D buy one; the quantities together must fit.
 * (The trades of a cycle or a chain have distinct sellers and distinct buyers,
 * so the rule never binds them.)
 */
export function brokeredFits(index: TradeIndex, sm: number, md: number, sd: number): boolean {
  const { tradeOffer, tradeNeed, offerCapacity, needQuantity } = index;
  const offer = tradeOffer[sd];
  const need = tradeNeed[sd];
  const qsd = Math.min(offerCapacity[offer], needQuantity[need]);
  if (tradeOffer[sm] === offer) {
    const qsm = Math.min(offerCapacity[offer], needQuantity[tradeNeed[sm]]);
    if (qsm + qsd > offerCapacity[offer]) return false;
  }
  if (tradeNeed[md] === need) {
    const qmd = Math.min(offerCapacity[tradeOffer[md]], needQuantity[need]);
    if (qmd + qsd > needQuantity[need]) return false;
  }
  return true;
}
