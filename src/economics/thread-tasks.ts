/**
 * The work a worker thread does for a threaded ranking, as plain functions
 * of an index (so they run, and are tested, on any thread), and what its
 * tasks carry:
 *
 * - a rank task: the chunks of the roots to take and rank
 *   (`chunk-ranker.ts`, which the calling thread runs too), and the link
 *   its deals travel by (`DealStream`);
 * - `formatDeals`: build ranked deals again from their trades and write each
 *   one's SPEC §8 JSON text (what `find --format json` prints), so that a long
 *   listing is written by every thread.
 *
 * Results travel as flat typed arrays and one string per id.
 */
import { type MessagePort, threadId } from "node:worker_threads";
import { dealId } from "../search/deal-id.js";
import type { SearchStats } from "../search/deal-walk.js";
import { dealKinds } from "../search/kinds.js";
import type { TradeIndex } from "../trade-index/trade-index.js";
import { compareIds } from "../util/compare-ids.js";
import { ioChunkBytes } from "../util/io-chunk.js";
import { Utf8Bytes } from "../util/utf8-bytes.js";
import type { DealBlock } from "./deal-block.js";
import { dealJsonText } from "./deal-json.js";
import { DealScan } from "./deal-scan.js";
import type { FindDealsOptions } from "./find-options.js";
import { type PackedDeals, packedId } from "./packed-deals.js";
import type { SharedIndex } from "./shared-index.js";
import type { SharedThresholdMemory } from "./shared-threshold.js";

/** Find options as a worker thread gets them: no signal, callback or shard (the calling thread keeps those). */
export type ThreadFindOptions = Omit<FindDealsOptions, "signal" | "onProgress" | "shard">;

/** One ranking's work: what every task of it carries. */
export interface WorkerJob {
  /** Tells the jobs apart (a thread keeps the index of its last few jobs). */
  readonly id: number;
  readonly share: SharedIndex;
  readonly options: ThreadFindOptions;
  /**
   * Live counters in shared memory: word 0 of `slots` hands each thread its
   * slot (from 0); slot k is `progressFields` numbers of `progress` from
   * k · progressFields: steps, deals and root searches done in the job so
   * far, and the share of the current root search done.
   */
  readonly slots: Int32Array;
  readonly progress: Float64Array;
  /**
   * A ranking of the best N deals: the best N keys the threads have kept so
   * far (`SharedThreshold`), whose worst every thread reads before each
   * deal, and to which each offers the keys its own best N take in.
   */
  readonly threshold?: SharedThresholdMemory;
}

/** Numbers per thread in `WorkerJob.progress`. */
export const progressFields = 4;

/** A thread's slot in a job's live counters, with its totals from finished tasks. */
export interface ProgressSlot {
  readonly at: number;
  steps: number;
  deals: number;
  rootsDone: number;
}

/** Takes a slot in the job's live counters (once per thread and job). */
export function takeProgressSlot(job: WorkerJob): ProgressSlot {
  const slot = Atomics.add(job.slots, 0, 1);
  return { at: slot * progressFields, steps: 0, deals: 0, rootsDone: 0 };
}

/** Writes a thread's counters: its finished tasks' and the running one's. */
export function writeProgress(
  job: Pick<WorkerJob, "progress">,
  slot: ProgressSlot,
  stats: Readonly<Pick<SearchStats, "steps" | "deals" | "rootsDone" | "rootShare">>,
): void {
  const { progress } = job;
  if (slot.at + progressFields > progress.length) return;
  progress[slot.at] = slot.steps + stats.steps;
  progress[slot.at + 1] = slot.deals + stats.deals;
  progress[slot.at + 2] = slot.rootsDone + stats.rootsDone;
  progress[slot.at + 3] = stats.rootShare;
}

/** A task as posted to a worker thread. */
export interface DealTask {
  readonly job: WorkerJob;
  readonly work: RankTask | FormatTask;
}

/** A task that only starts a thread (`warmThreads`): it returns the thread's id. */
export interface WarmTask {
  readonly warm: true;
}

