/**
 * A network's records as columns in record order: the store behind every
 * parsed `Network`. Its firms and relations are built as objects only when
 * someone reads them (`network-view.ts`); the trade index compiles the
 * columns directly. With a million firms the objects would cost about a
 * gigabyte and a walk over them a cache miss per field; the columns cost a
 * few hundred megabytes and are what the snapshot form writes.
 *
 * Firms are numbered by their position in `network.firms`, products by a
 * number in first-seen order (offers and needs; products that only relations
 * name are numbered apart), and the other short strings that repeat
 * (industries, incumbents) as labels. Absent optional numbers are NaN (every
 * stated number is finite), absent strings −1 or absent pool entries.
 *
 * `NetworkColumns` gathers them record by record; `RecordColumns` is the
 * finished, read-only view (also what a snapshot reads back as views over its
 * file).
 */

import { searchSorted } from "../util/search-sorted.js";
import { decodeUtf8, StringInterner, type StringList } from "../util/string-interner.js";
import { OptionalNumbers, TypedColumn } from "../util/typed-column.js";
import { type OptionalStrings, Utf8Pool } from "../util/utf8-pool.js";
import type { RecordScan } from "./text/record-scanner.js";
import type { Firm, Meta, Relation } from "./types.js";

/** Optional `meta` objects by record number. */
export interface MetaList {
  /** The `meta` of record `i`, or undefined. */
  get(i: number): Meta | undefined;
  /** How many records have one. */
  readonly stated: number;
}

/** Bits of `firmFlags`. */
export const firmFlag = {
  /** `keyAccount` is stated. */
  keyAccountStated: 1,
  /** `keyAccount` is true. */
  keyAccount: 2,
  /** `offers` is stated (maybe empty). */
  offersStated: 4,
  /** `needs` is stated (maybe empty). */
  needsStated: 8,
} as const;

/** Bits of `relationFlags`. */
export const relationFlag = {
  /** `blocked` is stated. */
  blockedStated: 1,
  /** `blocked` is true. */
  blocked: 2,
} as const;

/** The records of a network as columns, each an array of exactly its count. */
export interface RecordColumns {
  readonly currency: string | undefined;
  readonly meta: Meta | undefined;
  /** Firm ids by position in `network.firms`. */
  readonly firms: StringList;
  /** Whether `network.firms` lists the firms in id order (UTF-16), as files usually do. */
  readonly firmsInIdOrder: boolean;
  /** Product ids of offers and needs, numbered in first-seen order. */
  readonly products: StringList;
  /** Products only relations name: `relationProduct` −2 − k is the k-th. */
  readonly otherProducts: StringList;
  /** Industries and incumbents, numbered in first-seen order. */
  readonly labels: StringList;
  readonly firmName: OptionalStrings;
  /** The industry's label, −1 when none is stated. */
  readonly firmIndustry: Int32Array;
  /** `firmFlag` bits. */
  readonly firmFlags: Uint8Array;
  /** hurdle, NaN when not stated (0 applies). */
  readonly firmHurdle: Float64Array;
  /** maxDeals, NaN when not stated (unlimited). */
  readonly firmMaxDeals: Float64Array;
  readonly firmMeta: MetaList;
  /** The offers of the firm at position r are `offerStart[r] .. offerStart[r+1]-1`, in array order. */
  readonly offerStart: Int32Array;
  readonly offerProduct: Int32Array;
  readonly offerPrice: Float64Array;
  readonly offerCost: Float64Array;
  readonly offerCapacity: Float64Array;
  readonly offerMeta: MetaList;
  /** The needs of the firm at position r are `needStart[r] .. needStart[r+1]-1`, in array order. */
  readonly needStart: Int32Array;
  readonly needProduct: Int32Array;
  readonly needQuantity: Float64Array;
  /** referencePrice, NaN when none is stated (the seller's price then applies). */
  readonly needReference: Float64Array;
  /** switchingCost, NaN when none is stated (0 applies). */
  readonly needSwitching: Float64Array;
  /** The incumbent's label (maybe no firm of the network), −1 when none. */
  readonly needIncumbent: Int32Array;
  /**
   * incumbentFloor, NaN when none is stated; empty when no need states one
   * (read it with `statedAt`).
   */
  readonly needFloor: Float64Array;
  readonly needMeta: MetaList;
  /** Per relation (in `network.relations` order): seller and buyer positions (−1: no firm). */
  readonly relationSeller: Int32Array;
  readonly relationBuyer: Int32Array;
  /**
   * Per relation: its product's number, −1 for a relation of the whole pair,
   * −2 − k for the k-th of `otherProducts` (a product no offer or need names).
   */
  readonly relationProduct: Int32Array;
  /** `relationFlag` bits. */
  readonly relationFlags: Uint8Array;
  /** Per relation: its probability, NaN when it states none. */
  readonly relationProbability: Float64Array;
  readonly relationMeta: MetaList;
}

