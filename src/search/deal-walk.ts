/**
 * The contract between the deal cursor and the three shape searches
 * (cycle, brokered, chain): a resumable walk that hands out firm sequences as
 * arc codes, one at a time; the cursor then expands each into its product
 * choices.
 */
import type { DealKind } from "./kinds.js";

/** Live counters of a search (shared by the cursor and its walks). */
export interface SearchStats {
  /** Arcs examined by the searches so far. */
  steps: number;
  /** Deals handed out so far. */
  deals: number;
  /** Root searches finished (a firm of the global search, or one kind around the initiator). */
  rootsDone: number;
  /** Root searches in all. */
  rootsTotal: number;
  /**
   * The share (0..1) of the current root search done: an estimate from the
   * depth-first search's position, each branch counted as an equal share of
   * its parent's (Knuth's estimate), so that progress moves on dense graphs
   * where one root search takes long. Read it with `rootsDone` for the share
   * of the whole search: `(rootsDone + rootShare) / rootsTotal`.
   */
  readonly rootShare: number;
}

/** Steps between two looks at the abort signal (and two updates of `stats.steps`). */
export const abortCheckInterval = 4096;

/** A resumable search over one deal shape. */
export interface DealWalk {
  readonly kind: DealKind;
  /**
   * Writes the arc codes (`SearchGraph.outCode`) of the next firm sequence into
   * `arcs`, in the deal's SPEC §4 order, and returns how many; 0 when the walk
   * is over; `pausedWalk` when its control asked it to pause (call again to
   * resume where it stopped).
   *
   * @throws the signal's reason when the search's signal is aborted
   */
  nextShape(arcs: Int32Array): number;

  /** The share (0..1) of the current root search done (see `SearchStats.rootShare`). */
  rootShare(): number;
}

/**
 * Knuth's estimate of the share of a depth-first search done: at each of
 * `levels` levels the branches before the current one count as done, each
 * an equal share of its parent's. Level `d` scans the arcs from `start(d)` to
 * `end[d]`, `position[d]` the next to take; above the deepest level the
 * current branch (the arc at `position[d] - 1`) is still open. Arcs to a firm
 * the search passes over at once at that level (`skipped(d, target(arc))`: on
 * the path down to level d, or below the root) are no branches: they count
 * neither as done nor in the width, so on a dense graph the estimate grows
 * evenly with the work. The widths depend only on the path above each level,
 * so the estimate never goes back.
 */
export function searchShare(
  levels: number,
  position: Int32Array,
  end: Int32Array,
  start: (level: number) => number,
  target: (arc: number) => number,
  skipped: (level: number, firm: number) => boolean,
): number {
  let share = 0;
  let weight = 1;
  for (let d = 0; d < levels; d++) {
    const first = start(d);
    const open = d < levels - 1 ? position[d] - 1 : position[d];
    let width = 0;
    let done = 0;
    for (let arc = first; arc < end[d]; arc++) {
      if (arc === open && d < levels - 1) {
        width++; // the open branch, whatever its firm
        continue;
      }
      if (skipped(d, target(arc))) continue;
      width++;
      if (arc < open) done++;
    }
    if (width === 0) break;
    share += (weight * done) / width;
    weight /= width;
  }
  return Math.min(1, share);
}

/** What `DealWalk.nextShape` returns when it paused before finding a sequence. */
export const pausedWalk = -1;

/**
 * What the walks of one search look at every `abortCheckInterval` steps: the
 * abort signal, and a time at which to pause, so that an asynchronous caller
 * can give the event loop a turn in the middle of a long stretch of the search
 * that hands out no deal.
 */
export class SearchControl {
  /** `performance.now()` time from which the walks pause; Infinity: never. */
  pauseAt = Number.POSITIVE_INFINITY;

  constructor(readonly signal: AbortSignal | undefined) {}

  /**
   * Whether the walk should pause now.
   *
   * @throws the signal's reason once the signal is aborted
   */
  due(): boolean {
    checkAbort(this.signal);
    return this.pauseAt !== Number.POSITIVE_INFINITY && performance.now() >= this.pauseAt;
  }
}

/** Throws the abort reason when the signal is aborted (a DOMException "AbortError" when none was given). */
export function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw signal.reason ?? new DOMException("This operation was aborted", "AbortError");
  }
}
