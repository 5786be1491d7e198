/**
 * The ranking of `rankDealsAsync` on several threads (`threads` > 1): the
 * roots of the search over the whole network are cut into small chunks of
 * about equal root counts (`rootChunks`, many per thread; a shard's slice
 * into chunks of about equal estimated cost, `rootCosts`). The calling
 * thread and `threads` − 1 worker threads each pull chunks from a shared
 * counter until none is left (`ChunkRanker`), so no chunk waits on the
 * calling thread and a thread that drew cheap chunks simply takes more. The
 * calling thread starts at once, its code as warm as a one-thread ranking's,
 * while the workers start up and warm up theirs, and once every chunk is
 * taken it waits only for the workers that took one: a small ranking loses
 * little to the threads' start (100k firms, top 20, cold: 250 against 210
 * ms on one thread). It ranks in slices of 10 ms, between which it keeps
 * what the workers sent, answers their asks and reports progress.
 *
 * A ranking of the best N keeps each thread's best N over its chunks, the
 * threads sharing the N best keys found so far, whose worst is the floor for
 * all of them (`SharedThreshold`); a ranking of every deal sends them on in
 * blocks as they are found, each sorted by key where it was found
 * (`DealBlock`), which the calling thread's runs keep as they are. The
 * calling thread keeps every deal it gets in the one ranking (the same heap
 * or runs as on one thread, by the same rank key: the score to 12
 * significant digits, then the id), so the result is exactly one thread's. A
 * search around an initiator is one unit of work: it runs on the calling
 * thread.
 *
 * On an abort (or an error) the job's queued tasks are dropped and the
 * threads running its tasks are ended (piscina ends a thread whose task is
 * aborted) before the promise rejects. The pool itself stays for later
 * rankings (`deal-threads.ts`); its idle threads keep no process alive.
 */

import { MessageChannel } from "node:worker_threads";
import type { Network } from "../model/types.js";
import { checkAbort, type SearchStats } from "../search/deal-walk.js";
import { type DealKind, dealKinds } from "../search/kinds.js";
import { costOfRoots, packChunks, rootChunks } from "../search/root-chunks.js";
import { estimatedWork, rootCosts } from "../search/root-cost.js";
import { RootRanges } from "../search/root-ranges.js";
import { prefetchSearchGraph, searchGraphOf } from "../search/search-graph.js";
import { shardRoots } from "../search/shard.js";
import { sharedSurplusReach } from "../search/surplus-bound.js";
import type { IndexArrayName } from "../trade-index/index-layout.js";
import { type TradeIndex, tradeIndexOf } from "../trade-index/trade-index.js";
import { fillSharedSurpluses, sharedTradeSurpluses } from "../trade-index/trade-surplus.js";
import { ChunkRanker } from "./chunk-ranker.js";
import { DealBlock, type SentDealBlock } from "./deal-block.js";
import { DealThreads } from "./deal-threads.js";
import { advanceInSlices, rankDealsAsync } from "./find-deals.js";
import { type FindDealsOptions, ranksBestBySurplus } from "./find-options.js";
import type { PackedDeals } from "./packed-deals.js";
import { type RankedDeals, Ranking } from "./ranking.js";
import { adoptShareTables, prefetchPricing, sharedArray, shareIndex } from "./shared-index.js";
import { sharedThresholdMemory } from "./shared-threshold.js";
import { useThreadRunner } from "./thread-runner.js";
import {
  chunkHeapLimit,
  defaultStreamBatch,
  progressFields,
  type TaskCounters,
  type TaskLink,
  type ThreadFindOptions,
  takeProgressSlot,
  type WorkerJob,
} from "./thread-tasks.js";

/** Numbers the jobs posted to the threads. */
let nextJob = 1;

/** Chunks of the roots per thread: enough for the pulling to even out the estimate's errors. */
export const chunksPerThread = 64;

/** Deals per format task (`jsonTexts`). */
const formatBatch = 2048;

/** Most buffers handed back with one format task (a batch's texts fill ~3 pieces). */
const sparePerTask = 8;

/** Least time between two progress reports (ms). */
const progressInterval = 250;

/** What each thread did: its tasks, their time and the deals it found. */
export interface ThreadCounters {
  /** The worker thread's id. */
  readonly thread: number;
  /** Units of work it did: chunks of roots it ranked, and format batches it wrote. */
  tasks: number;
  /** Time on its tasks (ms); the rest of the wall time it was idle or waiting. */
  busyMs: number;
  /** Deals it found (before pricing). */
  deals: number;
}

