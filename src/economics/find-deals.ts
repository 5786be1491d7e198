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
import { dealId } from "../search/deal-id.js";
import { checkAbort } from "../search/deal-walk.js";
import type { DealKind } from "../search/kinds.js";
import type { Deal } from "./deal.js";
import { DealScan } from "./deal-scan.js";
import type { DealSearchOptions, FindDealsOptions } from "./find-options.js";
import { KeptDealRuns } from "./kept-deal-runs.js";
import { objectiveBound, objectiveValue } from "./objective.js";
import { feasibilityTolerance } from "./price-fast.js";
import { rankKey, surelyBelow } from "./rank-order.js";
import { type KeptDeal, TopDeals } from "./top-deals.js";

/** About how long the asynchronous functions search before giving the event loop a turn (ms). */
export const asyncSliceMs = 10;

/** What one deal kept in the ranking heap is taken to cost in memory (bytes), against the budget. */
const heapDealBytes = 256;

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
 * @throws as `findDeals` (the promise rejects; a usage error before any search)
 * @example
 * const deals = await findDealsAsync(network, { maxParties: 6, signal: AbortSignal.timeout(2000) });
 */
export async function findDealsAsync(
  network: Network,
  options: FindDealsOptions = {},
): Promise<Deal<DealKind>[]> {
  return [...(await rankDealsAsync(network, options))];
}

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
 * `findDealsAsync`).
 *
 * @throws as `findDeals` (the promise rejects)
 */
export async function rankDealsAsync(
  network: Network,
  options: FindDealsOptions = {},
): Promise<RankedDeals> {
  const ranking = new Ranking(network, options);
  try {
    while (!ranking.advance(performance.now() + asyncSliceMs)) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      checkAbort(options.signal);
    }
  } catch (error) {
    ranking.discard();
    throw error;
  }
  return ranking.result();
}

/** Closes the temporary files of rankings that were dropped unclosed. */
const unclosed = new FinalizationRegistry<KeptDealRuns>((runs) => runs.close());

/** A ranking in progress: the scan, and the heap or the runs its kept deals go to. */
class Ranking {
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
    } else {
      this.runs = new KeptDealRuns(idOf, {
        maxTrades: Math.max(3, maxParties),
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
    const { top, objective, includeInfeasible } = scan.options;
    if (top === 0 || this.done) return true;
    scan.pauseAt(until);
    const economy = scan.economy;
    const cursor = scan.cursor;
    // Writing a run of kept deals is done a slice at a time, like the search.
    while (!this.searched) {
      if (runs?.busy && !runs.work(until)) return false;
      if (!scan.next()) {
        if (scan.paused) return false;
        this.searched = true;
        break;
      }
      if (!includeInfeasible) {
        // Σ slack = surplus − Σ hurdles bounds the fair level from above.
        let room = economy.surplus;
        for (let v = 0; v < economy.partyCount; v++) room -= economy.hurdle[v];
        if (room < -feasibilityTolerance * economy.scale * economy.partyCount) continue;
      }
      if (
        heap?.full &&
        surelyBelow(objectiveBound(economy, objective, !includeInfeasible), heap.threshold)
      )
        continue;
      scan.price();
      if (!economy.feasible && !includeInfeasible) continue;
      const key = rankKey(objectiveValue(economy, objective));
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
