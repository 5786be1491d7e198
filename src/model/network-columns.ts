/**
 * The figures of a network's records as columns in record order: what the
 * trade index compiles. `NetworkBuilder` gathers them while each record is
 * fresh from the parser and hands them over with the network; a network built
 * any other way gets them from one walk over its objects. With a million
 * parsed firms on the heap, every later walk over the objects is a cache miss
 * per field: the columns are what spares the index those walks.
 *
 * Firms are named by their position in `network.firms`, products by a number
 * in first-seen order. A `Network` is read-only: the columns describe it as
 * it was read.
 */
import { StringInterner } from "../util/string-interner.js";
import { TypedColumn } from "../util/typed-column.js";
import type { Firm, Network, Relation } from "./types.js";

/** The gathered columns, each an array of exactly its count. */
export interface RecordColumns {
  /** Firm ids numbered by position in `network.firms`. */
  readonly firms: StringInterner;
  /** Whether `network.firms` lists the firms in id order (UTF-16), as files usually do. */
  readonly firmsInIdOrder: boolean;
  /** Product ids numbered in first-seen order. */
  readonly products: StringInterner;
  /** Per firm position: hurdle (default 0), maxDeals (default Infinity), key account (1/0). */
  readonly firmHurdle: Float64Array;
  readonly firmMaxDeals: Float64Array;
  readonly firmKeyAccount: Uint8Array;
  /** The offers of the firm at position r are `offerStart[r] .. offerStart[r+1]-1`, in array order. */
  readonly offerStart: Int32Array;
  readonly offerProduct: Int32Array;
  readonly offerPrice: Float64Array;
  readonly offerCost: Float64Array;
  readonly offerCapacity: Float64Array;
  /** The needs of the firm at position r are `needStart[r] .. needStart[r+1]-1`, in array order. */
  readonly needStart: Int32Array;
  readonly needProduct: Int32Array;
  readonly needQuantity: Float64Array;
  /** referencePrice, NaN when the need states none (the seller's price then applies). */
  readonly needReference: Float64Array;
  /** switchingCost (default 0). */
  readonly needSwitching: Float64Array;
  /** The needs that name an incumbent, with the incumbent's id (maybe no firm of the network). */
  readonly incumbentNeed: Int32Array;
  readonly incumbentId: readonly string[];
  /** Per relation (in `network.relations` order): seller and buyer positions (−1: no firm). */
  readonly relationSeller: Int32Array;
  readonly relationBuyer: Int32Array;
  /**
   * Per relation: its product's number, −1 for a relation of the whole pair,
   * −2 − k for the k-th distinct product that no offer or need names.
   */
  readonly relationProduct: Int32Array;
  /** Per relation: 1 when it blocks. */
  readonly relationBlocked: Uint8Array;
  /** Per relation: its probability, NaN when it states none. */
  readonly relationProbability: Float64Array;
}

/** `relationProduct` of a relation whose product is not (yet) known. */
const unknownProduct = -2;

/** Gathers the columns record by record. */
export class NetworkColumns {
  /** Firm ids numbered by position in `network.firms` (the caller numbers each id). */
  readonly firms: StringInterner;
  /** Product ids numbered in first-seen order. */
  readonly products: StringInterner;
  private readonly firmHurdle: TypedColumn<Float64Array>;
  private readonly firmMaxDeals: TypedColumn<Float64Array>;
  private readonly firmKeyAccount: TypedColumn<Uint8Array>;
  private readonly offerStart: TypedColumn<Int32Array>;
  /** Product number of each offer, in record order. */
  readonly offerProduct: TypedColumn<Int32Array>;
  private readonly offerPrice: TypedColumn<Float64Array>;
  private readonly offerCost: TypedColumn<Float64Array>;
  private readonly offerCapacity: TypedColumn<Float64Array>;
  private readonly needStart: TypedColumn<Int32Array>;
  /** Product number of each need, in record order. */
  readonly needProduct: TypedColumn<Int32Array>;
  private readonly needQuantity: TypedColumn<Float64Array>;
  private readonly needReference: TypedColumn<Float64Array>;
  private readonly needSwitching: TypedColumn<Float64Array>;
  private readonly incumbentNeed: TypedColumn<Int32Array>;
  private readonly incumbentId: string[] = [];
  private lastFirmId: string | undefined;
  private firmsInIdOrder = true;
  /** Seller and buyer position of each relation added (−1: not a firm). */
  readonly relationSeller: TypedColumn<Int32Array>;
  readonly relationBuyer: TypedColumn<Int32Array>;
  private readonly relationProduct: TypedColumn<Int32Array>;
  private readonly relationBlocked: TypedColumn<Uint8Array>;
  private readonly relationProbability: TypedColumn<Float64Array>;
  /** Relations added before a firm or a product they name (looked up again by `resolve`). */
  private readonly unresolved: number[] = [];
  /** Products named by relations only. */
  private readonly otherProducts = new StringInterner();

