/**
 * Every kept deal of a long ranking (`find --all`, a large `top`) in bounded
 * memory: an external sort. Kept deals (rank key, kind, trade integers, and
 * the id's UTF-16 code units, compared as such) gather in flat typed arrays,
 * never as objects or strings; once they fill the memory budget they are
 * sorted in rank order (`rank-order.ts`) and written as one sorted run to an
 * anonymous scratch file (`ScratchFile`: removed from the file system at once,
 * so nothing is left behind on any exit). Reading merges the runs and what is
 * still in memory (k-way, `mergeSorted`), building each deal's id again from
 * its trades; more than `fanIn` runs are first merged into longer runs, so at
 * most `fanIn` read buffers are held at a time.
 *
 * A run record is the key (float64), the kind and the trade count (one byte
 * each) and the trades (int32 each), padded to a fixed length; a run of n
 * deals over at most K trades takes n · (12 + 4K, rounded up to 8) bytes.
 */
import { type DealKind, dealKinds } from "../search/kinds.js";
import { mergeSorted } from "../util/k-way-merge.js";
import { ScratchFile } from "../util/scratch-file.js";
import { compareRanked } from "./rank-order.js";
import type { IdOf } from "./top-deals.js";

/** A kept deal in rank order, with its id. */
export interface RankedKeptDeal {
  /** The rank key of its score (`rankKey`). */
  readonly key: number;
  readonly kind: DealKind;
  /** Trade integers in SPEC §4 order. */
  readonly trades: Int32Array;
  readonly id: string;
}

/** How the runs are kept. */
export interface KeptDealRunsOptions {
  /** The most trades of one deal (maxParties, at least 3). */
  readonly maxTrades: number;
  /** Bytes the deals held in memory may take before a run is written out. */
  readonly memoryBudget: number;
  /** The folder of the scratch file. @defaultValue the system's temporary folder */
  readonly directory?: string;
  /** The fewest deals of one run, whatever the budget. @defaultValue 1024 */
  readonly minRunDeals?: number;
  /** The most runs read at once (≥ 2); more are first merged into longer runs. @defaultValue 64 */
  readonly fanIn?: number;
}

/** The defaults of the tuning options of `KeptDealRunsOptions`. */
export const defaultKeptDealRunsOptions = { minRunDeals: 1024, fanIn: 64 } as const;
/** Deals the in-memory arrays are made for at first (they double as needed). */
const initialCapacity = 1024;
/** Bytes read from a run at a time. */
const readBlockBytes = 1 << 16;
/** Bytes written to the scratch file at a time. */
const writeBlockBytes = 1 << 20;

/** What a run record holds of a deal (its id is built again when read). */
type RunRecord = Omit<RankedKeptDeal, "id">;

/** A sorted run in the scratch file: where it starts and how many deals it has. */
interface Run {
  readonly start: number;
  readonly count: number;
}

/** The kept deals of a ranking, spilled to sorted runs past the memory budget. */
export class KeptDealRuns {
  private readonly stride: number;
  private readonly recordBytes: number;
  private readonly fixedBytes: number;
  private readonly minRunDeals: number;
  private readonly fanIn: number;
  private keys = new Float64Array(initialCapacity);
  private kinds = new Uint8Array(initialCapacity);
  private sizes = new Uint8Array(initialCapacity);
  private tradeStore: Int32Array;
  /** The ids' code units, one after the other; deal i's end at `idEnd[i]`. */
  private idChars = new Uint16Array(initialCapacity * 64);
  private idEnd = new Int32Array(initialCapacity);
  private count = 0;
  private bytes = 0;
  private total = 0;
  private runs: Run[] = [];
  private file: ScratchFile | undefined;
  /** The order of the deals in memory once sorted (`finish`). */
  private order: Int32Array | undefined;

  constructor(
    private readonly idOf: IdOf,
    private readonly options: KeptDealRunsOptions,
  ) {
    this.stride = options.maxTrades;
    this.recordBytes = Math.ceil((12 + 4 * this.stride) / 8) * 8;
    // key, kind, size, trades, id end, and a slot of the sort order
    this.fixedBytes = 8 + 1 + 1 + 4 * this.stride + 4 + 4;
    this.tradeStore = new Int32Array(initialCapacity * this.stride);
    this.minRunDeals = options.minRunDeals ?? defaultKeptDealRunsOptions.minRunDeals;
    this.fanIn = Math.max(2, options.fanIn ?? defaultKeptDealRunsOptions.fanIn);
  }

