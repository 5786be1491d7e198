/**
 * The deals of a ranked listing (`find`'s or `merge`'s JSON) taken back into a
 * network, as `select --candidates` does: each DEAL's kind and trades (seller,
 * buyer, product) are looked up among the network's potential trades, checked
 * to be a SPEC §4 deal of that kind whose id is the listing's, and priced
 * again through the search's own path (`DealScan.rebuild`) under the caller's
 * pricing options (initiator, policy, objective, room, competition). The figures the listing carries are not read: the network
 * is the truth, so the deals are exactly those `find` gives for them.
 */
import type { Network } from "../model/types.js";
import { brokeredFits } from "../search/deal-cursor.js";
import { dealId } from "../search/deal-id.js";
import { type DealKind, dealKinds, maxPartiesLimit } from "../search/kinds.js";
import type { Deal } from "./deal.js";
import { DealScan } from "./deal-scan.js";
import { recognizeShape } from "./deal-shape.js";
import { ListingError } from "./listing-error.js";
import type { PricingOptions } from "./pricing-options.js";

/** A DEAL of a listing as read from its JSON, and where it is (`FILE line N`). */
export interface ListedDealJson {
  /** The parsed DEAL object (only `id`, `kind` and the trades' `seller`, `buyer`, `product` are read). */
  readonly deal: unknown;
  /** Its place, for messages. */
  readonly where: string;
}

/**
 * The deals of a listing, re-derived from the network and priced under
 * `options`, lazily and in the listing's order.
 *
 * @throws UsageError at once on bad pricing options; ListingError (while
 *   iterating) for a DEAL that is malformed, is not a deal of the network
 *   (a trade that is not a potential trade, a shape that is not its kind, not
 *   reciprocal, not executable), has another id, or (with an initiator) does
 *   not include the initiator
 */
export function listedDeals(
  network: Network,
  listing: Iterable<ListedDealJson>,
  options: PricingOptions = {},
): Generator<Deal, void, undefined> {
  const { initiator, policy, objective, room, competition } = options;
  // Only the pricing options: a listing fixes which deals there are.
  const pricing = { initiator, policy, objective, room, competition };
  const scan = new DealScan(network, { ...pricing, maxParties: maxPartiesLimit });
  return rederive(scan, listing);
}

function* rederive(
  scan: DealScan,
  listing: Iterable<ListedDealJson>,
): Generator<Deal, void, undefined> {
  for (const { deal, where } of listing) {
    const fail = (message: string): never => {
      throw new ListingError([{ path: where, message }]);
    };
    const { id, kind, trades } = (deal ?? {}) as { id?: unknown; kind?: unknown; trades?: unknown };
    if (typeof id !== "string") fail("a DEAL needs a string id");
    if (!dealKinds.includes(kind as DealKind))
      fail(`kind must be one of ${dealKinds.join(", ")}, got ${JSON.stringify(kind)}`);
    if (!Array.isArray(trades) || trades.length < 1 || trades.length > maxPartiesLimit)
      fail(`a DEAL needs 1 to ${maxPartiesLimit} trades`);
    const found = tradesOf(scan, trades as unknown[], fail);
    const shape = recognizeShape(found.map((t) => shapeOf(scan, t)));
    if (shape.kind !== kind) fail(`its trades do not form a ${String(kind)}`);
    const ordered = Int32Array.from(shape.order, (i) => found[i]);
    const dealKind = kind as DealKind;
    const index = scan.index;
    if (!ordered.some((t) => index.tradePremium[t] > 0))
      fail("not reciprocal: every trade would happen on its own");
    if (dealKind === "brokered" && !brokeredFits(index, ordered[0], ordered[1], ordered[2]))
      fail("not executable: its trades overdraw an offer or a need");
    const canonical = dealId(index, dealKind, ordered, ordered.length);
    if (canonical !== id)
      fail(`its id ${JSON.stringify(id)} should be ${JSON.stringify(canonical)}`);
    const initiator = scan.options.initiator;
    if (
      initiator >= 0 &&
      !ordered.some((t) => index.tradeSeller(t) === initiator || index.tradeBuyer(t) === initiator)
    )
      fail(`the initiator ${index.firmId(initiator)} is not a party`);
    yield scan.rebuild(dealKind, ordered, canonical);
  }
}

/** The trade integers of a DEAL's trades. */
function tradesOf(scan: DealScan, trades: unknown[], fail: (message: string) => never): number[] {
  const index = scan.index;
  return trades.map((trade, i) => {
    const { seller, buyer, product } = (trade ?? {}) as Record<string, unknown>;
    if (typeof seller !== "string" || typeof buyer !== "string" || typeof product !== "string")
      return fail(`trades[${i}] needs string seller, buyer and product`);
    const s = index.firmIndex(seller);
    const b = index.firmIndex(buyer);
    const p = index.productIndex(product);
    const t = s < 0 || b < 0 || p < 0 ? -1 : index.findTrade(s, b, p);
    if (t < 0)
      fail(`trades[${i}] ${seller}>${buyer}:${product} is not a potential trade of the network`);
    return t;
  });
}

function shapeOf(scan: DealScan, t: number) {
  const index = scan.index;
  return {
    seller: index.tradeSeller(t),
    buyer: index.tradeBuyer(t),
    product: index.tradeProduct(t),
  };
}
