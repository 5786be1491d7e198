/**
 * The `Network` a parse or a read returns: a frozen object over the record
 * columns (`network-columns.ts`), whose `firms` and `relations` are built as
 * plain frozen objects only when read (`lazy-list.ts`). For an API user it is
 * the same plain data as before; for the library it is the columns, reached
 * with `columnsOf`.
 *
 * Immutable by construction: the network object, its lists and every firm,
 * offer, need and relation object are frozen, so the trade index cached for a
 * network can never go stale. `meta` objects are carried through untouched
 * (as given, not copied or frozen): the library never reads them.
 *
 * A network object that did not come from `parseNetwork`, `readNetwork` or
 * the generator (a hand-built literal, a spread copy) has no columns: the
 * library validates it on every use (see `validNetwork` in
 * `parse-network.ts`) and caches nothing for it.
 */
import { statedAt } from "../util/typed-column.js";
import { lazyList } from "./lazy-list.js";
import { firmFlag, type RecordColumns, relationFlag } from "./network-columns.js";
import type { Firm, Need, Network, Offer, Relation } from "./types.js";

const columnsByNetwork = new WeakMap<Network, RecordColumns>();

/** A mutable record under construction. */
type Draft = Record<string, unknown>;

function offerAt(c: RecordColumns, o: number): Offer {
  const offer: Draft = {
    product: c.products.get(c.offerProduct[o]),
    price: c.offerPrice[o],
    cost: c.offerCost[o],
    capacity: c.offerCapacity[o],
  };
  const meta = c.offerMeta.get(o);
  if (meta !== undefined) offer.meta = meta;
  return Object.freeze(offer) as unknown as Offer;
}

function needAt(c: RecordColumns, n: number): Need {
  const need: Draft = { product: c.products.get(c.needProduct[n]), quantity: c.needQuantity[n] };
  if (!Number.isNaN(c.needReference[n])) need.referencePrice = c.needReference[n];
  if (!Number.isNaN(c.needSwitching[n])) need.switchingCost = c.needSwitching[n];
  if (c.needIncumbent[n] >= 0) need.incumbent = c.labels.get(c.needIncumbent[n]);
  const floor = statedAt(c.needFloor, n);
  if (!Number.isNaN(floor)) need.incumbentFloor = floor;
  const meta = c.needMeta.get(n);
  if (meta !== undefined) need.meta = meta;
  return Object.freeze(need) as unknown as Need;
}

/** The firm at position `r`, with its fields in SPEC §2 order (a new frozen object). */
export function firmAt(c: RecordColumns, r: number): Firm {
  const firm: Draft = { id: c.firms.get(r) };
  const name = c.firmName.get(r);
  if (name !== undefined) firm.name = name;
  if (c.firmIndustry[r] >= 0) firm.industry = c.labels.get(c.firmIndustry[r]);
  const flags = c.firmFlags[r];
  if ((flags & firmFlag.keyAccountStated) !== 0) {
    firm.keyAccount = (flags & firmFlag.keyAccount) !== 0;
  }
  if (!Number.isNaN(c.firmHurdle[r])) firm.hurdle = c.firmHurdle[r];
  if (!Number.isNaN(c.firmMaxDeals[r])) firm.maxDeals = c.firmMaxDeals[r];
  if ((flags & firmFlag.offersStated) !== 0) {
    const offers: Offer[] = [];
    for (let o = c.offerStart[r]; o < c.offerStart[r + 1]; o++) offers.push(offerAt(c, o));
    firm.offers = Object.freeze(offers);
  }
  if ((flags & firmFlag.needsStated) !== 0) {
    const needs: Need[] = [];
    for (let n = c.needStart[r]; n < c.needStart[r + 1]; n++) needs.push(needAt(c, n));
    firm.needs = Object.freeze(needs);
  }
  const meta = c.firmMeta.get(r);
  if (meta !== undefined) firm.meta = meta;
  return Object.freeze(firm) as unknown as Firm;
}

/** The product id of a relation's product number (−1: none). */
function relationProductId(c: RecordColumns, p: number): string | undefined {
  if (p === -1) return undefined;
  return p >= 0 ? c.products.get(p) : c.otherProducts.get(-2 - p);
}

/** Relation `i` (a new frozen object). */
export function relationAt(c: RecordColumns, i: number): Relation {
  const relation: Draft = {
    seller: c.firms.get(c.relationSeller[i]),
    buyer: c.firms.get(c.relationBuyer[i]),
  };
  const product = relationProductId(c, c.relationProduct[i]);
  if (product !== undefined) relation.product = product;
  if (!Number.isNaN(c.relationProbability[i])) relation.probability = c.relationProbability[i];
  const flags = c.relationFlags[i];
  if ((flags & relationFlag.blockedStated) !== 0) {
    relation.blocked = (flags & relationFlag.blocked) !== 0;
  }
  const meta = c.relationMeta.get(i);
  if (meta !== undefined) relation.meta = meta;
  return Object.freeze(relation) as unknown as Relation;
}

/** How a network's records are built: by default from its columns (`firmAt`, `relationAt`). */
export interface RecordBuilder {
  readonly firmCount: number;
  readonly relationCount: number;
  firm(r: number): Firm;
  relation(i: number): Relation;
}

/**
 * The frozen `Network` over valid columns (every relation naming firms of
 * the network): what `parseNetwork`, `readNetwork` and the snapshot reader
 * return. `records` builds the firm and relation objects when they are read
 * (by default from the columns).
 */
export function networkOf(
  columns: RecordColumns,
  records: RecordBuilder = {
    firmCount: columns.firmFlags.length,
    relationCount: columns.relationSeller.length,
    firm: (r) => firmAt(columns, r),
    relation: (i) => relationAt(columns, i),
  },
): Network {
  const network: { -readonly [K in keyof Network]: Network[K] } = {
    firms: lazyList(records.firmCount, (r) => records.firm(r)),
    relations: lazyList(records.relationCount, (i) => records.relation(i)),
  };
  if (columns.currency !== undefined) network.currency = columns.currency;
  if (columns.meta !== undefined) network.meta = columns.meta;
  Object.freeze(network);
  columnsByNetwork.set(network, columns);
  return network;
}

/** The columns behind a network from `networkOf`, or undefined for any other object. */
export function columnsOf(network: Network): RecordColumns | undefined {
  return columnsByNetwork.get(network);
}
