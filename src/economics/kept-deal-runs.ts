/**
 * Every kept deal of a long ranking (`find --all`, a large `top`) in bounded
 * memory: an external sort. Kept deals (rank key, kind, trade integers; no
 * ids) gather in flat typed arrays, never as objects or strings, and are
 * sorted by key in blocks of `blockDeals` as they come (or come sorted:
 * `adopt` keeps a worker thread's block as it is); equal keys are put in
 * id order as they are read, the ids built from the trades for those groups
 * only (a reader that orders them itself gets them by key alone). Once they
 * fill the memory budget, the blocks are merged into one run, sorted by key,
 * written to an anonymous scratch file (`ScratchFile`: removed from the file
 * system at once, so nothing is left behind on any exit; outside Node, where
 * there is no file system, `ScratchMemory` in memory). Reading merges the
 * runs and the blocks still in memory (k-way, `mergeSorted`); a deal read
 * back builds its id from its trades when the id is first read; more than
 * `fanIn` runs are first merged into longer runs, so at most `fanIn` read
 * buffers are held at a time.
 *
 * The long steps (writing a run, merging runs) are jobs done by `work(until)`
 * a slice at a time, so that an asynchronous ranking stays responsive to its
 * abort signal; every other call is short (a block's sort: a few ms).
 *
 * A run record is the key (float64), the kind and the trade count (one byte
 * each) and the trades (int32 each), padded to a fixed length; a run of n
 * deals over at most K trades takes n · (12 + 4K, rounded up to 8) bytes.
 */
import { type DealKind, dealKinds } from "../search/kinds.js";
import { compareIds } from "../util/compare-ids.js";
import { mergeSorted } from "../util/k-way-merge.js";
import { openScratch, type ScratchStore } from "../util/scratch-file.js";
import { blockDeals, blockShift, DealBlock } from "./deal-block.js";
import { DealPacker, type PackedDeals } from "./packed-deals.js";
import { compareRankKeys } from "./rank-order.js";
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

/**
 * A deal read back (from a run or a block in memory): its id is built from
 * its trades on first use, so that a deal whose key no other deal has, and
 * a reader that builds ids elsewhere (the threads writing a listing), leave
 * it unbuilt.
 */
class RunDeal implements RankedKeptDeal {
  private built: string | undefined;

  constructor(
    readonly key: number,
    readonly kind: DealKind,
    readonly trades: Int32Array,
    private readonly idOf: IdOf,
  ) {}

  get id(): string {
    this.built ??= this.idOf(this.kind, this.trades, this.trades.length);
    return this.built;
  }

  /** The id if it has been built, else undefined. */
  get builtId(): string | undefined {
    return this.built;
  }
}

/**
 * A ranked deal's id if it is at hand (a deal read back from the runs builds
 * it only when first read), else undefined.
 */
function idAtHand(deal: RankedKeptDeal): string | undefined {
  return deal instanceof RunDeal ? deal.builtId : deal.id;
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
  /** Records a long step handles between two looks at the clock (`work`). @defaultValue 2048 */
  readonly recordsPerStep?: number;
}

/** The defaults of the tuning options of `KeptDealRunsOptions`. */
export const defaultKeptDealRunsOptions = {
  minRunDeals: 1024,
  fanIn: 64,
  recordsPerStep: 2048,
} as const;

const blockMask = blockDeals - 1;
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

/** Deal j of a block as a record (a copy of its trades), with its id (built when first read) or without. */
function recordOf(block: DealBlock, j: number, idOf: IdOf | undefined): RunRecord | RankedKeptDeal {
  const at = j * block.stride;
  const key = block.keys[j];
  const kind = dealKinds[block.kinds[j]];
  const trades = block.trades.slice(at, at + block.sizes[j]);
  return idOf !== undefined ? new RunDeal(key, kind, trades, idOf) : { key, kind, trades };
}

/** Key order of two deals (ties in no particular order). */
function byKey(a: { readonly key: number }, b: { readonly key: number }): number {
  return compareRankKeys(a.key, b.key);
}

/** Id order of two deals (of equal keys). */
function byId(a: { readonly id: string }, b: { readonly id: string }): number {
  return compareIds(a.id, b.id);
}

/**
 * Deals in key order to deals in rank order: each group of equal keys sorted
 * by id (ids built only for groups of two or more), at most `limit` deals.
 * With `everyGroup` false, groups are left as they are, except the one the
 * limit cuts, so that a reader who orders equal keys itself (the threads
 * writing a listing) gets the right deals.
 */