  /** `firms` and `relations`: how many are expected, when known (room is made for them at once). */
  constructor(firms = 0, relations = 0) {
    this.firms = new StringInterner(firms);
    this.products = new StringInterner();
    this.firmHurdle = new TypedColumn(Float64Array, Math.max(1024, firms + 1));
    this.firmMaxDeals = new TypedColumn(Float64Array, Math.max(1024, firms + 1));
    this.firmKeyAccount = new TypedColumn(Uint8Array, Math.max(1024, firms + 1));
    this.offerStart = new TypedColumn(Int32Array, Math.max(1024, firms + 1));
    this.offerProduct = new TypedColumn(Int32Array, Math.max(1024, firms + 1));
    this.offerPrice = new TypedColumn(Float64Array, Math.max(1024, firms + 1));
    this.offerCost = new TypedColumn(Float64Array, Math.max(1024, firms + 1));
    this.offerCapacity = new TypedColumn(Float64Array, Math.max(1024, firms + 1));
    this.needStart = new TypedColumn(Int32Array, Math.max(1024, firms + 1));
    this.needProduct = new TypedColumn(Int32Array, Math.max(1024, 2 * firms + 1));
    this.needQuantity = new TypedColumn(Float64Array, Math.max(1024, 2 * firms + 1));
    this.needReference = new TypedColumn(Float64Array, Math.max(1024, 2 * firms + 1));
    this.needSwitching = new TypedColumn(Float64Array, Math.max(1024, 2 * firms + 1));
    this.incumbentNeed = new TypedColumn(Int32Array);
    this.relationSeller = new TypedColumn(Int32Array, Math.max(1024, relations + 1));
    this.relationBuyer = new TypedColumn(Int32Array, Math.max(1024, relations + 1));
    this.relationProduct = new TypedColumn(Int32Array, Math.max(1024, relations + 1));
    this.relationBlocked = new TypedColumn(Uint8Array, Math.max(1024, relations + 1));
    this.relationProbability = new TypedColumn(Float64Array, Math.max(1024, relations + 1));
    this.offerStart.push(0);
    this.needStart.push(0);
  }

