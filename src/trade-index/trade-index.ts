/**
 * The compact trade index: the potential trades of SPEC §3 compiled once into
 * typed arrays that the search and scoring loops run on.
 *
 * - Firms and products are interned to dense integers **in id order** (UTF-16),
 *   so integer order is id order and every tie-break is an integer compare.
 * - Trades are sorted by (seller, buyer, product). Consecutive trades with the
 *   same seller and buyer form an **arc**; the out-adjacency is a CSR over arcs
 *   (`outOffsets`, `arcTarget`), each arc owning the trades
 *   `arcTrades[a] .. arcTrades[a+1]-1` (one per product the pair trades).
 *   The in-adjacency is a CSR over the same arcs (`inOffsets`, `inArcs`).
 * - Per trade only the offer, the need, the premium and a probability code are
 *   stored; quantity and margin follow from the offer and the need.
 *
 * The figures are bit-for-bit those of SPEC §3: q = min(capacity, quantity),
 * m = (price − cost)·q, c = (price − ref)·q + switchingCost.
 *
 * It is compiled from the network's record-order columns (one walk over the
 * firm objects) with counting sorts only. Its arrays share one `ArrayBuffer`
 * and the temporaries another (see `typed-arena.ts`).
 */

import { type RecordColumns, takeNetworkColumns } from "../model/network-columns.js";
import type { Network } from "../model/types.js";
import { searchSorted } from "../util/search-sorted.js";
import type { StringInterner } from "../util/string-interner.js";
import { allocateArrays, arenaBytes } from "../util/typed-arena.js";
import { buildTrades, tradeUpperBound } from "./build-trades.js";
import { layOutNeeds, layOutOffers } from "./firm-groups.js";
import { rankInIdOrder } from "./id-order.js";
import { groupArcsByBuyer } from "./in-arcs.js";
import { indexSpec, type LayoutScratch, layoutScratch } from "./index-arrays.js";
import { groupNeedsByProduct, type ProductNeeds } from "./product-needs.js";
import { distinctProbabilities, relationTable } from "./relation-table.js";

/**
 * The potential trades of a network (SPEC §3) over dense integer ids.
 * Build it with `tradeIndexOf(network)` (cached per network).
 */
export class TradeIndex {
  /** Firm ids in UTF-16 order; a firm's integer is its rank here. */
  readonly firmIds: readonly string[];
  /** Product ids in UTF-16 order. */
  readonly productIds: readonly string[];
  /** Position in `network.firms` of each firm integer. */
  readonly firmRecord: Int32Array;

  /** Offers grouped by firm (CSR), within a firm in product order. */
  readonly offerOffsets: Int32Array;
  readonly offerFirm: Int32Array;
  readonly offerProduct: Int32Array;
  readonly offerPrice: Float64Array;
  /** price − cost per unit. */
  readonly offerUnitMargin: Float64Array;
  readonly offerCapacity: Float64Array;

  /** Needs grouped by firm (CSR), within a firm in product order. */
  readonly needOffsets: Int32Array;
  readonly needFirm: Int32Array;
  readonly needProduct: Int32Array;
  /** Position in the firm's `needs` array (to reach the need's record). */
  readonly needRecord: Int32Array;
  readonly needQuantity: Float64Array;

  /** Trades sorted by (seller, buyer, product). */
  readonly tradeCount: number;
  readonly tradeOffer: Int32Array;
  readonly tradeNeed: Int32Array;
  readonly tradePremium: Float64Array;
  /** Index into `probabilityValues` (0 is probability 1). */
  readonly tradeProbabilityCode: Uint16Array | Uint32Array;
  readonly probabilityValues: Float64Array;

  /** Arcs: distinct seller→buyer pairs, sorted by (seller, buyer). */
  readonly arcCount: number;
  /** Out-adjacency CSR: the arcs of firm f are `outOffsets[f] .. outOffsets[f+1]-1`. */
  readonly outOffsets: Int32Array;
  readonly arcTarget: Int32Array;
  /** The trades of arc a are `arcTrades[a] .. arcTrades[a+1]-1`. */
  readonly arcTrades: Int32Array;
  /** In-adjacency CSR: the arcs into firm f are `inArcs[inOffsets[f] .. inOffsets[f+1]-1]`, by seller. */
  readonly inOffsets: Int32Array;
  readonly inArcs: Int32Array;

