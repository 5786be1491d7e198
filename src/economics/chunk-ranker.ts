/**
 * The ranking of chunks of the roots that every thread of a threaded ranking
 * runs, the calling thread included: take the next chunk not yet taken
 * (`RankTask.next`, shared), search its roots, price its deals and rank them
 * as the calling thread's ranking would keep them (`keptKey`). A ranking of
 * the best N keeps the thread's best N over all its chunks, reading and
 * raising the job's shared threshold (`SharedThreshold`) as it goes; a
 * ranking of every deal hands them on as it finds them, in blocks it sorts
 * by key (`DealBlock`), which the calling thread's ranking keeps as they are.
 *
 * In slices of time if need be (`advance`), so that the calling thread can
 * take its part and still, every few milliseconds, keep the worker threads'
 * blocks, answer their asks, report progress and see an abort.
 */
import { threadId } from "node:worker_threads";
import { dealId } from "../search/deal-id.js";
import type { SearchStats } from "../search/deal-walk.js";
import { type DealKind, dealKinds, tradesPerDeal } from "../search/kinds.js";
import { RootRanges } from "../search/root-ranges.js";
import type { TradeIndex } from "../trade-index/trade-index.js";
import { DealBlock } from "./deal-block.js";
import { DealScan } from "./deal-scan.js";
import type { FindDealsOptions } from "./find-options.js";
import { keptKey } from "./kept-key.js";
import { DealPacker } from "./packed-deals.js";
import { SharedThreshold } from "./shared-threshold.js";
import {
  chunkHeapLimit,
  DealStream,
  type ProgressSlot,
  type RankedChunks,
  type RankTask,
  type WorkerJob,
  writeProgress,
} from "./thread-tasks.js";
import { TopDeals } from "./top-deals.js";

/** Arcs examined, deals found and root searches done (as `SearchStats`) over one chunk. */
interface ChunkCounts {
  readonly steps: number;
  readonly deals: number;
  readonly rootsDone: number;
}

/** A search's counters so far, as `ChunkCounts`. */
function countsOf({ steps, deals, rootsDone }: Readonly<SearchStats>): ChunkCounts {
  return { steps, deals, rootsDone };
}

/** What a thread's chunk ranking needs beyond the job. */
export interface ChunkRankerOptions {
  /**
   * Where a ranking of every deal hands its deals, in blocks sorted by key
   * (a worker thread: its link; the calling thread: the ranking).
   */
  readonly send: (block: DealBlock) => void;
  /** The calling thread's signal (worker threads are ended instead). */
  readonly signal?: AbortSignal;
}

/**
 * A thread's part of a threaded ranking: the chunks it takes, ranked until
 * none is left, in slices of time if need be (`advance`).
 *
 * @example
 * const ranker = new ChunkRanker(index, job, slot, task, { send });
 * ranker.advance(Number.POSITIVE_INFINITY);
 * const mine = ranker.result(); // its best N (its last block sent) and counters
 */
export class ChunkRanker {
  /** A ranking of every deal: the block being filled, sent once full (`streamBatch` deals). */
  private block: DealBlock | undefined;
  private kept: TopDeals | undefined;
  private shared: SharedThreshold | undefined;
  private scan: DealScan | undefined;
  /** Whether a chunk taken is still being ranked (the last `advance` paused in it). */
  private inChunk = false;
  /** The cursor's counters at the current chunk's start: the slot holds the chunks done. */
  private before: ChunkCounts = { steps: 0, deals: 0, rootsDone: 0 };
  private steps = 0;
  private deals = 0;
  private rootsDone = 0;
  private taken = 0;
  private busyMs = 0;
  private readonly idOf: (kind: DealKind, trades: ArrayLike<number>, size: number) => string;

  constructor(
    private readonly index: TradeIndex,
    private readonly job: Pick<WorkerJob, "options" | "progress" | "threshold">,
    private readonly slot: ProgressSlot,
    private readonly task: Pick<RankTask, "bounds" | "starts" | "next" | "streamBatch">,
    private readonly chunkOptions: ChunkRankerOptions,
  ) {
    this.idOf = (kind, trades, size) => dealId(index, kind, trades, size);
  }

  /**
   * Ranks the chunks not yet taken, one after the other, until none is left
   * (true) or `performance.now()` reaches `until` (false: call again to go
   * on; the calling thread pauses so, inside a chunk or between two, to keep
   * the workers' blocks, report progress and see an abort).
   */
  advance(until: number): boolean {
    const started = performance.now();
    try {
      for (;;) {
        if (!this.inChunk && !this.takeChunk()) return true;
        if (!this.rankChunk(until)) return false;
        if (until !== Number.POSITIVE_INFINITY && performance.now() >= until) return false;
      }
    } finally {
      this.busyMs += performance.now() - started;
    }
  }