/** A threaded ranking's deals, with what each thread did. */
export interface ThreadedRankedDeals extends RankedDeals {
  /** Per thread: tasks, busy time, deals found; and the wall time of the search (ms). */
  readonly threadCounters: readonly ThreadCounters[];
  /** Wall time of the search and ranking on threads (ms). */
  readonly searchMs: number;
  /**
   * The SPEC §8 JSON texts of the ranked deals, in rank order, written by the
   * threads in batches as UTF-8 bytes (what `find --format json` prints),
   * each text after `before` and followed by `after`; only with
   * `jsonTexts: true`, before `close()`. With `recycle`, a piece is good
   * only until the next is asked for (copy it to keep it): its buffer goes
   * back to the threads for their next pieces, so that a long listing's
   * bytes are not left for the calling thread's GC to free (at 100k firms,
   * `--all`, ~70 MB of peak RSS).
   */
  readonly jsonTexts?: (
    before: string,
    after: string,
    recycle?: boolean,
  ) => AsyncIterable<Uint8Array>;
}

/** Options of the threaded ranking beyond `FindDealsOptions`. */
export interface ThreadedRankingOptions {
  /** Threads to use (≥ 2). */
  readonly threads: number;
  /** Let the threads build deals too (they get the incumbent floors): `jsonTexts` works only then. @defaultValue false */
  readonly jsonTexts?: boolean;
  /**
   * Below this estimated work (`estimatedWork`, or the `rootCosts` of a
   * shard's roots summed) the ranking runs on the calling thread
   * (`AsyncFindDealsOptions.minThreadedWork`). @defaultValue 0
   */
  readonly minWork?: number;
  /** Deals per block a thread sends while it ranks every deal (at most 8,192). @defaultValue `defaultStreamBatch` (8,192) */
  readonly streamBatch?: number;
}

/** The kinds a search walks (as `DealCursor` keeps them: brokered deals and chains need 3 parties). */
function searchedKinds(kinds: readonly DealKind[], maxParties: number): DealKind[] {
  return dealKinds.filter((k) => kinds.includes(k) && (k === "cycle" || maxParties >= 3));
}

/** A ranking on the calling thread, as `rankOnThreads` answers (no thread counters). */
async function onCallingThread(
  network: Network,
  options: FindDealsOptions,
): Promise<ThreadedRankedDeals> {
  const started = performance.now();
  const deals = await rankDealsAsync(network, { ...options, threads: 1 });
  return Object.assign(deals, { threadCounters: [], searchMs: performance.now() - started });
}

/**
 * Ranks the deals of a network on `threads` worker threads. Falls back to the
 * calling thread (the caller's job) only for searches around an initiator.
 *
 * @throws UsageError on bad options (before any thread starts); the signal's
 *   reason once aborted; a worker thread's error as it was thrown there
 */