  /** Per firm: hurdle (default 0), maxDeals (default Infinity), key account flag. */
  readonly firmHurdle: Float64Array;
  readonly firmMaxDeals: Float64Array;
  readonly firmKeyAccount: Uint8Array;

  /** Firm ids numbered by position in `network.firms`; position → firm integer. */
  private readonly firmPositions: StringInterner;
  private readonly firmRank: Int32Array;
  /** Product ids numbered in first-seen order; number → product integer. */
  private readonly productNumbers: StringInterner;
  private readonly productRank: Int32Array;

  constructor(readonly network: Network) {
    const columns = takeNetworkColumns(network);
    const firmCount = columns.firmHurdle.length;
    const probabilityValues = distinctProbabilities(columns.relationProbability);
    const upper = tradeUpperBound(columns.offerProduct, columns.needProduct, columns.products.size);
    // Temporaries: those of the layout, then (over them) those of the in-adjacency.
    const layout = layoutScratch(columns);
    const arcSpec = { key: [Int32Array, upper], arc: [Int32Array, upper] } as const;
    const scratch = new ArrayBuffer(Math.max(arenaBytes(layout), arenaBytes(arcSpec)));
    const work = allocateArrays(layout, scratch);
    const arrays = allocateArrays(indexSpec(columns, upper, probabilityValues.length));
    this.firmRecord = arrays.firmRecord;
    this.firmRank = arrays.firmRank;
    this.firmHurdle = arrays.firmHurdle;
    this.firmMaxDeals = arrays.firmMaxDeals;
    this.firmKeyAccount = arrays.firmKeyAccount;
    this.productRank = arrays.productRank;
    this.firmPositions = columns.firms;
    this.productNumbers = columns.products;
    this.firmIds = rankInIdOrder(
      columns.firms,
      arrays.firmRecord,
      arrays.firmRank,
      columns.firmsInIdOrder,
    );
    this.productIds = rankInIdOrder(columns.products, work.productArrival, arrays.productRank);
    for (let f = 0; f < firmCount; f++) {
      const r = this.firmRecord[f];
      this.firmHurdle[f] = columns.firmHurdle[r];
      this.firmMaxDeals[f] = columns.firmMaxDeals[r];
      this.firmKeyAccount[f] = columns.firmKeyAccount[r];
    }

    this.offerOffsets = arrays.offerOffsets;
    this.offerFirm = arrays.offerFirm;
    this.offerProduct = arrays.offerProduct;
    this.offerPrice = arrays.offerPrice;
    this.offerUnitMargin = arrays.offerUnitMargin;
    this.offerCapacity = arrays.offerCapacity;
    layOutOffers(columns, this.firmRecord, this.productRank, work.offerSource, this);
    this.needOffsets = arrays.needOffsets;
    this.needFirm = arrays.needFirm;
    this.needProduct = arrays.needProduct;
    this.needRecord = arrays.needRecord;
    this.needQuantity = arrays.needQuantity;
    layOutNeeds(columns, this.firmRecord, this.productRank, work.needSource, this);

    const relations = relationTable(columns, this.firmRank, this.productRank, probabilityValues);
    const built = buildTrades(
      {
        offsets: this.offerOffsets,
        product: this.offerProduct,
        price: this.offerPrice,
        capacity: this.offerCapacity,
      },
      this.productNeeds(columns, work),
      relations,
      arrays,
    );
    const t = built.tradeCount;
    const a = built.arcCount;
    this.tradeCount = t;
    this.tradeOffer = arrays.tradeOffer.subarray(0, t);
    this.tradeNeed = arrays.tradeNeed.subarray(0, t);
    this.tradePremium = arrays.tradePremium.subarray(0, t);
    this.tradeProbabilityCode = arrays.tradeProbabilityCode.subarray(0, t);
    this.probabilityValues = probabilityValues;
    this.arcCount = a;
    this.outOffsets = arrays.outOffsets;
    this.arcTarget = arrays.arcTarget.subarray(0, a);
    this.arcTrades = arrays.arcTrades.subarray(0, a + 1);
    this.inOffsets = arrays.inOffsets;
    this.inArcs = arrays.inArcs.subarray(0, a);
    const { key, arc } = allocateArrays(arcSpec, scratch);
    groupArcsByBuyer(this.arcTarget, this.inOffsets, this.inArcs, key, arc);
  }

