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

/** Relation facts about one seller→buyer pair (pair-level and per product). */
interface PairFacts {
  blocked: boolean;
  probability: number | undefined;
  products: Map<number, { blocked: boolean; probability: number | undefined }> | undefined;
}

/** Sorts `ids` uniquely in UTF-16 order and returns them with their index map. */
function intern(ids: Iterable<string>): { ids: string[]; index: Map<string, number> } {
  const unique = [...new Set(ids)].sort(compareIds);
  const index = new Map<string, number>();
  unique.forEach((id, i) => index.set(id, i));
  return { ids: unique, index };
}

/** Growable Int32/Float64 pair of columns for trades of unknown count. */
function grow<T extends Int32Array | Float64Array | Uint32Array>(array: T, size: number): T {
  if (size <= array.length) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(size, array.length * 2));
  next.set(array);
  return next;
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
  /** Position in the firm's `offers` array. */
  readonly offerRecord: Int32Array;
  readonly offerPrice: Float64Array;
  /** price − cost per unit. */
  readonly offerUnitMargin: Float64Array;
  readonly offerCapacity: Float64Array;

  /** Needs grouped by firm (CSR), within a firm in product order. */
  readonly needOffsets: Int32Array;
  readonly needFirm: Int32Array;
  readonly needProduct: Int32Array;
  /** Position in the firm's `needs` array. */
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
    this.offerRecord = new Int32Array(offerCount);
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
      const order = (list ?? []).map((_, i) => i);
      return order.sort((a, b) => this.productIndexById.get(list![a]!.product)! - this.productIndexById.get(list![b]!.product)!);
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
        this.offerRecord[o] = i;
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
        needIncumbent[n] = need.incumbent === undefined ? -1 : (this.firmIndexById.get(need.incumbent) ?? -1);
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

    const relations = this.relationFacts();

    // Trades, seller by seller; within a seller sorted by (buyer, product).
    let capacity = 1024;
    let tradeOffer = new Int32Array(capacity);
    let tradeNeed = new Int32Array(capacity);
    let tradePremium = new Float64Array(capacity);
    let tradeCode = new Uint32Array(capacity);
    let arcTarget = new Int32Array(capacity);
    let arcTrades = new Int32Array(capacity + 1);
    this.outOffsets = new Int32Array(firmCount + 1);
    const probabilityCodes = new Map<number, number>([[1, 0]]);
    let keys = new Float64Array(64);
    let t = 0;
    let a = 0;
    for (let s = 0; s < firmCount; s++) {
      this.outOffsets[s] = a;
      // Candidate (buyer, product) keys of this seller.
      let k = 0;
      for (let oi = this.offerOffsets[s]!; oi < this.offerOffsets[s + 1]!; oi++) {
        const p = this.offerProduct[oi]!;
        for (let j = productNeedOffsets[p]!; j < productNeedOffsets[p + 1]!; j++) {
          const need = productNeeds[j]!;
          const b = this.needFirm[need]!;
          if (b === s || needIncumbent[need] === s) continue;
          keys = grow(keys, k + 1);
          keys[k++] = b * productCount + p;
        }
      }
      if (k === 0) continue;
      const sorted = keys.subarray(0, k).sort();
      let lastBuyer = -1;
      for (let i = 0; i < k; i++) {
        const key = sorted[i]!;
        const b = Math.floor(key / productCount);
        const p = key - b * productCount;
        const facts = relations.get(s * firmCount + b);
        const productFacts = facts?.products?.get(p);
        if (facts?.blocked || productFacts?.blocked) continue;
        const probability = productFacts?.probability ?? facts?.probability ?? 1;
        const offer = this.findOffer(s, p);
        const need = this.findNeed(b, p);
        if (t + 1 > capacity) {
          capacity *= 2;
          tradeOffer = grow(tradeOffer, capacity);
          tradeNeed = grow(tradeNeed, capacity);
          tradePremium = grow(tradePremium, capacity);
          tradeCode = grow(tradeCode, capacity);
          arcTarget = grow(arcTarget, capacity);
          arcTrades = grow(arcTrades, capacity + 1);
        }
        if (b !== lastBuyer) {
          arcTarget[a] = b;
          arcTrades[a] = t;
          a++;
          lastBuyer = b;
        }
        const price = this.offerPrice[offer]!;
        const q = Math.min(this.offerCapacity[offer]!, this.needQuantity[need]!);
        const reference = Number.isNaN(needReference[need]!) ? price : needReference[need]!;
        tradeOffer[t] = offer;
        tradeNeed[t] = need;
        tradePremium[t] = (price - reference) * q + needSwitching[need]!;
        let code = probabilityCodes.get(probability);
        if (code === undefined) {
          code = probabilityCodes.size;
          probabilityCodes.set(probability, code);
        }
        tradeCode[t] = code;
        t++;
      }
    }
    this.outOffsets[firmCount] = a;
    arcTrades[a] = t;
    this.tradeCount = t;
    this.arcCount = a;
    this.tradeOffer = tradeOffer.slice(0, t);
    this.tradeNeed = tradeNeed.slice(0, t);
    this.tradePremium = tradePremium.slice(0, t);
    this.tradeProbabilityCode = probabilityCodes.size <= 0x10000 ? Uint16Array.from(tradeCode.subarray(0, t)) : tradeCode.slice(0, t);
    this.probabilityValues = new Float64Array(probabilityCodes.size);
    for (const [value, code] of probabilityCodes) this.probabilityValues[code] = value;
    this.arcTarget = arcTarget.slice(0, a);
    this.arcTrades = arcTrades.slice(0, a + 1);

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
    return this.search(this.offerProduct, this.offerOffsets[f]!, this.offerOffsets[f + 1]!, p);
  }

  /** The need of firm `f` for product `p`, or -1. */
  findNeed(f: number, p: number): number {
    return this.search(this.needProduct, this.needOffsets[f]!, this.needOffsets[f + 1]!, p);
  }

  /** The arc from `s` to `b`, or -1 (arcs of a seller are in buyer order). */
  findArc(s: number, b: number): number {
    return this.search(this.arcTarget, this.outOffsets[s]!, this.outOffsets[s + 1]!, b);
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
    return Math.min(this.offerCapacity[this.tradeOffer[t]!]!, this.needQuantity[this.tradeNeed[t]!]!);
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

  private search(array: Int32Array, lo: number, hi: number, value: number): number {
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

  private relationFacts(): Map<number, PairFacts> {
    const facts = new Map<number, PairFacts>();
    const firmCount = this.firmCount;
    for (const relation of this.network.relations ?? []) {
      const s = this.firmIndexById.get(relation.seller)!;
      const b = this.firmIndexById.get(relation.buyer)!;
      const key = s * firmCount + b;
      let pair = facts.get(key);
      if (pair === undefined) {
        pair = { blocked: false, probability: undefined, products: undefined };
        facts.set(key, pair);
      }
      if (relation.product === undefined) {
        pair.blocked ||= relation.blocked === true;
        pair.probability = relation.probability ?? pair.probability;
      } else {
        const p = this.productIndexById.get(relation.product);
        if (p === undefined) continue;
        pair.products ??= new Map();
        pair.products.set(p, { blocked: relation.blocked === true, probability: relation.probability });
      }
    }
    return facts;
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