export async function rankOnThreads(
  network: Network,
  options: FindDealsOptions,
  threaded: ThreadedRankingOptions,
): Promise<ThreadedRankedDeals> {
  // From a snapshot, the sections are read in parallel (threads idle otherwise):
  // the search graph first, then the pricing's arrays while this thread weighs
  // the work (for a shard, the roots' costs).
  await prefetchSearchGraph(network);
  const index = tradeIndexOf(network, { shared: true });
  const ranking = new Ranking(network, options);
  const resolved = ranking.scan.options;
  const { signal, onProgress, shard, maxParties } = resolved;
  checkAbort(signal);
  const graph = searchGraphOf(index, true, { shared: true });
  const kinds = searchedKinds(resolved.kinds, maxParties);
  // The threads get the incumbent floors to price under the counter, or to build deals.
  const floors = resolved.competition === "counter" || threaded.jsonTexts === true;
  // Threads ranking their best deals by a surplus objective pass over most
  // deals unloaded (`surplusFloor`), once the trades' surpluses are there.
  const passOver = resolved.top <= chunkHeapLimit && ranksBestBySurplus(options);
  // Such a ranking leaves out most of the search (`SurplusBound`): it is small whatever the estimate.
  if (threaded.minWork !== undefined && threaded.minWork > 0 && passOver)
    return onCallingThread(network, options);
  const pricingRead = prefetchPricing(network, { floors, surplusBound: passOver });
  pricingRead.catch(() => {}); // awaited below, unless the estimate throws first
  // The roots' costs cut a shard's slice (its processes cannot pull work from
  // one another). Threads pull their chunks, so the chunks need not be of equal
  // cost: they are cut by root counts (in search order, the cycle search's
  // costliest roots come first and its cheapest last, where they even out the
  // threads' ends), and a sample tells whether the search is worth threads.
  const costs = shard === undefined ? undefined : rootCosts(graph, kinds, maxParties);
  const roots =
    shard === undefined || costs === undefined
      ? RootRanges.all(graph.vertexCount)
      : shardRoots(costs, shard);
  // A shard weighs its own slice of the work: its process does no more.
  const minWork = threaded.minWork ?? 0;
  const work =
    minWork <= 0
      ? 0
      : costs !== undefined
        ? costOfRoots(costs, roots)
        : estimatedWork(graph, kinds, maxParties);
  await pricingRead;
  if (work < minWork) return onCallingThread(network, options);
  const chunks =
    resolved.top === 0 || kinds.length === 0
      ? []
      : rootChunks(costs, roots, threaded.threads * chunksPerThread);
  const { signal: _s, onProgress: _p, shard: _h, ...rest } = options;
  const threadOptions: ThreadFindOptions = rest;
  const started = performance.now();
  const slots = sharedWords(1);
  // A ranking of the best N: the threads share the N best keys found so far.
  const threshold =
    resolved.top <= chunkHeapLimit ? sharedThresholdMemory(resolved.top) : undefined;
  // A slot per thread the job may ever see (a thread ended by piscina is replaced).
  const progress = new Float64Array(
    new SharedArrayBuffer(
      8 * progressFields * 4 * threaded.threads,
    ) as ArrayBufferLike as ArrayBuffer,
  );
  // Stored in the snapshot, or written by the calling thread while the workers start.
  const surpluses = passOver && chunks.length > 0 ? sharedTradeSurpluses(index) : undefined;
  const job: WorkerJob = {
    id: nextJob++,
    share: shareIndex(
      index,
      graph,
      floors,
      surpluses,
      // A reach the snapshot stores, extended here for longer walks: shared, not built per thread.
      surpluses?.stored === true
        ? sharedSurplusReach(graph, index, surpluses.values, maxParties)
        : undefined,
    ),
    options: threadOptions,
    slots,
    progress,
    ...(threshold === undefined ? {} : { threshold }),
  };
  const threads = await DealThreads.open(job, threaded.threads, signal);
  const perThread = new Map<number, ThreadCounters>();
  const stats = {
    steps: 0,
    deals: 0,
    rootsDone: 0,
    rootsTotal: roots.rootCount * kinds.length,
    rootShare: 0,
  } satisfies SearchStats;
  const count = (counters: TaskCounters) => {
    let mine = perThread.get(counters.thread);
    if (mine === undefined) {
      mine = { thread: counters.thread, tasks: 0, busyMs: 0, deals: 0 };
      perThread.set(counters.thread, mine);
    }
    mine.tasks += counters.tasks;
    mine.busyMs += counters.busyMs;
    mine.deals += counters.deals;
    stats.steps += counters.steps;
    stats.deals += counters.deals;
    stats.rootsDone += counters.rootsDone;
  };
  // The threads write their live counters to shared memory; the calling thread sums them up.
  const live = () => {
    const sum = { steps: 0, deals: 0, rootsDone: 0, rootsTotal: stats.rootsTotal, rootShare: 0 };
    for (let at = 0; at < progress.length; at += progressFields) {
      sum.steps += progress[at];
      sum.deals += progress[at + 1];
      sum.rootsDone += progress[at + 2];
      sum.rootShare += progress[at + 3];
    }
    return sum;
  };
  const timer =
    onProgress === undefined ? undefined : setInterval(() => onProgress(live()), progressInterval);
  timer?.unref();
  try {
    const keep = (deals: PackedDeals) => ranking.offerPacked(deals);
    // A ranking of every deal gets the chunks' deals in sorted blocks as they are found.
    const keepBlock = (block: DealBlock) => ranking.offerBlock(block);
    // The chunks, which each thread pulls until none is left (`ChunkRanker`).
    const queue = {
      ...packChunks(chunks),
      next: sharedWords(1),
      joined: sharedWords(Math.max(0, threaded.threads - 1)),
      streamBatch: threaded.streamBatch ?? defaultStreamBatch,
    };
    // One task per worker thread, beside the calling thread.
    const onWorkers = Array.from(
      { length: Math.min(threaded.threads - 1, chunks.length) },
      (_, seat) => {
        const { link, done } = openLink(index, (sent) => keepBlock(DealBlock.received(sent)));
        return threads.rank({ task: "rank", ...queue, seat, link }).finally(done);
      },
    );
    let failure: { readonly error: unknown } | undefined;
    for (const task of onWorkers)
      task.catch((error: unknown) => {
        failure ??= { error }; // thrown below, unless the task joined no chunk
      });
    // The table of surpluses, while the workers start (they take it up from their next chunk).
    if (surpluses !== undefined) fillSharedSurpluses(index, surpluses);
    // The calling thread ranks over its own index, with the tables the workers get (written).
    adoptShareTables(index, job.share);
    const here = new ChunkRanker(index, job, takeProgressSlot(job), queue, {
      send: keepBlock,
      ...(signal === undefined ? {} : { signal }),
    });
    // Between two slices: the workers' blocks and asks, progress reports and aborts.
    await advanceInSlices(
      (until) => here.advance(until),
      signal,
      () => failure !== undefined,
    );
    if (failure !== undefined) throw failure.error;
    const mine = here.result();
    if (mine.counters.tasks > 0) count(mine.counters);
    keep(mine);
    // Every chunk is taken: a worker that joined none (still starting) has nothing to give.
    for (const [seat, task] of onWorkers.entries()) {
      if (Atomics.load(queue.joined, seat) === 0) continue;
      const ranked = await task;
      count(ranked.counters);
      keep(ranked);
    }
    clearInterval(timer);
    onProgress?.(stats);
    ranking.searchedElsewhere();
    await advanceInSlices((until) => ranking.advance(until), signal);
  } catch (error) {
    clearInterval(timer);
    ranking.discard();
    threads.abort();
    // An abort rejects the threads' tasks with piscina's own error: throw the signal's reason.
    checkAbort(signal);
    throw error;
  }
  const searchMs = performance.now() - started;
  const result = ranking.result();
  return {
    length: result.length,
    [Symbol.iterator]: () => result[Symbol.iterator](),
    close() {
      result.close();
      threads.closeFormatting();
    },
    threadCounters: [...perThread.values()],
    searchMs,
    ...(threaded.jsonTexts === true
      ? {
          jsonTexts: (before: string, after: string, recycle = false) =>
            formatOnThreads(ranking, threads, signal, count, before, after, recycle),
        }
      : {}),
  };
}

