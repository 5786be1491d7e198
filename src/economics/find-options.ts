/**
 * The options of `iterateDeals` and `findDeals` (SPEC §8), their defaults and
 * their eager validation: every misuse is a UsageError before any search.
 */

import { UsageError } from "../model/errors.js";
import type { SearchStats } from "../search/deal-walk.js";
import { type DealKind, dealKinds, maxPartiesLimit } from "../search/kinds.js";
import { checkShard, type Shard } from "../search/shard.js";
import type { TradeIndex } from "../trade-index/trade-index.js";
import { scoreBoundedBySurplus } from "./objective.js";
import {
  defaultPricingOptions,
  type PricingOptions,
  type ResolvedPricing,
  resolvePricing,
} from "./pricing-options.js";

/** Options of `iterateDeals` (and of `findDeals`, which adds `top`). */
export interface DealSearchOptions extends PricingOptions {
  /** Which deal shapes to list. @defaultValue `["cycle", "brokered"]` */
  readonly kinds?: readonly DealKind[];
  /** Most parties of a deal (2..12); brokered deals need 3, chains at least 3. @defaultValue 3 */
  readonly maxParties?: number;
  /** Also list deals no discounts make feasible (priced by the `fair` policy). @defaultValue false */
  readonly includeInfeasible?: boolean;
  /** Only deals in which a key account buys (with an initiator: buys from it). @defaultValue false */
  readonly keyAccountsOnly?: boolean;
  /**
   * Aborts the search: the iteration throws the signal's reason. The
   * synchronous functions see only an abort made while they run (from
   * `onProgress`, say); an abort by a timer or another event needs the event
   * loop, so use `findDealsAsync` / `rankDealsAsync` for those. @defaultValue none
   */
  readonly signal?: AbortSignal;
  /** Called with the search's counters at most about four times a second, and once at the end. @defaultValue none */
  readonly onProgress?: (stats: Readonly<SearchStats>) => void;
  /**
   * Only one slice of a search over the whole network: shard `current` of
   * `total` (both from 1). The slices of shards 1..total are disjoint and
   * together make the whole search, balanced by an estimate of each root's
   * work; each shard's ranking merged with the others' (`merge`) is the
   * single run's. Every shard must be run with the same network and options.
   * Around an initiator the search is one unit: all of it is shard 1's.
   * @defaultValue the whole search
   */
  readonly shard?: Shard;
}

/** Options of `findDeals`. */
export interface FindDealsOptions extends DealSearchOptions {
  /** How many of the best deals to return: a whole number, or Infinity for all. @defaultValue 20 */
  readonly top?: number;
  /**
   * Bytes that the kept deals of a ranking may take in memory. A longer
   * ranking (`top: Infinity`, or a `top` whose deals would not fit) is sorted
   * in runs written to an anonymous temporary file, removed from the file
   * system as soon as it is created, and merged when read; so any ranking runs
   * in bounded memory, given the disk space (about 12 + 4 · maxParties bytes
   * a deal, rounded up to 8). @defaultValue 256 MiB
   */
  readonly memoryBudget?: number;
  /** Where the temporary file of a long ranking goes. @defaultValue the system's (`os.tmpdir()`, `TMPDIR`) */
  readonly tempDirectory?: string;
}

/**
 * Options of `findDealsAsync` and `rankDealsAsync`: those of `findDeals`, and
 * threads. Only the asynchronous functions take threads: a pool of worker
 * threads is asynchronous by nature, and the calling thread stays free to
 * answer the signal and report progress meanwhile.
 */
export interface AsyncFindDealsOptions extends FindDealsOptions {
  /**
   * Worker threads to search, price and rank on (1: the calling thread
   * alone). With more, the roots of a search over the whole network are
   * shared out in small chunks (of equal root counts; a shard's of equal
   * estimated cost) that the threads pull as they go, over the one shared
   * index; the result is exactly one thread's. A search around an initiator is one unit of work and always
   * runs on the calling thread. The CLI's `--threads` defaults to the cores
   * (at most 8); a library starts no thread unasked. The threads read the
   * index and search graph in shared memory: ones built earlier without it
   * (by `findDeals`, say) are copied there once (at a million firms ~490 MB);
   * build them with `tradeIndexOf(network, { shared: true })` and
   * `searchGraphOf(index, true, { shared: true })` first to share them as
   * they are. @defaultValue 1
   */
  readonly threads?: number;
  /**
   * Below this estimated work (the roots' `rootCosts` summed, estimated
   * from every 16th root: `estimatedWork`; a shard's own roots' summed; a
   * unit is ~15–60 ns of search and pricing on one thread), a search over
   * the whole network (or a shard of it) runs on the calling thread even with `threads` > 1: each new
   * thread loads the library's code (~0.25 s) and runs its first tasks
   * before V8 has optimized them (~0.3–0.4 s more), which a small search
   * never earns back. A ranking of the best N by a surplus objective counts
   * as small whatever the estimate: its walks leave out almost every path
   * (`SurplusBound`; at 1M firms, K = 5, a `find` takes 0.86 s end to end
   * on the calling thread against 1.07 s on 2 threads, which start and warm
   * up their code for it). The CLI sets `defaultMinThreadedWork` when
   * `--threads` is not given. @defaultValue 0 (threads whenever asked)
   */
  readonly minThreadedWork?: number;
}

