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
 *   The in-adjacency is the search graph's (`search/search-graph.ts`).
 * - Per trade only the offer, the need, the premium and a probability code are
 *   stored; quantity and margin follow from the offer and the need.
 *
 * The figures are bit-for-bit those of SPEC §3: q = min(capacity, quantity),
 * m = (price − cost)·q, c = (price − ref)·q + switchingCost.
 *
 * **Views from a buffer.** Every array is named in `index-layout.ts`
 * (`indexArrays`), sized by a small header (`IndexHeader`). A built index
 * keeps them all in one buffer (`index.layout`: `{header, buffer}`, a
 * `SharedArrayBuffer` with `{shared: true}`), so another thread can view the
 * same memory: `layoutArrays(header, buffer)` gives the views and
 * `TradeIndex.fromArrays(network, {header, array, firmIds, productIds})`
 * makes an index of them. The snapshot form writes the arrays one by one and
 * reads them back the same way, each on first use.
 */

import { lazyListOf } from "../model/lazy-list.js";
import { recordColumnsOf, validNetwork } from "../model/parse-network.js";
import { snapshotOf } from "../model/snapshot/snapshot-of.js";
import type { Network } from "../model/types.js";
import { ItemCache } from "../util/item-cache.js";
import { searchSorted } from "../util/search-sorted.js";
import type { StringInterner, StringList } from "../util/string-interner.js";
import { type BuildOptions, buildIndex } from "./build-index.js";
import {
  type IndexArrayName,
  type IndexArrayViews,
  type IndexHeader,
  indexArrayNames,
} from "./index-layout.js";
import { hasStoredIndex, indexFromSnapshot } from "./index-sections.js";

/** What an index is made of when it is not built here: a header, its arrays on demand and its ids. */
export interface IndexSource {
  readonly header: IndexHeader;
  /** The array of that name (called at most once per name, on first use). */
  array<K extends IndexArrayName>(name: K): IndexArrayViews[K];
  /** Firm ids and product ids in UTF-16 order. */
  readonly firmIds: StringList;
  readonly productIds: StringList;
}

