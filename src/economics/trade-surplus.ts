/**
 * Each trade's share of a deal's surplus, m − c (its margin at its own
 * quantity less its premium, SPEC §5), in one array per index: a deal's
 * surplus is the sum over its trades in SPEC §4 order, the very sum
 * `DealEconomy.derive` makes. A ranking of the best N deals by a surplus
 * objective reads it to pass over deals that cannot enter (`surplusFloor`)
 * without loading them: one read per trade instead of a dozen.
 */
import type { TradeIndex } from "../trade-index/trade-index.js";

const cache = new WeakMap<TradeIndex, Float64Array>();

/**
 * m − c of every trade of the index, built once per index (in shared memory
 * with `shared`, for worker threads).
 *
 * @example
 * const surplus = tradeSurpluses(index)[t1] + tradeSurpluses(index)[t2];
 */
export function tradeSurpluses(index: TradeIndex, shared = false): Float64Array {
  let values = cache.get(index);
  if (values === undefined) {
    const { tradeOffer, tradeNeed, tradePremium, offerCapacity, offerUnitMargin, needQuantity } =
      index;
    const bytes = 8 * index.tradeCount;
    values = new Float64Array(
      (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes)) as ArrayBuffer,
    );
    for (let t = 0; t < values.length; t++) {
      const offer = tradeOffer[t];
      const q = Math.min(offerCapacity[offer], needQuantity[tradeNeed[t]]);
      values[t] = offerUnitMargin[offer] * q - tradePremium[t];
    }
    cache.set(index, values);
  }
  return values;
}

/** Makes `values` the index's trade surpluses (a worker thread's view of the calling thread's). */
export function adoptTradeSurpluses(index: TradeIndex, values: Float64Array): void {
  cache.set(index, values);
}
