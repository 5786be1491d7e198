/**
 * The relations of a network compiled for the trade build: grouped by seller
 * (a CSR over firm integers), each seller's in buyer order, every probability
 * replaced by a small code into a table of the distinct values.
 */
import type { Relation } from "../model/types.js";
import { countingSort } from "./counting-sort.js";
import { allocateArrays } from "./typed-arena.js";

/** Relations by seller (CSR), each seller's in buyer order. */
export interface RelationTable {
  /** The relations of seller s are `offsets[s] .. offsets[s+1]-1`. */
  readonly offsets: Int32Array;
  readonly buyer: Int32Array;
  /** Product integer; −1 = the whole pair, −2 = a product nobody offers or needs (binds no trade). */
  readonly product: Int32Array;
  /** 1 when the relation blocks. */
  readonly blocked: Uint8Array;
  /** Probability code (index into the `distinctProbabilities`), −1 when none is stated. */
  readonly code: Int32Array;
}

/** Where each relation's seller, buyer and product land among the index integers. */
export interface RelationKeys {
  /** Position in `network.firms` of each relation's seller and buyer (−1: no firm). */
  readonly sellerPosition: Int32Array;
  readonly buyerPosition: Int32Array;
  /** Firm position → firm integer. */
  readonly firmRank: Int32Array;
  /** Product id → product integer, −1 for a product nobody offers or needs. */
  productRank(id: string): number;
}

/**
 * The distinct probabilities the relations state: 1 first (code 0), then the
 * others ascending. A NaN (only in a hand-built network) counts as not stated.
 */
export function distinctProbabilities(relations: readonly Relation[]): Float64Array {
  const stated: number[] = [];
  for (let i = 0; i < relations.length; i++) {
    const p = relations[i]!.probability;
    if (p !== undefined && !Number.isNaN(p) && p !== 1) stated.push(p);
  }
  const sorted = Float64Array.from(stated).sort();
  const values = [1];
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i] !== values[values.length - 1]) values.push(sorted[i]!);
  }
  return Float64Array.from(values);
}

/** The code of `p` in `values` (1 first, then ascending), by binary search. */
function codeOf(values: Float64Array, p: number): number {
  if (p === 1) return 0;
  let lo = 1;
  let hi = values.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = values[mid]!;
    if (x === p) return mid;
    if (x < p) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Compiles `relations` (the ones naming no firm are dropped: they bind no
 * trade) into a table by seller then buyer, with two stable counting sorts.
 * `probabilityValues` are the `distinctProbabilities` of the relations.
 */
export function relationTable(
  relations: readonly Relation[],
  keys: RelationKeys,
  firmCount: number,
  probabilityValues: Float64Array,
): RelationTable {
  const n = relations.length;
  const work = allocateArrays({
    seller: [Int32Array, n],
    buyer: [Int32Array, n],
    product: [Int32Array, n],
    blocked: [Uint8Array, n],
    code: [Int32Array, n],
    byBuyer: [Int32Array, n],
    bySeller: [Int32Array, n],
    buyerStarts: [Int32Array, firmCount + 1],
  });
  let valid = 0;
  for (let i = 0; i < n; i++) {
    const seller = keys.sellerPosition[i]!;
    const buyer = keys.buyerPosition[i]!;
    if (seller < 0 || buyer < 0) continue;
    const relation = relations[i]!;
    work.seller[valid] = keys.firmRank[seller]!;
    work.buyer[valid] = keys.firmRank[buyer]!;
    const rank = relation.product === undefined ? -1 : keys.productRank(relation.product);
    work.product[valid] = relation.product === undefined ? -1 : rank < 0 ? -2 : rank;
    work.blocked[valid] = relation.blocked === true ? 1 : 0;
    const p = relation.probability;
    work.code[valid] = p === undefined ? -1 : codeOf(probabilityValues, p);
    valid++;
  }
  const table = allocateArrays({
    offsets: [Int32Array, firmCount + 1],
    buyer: [Int32Array, valid],
    product: [Int32Array, valid],
    blocked: [Uint8Array, valid],
    code: [Int32Array, valid],
  });
  countingSort(valid, work.buyer, null, work.byBuyer, work.buyerStarts);
  countingSort(valid, work.seller, work.byBuyer, work.bySeller, table.offsets);
  for (let x = 0; x < valid; x++) {
    const item = work.bySeller[x]!;
    table.buyer[x] = work.buyer[item]!;
    table.product[x] = work.product[item]!;
    table.blocked[x] = work.blocked[item]!;
    table.code[x] = work.code[item]!;
  }
  return table;
}
