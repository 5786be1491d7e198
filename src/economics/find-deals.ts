/**
 * `findDeals`, `rankDeals` and `iterateDeals` (SPEC §8), and the asynchronous
 * `findDealsAsync` and `rankDealsAsync`: the deals of a network (SPEC §4),
 * priced by the policy (SPEC §5) with the exact fast path, either streamed in
 * search order or ranked by the objective (`rank-order.ts`: the score to 12
 * significant digits, descending, ties by id ascending).
 *
 * Ranking keeps the best `top` in a bounded heap when they fit the memory
 * budget, and otherwise every deal in sorted runs spilled to a temporary file
 * (`KeptDealRuns`). Before a deal is priced, an upper bound of its objective
 * that needs no LP (the surplus objectives are known exactly; the initiator's
 * net is at most the surplus less the other parties' hurdles, and at most its
 * net with every discount received) is compared with the worst kept score,
 * and deals that cannot enter are skipped; only the kept deals are built as
 * objects, one at a time as the ranking is read.
 *
 * Cancellation. The synchronous functions hold the thread until they end, so
 * no timer or I/O event can run meanwhile: they honour `signal` only when it
 * is aborted synchronously (from `onProgress`, or before the call). The
 * asynchronous ones run the very same scan in slices of about
 * `asyncSliceMs`, pausing the search wherever it is (between deals, or inside
 * a long DFS that finds none) and giving the event loop a turn (`setImmediate`)
 * between slices, so an abort by a timer, a signal handler or any other event
 * stops them within a slice.
 */
import type { Network } from "../model/types.js";
import { checkAbort } from "../search/deal-walk.js";
import type { DealKind } from "../search/kinds.js";
import { prefetchSearchGraph } from "../search/search-graph.js";
import type { Deal } from "./deal.js";
import { DealScan } from "./deal-scan.js";
import {
  type AsyncFindDealsOptions,
  type DealSearchOptions,
  type FindDealsOptions,
  ranksBestBySurplus,
  threadCountOf,
} from "./find-options.js";
import { type RankedDeals, Ranking } from "./ranking.js";
import { prefetchPricing } from "./shared-index.js";
import { threadRunner } from "./thread-runner.js";

export type { RankedDeals } from "./ranking.js";

/** About how long the asynchronous functions search before giving the event loop a turn (ms). */
export const asyncSliceMs = 10;

/**
 * Lists the deals of a network lazily, in search order, each priced by the
 * policy; infeasible deals only with `includeInfeasible`.
 *
 * @throws UsageError at once (before iterating) on bad options; the iteration
 *   throws the signal's reason once `signal` is aborted
 * @example
 * for (const deal of iterateDeals(network, { initiator: "steel" })) console.log(deal.id, deal.score);
 */
export function iterateDeals(
  network: Network,
  options: DealSearchOptions = {},
): Generator<Deal<DealKind>, void, undefined> {
  const scan = new DealScan(network, options);
  return streamDeals(scan);
}

function* streamDeals(scan: DealScan): Generator<Deal<DealKind>, void, undefined> {
  const include = scan.options.includeInfeasible;
  while (scan.next()) {
    scan.price();
    if (scan.economy.feasible || include) yield scan.build();
  }
}

/**
 * The best deals of a network (SPEC §4, §5), ranked by the objective
 * (descending), ties broken by id ascending, so the list is deterministic.
 *
 * @throws UsageError on bad options: an unknown initiator or kind, an
 *   initiator policy or objective without an initiator, maxParties outside
 *   2..12, a bad `top`, shard or memory budget; throws the signal's reason once
 *   `signal` is aborted (synchronously: see `findDealsAsync`)
 * @example
 * const best = findDeals(network, { initiator: "steel", top: 5 });
 */
export function findDeals(network: Network, options: FindDealsOptions = {}): Deal<DealKind>[] {
  return [...rankDeals(network, options)];
}

/**
 * `findDeals` that gives the event loop a turn every few milliseconds, so that
 * `signal` stops it within about `asyncSliceMs` whatever aborts it (a timer:
 * `AbortSignal.timeout(ms)`, a signal handler, a request that went away).
 *
 * With `threads` > 1 the search, pricing and ranking run on that many
 * worker threads (see `AsyncFindDealsOptions.threads`); the deals are the same.
 *
 * @throws as `findDeals` (the promise rejects; a usage error before any
 *   search), and a worker thread's error
 * @example
 * const deals = await findDealsAsync(network, { maxParties: 6, signal: AbortSignal.timeout(2000) });
 * const same = await findDealsAsync(network, { maxParties: 6, threads: 4 });
 */
export async function findDealsAsync(
  network: Network,
  options: AsyncFindDealsOptions = {},
): Promise<Deal<DealKind>[]> {
  const ranked = await rankDealsAsync(network, options);
  try {
    return [...ranked];
  } finally {
    ranked.close();
  }
}

/**
 * `findDeals` without holding every deal as objects: the search and the ranking
 * run at once (keeping only the compact trade lists of the best `top`, in a
 * temporary file past `memoryBudget`), and each deal is built when the
 * iteration reaches it. For writing a long ranked listing (`find --all`) in
 * bounded memory. The deals can be read any number of times until `close()`.
 *
 * @throws as `findDeals`
 */
export function rankDeals(network: Network, options: FindDealsOptions = {}): RankedDeals {
  const ranking = new Ranking(network, options);
  try {
    ranking.advance(Number.POSITIVE_INFINITY);
  } catch (error) {
    ranking.discard();
    throw error;
  }
  return ranking.result();
}

/**
 * `rankDeals` that gives the event loop a turn every few milliseconds (see
 * `findDealsAsync`), or runs on worker threads (`threads`).
 *
 * @throws as `findDeals` (the promise rejects), and a worker thread's error
 */
export async function rankDealsAsync(
  network: Network,
  options: AsyncFindDealsOptions = {},
): Promise<RankedDeals> {
  const threads = threadCountOf(options);
  if (threads > 1 && options.initiator === undefined)
    return threadRunner()(network, options, { threads, minWork: options.minThreadedWork });
  const ranking = new Ranking(network, options);
  try {
    await readAhead(network, options);
    await advanceInSlices((until) => ranking.advance(until), options.signal);
  } catch (error) {
    ranking.discard();
    throw error;
  }
  return ranking.result();
}

/**
 * From a snapshot, reads ahead the sections a search over the whole network
 * on the calling thread reads as it goes (whole, each on first use, the
 * thread waiting): the search graph, the pricing's arrays, the incumbents'
 * floors when it prices under the counter and, for a ranking of the best N
 * by surplus, the bound's tables (the sections a threaded search reads
 * ahead), all at once in pieces read in parallel on libuv's threads. A
 * search around an initiator reads little of them: nothing is read ahead.
 */
async function readAhead(network: Network, options: FindDealsOptions): Promise<void> {
  if (options.initiator !== undefined) return;
  await Promise.all([
    prefetchSearchGraph(network),
    prefetchPricing(network, {
      floors: options.competition === "counter",
      surplusBound: ranksBestBySurplus(options),
    }),
  ]);
}

/**
 * Calls `advance(until)` with `until` `asyncSliceMs` ahead, giving the event
 * loop a turn between two calls (timers, messages, an abort), until it says
 * it is done, or `stopped()` says to stop.
 *
 * @throws the signal's reason once it is aborted
 */
export async function advanceInSlices(
  advance: (until: number) => boolean,
  signal: AbortSignal | undefined,
  stopped: () => boolean = () => false,
): Promise<void> {
  while (!stopped() && !advance(performance.now() + asyncSliceMs)) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    checkAbort(signal);
  }
}