  /** Takes the next chunk not yet taken (false: none is left) and sets the scan on its roots. */
  private takeChunk(): boolean {
    const { bounds, starts, next } = this.task;
    const c = Atomics.add(next, 0, 1);
    if (c >= starts.length - 1) return false;
    this.taken++;
    const scan = this.scanOf(new RootRanges(bounds.subarray(starts[c], starts[c + 1])));
    this.before = countsOf(scan.cursor.stats);
    this.inChunk = true;
    return true;
  }

  /** Ranks the current chunk to its end (true), or until `until` (false: paused in it). */
  private rankChunk(until: number): boolean {
    const scan = this.scan as DealScan;
    const { kept, shared } = this;
    const { streamBatch } = this.task;
    const limit = scan.options.top;
    const cursor = scan.cursor;
    scan.pauseAt(until);
    for (;;) {
      let threshold = kept?.full ? kept.threshold : Number.NEGATIVE_INFINITY;
      if (shared !== undefined) threshold = Math.max(threshold, shared.value);
      if (limit === 0 || !scan.next(threshold)) {
        if (scan.paused) return false;
        break;
      }
      const key = keptKey(scan, threshold);
      if (key === undefined) continue;
      if (kept !== undefined) {
        if (kept.offer(key, cursor.kind, cursor.trades, cursor.size)) shared?.offer(key);
      } else {
        // Every deal goes to the calling thread's ranking, which builds an id only where it
        // needs one, in blocks sorted here.
        this.block ??= new DealBlock(tradesPerDeal(scan.options.maxParties), streamBatch);
        this.block.add(key, dealKinds.indexOf(cursor.kind), cursor.trades, 0, cursor.size);
        if (this.block.full) this.sendBlock();
      }
    }
    const chunk = this.sinceChunkStart(cursor.stats);
    this.steps += chunk.steps;
    this.deals += chunk.deals;
    this.rootsDone += chunk.rootsDone;
    this.slot.steps += chunk.steps;
    this.slot.deals += chunk.deals;
    this.slot.rootsDone += chunk.rootsDone;
    writeProgress(this.job, this.slot, { steps: 0, deals: 0, rootsDone: 0, rootShare: 0 });
    this.inChunk = false;
    return true;
  }

  /** Sends the block being filled, sorted. */
  private sendBlock(): void {
    const block = this.block;
    if (block === undefined) return;
    this.block = undefined;
    block.sort();
    this.chunkOptions.send(block);
  }

  /**
   * What the thread kept: its best N over all its chunks (with their ids);
   * and its counters. A ranking of every deal sends its last block first.
   */
  result(): RankedChunks {
    this.sendBlock();
    const packer = new DealPacker();
    const kept = this.kept;
    if (kept !== undefined) {
      for (const deal of kept.sorted())
        packer.add(deal.key, deal.kind, deal.trades, deal.trades.length, deal.id);
    }
    return {
      ...packer.take(),
      counters: {
        thread: threadId,
        tasks: this.taken,
        busyMs: this.busyMs,
        steps: this.steps,
        deals: this.deals,
        rootsDone: this.rootsDone,
      },
    };
  }

  /** One scan for all the thread's chunks: its cursor goes on over each chunk's roots. */
  private scanOf(roots: RootRanges): DealScan {
    let { scan } = this;
    if (scan !== undefined) {
      scan.searchRoots(roots);
      return scan;
    }
    const { signal } = this.chunkOptions;
    const onProgress = (stats: Readonly<SearchStats>) =>
      writeProgress(this.job, this.slot, {
        ...this.sinceChunkStart(stats),
        rootShare: stats.rootShare,
      });
    const options: FindDealsOptions = {
      ...this.job.options,
      onProgress,
      ...(signal === undefined ? {} : { signal }),
    };
    scan = new DealScan(this.index, options, roots);
    if (scan.options.top <= chunkHeapLimit) {
      this.kept = new TopDeals(scan.options.top, this.idOf);
      if (this.job.threshold !== undefined) this.shared = new SharedThreshold(this.job.threshold);
      scan.leaveOutBelowFloor();
    }
    this.scan = scan;
    return scan;
  }

  private sinceChunkStart(stats: Readonly<SearchStats>): ChunkCounts {
    const { before } = this;
    return {
      steps: stats.steps - before.steps,
      deals: stats.deals - before.deals,
      rootsDone: stats.rootsDone - before.rootsDone,
    };
  }
}

/**
 * A worker thread's rank task: ranks chunks until none is left, its blocks
 * of deals sent through the task's link (all of them taken by the calling
 * thread before it returns).
 */
export function rankChunks(
  index: TradeIndex,
  job: Pick<WorkerJob, "options" | "progress" | "threshold">,
  slot: ProgressSlot,
  task: RankTask,
): RankedChunks {
  Atomics.store(task.joined, task.seat, 1);
  const stream = new DealStream(task.link);
  const ranker = new ChunkRanker(index, job, slot, task, { send: (block) => stream.send(block) });
  ranker.advance(Number.POSITIVE_INFINITY);
  const ranked = ranker.result(); // its last block sent
  stream.drain();
  return ranked;
}
