/**
 * The sizes of the temporaries of an index build, as a spec for
 * `allocateArrays` (one buffer). The arrays the index keeps are laid out by
 * `index-layout.ts`.
 */
import type { RecordColumns } from "../model/network-columns.js";
import type { ArenaArrays } from "../util/typed-arena.js";
import { needStride } from "./product-needs.js";

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

/** The temporaries of `layoutScratch`. */
export type LayoutScratch = ArenaArrays<ReturnType<typeof layoutScratch>>;