  /** How many deals were kept. */
  get size(): number {
    return this.total;
  }

  /** How many runs were written to the scratch file. */
  get runCount(): number {
    return this.runs.length;
  }

  /** Keeps a deal (its trades are copied). */
  offer(key: number, kind: DealKind, trades: ArrayLike<number>, size: number): void {
    if (this.order !== undefined) throw new Error("KeptDealRuns: offer after finish");
    if (this.count === this.keys.length) this.grow();
    const i = this.count++;
    const id = this.idOf(kind, trades, size);
    this.keys[i] = key;
    this.kinds[i] = dealKinds.indexOf(kind);
    this.sizes[i] = size;
    const at = i * this.stride;
    for (let j = 0; j < size; j++) this.tradeStore[at + j] = trades[j];
    const start = i === 0 ? 0 : this.idEnd[i - 1];
    const end = start + id.length;
    if (end > this.idChars.length) {
      const chars = new Uint16Array(Math.max(end, 2 * this.idChars.length));
      chars.set(this.idChars.subarray(0, start));
      this.idChars = chars;
    }
    for (let k = 0; k < id.length; k++) this.idChars[start + k] = id.charCodeAt(k);
    this.idEnd[i] = end;
    this.total++;
    this.bytes += this.fixedBytes + 2 * id.length;
    if (this.bytes >= this.options.memoryBudget && this.count >= this.minRunDeals) this.spill();
  }

  /**
   * Ends the offers: sorts what is in memory and merges the runs down to
   * `fanIn`. Then `ranked()` reads the deals in rank order.
   */
  finish(): void {
    if (this.order !== undefined) return;
    this.order = this.sortedOrder();
    const fanIn = this.fanIn;
    while (this.runs.length > fanIn) {
      const group = this.runs.slice(0, fanIn);
      const merged = this.writeRun(
        mergeSorted(
          group.map((run) => this.readRun(run)),
          byRank,
        ),
      );
      this.runs = [...this.runs.slice(fanIn), merged];
    }
  }

  /**
   * The kept deals in rank order (key descending, id ascending), at most
   * `limit`; read afresh on each iteration.
   */
  *ranked(limit = Number.POSITIVE_INFINITY): Generator<RankedKeptDeal, void, undefined> {
    this.finish();
    if (limit <= 0) return;
    const deals =
      this.runs.length === 0
        ? this.readMemory()
        : mergeSorted([...this.runs.map((run) => this.readRun(run)), this.readMemory()], byRank);
    let count = 0;
    for (const deal of deals) {
      yield deal;
      if (++count >= limit) return;
    }
  }

  /** Frees the scratch file (and the deals in memory); the runs cannot be read after. */
  close(): void {
    this.file?.close();
    this.file = undefined;
    this.runs = [];
    this.count = 0;
    this.order = new Int32Array(0);
  }

  private grow(): void {
    const capacity = this.keys.length * 2;
    const keys = new Float64Array(capacity);
    keys.set(this.keys);
    this.keys = keys;
    const kinds = new Uint8Array(capacity);
    kinds.set(this.kinds);
    this.kinds = kinds;
    const sizes = new Uint8Array(capacity);
    sizes.set(this.sizes);
    this.sizes = sizes;
    const trades = new Int32Array(capacity * this.stride);
    trades.set(this.tradeStore);
    this.tradeStore = trades;
    const idEnd = new Int32Array(capacity);
    idEnd.set(this.idEnd);
    this.idEnd = idEnd;
  }

  /** The positions of the deals in memory, in rank order: key descending, id ascending. */
  private sortedOrder(): Int32Array {
    const { keys, idChars, idEnd } = this;
    const order = new Int32Array(this.count);
    for (let i = 0; i < order.length; i++) order[i] = i;
    return order.sort((a, b) => {
      if (keys[a] !== keys[b]) return keys[a] > keys[b] ? -1 : 1;
      // Ids by UTF-16 code units, as compareIds: the first difference, else the shorter first.
      const aStart = a === 0 ? 0 : idEnd[a - 1];
      const bStart = b === 0 ? 0 : idEnd[b - 1];
      const aLength = idEnd[a] - aStart;
      const bLength = idEnd[b] - bStart;
      const common = Math.min(aLength, bLength);
      for (let k = 0; k < common; k++) {
        const d = idChars[aStart + k] - idChars[bStart + k];
        if (d !== 0) return d;
      }
      return aLength - bLength;
    });
  }