/**
 * A task's link (`TaskLink`): blocks of deals go to `keep`, asked index
 * arrays are sent back in shared memory. `done` closes it.
 */
function openLink(
  index: TradeIndex,
  keep: (block: SentDealBlock) => void,
): { link: TaskLink; done: () => void } {
  const channel = new MessageChannel();
  const acks = sharedWords(2);
  channel.port1.on("message", (message: { array: IndexArrayName } | SentDealBlock) => {
    if ("array" in message) {
      channel.port1.postMessage(sharedArray(index, message.array));
      Atomics.add(acks, 1, 1);
      Atomics.notify(acks, 1);
    } else {
      keep(message);
      Atomics.add(acks, 0, 1);
      Atomics.notify(acks, 0);
    }
  });
  return { link: { port: channel.port2, acks }, done: () => channel.port1.close() };
}

/** `count` 32-bit words of shared memory, zeroed: counters and flags the threads read and write. */
function sharedWords(count: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * count));
}

/** The ranked deals' JSON texts, written by the threads in batches, in rank order. */
async function* formatOnThreads(
  ranking: Ranking,
  threads: DealThreads,
  signal: AbortSignal | undefined,
  count: (counters: TaskCounters) => void,
  before: string,
  after: string,
  recycle: boolean,
): AsyncGenerator<Uint8Array, void, undefined> {
  // By key: each thread puts equal keys in id order (it builds the ids anyway, and the
  // batches end between two keys).
  const batches = ranking.keptBatches(formatBatch)[Symbol.iterator]();
  const pending: Promise<readonly Uint8Array[]>[] = [];
  const width = 2 * threads.threads;
  // Buffers of pieces written, for the threads' next pieces (`recycle`).
  const spare: ArrayBuffer[] = [];
  let done = false;
  const submit = () => {
    const batch = batches.next();
    if (batch.done === true) {
      done = true;
      return;
    }
    const { link, done: closeLink } = openLink(ranking.scan.index, () => {});
    const task = {
      task: "format" as const,
      link,
      ...batch.value,
      before,
      after,
      ...(spare.length > 0 ? { spare: spare.splice(0, sparePerTask) } : {}),
    };
    const texts = threads
      .format(task)
      .then((formatted) => {
        count(formatted.counters);
        return formatted.pieces;
      })
      .finally(closeLink);
    // Awaited in turn; one that fails after the reading stopped must not go unhandled.
    texts.catch(() => {});
    pending.push(texts);
  };
  try {
    while (!done && pending.length < width) submit();
    while (pending.length > 0) {
      const pieces = await (pending.shift() as Promise<readonly Uint8Array[]>);
      if (!done) submit();
      for (const piece of pieces) {
        yield piece;
        // Asked for the next: the reader is done with this one.
        if (recycle) spare.push(piece.buffer as ArrayBuffer);
      }
    }
  } catch (error) {
    threads.abort();
    checkAbort(signal);
    throw error;
  }
}

// Importing this module (the Node entry does) gives findDealsAsync its threads.
useThreadRunner(rankOnThreads);
