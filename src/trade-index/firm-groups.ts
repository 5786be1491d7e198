/**
 * Lays out the firms' items (offers, needs) by firm integer, and in product
 * order within a firm, from the record-order columns. Firms list one or two
 * items as a rule: those need no sort; a few more get an insertion sort, and
 * only a long list a comparator sort.
 */
import type { RecordColumns } from "../model/network-columns.js";

/** Items of one firm up to this many are insertion-sorted. */
const insertionLimit = 16;

/**
 * Fills `offsets` (a CSR over firm integers) and `source` (the record-order
 * item at each place). `start` is the record-order CSR (the items of the firm
 * at position r are `start[r] .. start[r+1]-1`), `firmRecord` maps a firm
 * integer to its position, `productRank` maps `itemProduct` numbers to
 * product integers.
 */
export function groupByFirm(
  start: Int32Array,
  itemProduct: Int32Array,
  firmRecord: Int32Array,
  productRank: Int32Array,
  offsets: Int32Array,
  source: Int32Array,
): void {
  const firmCount = firmRecord.length;
  let at = 0;
  for (let f = 0; f < firmCount; f++) {
    offsets[f] = at;
    const r = firmRecord[f];
    const end = start[r + 1];
    for (let item = start[r]; item < end; item++) source[at++] = item;
    const count = end - start[r];
    if (count < 2) continue;
    const lo = at - count;
    if (count <= insertionLimit) {
      for (let i = lo + 1; i < at; i++) {
        const item = source[i];
        const rank = productRank[itemProduct[item]];
        let j = i - 1;
        while (j >= lo && productRank[itemProduct[source[j]]] > rank) {
          source[j + 1] = source[j];
          j--;
        }
        source[j + 1] = item;
      }
    } else {
      source
        .subarray(lo, at)
        .sort((x, y) => productRank[itemProduct[x]] - productRank[itemProduct[y]]);
    }
  }
  offsets[firmCount] = at;
}

/** The offer columns of the index, by firm integer. */
export interface OfferLayout {
  readonly offerOffsets: Int32Array;
  readonly offerFirm: Int32Array;
  readonly offerProduct: Int32Array;
  readonly offerPrice: Float64Array;
  readonly offerUnitMargin: Float64Array;
  readonly offerCapacity: Float64Array;
}

/** The need columns of the index, by firm integer. */
export interface NeedLayout {
  readonly needOffsets: Int32Array;
  readonly needFirm: Int32Array;
  readonly needProduct: Int32Array;
  readonly needRecord: Int32Array;
  readonly needQuantity: Float64Array;
}

/** Fills the offer columns (`source`: the record-order offer behind each place). */
export function layOutOffers(
  columns: RecordColumns,
  firmRecord: Int32Array,
  productRank: Int32Array,
  source: Int32Array,
  out: OfferLayout,
): void {
  const { offerOffsets } = out;
  groupByFirm(
    columns.offerStart,
    columns.offerProduct,
    firmRecord,
    productRank,
    offerOffsets,
    source,
  );
  for (let f = 0; f < firmRecord.length; f++) {
    for (let o = offerOffsets[f]; o < offerOffsets[f + 1]; o++) {
      const from = source[o];
      const price = columns.offerPrice[from];
      out.offerFirm[o] = f;
      out.offerProduct[o] = productRank[columns.offerProduct[from]];
      out.offerPrice[o] = price;
      out.offerUnitMargin[o] = price - columns.offerCost[from];
      out.offerCapacity[o] = columns.offerCapacity[from];
    }
  }
}

/** Fills the need columns (`source`: the record-order need behind each place). */
export function layOutNeeds(
  columns: RecordColumns,
  firmRecord: Int32Array,
  productRank: Int32Array,
  source: Int32Array,
  out: NeedLayout,
): void {
  const { needOffsets } = out;
  groupByFirm(columns.needStart, columns.needProduct, firmRecord, productRank, needOffsets, source);
  for (let f = 0; f < firmRecord.length; f++) {
    const first = columns.needStart[firmRecord[f]];
    for (let n = needOffsets[f]; n < needOffsets[f + 1]; n++) {
      const from = source[n];
      out.needFirm[n] = f;
      out.needProduct[n] = productRank[columns.needProduct[from]];
      out.needRecord[n] = from - first;
      out.needQuantity[n] = columns.needQuantity[from];
    }
  }
}
