/**
 * The work a worker thread does for a threaded ranking, as plain functions
 * of an index (so they run, and are tested, on any thread):
 *
 * - `rankChunk`: search one chunk of the roots, price its deals and rank
 *   them (the chunk's best `top`, or all of them), exactly as the calling
 *   thread's ranking would keep them (`keptKey`), given the worst key the
 *   ranking keeps so far (deals surely below it are not even priced);
 * - `formatDeals`: build ranked deals again from their trades and write each
 *   one's SPEC §8 JSON text (what `find --format json` prints), so that a long
 *   listing is written by every thread.
 *
 * Results travel as flat typed arrays and one string per id.
 */
import { threadId } from "node:worker_threads";
import { dealId } from "../search/deal-id.js";
import { type DealKind, dealKinds } from "../search/kinds.js";
import { RootRanges } from "../search/root-ranges.js";
import type { TradeIndex } from "../trade-index/trade-index.js";
import { dealJsonText } from "./deal-json.js";
import { DealScan } from "./deal-scan.js";
import type { FindDealsOptions } from "./find-options.js";
import { keptKey } from "./kept-key.js";
import type { SharedIndex } from "./shared-index.js";
import { TopDeals } from "./top-deals.js";

/** Find options as a worker thread gets them: no signal, callback or shard (the calling thread keeps those). */
export type ThreadFindOptions = Omit<FindDealsOptions, "signal" | "onProgress" | "shard">;

/** What every worker thread of a pool is started with. */
export interface WorkerSetup {
  readonly share: SharedIndex;
  readonly options: ThreadFindOptions;
}

/** Deals in flat arrays: deal j has kind `dealKinds[kinds[j]]`, `sizes[j]` trades (in order in `trades`) and id `ids[j]`. */
export interface PackedDeals {
  readonly kinds: Uint8Array;
  readonly sizes: Uint8Array;
  readonly trades: Int32Array;
  readonly ids: readonly string[];
}

/** A chunk of roots to rank. */
export interface RankTask {
  readonly task: "rank";
  /** The chunk's root ranges (`RootRanges.bounds`). */
  readonly roots: Int32Array;
  /** The worst key the ranking keeps so far (−Infinity: none). */
  readonly threshold: number;
}

/** Ranked deals to write as JSON texts. */
export interface FormatTask extends PackedDeals {
  readonly task: "format";
}

/** What a thread did for one task: the counters the calling thread sums up. */
export interface TaskCounters {
  /** The worker thread's id (`worker_threads.threadId`). */
  readonly thread: number;
  /** Time spent on the task (ms). */
  readonly busyMs: number;
  /** Arcs examined, deals found, root searches done (as `SearchStats`). */
  readonly steps: number;
  readonly deals: number;
  readonly rootsDone: number;
}

/** A chunk's kept deals (in no particular order) with their rank keys. */
export interface RankedChunk extends PackedDeals {
  readonly keys: Float64Array;
  readonly counters: TaskCounters;
}

/** The JSON texts of a format task's deals, in its order. */
export interface FormattedDeals {
  readonly texts: readonly string[];
  readonly counters: TaskCounters;
}

/** A chunk's best deals are kept in a heap up to this many; past it every kept deal is returned. */
const chunkHeapLimit = 100_000;

/** Packed deals, filled one at a time. */
class DealPacker {
  keys: number[] = [];
  kinds: number[] = [];
  sizes: number[] = [];
  trades: number[] = [];
  ids: string[] = [];

  add(key: number, kind: DealKind, trades: ArrayLike<number>, size: number, id: string): void {
    this.keys.push(key);
    this.kinds.push(dealKinds.indexOf(kind));
    this.sizes.push(size);
    for (let t = 0; t < size; t++) this.trades.push(trades[t]);
    this.ids.push(id);
  }
}

/** Searches, prices and ranks the deals of one chunk of the roots. */
export function rankChunk(
  index: TradeIndex,
  options: ThreadFindOptions,
  task: RankTask,
): RankedChunk {
  const started = performance.now();
  const scan = new DealScan(index, options, new RootRanges(task.roots));
  const { top } = scan.options;
  const cursor = scan.cursor;
  const idOf = (kind: DealKind, trades: ArrayLike<number>, size: number) =>
    dealId(index, kind, trades, size);
  const heap = top <= chunkHeapLimit ? new TopDeals(top, idOf) : undefined;
  const packer = new DealPacker();
  const given = task.threshold;
  while (top > 0 && scan.next()) {
    const threshold = heap?.full ? Math.max(given, heap.threshold) : given;
    const key = keptKey(scan, threshold);
    if (key === undefined) continue;
    if (heap !== undefined) heap.offer(key, cursor.kind, cursor.trades, cursor.size);
    else
      packer.add(
        key,
        cursor.kind,
        cursor.trades,
        cursor.size,
        idOf(cursor.kind, cursor.trades, cursor.size),
      );
  }
  if (heap !== undefined) {
    for (const deal of heap.sorted())
      packer.add(deal.key, deal.kind, deal.trades, deal.trades.length, deal.id);
  }
  const { steps, deals, rootsDone } = cursor.stats;
  return {
    keys: Float64Array.from(packer.keys),
    kinds: Uint8Array.from(packer.kinds),
    sizes: Uint8Array.from(packer.sizes),
    trades: Int32Array.from(packer.trades),
    ids: packer.ids,
    counters: { thread: threadId, busyMs: performance.now() - started, steps, deals, rootsDone },
  };
}

/** The SPEC §8 JSON text of each deal, built again from its trades as the ranking's `rebuild` does. */
export function formatDeals(
  index: TradeIndex,
  options: ThreadFindOptions,
  task: FormatTask,
): FormattedDeals {
  const started = performance.now();
  const scan = new DealScan(index, options);
  const texts: string[] = [];
  let at = 0;
  for (let j = 0; j < task.sizes.length; j++) {
    const size = task.sizes[j];
    const trades = task.trades.subarray(at, at + size);
    at += size;
    const kind = dealKinds[task.kinds[j]];
    texts.push(dealJsonText(scan.rebuild(kind, trades, task.ids[j])));
  }
  return {
    texts,
    counters: {
      thread: threadId,
      busyMs: performance.now() - started,
      steps: 0,
      deals: 0,
      rootsDone: 0,
    },
  };
}