  /** The id of the deal at position i in memory. */
  private idAt(i: number): string {
    const start = i === 0 ? 0 : this.idEnd[i - 1];
    let id = "";
    for (let k = start; k < this.idEnd[i]; k += 4096)
      id += String.fromCharCode(...this.idChars.subarray(k, Math.min(k + 4096, this.idEnd[i])));
    return id;
  }

  /** Writes the deals in memory as one sorted run and empties the memory. */
  private spill(): void {
    this.order = this.sortedOrder();
    this.runs.push(this.writeRun(this.readMemory(false)));
    this.order = undefined;
    this.count = 0;
    this.bytes = 0;
  }

  /** The deals in memory in rank order (after sorting), with their ids or (to write a run) without. */
  private readMemory(withIds?: true): Generator<RankedKeptDeal, void, undefined>;
  private readMemory(withIds: false): Generator<RunRecord, void, undefined>;
  private *readMemory(withIds = true): Generator<RunRecord | RankedKeptDeal, void, undefined> {
    const order = this.order ?? new Int32Array(0);
    const { keys, kinds, sizes, tradeStore, stride } = this;
    for (let r = 0; r < order.length; r++) {
      const i = order[r];
      const at = i * stride;
      const record = {
        key: keys[i],
        kind: dealKinds[kinds[i]],
        trades: tradeStore.slice(at, at + sizes[i]),
      };
      yield withIds ? { ...record, id: this.idAt(i) } : record;
    }
  }

  /** Appends a sorted sequence of deals to the scratch file as one run. */
  private writeRun(deals: Iterable<RunRecord>): Run {
    this.file ??= new ScratchFile(this.options.directory);
    const file = this.file;
    const { recordBytes } = this;
    const block = new Uint8Array(
      Math.max(recordBytes, writeBlockBytes - (writeBlockBytes % recordBytes)),
    );
    const view = new DataView(block.buffer);
    const start = file.size;
    let used = 0;
    let count = 0;
    for (const deal of deals) {
      if (used + recordBytes > block.byteLength) {
        file.append(block, used);
        used = 0;
      }
      view.setFloat64(used, deal.key, true);
      view.setUint8(used + 8, dealKinds.indexOf(deal.kind));
      view.setUint8(used + 9, deal.trades.length);
      for (let j = 0; j < deal.trades.length; j++)
        view.setInt32(used + 12 + 4 * j, deal.trades[j], true);
      used += recordBytes;
      count++;
    }
    if (used > 0) file.append(block, used);
    return { start, count };
  }

  /** The deals of one run, in its (rank) order, ids built again. */
  private *readRun(run: Run): Generator<RankedKeptDeal, void, undefined> {
    const { recordBytes } = this;
    const perBlock = Math.max(1, Math.floor(readBlockBytes / recordBytes));
    const block = new Uint8Array(perBlock * recordBytes);
    const view = new DataView(block.buffer);
    for (let done = 0; done < run.count; ) {
      const file = this.file;
      if (file === undefined) throw new Error("KeptDealRuns: read after close");
      const records = Math.min(perBlock, run.count - done);
      const got = file.read(block, run.start + done * recordBytes, records * recordBytes);
      if (got !== records * recordBytes) throw new Error("KeptDealRuns: scratch file cut short");
      for (let r = 0; r < records; r++) {
        const at = r * recordBytes;
        const kind = dealKinds[view.getUint8(at + 8)];
        const trades = new Int32Array(view.getUint8(at + 9));
        for (let j = 0; j < trades.length; j++) trades[j] = view.getInt32(at + 12 + 4 * j, true);
        yield {
          key: view.getFloat64(at, true),
          kind,
          trades,
          id: this.idOf(kind, trades, trades.length),
        };
      }
      done += records;
    }
  }
}

function byRank(a: RankedKeptDeal, b: RankedKeptDeal): number {
  return compareRanked(a.key, a.id, b.key, b.id);
}