/**
 * `meta` objects kept as they were given, by record number: the numbers of
 * the records that have one, ascending, and their objects (most records have
 * none: an array slot per record would cost 8 bytes each).
 */
export class MetaColumn implements MetaList {
  private readonly records = new TypedColumn(Int32Array, 16);
  private readonly values: Meta[] = [];

  /** How many records have one. */
  get stated(): number {
    return this.values.length;
  }

  /** Sets record i's meta; records come in ascending order (they are appended). */
  set(i: number, meta: Meta): void {
    const last = this.records.length - 1;
    if (last >= 0 && this.records.at(last) >= i) {
      throw new Error(`meta set out of order: record ${i} after ${this.records.at(last)}`);
    }
    this.records.push(i);
    this.values.push(meta);
  }

  get(i: number): Meta | undefined {
    const at = searchSorted(this.records.values, 0, this.records.length, i);
    return at < 0 ? undefined : this.values[at];
  }
}

/** A relation's ids as given, kept while one of them is not yet known. */
interface PendingRelation {
  readonly at: number;
  readonly seller: string;
  readonly buyer: string;
  readonly product: string | undefined;
}

/** `relationProduct` of a relation whose product is not (yet) known. */
const unknownProduct = -2;

/** Room for `n` records, at least 1024. */
const room = (n: number) => Math.max(1024, n + 1);

/** Gathers the columns record by record. */
export class NetworkColumns {
  currency: string | undefined;
  meta: Meta | undefined;
  /** Firm ids numbered by position in `network.firms` (the caller numbers each id). */
  readonly firms: StringInterner;
  /** Product ids numbered in first-seen order. */
  readonly products: StringInterner;
  readonly labels = new StringInterner(0, false);
  readonly firmName: Utf8Pool;
  readonly firmIndustry: TypedColumn<Int32Array>;
  readonly firmFlags: TypedColumn<Uint8Array>;
  readonly firmHurdle: TypedColumn<Float64Array>;
  readonly firmMaxDeals: TypedColumn<Float64Array>;
  readonly firmMeta = new MetaColumn();
  readonly offerStart: TypedColumn<Int32Array>;
  /** Product number of each offer, in record order. */
  readonly offerProduct: TypedColumn<Int32Array>;
  readonly offerPrice: TypedColumn<Float64Array>;
  readonly offerCost: TypedColumn<Float64Array>;
  readonly offerCapacity: TypedColumn<Float64Array>;
  readonly offerMeta = new MetaColumn();
  readonly needStart: TypedColumn<Int32Array>;
  /** Product number of each need, in record order. */
  readonly needProduct: TypedColumn<Int32Array>;
  readonly needQuantity: TypedColumn<Float64Array>;
  readonly needReference: TypedColumn<Float64Array>;
  readonly needSwitching: TypedColumn<Float64Array>;
  readonly needIncumbent: TypedColumn<Int32Array>;
  readonly needFloor: OptionalNumbers;
  readonly needMeta = new MetaColumn();
  private lastFirmId: string | undefined;
  private firmsInIdOrder = true;
  /** Seller and buyer position of each relation added (−1: not a firm). */
  readonly relationSeller: TypedColumn<Int32Array>;
  readonly relationBuyer: TypedColumn<Int32Array>;
  readonly relationProduct: TypedColumn<Int32Array>;
  readonly relationFlags: TypedColumn<Uint8Array>;
  readonly relationProbability: TypedColumn<Float64Array>;
  readonly relationMeta = new MetaColumn();
  /** Relations added before a firm or a product they name (looked up again by `resolve`). */
  private pending: PendingRelation[] = [];
  /** Products named by relations only. */
  private readonly otherProducts = new StringInterner();

