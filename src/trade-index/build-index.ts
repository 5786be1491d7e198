/**
 * Compiles a network's record columns into the arrays of a trade index (laid
 * out as `index-layout.ts` says, in one buffer), with counting sorts only:
 *
 * 1. firms and products ranked in id order (UTF-16), over the interners'
 *    compact pools;
 * 2. offers and needs grouped by firm integer, in product order;
 * 3. the relations compiled into a table by seller and buyer;
 * 4. the needs grouped by product, as interleaved records;
 * 5. the trades, seller by seller (`build-trades.ts`), grouped into arcs.
 *
 * The temporaries share one buffer apart from the index's, and go with the
 * build. `onProgress` hears of each step and, through the trades, of every
 * 65,536 sellers.
 */

import type { RecordColumns } from "../model/network-columns.js";
import { firmFlag } from "../model/network-columns.js";
import { ItemCache } from "../util/item-cache.js";
import { StringInterner, type StringList } from "../util/string-interner.js";
import { allocateArrays, arenaBytes, releaseScratch, scratchBuffer } from "../util/typed-arena.js";
import { buildTrades, tradeUpperBound } from "./build-trades.js";
import { layOutNeeds, layOutOffers } from "./firm-groups.js";
import { rankInIdOrder } from "./id-order.js";
import { layoutScratch } from "./index-arrays.js";
import {
  type IndexArrayViews,
  type IndexHeader,
  layoutArrays,
  layoutBytes,
} from "./index-layout.js";
import { groupNeedsByProduct } from "./product-needs.js";
import { distinctProbabilities, relationTable } from "./relation-table.js";

/** Progress of a long build: `done` of `total` units of the named step. */
export interface BuildProgress {
  /** What is being built: `"index"`, `"search graph"`. */
  readonly task: string;
  /** The step within it: `"firms"`, `"trades"`, `"arcs"`, … */
  readonly step: string;
  readonly done: number;
  readonly total: number;
}

/** Options of an index or search-graph build. */
export interface BuildOptions {
  /** Called as the build goes (at most a few hundred times). @defaultValue none */
  readonly onProgress?: (progress: BuildProgress) => void;
  /** Lay the arrays out in a `SharedArrayBuffer` (to view them from worker threads). @defaultValue false */
  readonly shared?: boolean;
}

/** A compiled index: its header, its buffer, its views and how to look ids up. */
export interface BuiltIndex {
  readonly header: IndexHeader;
  readonly buffer: ArrayBufferLike;
  readonly arrays: IndexArrayViews;
  /** Firm ids and product ids in UTF-16 order (their index integers), each made when first read. */
  readonly firmIds: ItemCache<string>;
  readonly productIds: ItemCache<string>;
  /** Firm ids by position in `network.firms`, product ids by number. */
  readonly firmPositions: StringInterner;
  readonly productNumbers: StringInterner;
}

/** The list as an interner (itself when it is one). */
function internerOf(list: StringList): StringInterner {
  if (list instanceof StringInterner) return list;
  const interner = new StringInterner(list.size);
  for (let i = 0; i < list.size; i++) interner.intern(list.get(i));
  return interner;
}