/** An array's own name, for a lookup by binary search over ids in UTF-16 order. */
function searchIds(ids: readonly string[], id: string): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = ids[mid];
    if (x === id) return mid;
    if (x < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * The potential trades of a network (SPEC §3) over dense integer ids.
 * Build it with `tradeIndexOf(network)` (cached per network).
 */
export class TradeIndex {
  /** The network (validated) the index describes. */
  readonly network: Network;
  /** The counts that size the arrays. */
  readonly header: IndexHeader;
  /** Number of trades. */
  readonly tradeCount: number;
  /** Number of arcs. */
  readonly arcCount: number;
  private readonly views: { [K in IndexArrayName]: IndexArrayViews[K] | undefined };
  private readonly source: IndexSource | undefined;
  private readonly buffer: ArrayBufferLike | undefined;
  /** Firm and product ids by integer, each made when first read (`firmId`, `productId`, the lists). */
  private readonly firmIdCache: ItemCache<string>;
  private readonly productIdCache: ItemCache<string>;
  private firmIdList: readonly string[] | undefined;
  private productIdList: readonly string[] | undefined;
  /** Firm ids by position in `network.firms` and product ids by number, when built here. */
  private readonly firmPositions: StringInterner | undefined;
  private readonly productNumbers: StringInterner | undefined;

  /**
   * Compiles the index of a network (validated first when it is not a parsed
   * one). Prefer `tradeIndexOf`, which caches it.
   */
  constructor(network: Network, options: BuildOptions = {}, source?: IndexSource) {
    if (source !== undefined) {
      this.network = network;
      this.source = source;
      this.header = source.header;
      this.views = Object.fromEntries(indexArrayNames.map((name) => [name, undefined])) as never;
      this.buffer = undefined;
      this.firmPositions = undefined;
      this.productNumbers = undefined;
      const { firmIds, productIds } = source;
      this.firmIdCache = new ItemCache(firmIds.size, (f) => firmIds.get(f));
      this.productIdCache = new ItemCache(productIds.size, (p) => productIds.get(p));
    } else {
      this.network = validNetwork(network);
      const built = buildIndex(recordColumnsOf(this.network), options);
      this.source = undefined;
      this.header = built.header;
      this.views = built.arrays;
      this.buffer = built.buffer;
      this.firmIdCache = built.firmIds;
      this.productIdCache = built.productIds;
      this.firmPositions = built.firmPositions;
      this.productNumbers = built.productNumbers;
    }
    this.tradeCount = this.header.tradeCount;
    this.arcCount = this.header.arcCount;
  }

  /**
   * An index over arrays that exist already: a snapshot's, or views of a
   * buffer another thread built (`layoutArrays`). Nothing is checked or
   * copied; each array is asked for on first use.
   */
  static fromArrays(network: Network, source: IndexSource): TradeIndex {
    return new TradeIndex(network, {}, source);
  }

  /** The header and the one buffer holding every array, as laid out by `index-layout.ts` (built indexes only). */
  get layout(): { readonly header: IndexHeader; readonly buffer: ArrayBufferLike } | undefined {
    return this.buffer === undefined ? undefined : { header: this.header, buffer: this.buffer };
  }

  private load<K extends IndexArrayName>(name: K): IndexArrayViews[K] {
    const array = (this.source as IndexSource).array(name);
    this.views[name] = array;
    return array;
  }

  /**
   * Firm ids in UTF-16 order; a firm's integer is its rank here. (Read from a
   * snapshot: a read-only array whose ids are decoded as they are read.)
   */
  get firmIds(): readonly string[] {
    this.firmIdList ??= lazyListOf(this.firmIdCache);
    return this.firmIdList;
  }

  /** Product ids in UTF-16 order. */
  get productIds(): readonly string[] {
    this.productIdList ??= lazyListOf(this.productIdCache);
    return this.productIdList;
  }

  /** The id of firm integer `f` (`firmIds[f]`, without the list's proxy: for loops over many deals). */
  firmId(f: number): string {
    return this.firmIdCache.get(f);
  }

  /** The id of product integer `p` (`productIds[p]`, without the list's proxy). */
  productId(p: number): string {
    return this.productIdCache.get(p);
  }

  /**
   * The firm and product ids in UTF-16 order as lists read one at a time, not
   * kept (unlike `firmIds`): a snapshot's lists keep their UTF-8 pool
   * (`pool`), to share its bytes with other threads as they are.
   */
  get idLists(): { readonly firmIds: StringList; readonly productIds: StringList } {
    if (this.source !== undefined)
      return { firmIds: this.source.firmIds, productIds: this.source.productIds };
    const list = (ids: ItemCache<string>): StringList => ({
      size: ids.length,
      get: (i) => ids.get(i),
    });
    return { firmIds: list(this.firmIdCache), productIds: list(this.productIdCache) };
  }

  /** Position in `network.firms` of each firm integer. */
  get firmRecord(): Int32Array {
    return this.views.firmRecord ?? this.load("firmRecord");
  }

  /** Firm integer of each position in `network.firms`. */
  get firmRank(): Int32Array {
    return this.views.firmRank ?? this.load("firmRank");
  }

  /** Per firm: hurdle (default 0). */
  get firmHurdle(): Float64Array {
    return this.views.firmHurdle ?? this.load("firmHurdle");
  }

  /** Per firm: maxDeals (default Infinity). */
  get firmMaxDeals(): Float64Array {
    return this.views.firmMaxDeals ?? this.load("firmMaxDeals");
  }

  /** Per firm: 1 for a key account. */
  get firmKeyAccount(): Uint8Array {
    return this.views.firmKeyAccount ?? this.load("firmKeyAccount");
  }

  /** Product integer of each product number (first-seen order of the records). */
  get productRank(): Int32Array {
    return this.views.productRank ?? this.load("productRank");
  }

  /** Offers grouped by firm (CSR): the offers of firm f are `offerOffsets[f] .. offerOffsets[f+1]-1`, in product order. */
  get offerOffsets(): Int32Array {
    return this.views.offerOffsets ?? this.load("offerOffsets");
  }

  /** The firm of each offer. */
  get offerFirm(): Int32Array {
    return this.views.offerFirm ?? this.load("offerFirm");
  }

  /** The product of each offer. */
  get offerProduct(): Int32Array {
    return this.views.offerProduct ?? this.load("offerProduct");
  }

  /** Unit price of each offer. */
  get offerPrice(): Float64Array {
    return this.views.offerPrice ?? this.load("offerPrice");
  }

  /** price − cost per unit. */
  get offerUnitMargin(): Float64Array {
    return this.views.offerUnitMargin ?? this.load("offerUnitMargin");
  }

  /** Units each offer can sell. */
  get offerCapacity(): Float64Array {
    return this.views.offerCapacity ?? this.load("offerCapacity");
  }

  /** Needs grouped by firm (CSR), within a firm in product order. */
  get needOffsets(): Int32Array {
    return this.views.needOffsets ?? this.load("needOffsets");
  }

  /** The firm of each need. */
  get needFirm(): Int32Array {
    return this.views.needFirm ?? this.load("needFirm");
  }

  /** The product of each need. */
  get needProduct(): Int32Array {
    return this.views.needProduct ?? this.load("needProduct");
  }

  /** Position in the firm's `needs` array (to reach the need's record). */
  get needRecord(): Int32Array {
    return this.views.needRecord ?? this.load("needRecord");
  }

  /** Units each need buys. */
  get needQuantity(): Float64Array {
    return this.views.needQuantity ?? this.load("needQuantity");
  }

  /** Per trade (sorted by seller, buyer, product): its offer. */
  get tradeOffer(): Int32Array {
    return this.views.tradeOffer ?? this.load("tradeOffer");
  }

  /** Per trade: its need. */
  get tradeNeed(): Int32Array {
    return this.views.tradeNeed ?? this.load("tradeNeed");
  }

  /** Per trade: c = (price − ref)·q + switchingCost. */
  get tradePremium(): Float64Array {
    return this.views.tradePremium ?? this.load("tradePremium");
  }

  /** Per trade: index into `probabilityValues` (0 is probability 1). */
  get tradeProbabilityCode(): Uint16Array | Uint32Array {
    return this.views.tradeProbabilityCode ?? this.load("tradeProbabilityCode");
  }

  /** The distinct probabilities, 1 first. */
  get probabilityValues(): Float64Array {
    return this.views.probabilityValues ?? this.load("probabilityValues");
  }

  /** Out-adjacency CSR: the arcs of firm f are `outOffsets[f] .. outOffsets[f+1]-1`. */
  get outOffsets(): Int32Array {
    return this.views.outOffsets ?? this.load("outOffsets");
  }

  /** Arcs (distinct seller→buyer pairs, sorted by seller then buyer): the buyer. */
  get arcTarget(): Int32Array {
    return this.views.arcTarget ?? this.load("arcTarget");
  }

  /** The trades of arc a are `arcTrades[a] .. arcTrades[a+1]-1`. */
  get arcTrades(): Int32Array {
    return this.views.arcTrades ?? this.load("arcTrades");
  }

  /** Number of firms. */
  get firmCount(): number {
    return this.header.firmCount;
  }

  /** The integer of a firm id, or -1. */
  firmIndex(id: string): number {
    if (this.firmPositions === undefined) return searchIds(this.firmIds, id);
    const position = this.firmPositions.find(id);
    return position < 0 ? -1 : this.firmRank[position];
  }

  /** The integer of a product id, or -1. */
  productIndex(id: string): number {
    if (this.productNumbers === undefined) return searchIds(this.productIds, id);
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
    const { arcTrades, offerProduct, tradeOffer } = this;
    for (let t = arcTrades[arc]; t < arcTrades[arc + 1]; t++) {
      if (offerProduct[tradeOffer[t]] === p) return t;
    }
    return -1;
  }

  /** The seller of an arc. */
  arcSource(arc: number): number {
    return this.offerFirm[this.tradeOffer[this.arcTrades[arc]]];
  }

  /** The seller of trade `t`. */
  tradeSeller(t: number): number {
    return this.offerFirm[this.tradeOffer[t]];
  }

  /** The buyer of trade `t`. */
  tradeBuyer(t: number): number {
    return this.needFirm[this.tradeNeed[t]];
  }

  /** The product of trade `t`. */
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

  /** Bytes held by the typed arrays of the index (at their lengths). */
  get byteLength(): number {
    let bytes = 0;
    for (const name of indexArrayNames) bytes += this[name].byteLength;
    return bytes;
  }
}

const cache = new WeakMap<Network, TradeIndex>();

/**
 * The trade index of a network, built once and cached (taken from the file
 * when the network was read from a snapshot). A network object that did not
 * come from `parseNetwork` or `readNetwork` is validated and indexed afresh
 * on every call.
 *
 * @throws NetworkError when `network` is not a valid network
 */
export function tradeIndexOf(network: Network, options: BuildOptions = {}): TradeIndex {
  const valid = validNetwork(network);
  let index = cache.get(valid);
  if (index === undefined) {
    const file = snapshotOf(valid);
    index =
      file !== undefined && hasStoredIndex(file)
        ? indexFromSnapshot(valid, file)
        : new TradeIndex(valid, options);
    cache.set(valid, index);
  }
  return index;
}