/**
 * The chunks of roots of a ranking, which its threads pull one at a time
 * (`rankChunks`): each thread runs one such task, taking the next chunk
 * not yet taken until none is left, so no chunk waits for the calling
 * thread to hand it out.
 */
export interface RankTask {
  readonly task: "rank";
  /** Every chunk's root ranges (`RootRanges.bounds`), one after the other (`packChunks`). */
  readonly bounds: Int32Array;
  /** Chunk c's ranges are `bounds[starts[c]] … bounds[starts[c + 1] − 1]`. */
  readonly starts: Int32Array;
  /** In shared memory: word 0 is the number of the next chunk to take (`Atomics.add`). */
  readonly next: Int32Array;
  /**
   * In shared memory, a word per worker task (its `seat`), set before the
   * task takes its first chunk: once the chunks are all taken, the calling
   * thread waits only for the tasks that joined (a thread still starting
   * when the calling thread has ranked every chunk is not waited for).
   */
  readonly joined: Int32Array;
  readonly seat: number;
  /** The task's link to the calling thread (see `TaskLink`). */
  readonly link: TaskLink;
  /**
   * Deals per block sent ({@link defaultStreamBatch}, at most `blockDeals`;
   * tests make it small). For a ranking of every deal (`top` past
   * `chunkHeapLimit`), the chunks' deals go through the link in blocks of
   * `streamBatch`, sorted by key, as they are found (at most `streamWindow`
   * blocks ahead of what the calling thread has kept; all of them kept
   * before the task ends), so a chunk of millions of deals never gathers in
   * memory. Otherwise the thread keeps the best `top` of all its chunks and
   * returns them.
   */
  readonly streamBatch: number;
}

/**
 * A task's link to the calling thread: a port and two counters in shared
 * memory. The thread posts a block of deals (`SentDealBlock`) and
 * waits until `acks[0]` moves (the block was kept); or posts `{array: name}`
 * for an index array it was not given and waits until `acks[1]` moves, then
 * takes the array off the port (`receiveMessageOnPort`). Waiting in short
 * steps, so that a thread ended meanwhile (an abort) ends at once.
 */
export interface TaskLink {
  readonly port: MessagePort;
  readonly acks: Int32Array;
}

/** Posts `message` and waits until the calling thread bumps `acks[slot]`. */
export function postAndWait(link: TaskLink, slot: 0 | 1, message: unknown): void {
  const before = Atomics.load(link.acks, slot);
  link.port.postMessage(message);
  while (Atomics.load(link.acks, slot) === before) Atomics.wait(link.acks, slot, before, 50);
}

/** Deals per block sent through a task's link, unless the task says otherwise (`blockDeals`). */
export const defaultStreamBatch = 8192;

/**
 * Blocks of deals a thread may have sent ahead of what the calling thread
 * has taken: enough that a thread does not wait while the calling thread
 * takes the other threads' blocks, few enough to bound what is in flight.
 */
const streamWindow = 4;

/**
 * Blocks of deals sent through a task's link (`acks[0]` counts those the
 * calling thread has taken), at most {@link streamWindow} ahead of it.
 */
export class DealStream {
  private sent = 0;

  constructor(private readonly link: TaskLink) {}

  /** Sends a block, its arrays moved (the block is not used again here). */
  send(block: DealBlock): void {
    this.sent++;
    this.link.port.postMessage(block.sent(), block.buffers());
    this.waitUntilTaken(this.sent - streamWindow);
  }

  /**
   * Waits until the calling thread has taken every block sent: the task's
   * result comes by another channel, and the link closes with it.
   */
  drain(): void {
    this.waitUntilTaken(this.sent);
  }

  private waitUntilTaken(count: number): void {
    const { acks } = this.link;
    for (let taken = Atomics.load(acks, 0); taken < count; taken = Atomics.load(acks, 0)) {
      Atomics.wait(acks, 0, taken, 50);
    }
  }
}

/**
 * Ranked deals to write as JSON texts; an id "" is built by the thread. The
 * deals come by key descending, and the thread writes each group of equal
 * keys in id order (the calling thread never cuts such a group in two).
 */