/** A new zero-filled buffer of `bytes`, shared or not. */
export function newBuffer(bytes: number, shared = false): ArrayBufferLike {
  return shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

/** Compiles the columns into the arrays of a trade index. */
export function buildIndex(columns: RecordColumns, options: BuildOptions = {}): BuiltIndex {
  const report = options.onProgress;
  const firmPositions = internerOf(columns.firms);
  const productNumbers = internerOf(columns.products);
  const firmCount = columns.firmFlags.length;
  const step = (name: string, done: number, total: number) =>
    report?.({ task: "index", step: name, done, total });
  step("firms", 0, firmCount);
  const probabilityValues = distinctProbabilities(columns.relationProbability);
  const upper = tradeUpperBound(columns.offerProduct, columns.needProduct, productNumbers.size);
  const sizing: IndexHeader = {
    firmCount,
    productCount: productNumbers.size,
    offerCount: columns.offerProduct.length,
    needCount: columns.needProduct.length,
    tradeCount: upper,
    arcCount: upper,
    probabilityCount: probabilityValues.length,
    tradeRoom: upper,
    arcRoom: upper,
  };
  const buffer = newBuffer(layoutBytes(sizing), options.shared);
  const arrays = layoutArrays(sizing, buffer);
  const scratchSpec = layoutScratch(columns);
  const scratch = scratchBuffer(arenaBytes(scratchSpec));
  const work = allocateArrays(scratchSpec, scratch);

  rankInIdOrder(firmPositions, arrays.firmRecord, arrays.firmRank, columns.firmsInIdOrder);
  rankInIdOrder(productNumbers, work.productArrival, arrays.productRank);
  const { firmRecord, firmRank, productRank } = arrays;
  // Firm ids are made as they are read (a million strings are not needed to search).
  const firmIds = new ItemCache(firmCount, (f) => firmPositions.get(firmRecord[f]));
  for (let f = 0; f < firmCount; f++) {
    const r = firmRecord[f];
    const hurdle = columns.firmHurdle[r];
    const maxDeals = columns.firmMaxDeals[r];
    arrays.firmHurdle[f] = Number.isNaN(hurdle) ? 0 : hurdle;
    arrays.firmMaxDeals[f] = Number.isNaN(maxDeals) ? Number.POSITIVE_INFINITY : maxDeals;
    arrays.firmKeyAccount[f] = (columns.firmFlags[r] & firmFlag.keyAccount) !== 0 ? 1 : 0;
  }
  arrays.probabilityValues.set(probabilityValues);
  step("offers and needs", 0, firmCount);
  layOutOffers(columns, firmRecord, productRank, work.offerSource, arrays);
  layOutNeeds(columns, firmRecord, productRank, work.needSource, arrays);

  // The incumbent of each need record, as a firm integer (−1: none, or no firm of the network).
  const labelFirm = new Int32Array(columns.labels.size);
  for (let l = 0; l < labelFirm.length; l++) {
    const position = firmPositions.find(columns.labels.get(l));
    labelFirm[l] = position < 0 ? -1 : firmRank[position];
  }
  const incumbent = work.incumbentOfRecord;
  for (let n = 0; n < incumbent.length; n++) {
    const label = columns.needIncumbent[n];
    incumbent[n] = label < 0 ? -1 : labelFirm[label];
  }
  const needs = groupNeedsByProduct(
    {
      needFirm: arrays.needFirm,
      needProduct: arrays.needProduct,
      needQuantity: arrays.needQuantity,
      needSource: work.needSource,
      reference: columns.needReference,
      switching: columns.needSwitching,
      incumbent,
    },
    work.productNeedOffsets,
    work.productNeedData,
  );
  const relations = relationTable(columns, firmRank, productRank, probabilityValues);
  const built = buildTrades(
    {
      offsets: arrays.offerOffsets,
      product: arrays.offerProduct,
      price: arrays.offerPrice,
      capacity: arrays.offerCapacity,
    },
    needs,
    relations,
    arrays,
    report === undefined ? undefined : (done) => step("trades", done, firmCount),
  );
  const productArrival = work.productArrival.slice();
  const productIds = new ItemCache(productArrival.length, (p) =>
    productNumbers.get(productArrival[p]),
  );
  releaseScratch(scratch);
  releaseScratch(relations.offsets.buffer);
  const header: IndexHeader = { ...sizing, tradeCount: built.tradeCount, arcCount: built.arcCount };
  step("trades", firmCount, firmCount);
  return {
    header,
    buffer,
    arrays: layoutArrays(header, buffer),
    firmIds,
    productIds,
    firmPositions,
    productNumbers,
  };
}