  /** The needs grouped by product integer (in buyer order), with the figures a trade reads. */
  private productNeeds(columns: RecordColumns, work: LayoutScratch): ProductNeeds {
    const incumbent = work.incumbentOfRecord.fill(-1);
    for (let i = 0; i < columns.incumbentNeed.length; i++) {
      const position = this.firmPositions.find(columns.incumbentId[i]);
      if (position >= 0) incumbent[columns.incumbentNeed[i]] = this.firmRank[position];
    }
    return groupNeedsByProduct(
      {
        needFirm: this.needFirm,
        needProduct: this.needProduct,
        needQuantity: this.needQuantity,
        needSource: work.needSource,
        reference: columns.needReference,
        switching: columns.needSwitching,
        incumbent,
      },
      work.productNeedOffsets,
      work.productNeedData,
    );
  }

  /** Number of firms. */
  get firmCount(): number {
    return this.firmIds.length;
  }

  /** The integer of a firm id, or -1. */
  firmIndex(id: string): number {
    const position = this.firmPositions.find(id);
    return position < 0 ? -1 : this.firmRank[position];
  }

  /** The integer of a product id, or -1. */
  productIndex(id: string): number {
    const number = this.productNumbers.find(id);
    return number < 0 ? -1 : this.productRank[number];
  }

  /** The offer of firm `f` for product `p`, or -1. */
  findOffer(f: number, p: number): number {
    return searchSorted(this.offerProduct, this.offerOffsets[f], this.offerOffsets[f + 1], p);
  }

  /** The need of firm `f` for product `p`, or -1. */
  findNeed(f: number, p: number): number {
    return searchSorted(this.needProduct, this.needOffsets[f], this.needOffsets[f + 1], p);
  }

  /** The arc from `s` to `b`, or -1 (arcs of a seller are in buyer order). */
  findArc(s: number, b: number): number {
    return searchSorted(this.arcTarget, this.outOffsets[s], this.outOffsets[s + 1], b);
  }

  /** The trade from `s` to `b` of product `p`, or -1. */
  findTrade(s: number, b: number, p: number): number {
    const arc = this.findArc(s, b);
    if (arc < 0) return -1;
    for (let t = this.arcTrades[arc]; t < this.arcTrades[arc + 1]; t++) {
      if (this.offerProduct[this.tradeOffer[t]] === p) return t;
    }
    return -1;
  }

  /** The seller of an arc. */
  arcSource(arc: number): number {
    return this.offerFirm[this.tradeOffer[this.arcTrades[arc]]];
  }

  tradeSeller(t: number): number {
    return this.offerFirm[this.tradeOffer[t]];
  }

  tradeBuyer(t: number): number {
    return this.needFirm[this.tradeNeed[t]];
  }

  tradeProduct(t: number): number {
    return this.offerProduct[this.tradeOffer[t]];
  }

  /** q = min(offer capacity, need quantity). */
  tradeQuantity(t: number): number {
    return Math.min(this.offerCapacity[this.tradeOffer[t]], this.needQuantity[this.tradeNeed[t]]);
  }

  /** Unit price of the trade (the offer's price). */
  tradeUnitPrice(t: number): number {
    return this.offerPrice[this.tradeOffer[t]];
  }

  /** m = (price − cost)·q. */
  tradeMargin(t: number): number {
    return this.offerUnitMargin[this.tradeOffer[t]] * this.tradeQuantity(t);
  }

  /** π, the chance the trade closes. */
  tradeProbability(t: number): number {
    return this.probabilityValues[this.tradeProbabilityCode[t]];
  }

  /** Bytes held by the typed arrays of the index. */
  get byteLength(): number {
    let bytes = 0;
    for (const value of Object.values(this)) {
      if (ArrayBuffer.isView(value)) bytes += value.byteLength;
    }
    return bytes;
  }
}

const cache = new WeakMap<Network, TradeIndex>();

/** The trade index of a network, built once and cached. */
export function tradeIndexOf(network: Network): TradeIndex {
  let index = cache.get(network);
  if (index === undefined) {
    index = new TradeIndex(network);
    cache.set(network, index);
  }
  return index;
}
