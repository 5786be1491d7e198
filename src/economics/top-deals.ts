/**
 * The best N deals seen so far, in rank order (`rank-order.ts`: key
 * descending, id ascending): a binary heap whose root is the worst kept deal,
 * so a deal that cannot enter is turned away in O(1) and one that does costs
 * O(log N). Ids are built only when two keys tie. For a bounded N whose deals
 * fit the memory budget; longer rankings go to `KeptDealRuns`.
 */

import type { DealKind } from "../search/kinds.js";
import type { RankedKeptDeal } from "./kept-deal-runs.js";
import { compareRanked } from "./rank-order.js";

/** A kept deal: enough to build it again. */
export interface KeptDeal {
  /** The rank key of its score (`rankKey`). */
  readonly key: number;
  readonly kind: DealKind;
  /** Trade integers in SPEC §4 order. */
  readonly trades: Int32Array;
  /** Built on first need. */
  id: string | undefined;
}

/** Builds the id of a deal from its kind and its first `size` trades (SPEC §4 order). */
export type IdOf = (kind: DealKind, trades: ArrayLike<number>, size: number) => string;

/** A bounded list of the best deals. */
export class TopDeals {
  private readonly heap: KeptDeal[] = [];

  constructor(
    /** How many to keep: a whole number ≥ 0 or Infinity. */
    readonly limit: number,
    private readonly idOf: IdOf,
  ) {}

  /** Deals kept so far. */
  get size(): number {
    return this.heap.length;
  }

  /** Whether a deal must beat the worst kept one to enter. */
  get full(): boolean {
    return this.heap.length >= this.limit;
  }

  /** The worst kept key (−Infinity while not full). */
  get threshold(): number {
    return this.full && this.heap.length > 0 ? this.heap[0].key : Number.NEGATIVE_INFINITY;
  }

  /**
   * Offers a deal by the rank key of its score; its trades are copied when it is kept.
   *
   * @returns whether it was kept
   */
  offer(key: number, kind: DealKind, trades: ArrayLike<number>, size: number): boolean {
    if (this.limit === 0) return false;
    const heap = this.heap;
    if (this.limit === Number.POSITIVE_INFINITY) {
      heap.push({ key, kind, trades: copy(trades, size), id: undefined });
      return true;
    }
    if (!this.full) {
      heap.push({ key, kind, trades: copy(trades, size), id: undefined });
      this.up(heap.length - 1);
      return true;
    }
    const root = heap[0];
    if (key < root.key) return false;
    const candidate: KeptDeal = { key, kind, trades: copy(trades, size), id: undefined };
    if (key === root.key && this.worse(candidate, root)) return false;
    heap[0] = candidate;
    this.down(0);
    return true;
  }

  /** The kept deals, best first (key descending, id ascending). */
  sorted(): RankedKeptDeal[] {
    return this.heap
      .map((deal) => ({ key: deal.key, kind: deal.kind, trades: deal.trades, id: this.id(deal) }))
      .sort((a, b) => compareRanked(a.key, a.id, b.key, b.id));
  }

  private id(deal: KeptDeal): string {
    deal.id ??= this.idOf(deal.kind, deal.trades, deal.trades.length);
    return deal.id;
  }

  /** Whether a is worse than b (lower key, or equal key and larger id). */
  private worse(a: KeptDeal, b: KeptDeal): boolean {
    if (a.key !== b.key) return a.key < b.key;
    return compareRanked(a.key, this.id(a), b.key, this.id(b)) > 0;
  }

  private up(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(heap[i], heap[parent])) return;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private down(i: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) return;
      const right = left + 1;
      const child = right < heap.length && this.worse(heap[right], heap[left]) ? right : left;
      if (!this.worse(heap[child], heap[i])) return;
      [heap[i], heap[child]] = [heap[child], heap[i]];
      i = child;
    }
  }
}

function copy(trades: ArrayLike<number>, size: number): Int32Array {
  const out = new Int32Array(size);
  for (let i = 0; i < size; i++) out[i] = trades[i];
  return out;
}
