/**
 * Deals in flat arrays, as they travel between threads and in batches of
 * kept deals: no object per deal, and typed arrays that a `postMessage`
 * moves (or copies) in one piece.
 */
import { type DealKind, dealKinds } from "../search/kinds.js";

/**
 * Deals in flat arrays: deal j has rank key `keys[j]`, kind
 * `dealKinds[kinds[j]]`, `sizes[j]` trades (in order in `trades`) and id
 * `ids[j]`, or "" when its id was not built (the receiver builds it if it
 * needs it). `ids` is empty when no deal's id was at hand (read them with
 * `packedId`): a batch of a million deals carries no million "".
 */
export interface PackedDeals {
  readonly keys: Float64Array;
  readonly kinds: Uint8Array;
  readonly sizes: Uint8Array;
  readonly trades: Int32Array;
  readonly ids: readonly string[];
}

/** Deal j's id in `deals`, or "" when it was not built. */
export function packedId(deals: PackedDeals, j: number): string {
  return deals.ids.length === 0 ? "" : deals.ids[j];
}

/**
 * Packed deals, filled one at a time into typed arrays that grow by
 * doubling and are reused from batch to batch (a thread that ranks every
 * deal packs millions of them).
 *
 * @example
 * const packer = new DealPacker();
 * packer.add(key, "cycle", trades, trades.length, "");
 * const packed = packer.take(); // and the packer is empty again
 */
export class DealPacker {
  private keys = new Float64Array(64);
  private kinds = new Uint8Array(64);
  private sizes = new Uint8Array(64);
  private trades = new Int32Array(256);
  private ids: string[] = [];
  private count = 0;
  private tradeCount = 0;

  /** How many deals it holds. */
  get size(): number {
    return this.count;
  }

  /** The key of the last deal added (NaN when empty). */
  get lastKey(): number {
    return this.count === 0 ? Number.NaN : this.keys[this.count - 1];
  }

  /** Adds a deal: its first `size` trades are copied. */
  add(key: number, kind: DealKind, trades: ArrayLike<number>, size: number, id: string): void {
    const j = this.count;
    if (j === this.keys.length) this.growDeals();
    if (this.tradeCount + size > this.trades.length) this.growTrades(this.tradeCount + size);
    this.keys[j] = key;
    this.kinds[j] = dealKinds.indexOf(kind);
    this.sizes[j] = size;
    const out = this.trades;
    for (let t = 0, at = this.tradeCount; t < size; t++) out[at + t] = trades[t];
    this.tradeCount += size;
    // Ids only once one is at hand (the earlier deals' ids "" filled in then).
    if (id !== "" && this.ids.length < j)
      for (let k = this.ids.length; k < j; k++) this.ids.push("");
    if (id !== "" || this.ids.length > 0) this.ids.push(id);
    this.count = j + 1;
  }

  /** The deals as flat arrays, each with a buffer of its own; the packer is emptied. */
  take(): PackedDeals {
    const { count } = this;
    const packed = {
      keys: this.keys.slice(0, count),
      kinds: this.kinds.slice(0, count),
      sizes: this.sizes.slice(0, count),
      trades: this.trades.slice(0, this.tradeCount),
      ids: this.ids,
    };
    this.ids = [];
    this.count = 0;
    this.tradeCount = 0;
    return packed;
  }

  private growDeals(): void {
    const room = 2 * this.keys.length;
    this.keys = grown(this.keys, new Float64Array(room));
    this.kinds = grown(this.kinds, new Uint8Array(room));
    this.sizes = grown(this.sizes, new Uint8Array(room));
  }

  private growTrades(least: number): void {
    this.trades = grown(this.trades, new Int32Array(Math.max(least, 2 * this.trades.length)));
  }
}

/** `into` with `from` copied to its start. */
function grown<T extends Float64Array | Uint8Array | Int32Array>(from: T, into: T): T {
  into.set(from);
  return into;
}
