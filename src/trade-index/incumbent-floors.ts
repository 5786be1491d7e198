/**
 * The competitor's counter (SPEC §5): for a trade whose buyer's need names an
 * incumbent, the incumbent can cut its unit price down to its floor — the
 * need's `incumbentFloor`, else the incumbent's cost for the product when the
 * incumbent is a firm of the network that offers it; otherwise the floor is
 * unknown. The trade's counter is max(0, ref − floor) · q, with ref the need's
 * reference price (default: the new seller's price) and q the trade's
 * quantity; unknown floors give an unknown counter (NaN here, `null` in JSON).
 *
 * Per unit, the counter is `counterUnit` below. Scoring a few deals reads the
 * need records directly (`counterUnitOf`); pricing every deal of a search
 * under `competition: "counter"` reads a per-need table built once per index
 * (`incumbentFloors`, 16 bytes a need, only when that option is used).
 */

import { recordColumnsOf } from "../model/parse-network.js";
import { snapshotOf } from "../model/snapshot/snapshot-of.js";
import { statedAt } from "../util/typed-column.js";
import { needRecordOf } from "./trade-figures.js";
import type { TradeIndex } from "./trade-index.js";

/** The counter per unit of a trade at unit price `price` (NaN when the floor is unknown). */
export function counterUnit(price: number, reference: number, floor: number): number {
  const ref = Number.isNaN(reference) ? price : reference;
  return Math.max(0, ref - floor);
}

/** The incumbent's floor for need integer `n`: its `incumbentFloor`, else the incumbent's cost, else NaN. */
export function incumbentFloorOf(index: TradeIndex, n: number): number {
  const need = needRecordOf(index, n);
  if (need.incumbent === undefined) return Number.NaN;
  if (need.incumbentFloor !== undefined) return need.incumbentFloor;
  const f = index.firmIndex(need.incumbent);
  const offer = f < 0 ? -1 : index.findOffer(f, index.needProduct[n]);
  // The index keeps price and price − cost per offer: cost = price − (price − cost).
  return offer < 0 ? Number.NaN : index.offerPrice[offer] - index.offerUnitMargin[offer];
}

const cache = new WeakMap<TradeIndex, IncumbentFloors>();

/** Counters read from need records one by one per index; past this many, the per-need table is built. */
const tradesByRecords = 1024;

/** How many counters of each index were read from need records. */
const recordReads = new WeakMap<TradeIndex, number>();

/**
 * The counter per unit of trade `t`, read from the need record (NaN when
 * unknown), or from the per-need table when one was built or adopted (a
 * worker thread's index has no records). A few deals' counters (a top 20,
 * a proposal) read records; past {@link tradesByRecords} reads the table is
 * built once (one pass over the need columns) and read from then on, as
 * when a listing or a portfolio builds thousands of deals.
 */
export function counterUnitOf(index: TradeIndex, t: number): number {
  const n = index.tradeNeed[t];
  let table = cache.get(index);
  if (table === undefined) {
    const reads = (recordReads.get(index) ?? 0) + 1;
    recordReads.set(index, reads);
    if (reads > tradesByRecords) table = incumbentFloors(index);
  }
  if (table !== undefined) {
    const floor = table.floor[n];
    return Number.isNaN(floor)
      ? Number.NaN
      : counterUnit(index.offerPrice[index.tradeOffer[t]], table.reference[n], floor);
  }
  const floor = incumbentFloorOf(index, n);
  if (Number.isNaN(floor)) return Number.NaN;
  return counterUnit(
    index.offerPrice[index.tradeOffer[t]],
    needRecordOf(index, n).referencePrice ?? Number.NaN,
    floor,
  );
}

/** Per need: the incumbent's floor and the reference price (NaN: unknown, or none stated). */
export interface IncumbentFloors {
  readonly floor: Float64Array;
  readonly reference: Float64Array;
}

/** The snapshot section of `labelFirms`. */
export const labelFirmSection = "index.labelFirm";

/**
 * Per incumbent label of the network (`RecordColumns.labels`, by number):
 * the integer of the firm of that id, or −1 when no firm has it. Written to
 * a snapshot (section `index.labelFirm`) so that reading one need not look
 * the labels up: over a snapshot's index a lookup is a binary search of ids
 * decoded as it goes (at 1M firms, 379,291 labels took ~3 s).
 */
export function labelFirms(index: TradeIndex): Int32Array {
  const { labels } = recordColumnsOf(index.network);
  const firms = new Int32Array(labels.size);
  for (let i = 0; i < firms.length; i++) firms[i] = index.firmIndex(labels.get(i));
  return firms;
}

/** `labelFirms` as stored in the snapshot the index was read from, if it is. */
function storedLabelFirms(index: TradeIndex, labelCount: number): Int32Array | undefined {
  const file = snapshotOf(index.network);
  if (file === undefined || !file.has(labelFirmSection)) return undefined;
  const firms = file.typed(labelFirmSection, "i32");
  return firms.length === labelCount ? firms : undefined;
}

/**
 * The per-need floors of an index, built once (for pricing many deals under
 * the counter), from the network's record columns (no record object is made).
 */
export function incumbentFloors(index: TradeIndex): IncumbentFloors {
  let floors = cache.get(index);
  if (floors === undefined) {
    const columns = recordColumnsOf(index.network);
    const { needFirm, needRecord, firmRecord } = index;
    const count = needFirm.length;
    const floor = new Float64Array(count);
    const reference = new Float64Array(count);
    // The firm of each incumbent label: stored in a snapshot, else looked up
    // once per label used (−2: not yet).
    const labelFirm =
      storedLabelFirms(index, columns.labels.size) ?? new Int32Array(columns.labels.size).fill(-2);
    for (let n = 0; n < count; n++) {
      const k = columns.needStart[firmRecord[needFirm[n]]] + needRecord[n];
      const incumbent = columns.needIncumbent[k];
      let value = Number.NaN;
      if (incumbent >= 0) {
        value = statedAt(columns.needFloor, k);
        if (Number.isNaN(value)) {
          if (labelFirm[incumbent] === -2)
            labelFirm[incumbent] = index.firmIndex(columns.labels.get(incumbent));
          const f = labelFirm[incumbent];
          const offer = f < 0 ? -1 : index.findOffer(f, index.needProduct[n]);
          // cost = price − (price − cost), as incumbentFloorOf.
          if (offer >= 0) value = index.offerPrice[offer] - index.offerUnitMargin[offer];
        }
      }
      floor[n] = value;
      reference[n] = Number.isNaN(value) ? Number.NaN : columns.needReference[k];
    }
    floors = { floor, reference };
    cache.set(index, floors);
  }
  return floors;
}

/** Makes `floors` the per-need table of `index` (a worker thread's view of a table built elsewhere). */
export function adoptIncumbentFloors(index: TradeIndex, floors: IncumbentFloors): void {
  cache.set(index, floors);
}