function* orderTies(
  deals: Iterable<RankedKeptDeal>,
  limit: number,
  everyGroup: boolean,
): Generator<RankedKeptDeal, void, undefined> {
  if (limit <= 0) return;
  const group: RankedKeptDeal[] = [];
  let count = 0;
  let more = true;
  const iterator = deals[Symbol.iterator]();
  while (more) {
    const step = iterator.next();
    more = step.done !== true;
    if (group.length > 0 && (!more || (step.value as RankedKeptDeal).key !== group[0].key)) {
      if (group.length > 1 && (everyGroup || count + group.length > limit)) group.sort(byId);
      for (const deal of group) {
        yield deal;
        if (++count >= limit) return;
      }
      group.length = 0;
    }
    if (more) group.push(step.value as RankedKeptDeal);
  }
}

/**
 * Deals by key descending in batches of at least `batchDeals` deals, each
 * batch ending between two keys (so that a reader can put each group of
 * equal keys in id order within one batch); an id not at hand is "".
 */
export function* batchesByKey(
  deals: Iterable<RankedKeptDeal>,
  batchDeals: number,
): Generator<PackedDeals, void, undefined> {
  const packer = new DealPacker();
  for (const deal of deals) {
    if (packer.size >= batchDeals && deal.key !== packer.lastKey) yield packer.take();
    packer.add(deal.key, deal.kind, deal.trades, deal.trades.length, idAtHand(deal) ?? "");
  }
  if (packer.size > 0) yield packer.take();
}

/** The kept deals of a ranking, spilled to sorted runs past the memory budget. */
export class KeptDealRuns {
  private readonly recordBytes: number;
  private readonly dealBytes: number;
  private readonly minRunDeals: number;
  private readonly fanIn: number;
  private readonly recordsPerStep: number;
  /** The blocks in use (the first `used`) and spare ones kept for reuse. */
  private blocks: DealBlock[] = [];
  private used = 0;
  private count = 0;
  private bytes = 0;
  private total = 0;
  private runs: Run[] = [];
  private file: ScratchStore | undefined;
  /** The long step in progress (a run to write, runs to merge), done by `work`. */
  private job: Generator<void, void, undefined> | undefined;
  private finished = false;

  constructor(
    private readonly idOf: IdOf,
    private readonly options: KeptDealRunsOptions,
  ) {
    this.recordBytes = Math.ceil((12 + 4 * options.maxTrades) / 8) * 8;
    // key, kind, size, trades, a slot of the sort order
    this.dealBytes = 8 + 1 + 1 + 4 * options.maxTrades + 4;
    this.minRunDeals = options.minRunDeals ?? defaultKeptDealRunsOptions.minRunDeals;
    this.fanIn = Math.max(2, options.fanIn ?? defaultKeptDealRunsOptions.fanIn);
    this.recordsPerStep = Math.max(
      1,
      options.recordsPerStep ?? defaultKeptDealRunsOptions.recordsPerStep,
    );
  }

  /** How many deals were kept. */
  get size(): number {
    return this.total;
  }

  /** How many runs were written to the scratch file. */
  get runCount(): number {
    return this.runs.length;
  }

  /** Whether a long step waits to be done (`work`) before the next `offer` or read. */
  get busy(): boolean {
    return this.job !== undefined;
  }

  /**
   * Does the waiting long step until it is done (true) or `performance.now()`
   * reaches `until` (false: call again).
   */
  work(until = Number.POSITIVE_INFINITY): boolean {
    const job = this.job;
    if (job === undefined) return true;
    const timed = until !== Number.POSITIVE_INFINITY;
    for (;;) {
      if (job.next().done === true) {
        this.job = undefined;
        return true;
      }
      if (timed && performance.now() >= until) return false;
    }
  }

  /**
   * Keeps a deal (its trades are copied; no id: one is built only when read,
   * or to order equal keys as they are read). Past the budget, a run is due:
   * `busy` turns true until `work` has written it.
   *
   * @throws Error when a long step is waiting, or after `finish`
   */
  offer(key: number, kind: DealKind, trades: ArrayLike<number>, size: number): void {
    this.offerCoded(key, dealKinds.indexOf(kind), trades, 0, size);
  }

  /**
   * As `offer`, the kind given by its number in `dealKinds` and the trades
   * as `size` elements from `trades[from]` on: a batch of packed deals is
   * kept from its arrays as they are.
   */
  offerCoded(
    key: number,
    kindCode: number,
    trades: ArrayLike<number>,
    from: number,
    size: number,
  ): void {
    this.checkOpen();
    let block = this.used === 0 ? undefined : this.blocks[this.used - 1];
    if (block === undefined || block.full) {
      block = this.blocks[this.used] ?? new DealBlock(this.options.maxTrades);
      block.count = 0;
      this.blocks[this.used++] = block;
    }
    block.add(key, kindCode, trades, from, size);
    if (block.full) block.sort();
    this.kept(1);
  }

