/**
 * The ranking of `rankDealsAsync` on several threads (`threads` > 1): the
 * roots of the search over the whole network (or of its shard) are cut into
 * small chunks of about equal estimated cost (`rootChunks`, many per
 * thread), which worker threads pull one at a time: each searches, prices
 * and ranks its chunk over the shared index (`rankChunk`), told the worst key
 * the ranking keeps so far; the calling thread offers every returned deal to
 * the one ranking (the same heap or runs as on one thread, by the same rank
 * key: the score to 12 significant digits, then the id), so the result is
 * exactly one thread's. A search around an initiator is one unit of work: it
 * runs on the calling thread.
 *
 * The calling thread keeps at most two tasks per thread in flight, so an
 * abort (or an error) leaves little to cancel: on either, every thread is
 * ended (`destroy`) before the promise rejects.
 */

import type { Network } from "../model/types.js";
import { checkAbort, type SearchStats } from "../search/deal-walk.js";
import { type DealKind, dealKinds } from "../search/kinds.js";
import { rootChunks } from "../search/root-chunks.js";
import { rootCosts } from "../search/root-cost.js";
import { RootRanges } from "../search/root-ranges.js";
import { searchGraphOf } from "../search/search-graph.js";
import { shardRoots } from "../search/shard.js";
import { tradeIndexOf } from "../trade-index/trade-index.js";
import { DealThreads } from "./deal-threads.js";
import type { FindDealsOptions } from "./find-options.js";
import { type RankedDeals, Ranking } from "./ranking.js";
import { shareIndex } from "./shared-index.js";
import type { RankedChunk, TaskCounters, ThreadFindOptions } from "./thread-tasks.js";

/** Chunks of the roots per thread: enough for the pulling to even out the estimate's errors. */
export const chunksPerThread = 64;

/** Deals per format task (`jsonTexts`). */
const formatBatch = 2048;

/** Least time between two progress reports (ms). */
const progressInterval = 250;

/** What each thread did: its tasks, their time and the deals it found. */
export interface ThreadCounters {
  /** The worker thread's id. */
  readonly thread: number;
  /** Tasks it ran. */
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
   * The SPEC §8 JSON text of each ranked deal, in rank order, written by the
   * threads in batches (what `find --format json` prints); only with
   * `jsonTexts: true`, before `close()`.
   */
  jsonTexts(): AsyncIterable<string>;
}

/** Options of the threaded ranking beyond `FindDealsOptions`. */
export interface ThreadedRankingOptions {
  /** Threads to use (≥ 2). */
  readonly threads: number;
  /** Keep the threads for `jsonTexts` until `close()`. @defaultValue false */
  readonly jsonTexts?: boolean;
}