  /** `firms` and `relations`: how many are expected, when known (room is made for them at once). */
  constructor(firms = 0, relations = 0) {
    this.firms = new StringInterner(firms, false);
    this.products = new StringInterner(0, false);
    this.firmName = new Utf8Pool(room(firms), 16 * room(firms));
    this.firmIndustry = new TypedColumn(Int32Array, room(firms));
    this.firmFlags = new TypedColumn(Uint8Array, room(firms));
    this.firmHurdle = new TypedColumn(Float64Array, room(firms));
    this.firmMaxDeals = new TypedColumn(Float64Array, room(firms));
    this.offerStart = new TypedColumn(Int32Array, room(firms));
    this.offerProduct = new TypedColumn(Int32Array, room(firms));
    this.offerPrice = new TypedColumn(Float64Array, room(firms));
    this.offerCost = new TypedColumn(Float64Array, room(firms));
    this.offerCapacity = new TypedColumn(Float64Array, room(firms));
    this.needStart = new TypedColumn(Int32Array, room(firms));
    this.needProduct = new TypedColumn(Int32Array, room(2 * firms));
    this.needQuantity = new TypedColumn(Float64Array, room(2 * firms));
    this.needReference = new TypedColumn(Float64Array, room(2 * firms));
    this.needSwitching = new TypedColumn(Float64Array, room(2 * firms));
    this.needIncumbent = new TypedColumn(Int32Array, room(2 * firms));
    this.needFloor = new OptionalNumbers();
    this.relationSeller = new TypedColumn(Int32Array, room(relations));
    this.relationBuyer = new TypedColumn(Int32Array, room(relations));
    this.relationProduct = new TypedColumn(Int32Array, room(relations));
    this.relationFlags = new TypedColumn(Uint8Array, room(relations));
    this.relationProbability = new TypedColumn(Float64Array, room(relations));
    this.offerStart.push(0);
    this.needStart.push(0);
  }

  /** Number of firms added. */
  get firmCount(): number {
    return this.firmHurdle.length;
  }

  /** Where the offers (or needs) of the firm at position `r` start and end in `offerProduct` (`needProduct`). */
  span(field: "offers" | "needs", r: number): [start: number, end: number] {
    const start = field === "offers" ? this.offerStart : this.needStart;
    return [start.at(r), start.at(r + 1)];
  }

  /**
   * Appends a firm's own fields (its id is numbered apart, in `firms`), before
   * its offers and needs: `name` is pushed by the caller into `firmName`.
   */
  beginFirm(
    id: string,
    industry: number,
    flags: number,
    hurdle: number,
    maxDeals: number,
    meta: Meta | undefined,
  ): void {
    if (this.lastFirmId !== undefined && !(this.lastFirmId < id)) this.firmsInIdOrder = false;
    this.lastFirmId = id;
    if (meta !== undefined) this.firmMeta.set(this.firmHurdle.length, meta);
    this.firmIndustry.push(industry);
    this.firmFlags.push(flags);
    this.firmHurdle.push(hurdle);
    this.firmMaxDeals.push(maxDeals);
  }

  /** Appends an offer of the firm being added. */
  addOffer(
    product: number,
    price: number,
    cost: number,
    capacity: number,
    meta: Meta | undefined,
  ): void {
    if (meta !== undefined) this.offerMeta.set(this.offerProduct.length, meta);
    this.offerProduct.push(product);
    this.offerPrice.push(price);
    this.offerCost.push(cost);
    this.offerCapacity.push(capacity);
  }

  /** Appends a need of the firm being added (absent numbers NaN, absent incumbent −1). */
  addNeed(
    product: number,
    quantity: number,
    reference: number,
    switching: number,
    incumbent: number,
    floor: number,
    meta: Meta | undefined,
  ): void {
    if (meta !== undefined) this.needMeta.set(this.needProduct.length, meta);
    this.needProduct.push(product);
    this.needQuantity.push(quantity);
    this.needReference.push(reference);
    this.needSwitching.push(switching);
    this.needIncumbent.push(incumbent);
    this.needFloor.push(floor);
  }

  /** Closes the firm being added (after its offers and needs). */
  endFirm(): void {
    this.offerStart.push(this.offerProduct.length);
    this.needStart.push(this.needProduct.length);
  }

