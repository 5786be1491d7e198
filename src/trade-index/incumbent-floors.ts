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

/** The counter per unit of trade `t`, read from the need record (NaN when unknown). */
export function counterUnitOf(index: TradeIndex, t: number): number {
  const n = index.tradeNeed[t];
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

const cache = new WeakMap<TradeIndex, IncumbentFloors>();

/** The per-need floors of an index, built once (for pricing many deals under the counter). */
export function incumbentFloors(index: TradeIndex): IncumbentFloors {
  let floors = cache.get(index);
  if (floors === undefined) {
    const count = index.needFirm.length;
    const floor = new Float64Array(count);
    const reference = new Float64Array(count);
    for (let n = 0; n < count; n++) {
      floor[n] = incumbentFloorOf(index, n);
      reference[n] = Number.isNaN(floor[n])
        ? Number.NaN
        : (needRecordOf(index, n).referencePrice ?? Number.NaN);
    }
    floors = { floor, reference };
    cache.set(index, floors);
  }
  return floors;
}
