/**
 * The sizes of the arrays a trade index keeps and of the temporaries of its
 * build, as specs for `allocateArrays`: each group is one buffer.
 */
import type { RecordColumns } from "../model/network-columns.js";
import type { ArenaArrays } from "../util/typed-arena.js";
import { needStride } from "./product-needs.js";

/** The arrays the index keeps (trades and arcs sized for the most possible), for `allocateArrays`. */
export function indexSpec(columns: RecordColumns, upper: number, probabilityCount: number) {
  const firmCount = columns.firmHurdle.length;
  const productCount = columns.products.size;
  const offerCount = columns.offerProduct.length;
  const needCount = columns.needProduct.length;
  return {
    firmRecord: [Int32Array, firmCount],
    firmRank: [Int32Array, firmCount],
    firmHurdle: [Float64Array, firmCount],
    firmMaxDeals: [Float64Array, firmCount],
    firmKeyAccount: [Uint8Array, firmCount],
    productRank: [Int32Array, productCount],
    offerOffsets: [Int32Array, firmCount + 1],
    offerFirm: [Int32Array, offerCount],
    offerProduct: [Int32Array, offerCount],
    offerPrice: [Float64Array, offerCount],
    offerUnitMargin: [Float64Array, offerCount],
    offerCapacity: [Float64Array, offerCount],
    needOffsets: [Int32Array, firmCount + 1],
    needFirm: [Int32Array, needCount],
    needProduct: [Int32Array, needCount],
    needRecord: [Int32Array, needCount],
    needQuantity: [Float64Array, needCount],
    tradeOffer: [Int32Array, upper],
    tradeNeed: [Int32Array, upper],
    tradePremium: [Float64Array, upper],
    tradeProbabilityCode: [probabilityCount <= 0x10000 ? Uint16Array : Uint32Array, upper],
    arcTarget: [Int32Array, upper],
    arcTrades: [Int32Array, upper + 1],
    outOffsets: [Int32Array, firmCount + 1],
    inOffsets: [Int32Array, firmCount + 1],
    inArcs: [Int32Array, upper],
  } as const;
}

/** The temporaries of the build before the trades, for `allocateArrays`. */
export function layoutScratch(columns: RecordColumns) {
  const products = columns.products.size;
  const needs = columns.needProduct.length;
  return {
    productArrival: [Int32Array, products],
    offerSource: [Int32Array, columns.offerProduct.length],
    needSource: [Int32Array, needs],
    incumbentOfRecord: [Int32Array, needs],
    productNeedOffsets: [Int32Array, products + 1],
    productNeedData: [Float64Array, needStride * needs],
  } as const;
}

export type LayoutScratch = ArenaArrays<ReturnType<typeof layoutScratch>>;