  /** Appends a firm (valid, per SPEC §2) given as an object: every field (its id is numbered apart). */
  addFirm(firm: Firm): void {
    let flags = 0;
    if (firm.keyAccount !== undefined) {
      flags |= firmFlag.keyAccountStated | (firm.keyAccount ? firmFlag.keyAccount : 0);
    }
    const { offers, needs } = firm;
    if (offers !== undefined) flags |= firmFlag.offersStated;
    if (needs !== undefined) flags |= firmFlag.needsStated;
    this.firmName.push(firm.name);
    this.beginFirm(
      firm.id,
      firm.industry === undefined ? -1 : this.labels.intern(firm.industry),
      flags,
      firm.hurdle ?? Number.NaN,
      firm.maxDeals ?? Number.NaN,
      firm.meta,
    );
    if (offers !== undefined) {
      for (let i = 0; i < offers.length; i++) {
        const offer = offers[i];
        this.addOffer(
          this.products.intern(offer.product),
          offer.price,
          offer.cost,
          offer.capacity,
          offer.meta,
        );
      }
    }
    if (needs !== undefined) {
      for (let i = 0; i < needs.length; i++) {
        const need = needs[i];
        this.addNeed(
          this.products.intern(need.product),
          need.quantity,
          need.referencePrice ?? Number.NaN,
          need.switchingCost ?? Number.NaN,
          need.incumbent === undefined ? -1 : this.labels.intern(need.incumbent),
          need.incumbentFloor ?? Number.NaN,
          need.meta,
        );
      }
    }
    this.endFirm();
  }

  /** Appends the firm the scanner holds (its id is numbered apart, as `id`). */
  addScannedFirm(scan: RecordScan, id: string): void {
    const { bytes } = scan;
    let flags = 0;
    if (scan.keyAccount >= 0) {
      flags |= firmFlag.keyAccountStated | (scan.keyAccount === 1 ? firmFlag.keyAccount : 0);
    }
    if (scan.offersStated) flags |= firmFlag.offersStated;
    if (scan.needsStated) flags |= firmFlag.needsStated;
    if (scan.nameStart >= 0) this.firmName.pushBytes(bytes, scan.nameStart, scan.nameEnd);
    else this.firmName.pushAbsent();
    const industry =
      scan.industryStart < 0
        ? -1
        : this.labels.internBytes(bytes, scan.industryStart, scan.industryEnd);
    this.beginFirm(id, industry, flags, scan.hurdle, scan.maxDeals, scan.meta);
    const products = this.products;
    const offerProduct = scan.offerProduct.values;
    const offerFigures = scan.offerFigures.values;
    for (let o = 0; o < scan.offerCount; o++) {
      this.addOffer(
        products.internBytes(bytes, offerProduct[2 * o], offerProduct[2 * o + 1]),
        offerFigures[3 * o],
        offerFigures[3 * o + 1],
        offerFigures[3 * o + 2],
        scan.offerMeta[o],
      );
    }
    const needStrings = scan.needStrings.values;
    const needFigures = scan.needFigures.values;
    for (let n = 0; n < scan.needCount; n++) {
      const incumbentStart = needStrings[4 * n + 2];
      this.addNeed(
        products.internBytes(bytes, needStrings[4 * n], needStrings[4 * n + 1]),
        needFigures[4 * n],
        needFigures[4 * n + 1],
        needFigures[4 * n + 2],
        incumbentStart < 0
          ? -1
          : this.labels.internBytes(bytes, incumbentStart, needStrings[4 * n + 3]),
        needFigures[4 * n + 3],
        scan.needMeta[n],
      );
    }
    this.endFirm();
  }

  /** Appends the relation the scanner holds (as `addRelation`). */
  addScannedRelation(scan: RecordScan): void {
    const { bytes } = scan;
    const at = this.relationSeller.length;
    const seller = this.firms.findBytes(bytes, scan.sellerStart, scan.sellerEnd);
    const buyer = this.firms.findBytes(bytes, scan.buyerStart, scan.buyerEnd);
    let product = -1;
    if (scan.productStart >= 0) {
      product = this.products.findBytes(bytes, scan.productStart, scan.productEnd);
      if (product < 0) product = unknownProduct;
    }
    if (seller < 0 || buyer < 0 || product === unknownProduct) {
      this.pending.push({
        at,
        seller: decodeUtf8(bytes, scan.sellerStart, scan.sellerEnd),
        buyer: decodeUtf8(bytes, scan.buyerStart, scan.buyerEnd),
        product:
          scan.productStart < 0 ? undefined : decodeUtf8(bytes, scan.productStart, scan.productEnd),
      });
    }
    let flags = 0;
    if (scan.blocked >= 0) {
      flags = relationFlag.blockedStated | (scan.blocked === 1 ? relationFlag.blocked : 0);
    }
    if (scan.relationMeta !== undefined) this.relationMeta.set(at, scan.relationMeta);
    this.pushRelation(seller, buyer, product, flags, scan.probability);
  }

