/**
 * The best N deals seen so far, by score descending and id ascending: a binary
 * heap whose root is the worst kept deal, so a deal that cannot enter is
 * turned away in O(1) and one that does costs O(log N). Ids are built only
 * when two scores tie; an unbounded list (N = Infinity) is sorted at the end.
 */

import type { DealKind } from "../search/kinds.js";
import { compareIds } from "../util/compare-ids.js";

/** A kept deal: enough to build it again. */
export interface KeptDeal {
  readonly score: number;
  readonly kind: DealKind;
  /** Trade integers in SPEC §4 order. */
  readonly trades: Int32Array;
  /** Built on first need. */
  id: string | undefined;
}

/** Builds the id of a kept deal. */
export type IdOf = (kind: DealKind, trades: Int32Array) => string;

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

  /** The worst kept score (−Infinity while not full). */
  get threshold(): number {
    return this.full && this.heap.length > 0 ? this.heap[0].score : Number.NEGATIVE_INFINITY;
  }

  /**
   * Offers a deal; its trades are copied when it is kept.
   *
   * @returns whether it was kept
   */
  offer(score: number, kind: DealKind, trades: ArrayLike<number>, size: number): boolean {
    if (this.limit === 0) return false;
    const heap = this.heap;
    if (this.limit === Number.POSITIVE_INFINITY) {
      heap.push({ score, kind, trades: copy(trades, size), id: undefined });
      return true;
    }
    if (!this.full) {
      heap.push({ score, kind, trades: copy(trades, size), id: undefined });
      this.up(heap.length - 1);
      return true;
    }
    const root = heap[0];
    if (score < root.score) return false;
    const candidate: KeptDeal = { score, kind, trades: copy(trades, size), id: undefined };
    if (score === root.score && compareIds(this.id(candidate), this.id(root)) > 0) return false;
    heap[0] = candidate;
    this.down(0);
    return true;
  }

  /** The kept deals, best first (score descending, id ascending); ids all built. */
  sorted(): KeptDeal[] {
    const list = [...this.heap];
    for (const deal of list) this.id(deal);
    return list.sort((a, b) => b.score - a.score || compareIds(a.id!, b.id!));
  }

  private id(deal: KeptDeal): string {
    deal.id ??= this.idOf(deal.kind, deal.trades);
    return deal.id;
  }

  /** Whether a is worse than b (lower score, or equal score and larger id). */
  private worse(a: KeptDeal, b: KeptDeal): boolean {
    if (a.score !== b.score) return a.score < b.score;
    return compareIds(this.id(a), this.id(b)) > 0;
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
