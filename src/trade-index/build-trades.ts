/**
 * The potential trades of SPEC §3, seller by seller, each seller's in
 * (buyer, product) order, grouped into arcs (one per seller→buyer pair).
 *
 * The needs of each product come as records in product order (`ProductNeeds`),
 * so a seller's candidates for one offer are one sequential run: the per-trade
 * work reads no scattered memory. A seller with one offer (the common case)
 * meets its candidates already in buyer order; with several, the candidates
 * of its offers are merged by one sort of packed (buyer, offer) keys.
 */
import { countStarts } from "../util/counting-sort.js";
import { searchSorted } from "../util/search-sorted.js";
import { needField, needStride, type ProductNeeds } from "./product-needs.js";
import type { RelationTable } from "./relation-table.js";

/** The offers grouped by firm (CSR), in product order within a firm. */
export interface FirmOffers {
  readonly offsets: Int32Array;
  readonly product: Int32Array;
  readonly price: Float64Array;
  readonly capacity: Float64Array;
}

/** Where the trades and arcs are written; each sized for the most trades possible. */
export interface TradeColumns {
  readonly tradeOffer: Int32Array;
  readonly tradeNeed: Int32Array;
  readonly tradePremium: Float64Array;
  readonly tradeProbabilityCode: Uint16Array | Uint32Array;
  readonly arcTarget: Int32Array;
  /** One more than the arcs. */
  readonly arcTrades: Int32Array;
  /** One more than the firms. */
  readonly outOffsets: Int32Array;
}

/** The most trades the offers can make: per offer, every need of its product (products `0..productCount-1`). */
export function tradeUpperBound(
  offerProduct: Int32Array,
  needProduct: Int32Array,
  productCount: number,
): number {
  const needStarts = new Int32Array(productCount + 1);
  countStarts(needProduct.length, needProduct, null, needStarts);
  let upper = 0;
  for (let o = 0; o < offerProduct.length; o++) {
    const p = offerProduct[o];
    upper += needStarts[p + 1] - needStarts[p];
  }
  return upper;
}

/** Sellers between two progress reports. */
const reportEvery = 1 << 16;

/**
 * Writes the trades of every seller into `out` and returns how many trades
 * and arcs there are (`onSellers` hears how many sellers are done, every
 * 65,536). q = min(capacity, quantity), c = (price − ref)·q +
 * switchingCost; a trade is dropped when the buyer is the seller, the need's
 * incumbent is the seller, or a relation blocks it; its probability is the
 * product-level relation's, else the pair-level one's, else 1.
 */
export function buildTrades(
  offers: FirmOffers,
  needs: ProductNeeds,
  relations: RelationTable,
  out: TradeColumns,
  onSellers?: (done: number) => void,
): { tradeCount: number; arcCount: number } {
  const firmCount = offers.offsets.length - 1;
  const { offsets: offerOffsets, product: offerProduct, price: offerPrice } = offers;
  const { offsets: needOffsets, data } = needs;
  const { need, buyer, incumbent, quantity, reference, switching } = needField;
  const { buyer: relationBuyer, product: relationProduct, blocked, code } = relations;
  const { tradeOffer, tradeNeed, tradePremium, tradeProbabilityCode, arcTarget, arcTrades } = out;
  let keys = new Float64Array(64);
  let t = 0;
  let a = 0;
  for (let s = 0; s < firmCount; s++) {
    if (onSellers !== undefined && (s & (reportEvery - 1)) === 0) onSellers(s);
    out.outOffsets[s] = a;
    const firstOffer = offerOffsets[s];
    const k = offerOffsets[s + 1] - firstOffer;
    if (k === 0) continue;
    // Candidates: with one offer, the needs of its product in place; with
    // several, keys buyer·k + (offer − firstOffer), sorted.
    let candidates: number;
    let first = 0;
    if (k === 1) {
      first = needOffsets[offerProduct[firstOffer]];
      candidates = needOffsets[offerProduct[firstOffer] + 1] - first;
    } else {
      candidates = 0;
      for (let o = firstOffer; o < firstOffer + k; o++) {
        const p = offerProduct[o];
        const end = needOffsets[p + 1];
        if (candidates + end - needOffsets[p] > keys.length) {
          const bigger = new Float64Array(2 * (candidates + end - needOffsets[p]));
          bigger.set(keys.subarray(0, candidates));
          keys = bigger;
        }
        for (let j = needOffsets[p]; j < end; j++) {
          const b = data[needStride * j + buyer];
          if (b !== s && data[needStride * j + incumbent] !== s) {
            keys[candidates++] = b * k + (o - firstOffer);
          }
        }
      }
      keys.subarray(0, candidates).sort();
    }
    let lastBuyer = -1;
    let r = relations.offsets[s];
    const rEnd = relations.offsets[s + 1];
    for (let i = 0; i < candidates; i++) {
      let offer: number;
      let at: number;
      let b: number;
      if (k === 1) {
        offer = firstOffer;
        at = needStride * (first + i);
        b = data[at + buyer];
        if (b === s || data[at + incumbent] === s) continue;
      } else {
        const key = keys[i];
        b = Math.floor(key / k);
        offer = firstOffer + (key - b * k);
        const product = offerProduct[offer];
        at =
          needStride *
          searchSorted(
            data,
            needOffsets[product],
            needOffsets[product + 1],
            b,
            needStride,
            needField.buyer,
          );
      }
      const p = offerProduct[offer];
      while (r < rEnd && relationBuyer[r] < b) r++;
      let isBlocked = 0;
      let pairCode = -1;
      let productCode = -1;
      for (let x = r; x < rEnd && relationBuyer[x] === b; x++) {
        const rp = relationProduct[x];
        if (rp === -1) {
          isBlocked |= blocked[x];
          pairCode = code[x];
        } else if (rp === p) {
          isBlocked |= blocked[x];
          productCode = code[x];
        }
      }
      if (isBlocked === 1) continue;
      if (b !== lastBuyer) {
        arcTarget[a] = b;
        arcTrades[a] = t;
        a++;
        lastBuyer = b;
      }
      const price = offerPrice[offer];
      const q = Math.min(offers.capacity[offer], data[at + quantity]);
      const stated = data[at + reference];
      tradeOffer[t] = offer;
      tradeNeed[t] = data[at + need];
      tradePremium[t] =
        (price - (Number.isNaN(stated) ? price : stated)) * q + data[at + switching];
      // The product-level code, else the pair-level one, else 0 (probability 1).
      tradeProbabilityCode[t] = Math.max(productCode >= 0 ? productCode : pairCode, 0);
      t++;
    }
  }
  out.outOffsets[firmCount] = a;
  arcTrades[a] = t;
  return { tradeCount: t, arcCount: a };
}
