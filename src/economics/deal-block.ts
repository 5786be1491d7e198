/**
 * Up to 8,192 kept deals in flat arrays of a fixed size, with their order by
 * rank key: the unit in which a long ranking keeps its deals in memory
 * (`KeptDealRuns`), and in which a thread ranking every deal hands its deals
 * to the calling thread, sorted already (the sort is done where the deals
 * were found, not on the thread that keeps them all), its arrays moved, not
 * copied (`SentDealBlock`).
 *
 * Ties are in no particular order: ids, which order them, are built only
 * when the deals are read. A block's memory is allocated once, so a ranking's
 * memory grows a block at a time and nothing large is ever copied.
 */
import { orderByKeyDescending } from "../util/key-order.js";

/** log2 of the most deals of a block. */
export const blockShift = 13;
/** The most deals of a block (a block's sort takes a few ms). */
export const blockDeals = 1 << blockShift;

/** A block's arrays as they travel between threads (`postMessage`, the buffers moved). */
export interface SentDealBlock {
  readonly keys: Float64Array;
  readonly kinds: Uint8Array;
  readonly sizes: Uint8Array;
  readonly trades: Int32Array;
  readonly order: Int32Array;
  readonly count: number;
  readonly stride: number;
  readonly sorted: boolean;
}

/**
 * Kept deals in flat arrays: deal j has rank key `keys[j]`, kind
 * `dealKinds[kinds[j]]` and `sizes[j]` trades from `trades[j · stride]` on;
 * `order` holds the positions by key descending once `sort` has run.
 *
 * @example
 * const block = new DealBlock(4);
 * block.add(2.5, 0, trades, 0, 3); // deal 0: key 2.5, a cycle of 3 trades
 * block.sort(); // block.order: the positions by key, largest first
 */
export class DealBlock {
  readonly keys: Float64Array;
  readonly kinds: Uint8Array;
  readonly sizes: Uint8Array;
  readonly trades: Int32Array;
  /** The deals' positions, by key descending once sorted. */
  readonly order: Int32Array;
  count: number;
  /** Whether `order` is by key (no deal was added since the last `sort`). */
  sorted: boolean;

  /**
   * An empty block for deals of at most `stride` trades, room for `capacity`
   * (at most `blockDeals`) of them; or, given `arrays`, the block another
   * thread sent, its arrays taken as they are.
   */
  constructor(
    readonly stride: number,
    capacity = blockDeals,
    arrays?: SentDealBlock,
  ) {
    const room = arrays?.keys.length ?? Math.max(1, Math.min(blockDeals, capacity));
    if (
      arrays !== undefined &&
      (room > blockDeals ||
        arrays.count > room ||
        arrays.stride !== stride ||
        arrays.trades.length !== room * stride ||
        arrays.order.length !== room)
    )
      throw new Error("DealBlock: a block received with arrays of the wrong sizes");
    this.keys = arrays?.keys ?? new Float64Array(room);
    this.kinds = arrays?.kinds ?? new Uint8Array(room);
    this.sizes = arrays?.sizes ?? new Uint8Array(room);
    this.trades = arrays?.trades ?? new Int32Array(room * stride);
    this.order = arrays?.order ?? new Int32Array(room);
    this.count = arrays?.count ?? 0;
    this.sorted = arrays?.sorted ?? false;
  }

  /** The block another thread sent (`sent`). */
  static received(sent: SentDealBlock): DealBlock {
    return new DealBlock(sent.stride, sent.keys.length, sent);
  }

  /** How many deals it can hold. */
  get capacity(): number {
    return this.keys.length;
  }

  /** Whether it holds `capacity` deals. */
  get full(): boolean {
    return this.count === this.keys.length;
  }

  /** Keeps a deal: its kind's number in `dealKinds`, and its `size` trades from `trades[from]` on. */
  add(key: number, kind: number, trades: ArrayLike<number>, from: number, size: number): void {
    const j = this.count++;
    this.keys[j] = key;
    this.kinds[j] = kind;
    this.sizes[j] = size;
    this.order[j] = j;
    this.sorted = false;
    const at = j * this.stride - from;
    for (let t = from; t < from + size; t++) this.trades[at + t] = trades[t];
  }

  /** Sorts `order` by key descending (ties in the order they came), unless it is sorted. */
  sort(): void {
    if (!this.sorted) orderByKeyDescending(this.keys, this.order, this.count);
    this.sorted = true;
  }

  /** Its arrays for another thread; send them moved (`transfer`): the block is not used here again. */
  sent(): SentDealBlock {
    const { keys, kinds, sizes, trades, order, count, stride, sorted } = this;
    return { keys, kinds, sizes, trades, order, count, stride, sorted };
  }

  /** The buffers of its arrays, for a `postMessage` that moves them. */
  buffers(): ArrayBuffer[] {
    return [this.keys, this.kinds, this.sizes, this.trades, this.order].map(
      (array) => array.buffer as ArrayBuffer,
    );
  }
}
