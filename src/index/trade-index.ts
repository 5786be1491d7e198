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
 */
import type { Network } from "../model/types.js";
import { compareIds } from "./compare.js";

/** Relations by seller (CSR), each seller's sorted by (buyer, product); product −1 = the whole pair. */
interface RelationTable {
  offsets: Int32Array;
  buyer: Int32Array;
  product: Int32Array;
  blocked: Uint8Array;
  probability: Float64Array;
}

/** Sorts `ids` uniquely in UTF-16 order and returns them with their index map. */
function intern(ids: Iterable<string>): { ids: string[]; index: Map<string, number> } {
  const unique = [...new Set(ids)].sort(compareIds);
  const index = new Map<string, number>();
  for (let i = 0; i < unique.length; i++) index.set(unique[i]!, i);
  return { ids: unique, index };
}

/** What `buildTrades` reads: offers, needs, needs by product and the relation table. */
interface TradeSources {
  firmCount: number;
  productCount: number;
  offerOffsets: Int32Array;
  offerProduct: Int32Array;
  offerPrice: Float64Array;
  offerCapacity: Float64Array;
  needOffsets: Int32Array;
  needFirm: Int32Array;
  needProduct: Int32Array;
  needQuantity: Float64Array;
  needIncumbent: Int32Array;
  needReference: Float64Array;
  needSwitching: Float64Array;
  productNeedOffsets: Int32Array;
  productNeeds: Int32Array;
  relations: RelationTable;
}

