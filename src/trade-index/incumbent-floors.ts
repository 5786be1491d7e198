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
import type { SectionData } from "../model/snapshot/snapshot-file.js";
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

/**
 * The snapshot sections of the per-need floors table (`IncumbentFloors`:
 * floor, then reference), written by `floorsSections`: reading a snapshot's
 * floors is two views, not a pass over every need record (at 1M firms,
 * 1.9M needs: ~0.7 s).
 */
export const floorSectionNames = ["index.incumbentFloor", "index.incumbentReference"] as const;

/** The floors table of an index as snapshot sections (`floorSectionNames`). */
export function floorsSections(index: TradeIndex): SectionData[] {
  const { floor, reference } = incumbentFloors(index);
  return [
    { name: floorSectionNames[0], array: floor },
    { name: floorSectionNames[1], array: reference },
  ];
}

/** The floors table as stored in the snapshot the index was read from, if it is. */
function storedFloors(index: TradeIndex): IncumbentFloors | undefined {
  const file = snapshotOf(index.network);
  if (file === undefined || !floorSectionNames.every((name) => file.has(name))) return undefined;
  const [floor, reference] = floorSectionNames.map((name) => file.typed(name, "f64"));
  const count = index.needFirm.length;
  return floor.length === count && reference.length === count ? { floor, reference } : undefined;
}

/**
 * The per-need floors of an index, built once (for pricing many deals under
 * the counter): read from the snapshot the index came from when it stores
 * them, else built from the network's record columns (no record object is made).
 */
export function incumbentFloors(index: TradeIndex): IncumbentFloors {
  let floors = cache.get(index);
  if (floors === undefined) {
    floors = storedFloors(index) ?? builtFloors(index);
    cache.set(index, floors);
  }
  return floors;
}

/** The floors table from the record columns: one pass over the needs. */
function builtFloors(index: TradeIndex): IncumbentFloors {
  const columns = recordColumnsOf(index.network);
  const { needFirm, needRecord, firmRecord } = index;
  const count = needFirm.length;
  const floor = new Float64Array(count);
  const reference = new Float64Array(count);
  // The firm of each incumbent label, looked up once per label used (−2: not yet).
  const labelFirm = new Int32Array(columns.labels.size).fill(-2);
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
  return { floor, reference };
}

/** Makes `floors` the per-need table of `index` (a worker thread's view of a table built elsewhere). */
export function adoptIncumbentFloors(index: TradeIndex, floors: IncumbentFloors): void {
  cache.set(index, floors);
}