/** The kinds a search walks (as `DealCursor` keeps them: brokered deals and chains need 3 parties). */
function searchedKinds(kinds: readonly DealKind[], maxParties: number): DealKind[] {
  return dealKinds.filter((k) => kinds.includes(k) && (k === "cycle" || maxParties >= 3));
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
  const index = tradeIndexOf(network, { shared: true });
  const ranking = new Ranking(network, options);
  const resolved = ranking.scan.options;
  const { signal, onProgress, shard, maxParties } = resolved;
  checkAbort(signal);
  const graph = searchGraphOf(index, true, { shared: true });
  const kinds = searchedKinds(resolved.kinds, maxParties);
  const costs = rootCosts(graph, kinds, maxParties);
  const roots = shard === undefined ? RootRanges.all(graph.vertexCount) : shardRoots(costs, shard);
  const chunks =
    resolved.top === 0 || kinds.length === 0
      ? []
      : rootChunks(costs, roots, threaded.threads * chunksPerThread);
  const { signal: _s, onProgress: _p, shard: _h, ...rest } = options;
  const threadOptions: ThreadFindOptions = rest;
  const started = performance.now();
  const threads = new DealThreads(
    {
      share: shareIndex(
        index,
        graph,
        resolved.competition === "counter" || threaded.jsonTexts === true,
      ),
      options: threadOptions,
    },
    threaded.threads,
  );
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
    mine.tasks++;
    mine.busyMs += counters.busyMs;
    mine.deals += counters.deals;
    stats.steps += counters.steps;
    stats.deals += counters.deals;
    stats.rootsDone += counters.rootsDone;
  };
  let keepThreads = false;
  try {
    let lastReport = performance.now();
    const keep = (chunk: RankedChunk) => {
      count(chunk.counters);
      const { keys, kinds: kindCodes, sizes, trades, ids } = chunk;
      let at = 0;
      for (let j = 0; j < keys.length; j++) {
        const size = sizes[j];
        ranking.offer(
          keys[j],
          dealKinds[kindCodes[j]],
          trades.subarray(at, at + size),
          size,
          ids[j],
        );
        at += size;
      }
      const now = performance.now();
      if (onProgress !== undefined && now - lastReport >= progressInterval) {
        lastReport = now;
        onProgress(stats);
      }
    };
    await pull(chunks.length, 2 * threaded.threads, (c) =>
      threads
        .rank({ task: "rank", roots: chunks[c].bounds, threshold: ranking.threshold }, signal)
        .then(keep),
    );
    onProgress?.(stats);
    ranking.searchedElsewhere();
    while (!ranking.advance(performance.now() + 10)) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      checkAbort(signal);
    }
    keepThreads = threaded.jsonTexts === true;
  } catch (error) {
    ranking.discard();
    await threads.destroy();
    // An abort rejects the threads' tasks with piscina's own error: throw the signal's reason.
    checkAbort(signal);
    throw error;
  } finally {
    if (!keepThreads) await threads.destroy();
  }
  const searchMs = performance.now() - started;
  const result = ranking.result();
  return {
    length: result.length,
    [Symbol.iterator]: () => result[Symbol.iterator](),
    close() {
      result.close();
      void threads.destroy();
    },
    threadCounters: [...perThread.values()],
    searchMs,
    jsonTexts: () => formatOnThreads(ranking, threads, signal, count),
  };
}

/**
 * Runs `task(0) … task(total − 1)`, at most `width` at a time, each started as
 * soon as one ends (in order); rejects on the first rejection.
 */
function pull(total: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let next = 0;
    let running = 0;
    let failed = false;
    const launch = () => {
      while (!failed && running < width && next < total) {
        running++;
        task(next++).then(
          () => {
            running--;
            if (next === total && running === 0) resolve();
            else launch();
          },
          (error: unknown) => {
            failed = true;
            reject(error);
          },
        );
      }
      if (total === 0) resolve();
    };
    launch();
  });
}

/** The ranked deals' JSON texts, written by the threads in batches, in rank order. */
async function* formatOnThreads(
  ranking: Ranking,
  threads: DealThreads,
  signal: AbortSignal | undefined,
  count: (counters: TaskCounters) => void,
): AsyncGenerator<string, void, undefined> {
  const kept = ranking.kept()[Symbol.iterator]();
  const pending: Promise<readonly string[]>[] = [];
  const width = 2 * threads.threads;
  let done = false;
  const submit = () => {
    const kinds: number[] = [];
    const sizes: number[] = [];
    const trades: number[] = [];
    const ids: string[] = [];
    while (kinds.length < formatBatch) {
      const step = kept.next();
      if (step.done === true) {
        done = true;
        break;
      }
      const deal = step.value;
      kinds.push(dealKinds.indexOf(deal.kind));
      sizes.push(deal.trades.length);
      for (const t of deal.trades) trades.push(t);
      ids.push(deal.id);
    }
    if (kinds.length === 0) return;
    const task = {
      task: "format" as const,
      kinds: Uint8Array.from(kinds),
      sizes: Uint8Array.from(sizes),
      trades: Int32Array.from(trades),
      ids,
    };
    const texts = threads.format(task, signal).then((formatted) => {
      count(formatted.counters);
      return formatted.texts;
    });
    // Awaited in turn; one that fails after the reading stopped must not go unhandled.
    texts.catch(() => {});
    pending.push(texts);
  };
  try {
    while (!done && pending.length < width) submit();
    while (pending.length > 0) {
      const texts = await (pending.shift() as Promise<readonly string[]>);
      if (!done) submit();
      yield* texts;
    }
  } catch (error) {
    await threads.destroy();
    checkAbort(signal);
    throw error;
  }
}