  /**
   * Appends a relation: its seller and buyer positions (−1 for an id that is
   * no firm yet), product, blocking and probability.
   */
  addRelation(relation: Relation): void {
    let flags = 0;
    if (relation.blocked !== undefined) {
      flags = relationFlag.blockedStated | (relation.blocked ? relationFlag.blocked : 0);
    }
    const at = this.relationSeller.length;
    const seller = this.firms.find(relation.seller);
    const buyer = this.firms.find(relation.buyer);
    let product = -1;
    if (relation.product !== undefined) {
      product = this.products.find(relation.product);
      if (product < 0) product = unknownProduct;
    }
    if (seller < 0 || buyer < 0 || product === unknownProduct) {
      const { seller: s, buyer: b, product: p } = relation;
      this.pending.push({ at, seller: s, buyer: b, product: p });
    }
    if (relation.meta !== undefined) this.relationMeta.set(at, relation.meta);
    this.pushRelation(seller, buyer, product, flags, relation.probability ?? Number.NaN);
  }

  /** Appends a relation whose seller, buyer and product are numbered already. */
  pushRelation(
    seller: number,
    buyer: number,
    product: number,
    flags: number,
    probability: number,
  ): void {
    this.relationSeller.push(seller);
    this.relationBuyer.push(buyer);
    this.relationProduct.push(product);
    this.relationFlags.push(flags);
    this.relationProbability.push(probability);
  }

  /** The ids of relation `i` as given (the pending ones) or as numbered. */
  relationIds(i: number): { seller: string; buyer: string; product: string | undefined } {
    const pending = this.pending.find((p) => p.at === i);
    if (pending !== undefined) return pending;
    const p = this.relationProduct.at(i);
    return {
      seller: this.firms.get(this.relationSeller.at(i)),
      buyer: this.firms.get(this.relationBuyer.at(i)),
      product:
        p === -1
          ? undefined
          : p >= 0
            ? this.products.get(p)
            : this.otherProducts.get(unknownProduct - p),
    };
  }

  /**
   * Looks up again the ids of the relations added before the firms or
   * products they name. Call once, after the last firm: an id still unknown
   * then is no firm (position −1), or a product no offer or need names
   * (numbered apart). Returns the relations whose seller or buyer is no firm,
   * with their ids as given.
   */
  resolve(): PendingRelation[] {
    const seller = this.relationSeller.values;
    const buyer = this.relationBuyer.values;
    const product = this.relationProduct.values;
    const unknown: PendingRelation[] = [];
    for (const relation of this.pending) {
      const i = relation.at;
      if (seller[i] < 0) seller[i] = this.firms.find(relation.seller);
      if (buyer[i] < 0) buyer[i] = this.firms.find(relation.buyer);
      if (product[i] === unknownProduct) {
        const id = relation.product as string;
        const number = this.products.find(id);
        product[i] = number >= 0 ? number : unknownProduct - this.otherProducts.intern(id);
      }
      if (seller[i] < 0 || buyer[i] < 0) unknown.push(relation);
    }
    this.pending = unknown;
    return unknown;
  }

  /** The columns gathered so far, as exact-length arrays (views, not copies). */
  columns(): RecordColumns {
    return {
      currency: this.currency,
      meta: this.meta,
      firms: this.firms,
      firmsInIdOrder: this.firmsInIdOrder,
      products: this.products,
      otherProducts: this.otherProducts,
      labels: this.labels,
      firmName: this.firmName,
      firmIndustry: this.firmIndustry.view(),
      firmFlags: this.firmFlags.view(),
      firmHurdle: this.firmHurdle.view(),
      firmMaxDeals: this.firmMaxDeals.view(),
      firmMeta: this.firmMeta,
      offerStart: this.offerStart.view(),
      offerProduct: this.offerProduct.view(),
      offerPrice: this.offerPrice.view(),
      offerCost: this.offerCost.view(),
      offerCapacity: this.offerCapacity.view(),
      offerMeta: this.offerMeta,
      needStart: this.needStart.view(),
      needProduct: this.needProduct.view(),
      needQuantity: this.needQuantity.view(),
      needReference: this.needReference.view(),
      needSwitching: this.needSwitching.view(),
      needIncumbent: this.needIncumbent.view(),
      needFloor: this.needFloor.view(),
      needMeta: this.needMeta,
      relationSeller: this.relationSeller.view(),
      relationBuyer: this.relationBuyer.view(),
      relationProduct: this.relationProduct.view(),
      relationFlags: this.relationFlags.view(),
      relationProbability: this.relationProbability.view(),
      relationMeta: this.relationMeta,
    };
  }
}
