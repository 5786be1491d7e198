/**
 * A ranking in progress (`rankDeals` and its asynchronous and threaded
 * forms): the scan on the calling thread, and the heap or the runs its kept
 * deals go to — from that scan, or offered by worker threads.
 */
import type { Network } from "../model/types.js";
import { dealId } from "../search/deal-id.js";
import { type DealKind, dealKinds, tradesPerDeal } from "../search/kinds.js";
import type { Deal } from "./deal.js";
import type { DealBlock } from "./deal-block.js";
import { DealScan } from "./deal-scan.js";
import type { FindDealsOptions } from "./find-options.js";
import { batchesByKey, KeptDealRuns, type RankedKeptDeal } from "./kept-deal-runs.js";
import { keptKey } from "./kept-key.js";
import { type PackedDeals, packedId } from "./packed-deals.js";
import { type KeptDeal, TopDeals } from "./top-deals.js";

/** The ranked deals of `rankDeals`: their count, and the deals built one at a time. */
export interface RankedDeals extends Iterable<Deal<DealKind>> {
  /** How many deals were kept. */
  readonly length: number;
  /**
   * Frees the temporary file of a ranking that did not fit its memory budget
   * (also done when the ranking is garbage collected, and by the system when
   * the process ends, however it ends); the deals cannot be read after.
   */
  close(): void;
}

/** What one deal kept in the ranking heap is taken to cost in memory (bytes), against the budget. */
const heapDealBytes = 256;

/** Closes the temporary files of rankings that were dropped unclosed. */
const unclosed = new FinalizationRegistry<KeptDealRuns>((runs) => runs.close());

/** A ranking in progress: the scan, and the heap or the runs its kept deals go to. */
export class Ranking {
  readonly scan: DealScan;
  private readonly heap: TopDeals | undefined;
  private readonly runs: KeptDealRuns | undefined;
  /** The search is over (the kept runs may still be merging). */
  private searched = false;
  /** Everything is kept and ready to read. */
  private done = false;

  /** @throws UsageError on bad options */
  constructor(network: Network, options: FindDealsOptions) {
    const scan = new DealScan(network, options);
    this.scan = scan;
    const { top, memoryBudget, maxParties, tempDirectory } = scan.options;
    const index = scan.index;
    const idOf = (kind: KeptDeal["kind"], trades: ArrayLike<number>, size: number) =>
      dealId(index, kind, trades, size);
    if (top * heapDealBytes <= memoryBudget) {
      this.heap = new TopDeals(top, idOf);
      scan.leaveOutBelowFloor();
    } else {
      this.runs = new KeptDealRuns(idOf, {
        maxTrades: tradesPerDeal(maxParties),
        memoryBudget,
        ...(tempDirectory === undefined ? {} : { directory: tempDirectory }),
      });
    }
  }

  /**
   * Searches, prices and keeps deals until the search ends (true) or
   * `performance.now()` reaches `until` (false: call again to go on).
   */
  advance(until: number): boolean {
    const { scan, heap, runs } = this;
    const { top } = scan.options;
    if (top === 0 || this.done) return true;
    scan.pauseAt(until);
    const cursor = scan.cursor;
    // Writing a run of kept deals is done a slice at a time, like the search.
    while (!this.searched) {
      if (runs?.busy && !runs.work(until)) return false;
      const threshold = heap?.full ? heap.threshold : Number.NEGATIVE_INFINITY;
      if (!scan.next(threshold)) {
        if (scan.paused) return false;
        this.searched = true;
        break;
      }
      const key = keptKey(scan, threshold);
      if (key === undefined) continue;
      if (heap !== undefined) heap.offer(key, cursor.kind, cursor.trades, cursor.size);
      else runs?.offer(key, cursor.kind, cursor.trades, cursor.size);
    }
    if (runs !== undefined) {
      if (!runs.work(until)) return false;
      runs.finish();
      if (!runs.work(until)) return false;
    }
    this.done = true;
    return true;
  }

  /** The worst key the ranking keeps once full; −Infinity while it is not full (or keeps every deal). */
  get threshold(): number {
    return this.heap?.full ? this.heap.threshold : Number.NEGATIVE_INFINITY;
  }

  /**
   * Keeps deals found elsewhere (by worker threads, from chunks of the roots),
   * by their rank keys and ids ("" when not built: built here when needed); a
   * run due meanwhile is written at once.
   */
  offerPacked(deals: PackedDeals): void {
    const { heap, runs } = this;
    const { keys, kinds, sizes, trades } = deals;
    for (let j = 0, at = 0; j < keys.length; at += sizes[j], j++) {
      if (heap !== undefined) {
        const dealTrades = trades.subarray(at, at + sizes[j]);
        heap.offer(
          keys[j],
          dealKinds[kinds[j]],
          dealTrades,
          sizes[j],
          packedId(deals, j) || undefined,
        );
      } else if (runs !== undefined) {
        runs.work();
        runs.offerCoded(keys[j], kinds[j], trades, at, sizes[j]);
      }
    }
  }

  /**
   * Keeps a block of deals found elsewhere (a thread ranking every deal
   * sends them so): a ranking that keeps runs takes the block as it is, a
   * heap offers it each deal; a run due meanwhile is written at once.
   */
  offerBlock(block: DealBlock): void {
    const { heap, runs } = this;
    if (runs !== undefined) {
      runs.work();
      runs.adopt(block);
      return;
    }
    const { keys, kinds, sizes, trades, stride } = block;
    for (let j = 0; j < block.count; j++) {
      const at = j * stride;
      heap?.offer(keys[j], dealKinds[kinds[j]], trades.subarray(at, at + sizes[j]), sizes[j]);
    }
  }

  /** The search was done elsewhere (worker threads): `advance` only finishes the kept runs. */
  searchedElsewhere(): void {
    this.searched = true;
  }

  /** The kept deals in rank order (compact: key, kind, trades, id), once the ranking is done. */
  kept(): Iterable<RankedKeptDeal> {
    const { heap, runs } = this;
    const top = this.scan.options.top;
    if (runs !== undefined) return runs.ranked(top);
    return top > 0 && heap !== undefined ? heap.sorted() : [];
  }

  /**
   * The kept deals by key descending, in batches of at least `batchDeals`
   * that each end between two keys, equal keys in no particular order (for a
   * reader that puts them in id order itself: the threads writing a listing).
   */
  keptBatches(batchDeals: number): Iterable<PackedDeals> {
    const runs = this.runs;
    return runs !== undefined
      ? runs.batchesByKey(this.scan.options.top, batchDeals)
      : batchesByKey(this.kept(), batchDeals);
  }

  /** The ranked deals, built as they are read. */
  result(): RankedDeals {
    const { scan, heap, runs } = this;
    const top = scan.options.top;
    if (runs === undefined) {
      const ranked = top > 0 && heap !== undefined ? heap.sorted() : [];
      return {
        length: ranked.length,
        close() {},
        *[Symbol.iterator]() {
          for (const deal of ranked) yield scan.rebuild(deal.kind, deal.trades, deal.id);
        },
      };
    }
    const ranking = {
      length: Math.min(runs.size, top),
      close() {
        unclosed.unregister(ranking);
        runs.close();
      },
      *[Symbol.iterator]() {
        for (const deal of runs.ranked(top)) yield scan.rebuild(deal.kind, deal.trades, deal.id);
      },
    };
    unclosed.register(ranking, runs, ranking);
    return ranking;
  }

  /** Frees what an abandoned ranking holds. */
  discard(): void {
    this.runs?.close();
  }
}
