/**
 * The contract of the priced walks (column generation's pricing, SPEC §6):
 * like a `DealWalk`, a resumable search that hands out firm sequences as arc
 * codes, here only those whose weights (arc-prices.ts) can exceed the
 * threshold, and in bounded slices, so the caller can pause between them.
 */
import type { DealKind } from "./kinds.js";

/** `nextShape`'s answer when the step budget ran out before a shape was found (call again). */
export const budgetSpent = -1;

/** A resumable priced search over one deal shape. */
export interface PricedWalk {
  readonly kind: DealKind;
  /** Arcs examined so far. */
  readonly steps: number;
  /**
   * Writes the arc codes of the next firm sequence that can be worth more
   * than the threshold into `arcs` (SPEC §4 order) and returns how many; 0
   * when the walk is over; {@link budgetSpent} after about `budget` steps
   * without one.
   */
  nextShape(arcs: Int32Array, budget: number): number;
  /** The root the walk is at (a search vertex: the cycle's first firm, the sponsor, S), or -1. */
  readonly root: number;
  /** Leaves the rest of the current root's search out: the next shape comes from the next root. */
  skipRoot(): void;
}
