/**
 * Each trade's share of a deal's surplus, m − c (its margin at its own
 * quantity less its premium, SPEC §5), in one table per index: a deal's
 * surplus is the sum over its trades. A ranking of the best N deals by a
 * surplus objective reads it to pass over deals that cannot enter
 * (`surplusFloor`) without loading them: one read per trade instead of a
 * dozen.
 *
 * A snapshot stores the table exact (`surplusSectionName`, float64, written
 * by `convert`): reading it is a view, where building it is a random read
 * per trade (at 1M firms 0.3–0.5 s). A table built in memory rounds each
 * value up to a float32 (half the memory), so its sums bound the surplus
 * from above. The threads of a threaded ranking share one table: the stored
 * one, or one the calling thread fills while its workers start
 * (`SharedTradeSurpluses`); until it is written a thread loads every deal.
 */
import type { SectionData } from "../model/snapshot/snapshot-file.js";
import { snapshotOf } from "../model/snapshot/snapshot-of.js";
import { float32Above } from "../util/float32.js";
import type { TradeIndex } from "./trade-index.js";

/** The snapshot section of the table. */
export const surplusSectionName = "index.tradeSurplus";

/**
 * A table of the trades' surpluses: exact (float64) as a snapshot stores it,
 * or each rounded up to a float32 where it is built (half the memory: 36 MB
 * at 1M firms), which bounds every sum from above all the same.
 */
export type SurplusTable = Float64Array | Float32Array;

/**
 * A table in shared memory: the stored one (`stored`), or one to fill
 * (`fillSharedSurpluses`); `filled[0]` is 1 once it is written (at once
 * for the stored one).
 */
export interface SharedTradeSurpluses {
  readonly values: SurplusTable;
  readonly filled: Int32Array;
  readonly stored: boolean;
}

const built = new WeakMap<TradeIndex, SurplusTable>();
const adopted = new WeakMap<TradeIndex, SharedTradeSurpluses>();

/** Writes m − c of trades [from, to) of the index into `values` (rounded up into a float32 table). */
export function fillTradeSurpluses(
  index: TradeIndex,
  values: SurplusTable,
  from = 0,
  to = values.length,
): void {
  const { tradeOffer, tradeNeed, tradePremium, offerCapacity, offerUnitMargin, needQuantity } =
    index;
  const exact = values instanceof Float64Array;
  for (let t = from; t < to; t++) {
    const offer = tradeOffer[t];
    const q = Math.min(offerCapacity[offer], needQuantity[tradeNeed[t]]);
    const value = offerUnitMargin[offer] * q - tradePremium[t];
    values[t] = exact ? value : float32Above(value);
  }
}

/**
 * m − c of every trade of the index: built on first call, or the shared
 * table the index adopted — undefined while its parts are still being
 * written.
 *
 * @example
 * const surplus = tradeSurpluses(index)![t1] + tradeSurpluses(index)![t2];
 */
export function tradeSurpluses(index: TradeIndex): SurplusTable | undefined {
  const shared = adopted.get(index);
  if (shared !== undefined) return Atomics.load(shared.filled, 0) === 1 ? shared.values : undefined;
  let values = built.get(index);
  if (values === undefined) {
    values = storedTradeSurpluses(index);
    if (values === undefined) {
      values = new Float32Array(index.tradeCount);
      fillTradeSurpluses(index, values);
    }
    built.set(index, values);
  }
  return values;
}

/** The table as stored in the snapshot the index was read from, if it is. */
function storedTradeSurpluses(index: TradeIndex): Float64Array | undefined {
  const file = snapshotOf(index.network);
  if (file === undefined || !file.has(surplusSectionName)) return undefined;
  const values = file.typed(surplusSectionName, "f64");
  return values.length === index.tradeCount ? values : undefined;
}

/** The table of an index as a snapshot section (`surplusSectionName`). */
export function surplusSections(index: TradeIndex): SectionData[] {
  let values = storedTradeSurpluses(index);
  if (values === undefined) {
    // Stored exact: a table built in memory holds its values rounded up.
    values = new Float64Array(index.tradeCount);
    fillTradeSurpluses(index, values);
  }
  return [{ name: surplusSectionName, array: values }];
}

/**
 * The index's table for the threads of a threaded ranking: the one its
 * snapshot stores, ready, else an empty one in shared memory, to be written
 * by `fillSharedSurpluses`.
 */
export function sharedTradeSurpluses(index: TradeIndex): SharedTradeSurpluses {
  const memory = (bytes: number) => new SharedArrayBuffer(bytes) as ArrayBufferLike as ArrayBuffer;
  const filled = new Int32Array(memory(4));
  const stored = storedTradeSurpluses(index);
  if (stored !== undefined && stored.buffer instanceof SharedArrayBuffer) {
    filled[0] = 1;
    return { values: stored, filled, stored: true };
  }
  return { values: new Float32Array(memory(4 * index.tradeCount)), filled, stored: false };
}

/** Writes a shared table (unless stored) and marks it written: threads take it up from then on. */
export function fillSharedSurpluses(index: TradeIndex, table: SharedTradeSurpluses): void {
  if (table.stored) return;
  fillTradeSurpluses(index, table.values);
  Atomics.store(table.filled, 0, 1);
}

/** Makes a shared table the index's (a worker thread's view of the job's). */
export function adoptTradeSurpluses(index: TradeIndex, table: SharedTradeSurpluses): void {
  adopted.set(index, table);
}