/** Binary search of `value` in the sorted `array[lo..hi)`; −1 when absent. */
function searchSorted(array: Int32Array, lo: number, hi: number, value: number): number {
  hi--;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = array[mid]!;
    if (x === value) return mid;
    if (x < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Sorts `keys[0..k)` in place; for the few candidates of a typical seller. */
function insertionSort(keys: Float64Array, k: number): void {
  for (let i = 1; i < k; i++) {
    const x = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > x) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = x;
  }
}

/**
 * Derives the potential trades seller by seller (SPEC §3), each seller's sorted
 * by (buyer, product), grouping them into arcs. Relations are merged in by a
 * walk over the seller's sorted relations, with no per-trade hashing.
 */
function buildTrades(src: TradeSources) {
  const { firmCount, productCount, offerOffsets, offerProduct, offerPrice, offerCapacity } = src;
  const {
    needOffsets,
    needFirm,
    needProduct,
    needQuantity,
    needIncumbent,
    needReference,
    needSwitching,
  } = src;
  const { productNeedOffsets, productNeeds, relations } = src;
  let upper = 0;
  for (let o = 0; o < offerProduct.length; o++) {
    const p = offerProduct[o]!;
    upper += productNeedOffsets[p + 1]! - productNeedOffsets[p]!;
  }
  const tradeOffer = new Int32Array(upper);
  const tradeNeed = new Int32Array(upper);
  const tradePremium = new Float64Array(upper);
  const tradeCode = new Uint32Array(upper);
  const arcTarget = new Int32Array(upper);
  const arcTrades = new Int32Array(upper + 1);
  const outOffsets = new Int32Array(firmCount + 1);
  const probabilityCodes = new Map<number, number>([[1, 0]]);
  let keys = new Float64Array(64);
  let t = 0;
  let a = 0;
  for (let s = 0; s < firmCount; s++) {
    outOffsets[s] = a;
    let k = 0;
    for (let o = offerOffsets[s]!; o < offerOffsets[s + 1]!; o++) {
      const p = offerProduct[o]!;
      const end = productNeedOffsets[p + 1]!;
      if (k + end - productNeedOffsets[p]! > keys.length) {
        const bigger = new Float64Array(2 * (k + end - productNeedOffsets[p]!));
        bigger.set(keys);
        keys = bigger;
      }
      for (let j = productNeedOffsets[p]!; j < end; j++) {
        const need = productNeeds[j]!;
        const b = needFirm[need]!;
        if (b === s || needIncumbent[need] === s) continue;
        keys[k++] = b * productCount + p;
      }
    }
    if (k === 0) continue;
    if (k > 32) keys.subarray(0, k).sort();
    else insertionSort(keys, k);
    let lastBuyer = -1;
    let r = relations.offsets[s]!;
    const rEnd = relations.offsets[s + 1]!;
    for (let i = 0; i < k; i++) {
      const key = keys[i]!;
      const b = Math.floor(key / productCount);
      const p = key - b * productCount;
      while (r < rEnd && relations.buyer[r]! < b) r++;
      let blocked = false;
      let pairProbability = Number.NaN;
      let productProbability = Number.NaN;
      for (let x = r; x < rEnd && relations.buyer[x] === b; x++) {
        const rp = relations.product[x]!;
        if (rp === -1) {
          blocked ||= relations.blocked[x] === 1;
          pairProbability = relations.probability[x]!;
        } else if (rp === p) {
          blocked ||= relations.blocked[x] === 1;
          productProbability = relations.probability[x]!;
        }
      }
      if (blocked) continue;
      // NaN marks "not stated": the product-level relation wins over the pair-level one.
      const probability = !Number.isNaN(productProbability)
        ? productProbability
        : !Number.isNaN(pairProbability)
          ? pairProbability
          : 1;
      const offer = searchSorted(offerProduct, offerOffsets[s]!, offerOffsets[s + 1]!, p);
      const need = searchSorted(needProduct, needOffsets[b]!, needOffsets[b + 1]!, p);
      if (b !== lastBuyer) {
        arcTarget[a] = b;
        arcTrades[a] = t;
        a++;
        lastBuyer = b;
      }
      const price = offerPrice[offer]!;
      const q = Math.min(offerCapacity[offer]!, needQuantity[need]!);
      const reference = Number.isNaN(needReference[need]!) ? price : needReference[need]!;
      tradeOffer[t] = offer;
      tradeNeed[t] = need;
      tradePremium[t] = (price - reference) * q + needSwitching[need]!;
      let code = probability === 1 ? 0 : probabilityCodes.get(probability);
      if (code === undefined) {
        code = probabilityCodes.size;
        probabilityCodes.set(probability, code);
      }
      tradeCode[t] = code;
      t++;
    }
  }
  outOffsets[firmCount] = a;
  arcTrades[a] = t;
  const probabilityValues = new Float64Array(probabilityCodes.size);
  for (const [value, code] of probabilityCodes) probabilityValues[code] = value;
  return {
    outOffsets,
    tradeCount: t,
    arcCount: a,
    tradeOffer: tradeOffer.slice(0, t),
    tradeNeed: tradeNeed.slice(0, t),
    tradePremium: tradePremium.slice(0, t),
    tradeProbabilityCode:
      probabilityCodes.size <= 0x10000
        ? Uint16Array.from(tradeCode.subarray(0, t))
        : tradeCode.slice(0, t),
    probabilityValues,
    arcTarget: arcTarget.slice(0, a),
    arcTrades: arcTrades.slice(0, a + 1),
  };
}

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

  private readonly firmIndexById: Map<string, number>;
  private readonly productIndexById: Map<string, number>;

  constructor(readonly network: Network) {
    const firms = network.firms;
    const firmCount = firms.length;
    const firmsInterned = intern(firms.map((f) => f.id));
    this.firmIds = firmsInterned.ids;
    this.firmIndexById = firmsInterned.index;
    const products = new Set<string>();
    for (const firm of firms) {
      for (const offer of firm.offers ?? []) products.add(offer.product);
      for (const need of firm.needs ?? []) products.add(need.product);
    }
    const productsInterned = intern(products);
    this.productIds = productsInterned.ids;
    this.productIndexById = productsInterned.index;
    const productCount = this.productIds.length;

    this.firmRecord = new Int32Array(firmCount);
    this.firmHurdle = new Float64Array(firmCount);
    this.firmMaxDeals = new Float64Array(firmCount);
    this.firmKeyAccount = new Uint8Array(firmCount);
    firms.forEach((firm, position) => {
      const f = this.firmIndexById.get(firm.id)!;
      this.firmRecord[f] = position;
      this.firmHurdle[f] = firm.hurdle ?? 0;
      this.firmMaxDeals[f] = firm.maxDeals ?? Number.POSITIVE_INFINITY;
      this.firmKeyAccount[f] = firm.keyAccount ? 1 : 0;
    });

    // Offers and needs, grouped by firm, sorted by product within a firm.
    let offerCount = 0;
    let needCount = 0;
    for (const firm of firms) {
      offerCount += firm.offers?.length ?? 0;
      needCount += firm.needs?.length ?? 0;
    }
    this.offerOffsets = new Int32Array(firmCount + 1);
    this.offerFirm = new Int32Array(offerCount);
    this.offerProduct = new Int32Array(offerCount);
    this.offerPrice = new Float64Array(offerCount);
    this.offerUnitMargin = new Float64Array(offerCount);
    this.offerCapacity = new Float64Array(offerCount);
    this.needOffsets = new Int32Array(firmCount + 1);
    this.needFirm = new Int32Array(needCount);
    this.needProduct = new Int32Array(needCount);
    this.needRecord = new Int32Array(needCount);
    this.needQuantity = new Float64Array(needCount);
    const needIncumbent = new Int32Array(needCount);
    const needReference = new Float64Array(needCount);
    const needSwitching = new Float64Array(needCount);
    const byProduct = (list: readonly { product: string }[] | undefined): number[] => {
      if (list === undefined || list.length === 0) return [];
      if (list.length === 1) return [0];
      const order = list.map((_, i) => i);
      return order.sort(
        (a, b) =>
          this.productIndexById.get(list![a]!.product)! -
          this.productIndexById.get(list![b]!.product)!,
      );
    };
    let o = 0;
    let n = 0;
    for (let f = 0; f < firmCount; f++) {
      const firm = firms[this.firmRecord[f]!]!;
      this.offerOffsets[f] = o;
      for (const i of byProduct(firm.offers)) {
        const offer = firm.offers![i]!;
        this.offerFirm[o] = f;
        this.offerProduct[o] = this.productIndexById.get(offer.product)!;
        this.offerPrice[o] = offer.price;
        this.offerUnitMargin[o] = offer.price - offer.cost;
        this.offerCapacity[o] = offer.capacity;
        o++;
      }
      this.needOffsets[f] = n;
      for (const i of byProduct(firm.needs)) {
        const need = firm.needs![i]!;
        this.needFirm[n] = f;
        this.needProduct[n] = this.productIndexById.get(need.product)!;
        this.needRecord[n] = i;
        this.needQuantity[n] = need.quantity;
        needIncumbent[n] =
          need.incumbent === undefined ? -1 : (this.firmIndexById.get(need.incumbent) ?? -1);
        needReference[n] = need.referencePrice ?? Number.NaN;
        needSwitching[n] = need.switchingCost ?? 0;
        n++;
      }
    }
    this.offerOffsets[firmCount] = o;
    this.needOffsets[firmCount] = n;

    // Needs of each product (CSR), in buyer order since needs are in firm order.
    const productNeedOffsets = new Int32Array(productCount + 1);
    for (let i = 0; i < needCount; i++) productNeedOffsets[this.needProduct[i]! + 1]!++;
    for (let p = 0; p < productCount; p++) productNeedOffsets[p + 1]! += productNeedOffsets[p]!;
    const productNeeds = new Int32Array(needCount);
    const fill = productNeedOffsets.slice(0, productCount);
    for (let i = 0; i < needCount; i++) productNeeds[fill[this.needProduct[i]!]!++] = i;

    const relations = this.relationTable(firmCount);
    const built = buildTrades({
      firmCount,
      productCount,
      offerOffsets: this.offerOffsets,
      offerProduct: this.offerProduct,
      offerPrice: this.offerPrice,
      offerCapacity: this.offerCapacity,
      needOffsets: this.needOffsets,
      needFirm: this.needFirm,
      needProduct: this.needProduct,
      needQuantity: this.needQuantity,
      needIncumbent,
      needReference,
      needSwitching,
      productNeedOffsets,
      productNeeds,
      relations,
    });
    this.outOffsets = built.outOffsets;
    this.tradeCount = built.tradeCount;
    this.arcCount = built.arcCount;
    this.tradeOffer = built.tradeOffer;
    this.tradeNeed = built.tradeNeed;
    this.tradePremium = built.tradePremium;
    this.tradeProbabilityCode = built.tradeProbabilityCode;
    this.probabilityValues = built.probabilityValues;
    this.arcTarget = built.arcTarget;
    this.arcTrades = built.arcTrades;
    const a = this.arcCount;

    // In-adjacency: arcs by buyer; arcs come in seller order, so each list is by seller.
    this.inOffsets = new Int32Array(firmCount + 1);
    for (let i = 0; i < a; i++) this.inOffsets[this.arcTarget[i]! + 1]!++;
    for (let f = 0; f < firmCount; f++) this.inOffsets[f + 1]! += this.inOffsets[f]!;
    this.inArcs = new Int32Array(a);
    const cursor = this.inOffsets.slice(0, firmCount);
    for (let i = 0; i < a; i++) this.inArcs[cursor[this.arcTarget[i]!]!++] = i;
  }

  /** Number of firms. */
  get firmCount(): number {
    return this.firmIds.length;
  }

  /** The integer of a firm id, or -1. */
  firmIndex(id: string): number {
    return this.firmIndexById.get(id) ?? -1;
  }

  /** The integer of a product id, or -1. */
  productIndex(id: string): number {
    return this.productIndexById.get(id) ?? -1;
  }

  /** The offer of firm `f` for product `p`, or -1. */
  findOffer(f: number, p: number): number {
    return searchSorted(this.offerProduct, this.offerOffsets[f]!, this.offerOffsets[f + 1]!, p);
  }

  /** The need of firm `f` for product `p`, or -1. */
  findNeed(f: number, p: number): number {
    return searchSorted(this.needProduct, this.needOffsets[f]!, this.needOffsets[f + 1]!, p);
  }

  /** The arc from `s` to `b`, or -1 (arcs of a seller are in buyer order). */
  findArc(s: number, b: number): number {
    return searchSorted(this.arcTarget, this.outOffsets[s]!, this.outOffsets[s + 1]!, b);
  }

  /** The trade from `s` to `b` of product `p`, or -1. */
  findTrade(s: number, b: number, p: number): number {
    const arc = this.findArc(s, b);
    if (arc < 0) return -1;
    for (let t = this.arcTrades[arc]!; t < this.arcTrades[arc + 1]!; t++) {
      if (this.offerProduct[this.tradeOffer[t]!] === p) return t;
    }
    return -1;
  }

  /** The seller of an arc. */
  arcSource(arc: number): number {
    return this.offerFirm[this.tradeOffer[this.arcTrades[arc]!]!]!;
  }

  tradeSeller(t: number): number {
    return this.offerFirm[this.tradeOffer[t]!]!;
  }

  tradeBuyer(t: number): number {
    return this.needFirm[this.tradeNeed[t]!]!;
  }

  tradeProduct(t: number): number {
    return this.offerProduct[this.tradeOffer[t]!]!;
  }

  /** q = min(offer capacity, need quantity). */
  tradeQuantity(t: number): number {
    return Math.min(
      this.offerCapacity[this.tradeOffer[t]!]!,
      this.needQuantity[this.tradeNeed[t]!]!,
    );
  }

  /** Unit price of the trade (the offer's price). */
  tradeUnitPrice(t: number): number {
    return this.offerPrice[this.tradeOffer[t]!]!;
  }

  /** m = (price − cost)·q. */
  tradeMargin(t: number): number {
    return this.offerUnitMargin[this.tradeOffer[t]!]! * this.tradeQuantity(t);
  }

  /** π, the chance the trade closes. */
  tradeProbability(t: number): number {
    return this.probabilityValues[this.tradeProbabilityCode[t]!]!;
  }

  /** Bytes held by the typed arrays of the index. */
  get byteLength(): number {
    let bytes = 0;
    for (const value of Object.values(this)) {
      if (ArrayBuffer.isView(value)) bytes += value.byteLength;
    }
    return bytes;
  }

  /** Relations as parallel arrays sorted by (seller, buyer, product), pair-level (product −1) first. */
  private relationTable(firmCount: number): RelationTable {
    const relations = this.network.relations ?? [];
    const n = relations.length;
    const seller = new Int32Array(n);
    const buyer = new Int32Array(n);
    const product = new Int32Array(n);
    const blocked = new Uint8Array(n);
    const probability = new Float64Array(n);
    relations.forEach((relation, i) => {
      seller[i] = this.firmIndexById.get(relation.seller)!;
      buyer[i] = this.firmIndexById.get(relation.buyer)!;
      // A product nobody offers or needs can bind no trade: −2 never matches.
      product[i] =
        relation.product === undefined ? -1 : (this.productIndexById.get(relation.product) ?? -2);
      blocked[i] = relation.blocked === true ? 1 : 0;
      probability[i] = relation.probability ?? Number.NaN;
    });
    const order = Int32Array.from({ length: n }, (_, i) => i).sort(
      (x, y) => seller[x]! - seller[y]! || buyer[x]! - buyer[y]! || product[x]! - product[y]!,
    );
    const offsets = new Int32Array(firmCount + 1);
    for (let i = 0; i < n; i++) offsets[seller[i]! + 1]!++;
    for (let f = 0; f < firmCount; f++) offsets[f + 1]! += offsets[f]!;
    const pick = <T extends Int32Array | Uint8Array | Float64Array>(column: T): T => {
      const out = column.slice() as T;
      for (let i = 0; i < n; i++) out[i] = column[order[i]!]!;
      return out;
    };
    return {
      offsets,
      buyer: pick(buyer),
      product: pick(product),
      blocked: pick(blocked),
      probability: pick(probability),
    };
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
