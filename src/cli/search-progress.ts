/**
 * The progress line of the deal search (`find`, `select`): the search runs
 * one kind after the other, each over every firm (or around the initiator),
 * so the line shows the kind (`cycle 1/2`), the firms done of the network's
 * firms (or of a shard's; not firms × kinds), the share of the whole search done and the ETA
 * from it, and the deals found so far.
 */
import { type RankedDeals, rankDealsAsync } from "../economics/find-deals.js";
import {
  type AsyncFindDealsOptions,
  type FindDealsOptions,
  threadCountOf,
} from "../economics/find-options.js";
import { rankOnThreads } from "../economics/threaded-ranking.js";
import type { Network } from "../model/types.js";
import type { SearchStats } from "../search/deal-walk.js";
import { type DealKind, dealKinds } from "../search/kinds.js";
import type { CliIO } from "./io.js";
import { ProgressReporter, type ProgressState } from "./progress.js";

/** The kinds the search walks, in its order (brokered deals and chains need 3 parties). */
function searchedKinds(options: FindDealsOptions): readonly DealKind[] {
  const asked = options.kinds ?? ["cycle", "brokered"];
  const maxParties = options.maxParties ?? 3;
  return dealKinds.filter((k) => asked.includes(k) && (k === "cycle" || maxParties >= 3));
}

/**
 * What the progress line shows for the search's counters: `roots` root
 * searches per kind (the firms, or 1 around an initiator).
 */
export function searchProgressState(
  stats: Readonly<SearchStats>,
  kinds: readonly DealKind[],
  roots: number,
): ProgressState {
  const kindCount = Math.max(1, kinds.length);
  const perKind = Math.max(1, roots);
  const stage = Math.min(kindCount - 1, Math.floor(stats.rootsDone / perKind));
  const share = stats.rootShare;
  const total = Math.max(1, stats.rootsTotal);
  const fraction = Math.min(1, (stats.rootsDone + Math.min(1, Math.max(0, share))) / total);
  return {
    stage: `${kinds[stage] ?? "search"} ${stage + 1}/${kindCount}`,
    done: Math.min(perKind, stats.rootsDone - stage * perKind),
    total: perKind,
    fraction,
    extra: stats.deals,
  };
}

/** A progress line for a deal search: its `onProgress` and `finish`. */
export interface SearchProgress {
  readonly onProgress: (stats: Readonly<SearchStats>) => void;
  /** Clears the line. */
  finish(): void;
}

/**
 * The progress line of a search with `options`, on an interactive stderr.
 * It registers its clearing as an interrupt cleanup, so SIGINT, SIGTERM or
 * SIGHUP during an asynchronous search end the process with the line cleared
 * (interrupts.ts).
 */
export function searchProgress(options: FindDealsOptions, io: CliIO): SearchProgress {
  const global = options.initiator === undefined;
  const kinds = searchedKinds(options);
  const progress = new ProgressReporter(io, {
    label: global ? "firms" : "around the initiator",
    extraLabel: "deals found",
    clearOnInterrupt: true,
  });
  return {
    // The roots per kind: the firms, a shard's share of them, or 1 around an initiator.
    onProgress: (stats) =>
      progress.report(
        searchProgressState(stats, kinds, stats.rootsTotal / Math.max(1, kinds.length)),
      ),
    finish: () => progress.finish(),
  };
}

/**
 * Runs the search with a progress line on an interactive stderr. The search
 * is asynchronous (`rankDealsAsync`: slices of ~10 ms), so the event loop
 * turns during it and an interrupt ends it within a slice, the line cleared;
 * a long ranking's temporary file is anonymous, so it goes with the process.
 */
export async function searchWithProgress(
  network: Network,
  options: AsyncFindDealsOptions,
  io: CliIO,
  /** The listing is written as JSON: let the threads write each deal's text too (`ThreadedRankedDeals.jsonTexts`). */
  jsonTexts = false,
): Promise<
  RankedDeals & { jsonTexts?: (before: string, after: string) => AsyncIterable<Uint8Array> }
> {
  const progress = searchProgress(options, io);
  try {
    const search = { ...options, onProgress: progress.onProgress };
    const threads = threadCountOf(options);
    if (threads > 1 && options.initiator === undefined)
      return await rankOnThreads(network, search, {
        threads,
        jsonTexts,
        minWork: options.minThreadedWork,
      });
    return await rankDealsAsync(network, { ...search, threads: 1 });
  } finally {
    progress.finish();
  }
}