  /**
   * Keeps a block of deals as it is (a worker thread's, sorted there): its
   * arrays become the ranking's, nothing is copied. Its stride must be
   * `maxTrades`. Past the budget, a run is due, as with `offer`.
   *
   * @throws Error when a long step is waiting, or after `finish`
   */
  adopt(block: DealBlock): void {
    this.checkOpen();
    if (block.stride !== this.options.maxTrades)
      throw new Error("KeptDealRuns: a block of another stride");
    block.sort();
    // Before the block being filled (if any), which stays the last: offers go on filling it.
    const last = this.used === 0 ? undefined : this.blocks[this.used - 1];
    if (last !== undefined && !last.full) {
      this.blocks[this.used - 1] = block;
      this.blocks[this.used++] = last;
    } else this.blocks[this.used++] = block;
    this.kept(block.count);
  }

  /** Refuses deals (`offer`, `adopt`) while a long step is waiting or after `finish`. */
  private checkOpen(): void {
    if (this.job !== undefined || this.finished)
      throw new Error("KeptDealRuns: deals kept while busy or finished");
  }

  /** Counts `deals` kept; past the budget, a run is due. */
  private kept(deals: number): void {
    this.count += deals;
    this.total += deals;
    this.bytes += deals * this.dealBytes;
    if (this.bytes >= this.options.memoryBudget && this.count >= this.minRunDeals)
      this.job = this.spill();
  }

  /**
   * Ends the offers; a job (see `busy`, `work`) then merges the runs down to
   * `fanIn`, after which `ranked()` reads the deals in rank order.
   */
  finish(): void {
    if (this.finished) return;
    this.work();
    this.finished = true;
    this.sortLastBlock();
    this.job = this.mergeDown();
  }

  /**
   * The kept deals in rank order (key descending, id ascending), at most
   * `limit`; read afresh on each iteration.
   *
   * @throws Error before `finish` and its work are done
   */
  ranked(limit = Number.POSITIVE_INFINITY): Iterable<RankedKeptDeal> {
    return orderTies(this.byKey(), limit, true);
  }

  /**
   * The kept deals by key descending, equal keys in no particular order (the
   * reader orders them by id), at most `limit`: the same deals as `ranked`,
   * whose ids are built only when read.
   *
   * @throws Error before `finish` and its work are done
   */
  rankedByKey(limit = Number.POSITIVE_INFINITY): Iterable<RankedKeptDeal> {
    return orderTies(this.byKey(), limit, false);
  }

  /**
   * The deals of `rankedByKey(limit)` as `batchesByKey` packs them, straight
   * from the blocks (no object per deal) when every deal is still in memory
   * and within the limit.
   *
   * @throws Error before `finish` and its work are done
   */
  batchesByKey(limit: number, batchDeals: number): Iterable<PackedDeals> {
    return this.runs.length > 0 || limit < this.total
      ? batchesByKey(this.rankedByKey(limit), batchDeals)
      : this.memoryBatches(batchDeals);
  }

  /** The kept deals by key descending (ties in no particular order). */
  private byKey(): Iterable<RankedKeptDeal> {
    if (!this.finished || this.job !== undefined)
      throw new Error("KeptDealRuns: read before finish() and work()");
    const memory = this.readMemory(this.idOf);
    return this.runs.length === 0
      ? memory
      : mergeSorted([...this.runs.map((run) => this.readRun(run)), memory], byKey);
  }

  /** Frees the scratch file and the deals in memory; nothing can be read after. */
  close(): void {
    this.file?.close();
    this.file = undefined;
    this.runs = [];
    this.blocks = [];
    this.used = 0;
    this.count = 0;
    this.job = undefined;
    this.finished = true;
  }

  /** Sorts the block being filled, always the last (full ones are sorted as they fill or come). */
  private sortLastBlock(): void {
    if (this.used > 0) this.blocks[this.used - 1].sort();
  }

  /** The job that writes the deals in memory as one sorted run and empties the memory. */
  private *spill(): Generator<void, void, undefined> {
    this.sortLastBlock();
    const run = yield* this.writeRun(this.readMemory(undefined));
    this.runs.push(run);
    this.used = 0;
    this.count = 0;
    this.bytes = 0;
  }

