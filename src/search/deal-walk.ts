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
}

/** Steps between two looks at the abort signal (and two updates of `stats.steps`). */
export const abortCheckInterval = 4096;

/** A resumable search over one deal shape. */
export interface DealWalk {
  readonly kind: DealKind;
  /**
   * Writes the arc codes (`SearchGraph.outCode`) of the next firm sequence into
   * `arcs`, in the deal's SPEC §4 order, and returns how many; 0 when the walk
   * is over.
   *
   * @throws the signal's reason when the search's signal is aborted
   */
  nextShape(arcs: Int32Array): number;
}

/** Throws the abort reason when the signal is aborted (a DOMException "AbortError" when none was given). */
export function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw signal.reason ?? new DOMException("This operation was aborted", "AbortError");
  }
}