/**
 * The `minThreadedWork` the CLI uses by default: 2^26 units, ~1.5–3 s of one
 * thread's search. Measured on 2 cores (bench/RESULTS.md), `find --top 20`
 * on the 100k-firm anchors network: 2 threads lose up to 5 parties (2^24.9
 * units: 2.08 against 1.75 s) and win at 6 (2^26.6: 5.02 against 6.61 s).
 */
export const defaultMinThreadedWork = 2 ** 26;

/**
 * The `minThreadedWork` the CLI uses by default for a long listing (more
 * than 10,000 deals asked, or `--all`): such a ranking keeps every deal it
 * finds, and the threads write its JSON, so threads pay from a smaller
 * search. 2^23 units; measured on 2 cores (bench/RESULTS.md), `find --all`
 * on the anchors networks: 10k firms at K = 4 (2^20.7 units) 1.44 s on one
 * thread against 1.75 s on two; 100k at K = 3 (2^23.7) 3.30 against 2.96 s,
 * at K = 4 (2^24.0) 5.90 against 4.34 s.
 */
export const defaultMinListingWork = 2 ** 23;

/** The most worker threads a search may be given. */
export const maxThreadCount = 256;

/**
 * The thread count of `AsyncFindDealsOptions`, checked.
 *
 * @throws UsageError unless a whole number from 1 to `maxThreadCount`
 */
export function threadCountOf(options: AsyncFindDealsOptions): number {
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1 || threads > maxThreadCount)
    throw new UsageError(`threads must be a whole number from 1 to ${maxThreadCount}: ${threads}`);
  return threads;
}

/**
 * The defaults of `FindDealsOptions` (SPEC §8). The policy and objective
 * defaults depend on the initiator: see `defaultPricingOptions`.
 */
export const defaultFindOptions = {
  kinds: ["cycle", "brokered"] as readonly DealKind[],
  maxParties: 3,
  includeInfeasible: false,
  keyAccountsOnly: false,
  top: 20,
  memoryBudget: 256 * 1024 * 1024,
} as const satisfies FindDealsOptions;

/**
 * Whether `options` rank the best deals of the whole network by a surplus
 * objective: a ranking whose walks leave out what cannot enter
 * (`SurplusBound`), too small for threads to pay.
 */
export function ranksBestBySurplus(options: FindDealsOptions): boolean {
  const top = options.top ?? defaultFindOptions.top;
  const objective = options.objective ?? defaultPricingOptions.withoutInitiator.objective;
  return (
    options.initiator === undefined &&
    top > 0 &&
    Number.isFinite(top) &&
    scoreBoundedBySurplus(objective)
  );
}

/** Options after defaults and validation. */
export interface ResolvedFindOptions extends ResolvedPricing {
  readonly kinds: readonly DealKind[];
  readonly maxParties: number;
  readonly includeInfeasible: boolean;
  readonly keyAccountsOnly: boolean;
  readonly top: number;
  readonly signal: AbortSignal | undefined;
  readonly onProgress: ((stats: Readonly<SearchStats>) => void) | undefined;
  readonly shard: Shard | undefined;
  readonly memoryBudget: number;
  readonly tempDirectory: string | undefined;
}

/**
 * Applies the defaults and checks the options.
 *
 * @throws UsageError on an unknown initiator, kind, policy or objective, an
 *   initiator policy or objective without an initiator, maxParties not a whole
 *   number from 2 to 12, top not a whole number ≥ 0 nor Infinity, a bad shard,
 *   or a memory budget that is not a positive number
 */
export function resolveFindOptions(
  index: TradeIndex,
  options: FindDealsOptions,
): ResolvedFindOptions {
  const pricing = resolvePricing(index, options);
  const kinds = options.kinds ?? defaultFindOptions.kinds;
  for (const kind of kinds) {
    if (!dealKinds.includes(kind))
      throw new UsageError(`unknown deal kind: ${String(kind)} (expected ${dealKinds.join(", ")})`);
  }
  const maxParties = options.maxParties ?? defaultFindOptions.maxParties;
  if (!Number.isInteger(maxParties) || maxParties < 2 || maxParties > maxPartiesLimit) {
    throw new UsageError(
      `maxParties must be a whole number from 2 to ${maxPartiesLimit}: ${maxParties}`,
    );
  }
  const top = options.top ?? defaultFindOptions.top;
  if (!(top === Number.POSITIVE_INFINITY || (Number.isInteger(top) && top >= 0))) {
    throw new UsageError(`top must be a whole number ≥ 0 or Infinity: ${top}`);
  }
  if (options.shard !== undefined) checkShard(options.shard);
  const memoryBudget = options.memoryBudget ?? defaultFindOptions.memoryBudget;
  if (!(memoryBudget > 0))
    throw new UsageError(`memoryBudget must be a positive number of bytes: ${memoryBudget}`);
  return {
    ...pricing,
    kinds,
    maxParties,
    includeInfeasible: options.includeInfeasible ?? defaultFindOptions.includeInfeasible,
    keyAccountsOnly: options.keyAccountsOnly ?? defaultFindOptions.keyAccountsOnly,
    top,
    signal: options.signal,
    onProgress: options.onProgress,
    shard: options.shard,
    memoryBudget,
    tempDirectory: options.tempDirectory,
  };
}