export interface FormatTask extends PackedDeals {
  readonly task: "format";
  /** The task's link to the calling thread (arrays on demand). */
  readonly link: TaskLink;
  /** Written before and after each deal's text. */
  readonly before: string;
  readonly after: string;
  /**
   * Buffers of earlier tasks' pieces, written and handed back by the
   * calling thread (moved, not copied): the pieces are written into them
   * before any new one is made, so that a long listing's bytes do not wait
   * for the calling thread's GC to be freed.
   */
  readonly spare?: ArrayBuffer[];
}

/** What a thread did for one task: the counters the calling thread sums up. */
export interface TaskCounters {
  /** The worker thread's id (`worker_threads.threadId`). */
  readonly thread: number;
  /** Units of work done: chunks of roots ranked, or 1 (a format task). */
  readonly tasks: number;
  /** Time spent on the task (ms). */
  readonly busyMs: number;
  /** Arcs examined, deals found, root searches done (as `SearchStats`). */
  readonly steps: number;
  readonly deals: number;
  readonly rootsDone: number;
}

/** A thread's kept deals of the chunks it ranked (in no particular order), with their rank keys. */
export interface RankedChunks extends PackedDeals {
  readonly counters: TaskCounters;
}

/** The JSON texts of a format task's deals, in its order. */
export interface FormattedDeals {
  /**
   * The deals' JSON texts in UTF-8, each after `FormatTask.before` and
   * followed by `after` (",\n  " and "" for a JSON listing, "" and "\n" for
   * JSON Lines), one after the other: bytes the calling thread writes as
   * they are, in pieces of at most `ioChunkBytes` (under the CLI's mmap
   * threshold, so that a piece comes from malloc's heap and its memory is
   * reused, where a batch's ~3 MB in one array were a new mapping faulted in
   * each time).
   */
  readonly pieces: readonly Uint8Array[];
  readonly counters: TaskCounters;
}

/** A thread's best deals are kept in a heap up to this many; past it every kept deal is sent on. */
export const chunkHeapLimit = 100_000;

/**
 * The bytes of a format task's texts, reused from task to task: each text
 * goes to bytes at once (2,048 texts kept as strings until the end, ropes of
 * many pieces, made every young-generation GC copy them all).
 */
const formatted = new Utf8Bytes(1 << 22);

/**
 * The SPEC §8 JSON text of each deal, built again from its trades as the
 * ranking's `rebuild` does, in rank order: equal keys by id.
 */
export function formatDeals(
  index: TradeIndex,
  options: ThreadFindOptions,
  task: FormatTask,
): FormattedDeals {
  const started = performance.now();
  const scan = new DealScan(index, options);
  const { keys, kinds, sizes } = task;
  const starts = new Int32Array(sizes.length + 1);
  for (let j = 0; j < sizes.length; j++) starts[j + 1] = starts[j] + sizes[j];
  const trades = (j: number) => task.trades.subarray(starts[j], starts[j + 1]);
  const idOf = (j: number) =>
    packedId(task, j) || dealId(index, dealKinds[kinds[j]], trades(j), sizes[j]);
  const write = (j: number, id: string) => {
    formatted.add(task.before);
    formatted.add(dealJsonText(scan.rebuild(dealKinds[kinds[j]], trades(j), id)));
    formatted.add(task.after);
  };
  for (let j = 0; j < sizes.length; ) {
    let end = j + 1;
    while (end < sizes.length && keys[end] === keys[j]) end++;
    if (end === j + 1) write(j, idOf(j));
    else {
      const group: { readonly j: number; readonly id: string }[] = [];
      for (let k = j; k < end; k++) group.push({ j: k, id: idOf(k) });
      group.sort((a, b) => compareIds(a.id, b.id));
      for (const deal of group) write(deal.j, deal.id);
    }
    j = end;
  }
  return {
    pieces: formatted.takePieces(ioChunkBytes, task.spare),
    counters: {
      thread: threadId,
      tasks: 1,
      busyMs: performance.now() - started,
      steps: 0,
      deals: 0,
      rootsDone: 0,
    },
  };
}