  /** The job that merges the runs, `fanIn` at a time, until at most `fanIn` are left. */
  private *mergeDown(): Generator<void, void, undefined> {
    const fanIn = this.fanIn;
    while (this.runs.length > fanIn) {
      const group = this.runs.slice(0, fanIn);
      const merged = yield* this.writeRun(
        mergeSorted(
          group.map((run) => this.readRun(run)),
          byKey,
        ),
      );
      this.runs = [...this.runs.slice(fanIn), merged];
    }
  }

  /** Positions `b · blockDeals + j` of the deals in memory, by key: the k-way merge of the sorted blocks. */
  private memoryOrder(): Iterator<number> {
    const blocks = this.blocks.slice(0, this.used);
    const sources = blocks.map((block, b) => positions(block, b));
    const keyAt = (p: number) => blocks[p >>> blockShift].keys[p & blockMask];
    return sources.length === 1
      ? sources[0]
      : mergeSorted(sources, (p, q) => compareRankKeys(keyAt(p), keyAt(q)));
  }

  /** The deals in memory by key, with ids built when read (given `idOf`) or without. */
  private readMemory(idOf: IdOf): Generator<RankedKeptDeal, void, undefined>;
  private readMemory(idOf: undefined): Generator<RunRecord, void, undefined>;
  private *readMemory(
    idOf: IdOf | undefined,
  ): Generator<RunRecord | RankedKeptDeal, void, undefined> {
    const order = this.memoryOrder();
    for (let next = order.next(); next.done !== true; next = order.next()) {
      const p = next.value;
      yield recordOf(this.blocks[p >>> blockShift], p & blockMask, idOf);
    }
  }

  /**
   * The deals in memory in batches by key (as `batchesByKey`), copied from
   * the blocks' arrays straight into each batch's: no object per deal.
   */
  private *memoryBatches(batchDeals: number): Generator<PackedDeals, void, undefined> {
    if (!this.finished || this.job !== undefined)
      throw new Error("KeptDealRuns: read before finish() and work()");
    const order = this.memoryOrder();
    let picked: number[] = [];
    let lastKey = Number.NaN;
    for (let next = order.next(); next.done !== true; next = order.next()) {
      const p = next.value;
      const key = this.blocks[p >>> blockShift].keys[p & blockMask];
      if (picked.length >= batchDeals && key !== lastKey) {
        yield this.pack(picked);
        picked = [];
      }
      picked.push(p);
      lastKey = key;
    }
    if (picked.length > 0) yield this.pack(picked);
  }

  /** The deals at positions `b · blockDeals + j` of the blocks, as a batch (no ids at hand). */
  private pack(picked: readonly number[]): PackedDeals {
    const count = picked.length;
    const keys = new Float64Array(count);
    const kinds = new Uint8Array(count);
    const sizes = new Uint8Array(count);
    let tradeCount = 0;
    for (let d = 0; d < count; d++) {
      const block = this.blocks[picked[d] >>> blockShift];
      const j = picked[d] & blockMask;
      keys[d] = block.keys[j];
      kinds[d] = block.kinds[j];
      sizes[d] = block.sizes[j];
      tradeCount += sizes[d];
    }
    const trades = new Int32Array(tradeCount);
    // Element by element: a deal has 2..12 trades, too few to pay for a view of them.
    for (let d = 0, at = 0; d < count; d++) {
      const block = this.blocks[picked[d] >>> blockShift];
      const from = (picked[d] & blockMask) * block.stride;
      for (let t = 0; t < sizes[d]; t++) trades[at++] = block.trades[from + t];
    }
    return { keys, kinds, sizes, trades, ids: [] };
  }

  /**
   * Appends a sorted sequence of deals to the scratch file as one run, as a
   * job (a step every `recordsPerStep` records); returns the run.
   */
  private *writeRun(deals: Iterable<RunRecord>): Generator<void, Run, undefined> {
    this.file ??= openScratch(this.options.directory);
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
      if (++count % this.recordsPerStep === 0) yield;
    }
    if (used > 0) file.append(block, used);
    return { start, count };
  }

  /** The deals of one run, in its (rank) order (ids built again when read). */
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
        yield new RunDeal(view.getFloat64(at, true), kind, trades, this.idOf);
      }
      done += records;
    }
  }
}

/** The deals of block b in its order, as positions `b · blockDeals + j`. */
function* positions(block: DealBlock, b: number): Generator<number, void, undefined> {
  for (let r = 0; r < block.count; r++) yield (b << blockShift) | block.order[r];
}
