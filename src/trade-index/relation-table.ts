/**
 * The relations of a network compiled for the trade build: grouped by seller
 * (a CSR over firm integers), each seller's in buyer order, every probability
 * replaced by a small code into a table of the distinct values.
 */

import { type RecordColumns, relationFlag } from "../model/network-columns.js";
import { countingSort } from "../util/counting-sort.js";
import { searchSorted } from "../util/search-sorted.js";
import { allocateArrays, arenaBytes, releaseScratch, scratchBuffer } from "../util/typed-arena.js";

/** Relations by seller (CSR), each seller's in buyer order (in one scratch buffer, released by the caller). */
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

/**
 * The distinct probabilities the relations state: 1 first (code 0), then the
 * others ascending. NaN means not stated.
 */
export function distinctProbabilities(probability: Float64Array): Float64Array {
  let stated = 0;
  for (let i = 0; i < probability.length; i++) {
    if (!Number.isNaN(probability[i]) && probability[i] !== 1) stated++;
  }
  const sorted = new Float64Array(stated);
  stated = 0;
  for (let i = 0; i < probability.length; i++) {
    if (!Number.isNaN(probability[i]) && probability[i] !== 1) sorted[stated++] = probability[i];
  }
  sorted.sort();
  const values = [1];
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i] !== values[values.length - 1]) values.push(sorted[i]);
  }
  return Float64Array.from(values);
}

/** The code of `p` in `values` (1 first, then ascending), by binary search; −1 when absent. */
function codeOf(values: Float64Array, p: number): number {
  if (p === 1) return 0;
  return searchSorted(values, 1, values.length, p);
}

/**
 * Compiles the relation columns (the relations naming no firm are dropped:
 * they bind no trade) into a table by seller then buyer, with two stable
 * counting sorts. `firmRank` and `productRank` map positions and product
 * numbers to index integers; `probabilityValues` are the
 * `distinctProbabilities` of the relations.
 */
export function relationTable(
  columns: RecordColumns,
  firmRank: Int32Array,
  productRank: Int32Array,
  probabilityValues: Float64Array,
): RelationTable {
  const { relationSeller, relationBuyer, relationProduct, relationFlags } = columns;
  const n = relationSeller.length;
  const firmCount = firmRank.length;
  const workSpec = {
    seller: [Int32Array, n],
    buyer: [Int32Array, n],
    item: [Int32Array, n],
    byBuyer: [Int32Array, n],
    bySeller: [Int32Array, n],
    buyerStarts: [Int32Array, firmCount + 1],
  } as const;
  const workBuffer = scratchBuffer(arenaBytes(workSpec));
  const work = allocateArrays(workSpec, workBuffer);
  let valid = 0;
  for (let i = 0; i < n; i++) {
    const seller = relationSeller[i];
    const buyer = relationBuyer[i];
    if (seller < 0 || buyer < 0) continue;
    work.seller[valid] = firmRank[seller];
    work.buyer[valid] = firmRank[buyer];
    work.item[valid] = i;
    valid++;
  }
  const tableSpec = {
    offsets: [Int32Array, firmCount + 1],
    buyer: [Int32Array, valid],
    product: [Int32Array, valid],
    blocked: [Uint8Array, valid],
    code: [Int32Array, valid],
  } as const;
  // One scratch buffer: the caller releases it (`releaseScratch(table.offsets.buffer)`).
  const table = allocateArrays(tableSpec, scratchBuffer(arenaBytes(tableSpec)));
  countingSort(valid, work.buyer, null, work.byBuyer, work.buyerStarts);
  countingSort(valid, work.seller, work.byBuyer, work.bySeller, table.offsets);
  for (let x = 0; x < valid; x++) {
    const v = work.bySeller[x];
    const i = work.item[v];
    const product = relationProduct[i];
    table.buyer[x] = work.buyer[v];
    // A product no offer or need names binds no trade: −2 never matches.
    table.product[x] = product >= 0 ? productRank[product] : product === -1 ? -1 : -2;
    table.blocked[x] = (relationFlags[i] & relationFlag.blocked) !== 0 ? 1 : 0;
    table.code[x] = codeOf(probabilityValues, columns.relationProbability[i]);
  }
  releaseScratch(workBuffer);
  return table;
}
