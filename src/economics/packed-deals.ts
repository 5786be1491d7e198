/**
 * Deals in flat arrays, as they travel between threads and in batches of
 * kept deals: no object per deal, and typed arrays that a `postMessage`
 * copies in one piece.
 */
import { type DealKind, dealKinds } from "../search/kinds.js";

/**
 * Deals in flat arrays: deal j has rank key `keys[j]`, kind
 * `dealKinds[kinds[j]]`, `sizes[j]` trades (in order in `trades`) and id
 * `ids[j]`, or "" when its id was not built (the receiver builds it if it
 * needs it).
 */
export interface PackedDeals {
  readonly keys: Float64Array;
  readonly kinds: Uint8Array;
  readonly sizes: Uint8Array;
  readonly trades: Int32Array;
  readonly ids: readonly string[];
}

/**
 * Packed deals, filled one at a time.
 *
 * @example
 * const packer = new DealPacker();
 * packer.add(key, "cycle", trades, trades.length, "");
 * const packed = packer.take(); // and the packer is empty again
 */
export class DealPacker {
  private keys: number[] = [];
  private kinds: number[] = [];
  private sizes: number[] = [];
  private trades: number[] = [];
  private ids: string[] = [];

  /** How many deals it holds. */
  get size(): number {
    return this.keys.length;
  }

  /** The key of the last deal added (NaN when empty). */
  get lastKey(): number {
    return this.keys.length === 0 ? Number.NaN : this.keys[this.keys.length - 1];
  }

  /** Adds a deal: its first `size` trades are copied. */
  add(key: number, kind: DealKind, trades: ArrayLike<number>, size: number, id: string): void {
    this.keys.push(key);
    this.kinds.push(dealKinds.indexOf(kind));
    this.sizes.push(size);
    for (let t = 0; t < size; t++) this.trades.push(trades[t]);
    this.ids.push(id);
  }

  /** The deals as flat arrays; the packer is emptied. */
  take(): PackedDeals {
    const packed = {
      keys: Float64Array.from(this.keys),
      kinds: Uint8Array.from(this.kinds),
      sizes: Uint8Array.from(this.sizes),
      trades: Int32Array.from(this.trades),
      ids: this.ids,
    };
    this.keys = [];
    this.kinds = [];
    this.sizes = [];
    this.trades = [];
    this.ids = [];
    return packed;
  }
}