  /** The columns of a network, from one walk over its firm and relation objects. */
  static of(network: Network): RecordColumns {
    const columns = new NetworkColumns();
    for (const firm of network.firms) {
      columns.firms.intern(firm.id);
      columns.addFirm(firm);
    }
    const relations = network.relations ?? [];
    for (const relation of relations) columns.addRelation(relation);
    columns.resolve(relations);
    return columns.columns();
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

  /** Appends a firm's figures, its offers and its needs (its id is numbered apart, in `firms`). */
  addFirm(firm: Firm): void {
    if (this.lastFirmId !== undefined && !(this.lastFirmId < firm.id)) this.firmsInIdOrder = false;
    this.lastFirmId = firm.id;
    this.firmHurdle.push(firm.hurdle ?? 0);
    this.firmMaxDeals.push(firm.maxDeals ?? Number.POSITIVE_INFINITY);
    this.firmKeyAccount.push(firm.keyAccount === true ? 1 : 0);
    const { offers, needs } = firm;
    if (offers !== undefined) {
      for (let i = 0; i < offers.length; i++) {
        const offer = offers[i];
        this.offerProduct.push(this.products.intern(offer.product));
        this.offerPrice.push(offer.price);
        this.offerCost.push(offer.cost);
        this.offerCapacity.push(offer.capacity);
      }
    }
    this.offerStart.push(this.offerProduct.length);
    if (needs !== undefined) {
      for (let i = 0; i < needs.length; i++) {
        const need = needs[i];
        if (need.incumbent !== undefined) {
          this.incumbentNeed.push(this.needProduct.length);
          this.incumbentId.push(need.incumbent);
        }
        this.needProduct.push(this.products.intern(need.product));
        this.needQuantity.push(need.quantity);
        this.needReference.push(need.referencePrice ?? Number.NaN);
        this.needSwitching.push(need.switchingCost ?? 0);
      }
    }
    this.needStart.push(this.needProduct.length);
  }

  /**
   * Appends a relation: its seller and buyer positions (−1 for an id that is
   * no firm yet), product, blocking and probability.
   */
  addRelation(relation: Relation): void {
    const seller = this.firms.find(relation.seller);
    const buyer = this.firms.find(relation.buyer);
    let product = -1;
    if (relation.product !== undefined) {
      product = this.products.find(relation.product);
      if (product < 0) product = unknownProduct;
    }
    if (seller < 0 || buyer < 0 || product === unknownProduct) {
      this.unresolved.push(this.relationSeller.length);
    }
    this.relationSeller.push(seller);
    this.relationBuyer.push(buyer);
    this.relationProduct.push(product);
    this.relationBlocked.push(relation.blocked === true ? 1 : 0);
    this.relationProbability.push(relation.probability ?? Number.NaN);
  }

  /**
   * Looks up again the ids of the relations added before the firms or
   * products they name (`relations` are the ones added, in order). Call once,
   * after the last firm: an id still unknown then is no firm (position −1),
   * or a product no offer or need names (numbered apart).
   */
  resolve(relations: readonly Relation[]): void {
    const seller = this.relationSeller.values;
    const buyer = this.relationBuyer.values;
    const product = this.relationProduct.values;
    for (const i of this.unresolved) {
      const relation = relations[i];
      if (seller[i] < 0) seller[i] = this.firms.find(relation.seller);
      if (buyer[i] < 0) buyer[i] = this.firms.find(relation.buyer);
      if (product[i] === unknownProduct) {
        const id = relation.product!;
        const number = this.products.find(id);
        product[i] = number >= 0 ? number : unknownProduct - this.otherProducts.intern(id);
      }
    }
    this.unresolved.length = 0;
  }

  /** The columns gathered so far, as exact-length arrays (views, not copies). */
  columns(): RecordColumns {
    return {
      firms: this.firms,
      firmsInIdOrder: this.firmsInIdOrder,
      products: this.products,
      firmHurdle: this.firmHurdle.view(),
      firmMaxDeals: this.firmMaxDeals.view(),
      firmKeyAccount: this.firmKeyAccount.view(),
      offerStart: this.offerStart.view(),
      offerProduct: this.offerProduct.view(),
      offerPrice: this.offerPrice.view(),
      offerCost: this.offerCost.view(),
      offerCapacity: this.offerCapacity.view(),
      needStart: this.needStart.view(),
      needProduct: this.needProduct.view(),
      needQuantity: this.needQuantity.view(),
      needReference: this.needReference.view(),
      needSwitching: this.needSwitching.view(),
      incumbentNeed: this.incumbentNeed.view(),
      incumbentId: this.incumbentId,
      relationSeller: this.relationSeller.view(),
      relationBuyer: this.relationBuyer.view(),
      relationProduct: this.relationProduct.view(),
      relationBlocked: this.relationBlocked.view(),
      relationProbability: this.relationProbability.view(),
    };
  }
}

const handedOver = new WeakMap<Network, RecordColumns>();

/**
 * Leaves the columns of a network, gathered while it was read, for the index
 * to take (see `takeNetworkColumns`).
 */
export function handOverColumns(network: Network, columns: RecordColumns): void {
  handedOver.set(network, columns);
}

/**
 * The columns of a network: those handed over when it was read (taken once,
 * so they do not outlive their use), else gathered now from its objects.
 */
export function takeNetworkColumns(network: Network): RecordColumns {
  const columns = handedOver.get(network);
  if (columns === undefined) return NetworkColumns.of(network);
  handedOver.delete(network);
  return columns;
}
