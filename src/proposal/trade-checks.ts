/**
 * The trade-level checks of SPEC §7: unknown firms, self-trades, missing offers
 * and needs, blocks, incumbents, repeats, quantities (each trade's own limit,
 * then executability: trades drawing on one offer or filling one need must fit
 * it together), and discounts. Each trade is resolved against the trade index
 * into the figures the economics need (quantity, margin, premium).
 *
 * Decisions beyond the SPEC's table, also stated in the README:
 * - a repeat gets only `duplicate-trade` and takes no further part (its first
 *   occurrence is checked);
 * - a self-trade gets only `self-trade` (plus `unknown-firm` for an unknown id):
 *   what a firm offers or needs says nothing about selling to itself;
 * - `incumbent` needs only the buyer's need: a seller outside the network can
 *   be the buyer's incumbent and is then reported both as unknown and as incumbent;
 * - executability: walking the trades in order, a trade whose quantity takes its
 *   offer's or need's running total over the capacity or need gets `quantity`
 *   (the earlier trades fit and are not blamed);
 * - a discount is judged against the margin at the trade's quantity, so only
 *   when that quantity is valid; both sides by `tolerance` (SPEC §5's 1e-9 of
 *   the largest money amount), so that a discount an LP rounded is not blamed.
 */

import type { Firm, Network } from "../model/types.js";
import { figuresAt, needRecordOf } from "../trade-index/trade-figures.js";
import type { TradeIndex } from "../trade-index/trade-index.js";
import { blockOf } from "./pair-relations.js";
import type { ProposedTrade, Violation } from "./proposal.js";

/** One proposed trade resolved against the network. */
export interface ResolvedTrade {
  readonly trade: ProposedTrade;
  /** Position in the proposal. */
  readonly position: number;
  /** The earlier trade this one repeats, or -1. */
  readonly repeatOf: number;
  /** Offer and need integers of the trade index, or -1. */
  readonly offer: number;
  readonly need: number;
  /** The potential trade (trade integer of the index), or -1 when the pair is not one. */
  readonly tradeId: number;
  /** The quantity (given, or min(capacity, need)); undefined when it cannot be known or is invalid. */
  readonly quantity: number | undefined;
  /** m and c at that quantity; undefined with the quantity. */
  readonly margin: number | undefined;
  readonly premium: number | undefined;
  /** This trade's violations, in check order. */
  readonly violations: Violation[];
}

/** A firm's name for messages: its `name`, else its id. */
export function firmLabel(network: Network, index: TradeIndex, id: string): string {
  const f = index.firmIndex(id);
  if (f < 0) return `"${id}"`;
  const firm: Firm = network.firms[index.firmRecord[f]];
  return firm.name ?? id;
}

/** Resolves and checks every trade on its own (no executability yet). */
export function resolveTrades(
  network: Network,
  index: TradeIndex,
  trades: readonly ProposedTrade[],
): ResolvedTrade[] {
  const seen = new Map<string, number>();
  const label = (id: string) => firmLabel(network, index, id);
  return trades.map((trade, position) => {
    const violations: Violation[] = [];
    const { seller, buyer, product } = trade;
    const key = `${seller}\u0000${buyer}\u0000${product}`;
    const first = seen.get(key);
    const base = {
      trade,
      position,
      offer: -1,
      need: -1,
      tradeId: -1,
      quantity: undefined,
      margin: undefined,
      premium: undefined,
      violations,
    };
    if (first !== undefined) {
      violations.push({
        code: "duplicate-trade",
        trade: position,
        firm: seller,
        message: `trade ${position} repeats trade ${first}: ${label(seller)} selling ${product} to ${label(buyer)}`,
      });
      return { ...base, repeatOf: first };
    }
    seen.set(key, position);
    const s = index.firmIndex(seller);
    const b = index.firmIndex(buyer);
    if (s < 0)
      violations.push({
        code: "unknown-firm",
        trade: position,
        firm: seller,
        message: `${label(seller)} is not a firm of the network`,
      });
    if (b < 0 && buyer !== seller) {
      violations.push({
        code: "unknown-firm",
        trade: position,
        firm: buyer,
        message: `${label(buyer)} is not a firm of the network`,
      });
    }
    if (seller === buyer) {
      violations.push({
        code: "self-trade",
        trade: position,
        firm: seller,
        message: `${label(seller)} cannot sell ${product} to itself`,
      });
      return { ...base, repeatOf: -1 };
    }
    const p = index.productIndex(product);
    const offer = s >= 0 && p >= 0 ? index.findOffer(s, p) : -1;
    const need = b >= 0 && p >= 0 ? index.findNeed(b, p) : -1;
    if (s >= 0 && offer < 0)
      violations.push({
        code: "no-offer",
        trade: position,
        firm: seller,
        message: `${label(seller)} does not sell ${product}`,
      });
    if (b >= 0 && need < 0)
      violations.push({
        code: "no-need",
        trade: position,
        firm: buyer,
        message: `${label(buyer)} does not buy ${product}`,
      });
    if (s >= 0 && b >= 0) {
      const block = blockOf(network, seller, buyer, product);
      if (block !== undefined) {
        const what = block === "pair" ? "anything" : product;
        violations.push({
          code: "blocked",
          trade: position,
          firm: seller,
          message: `${label(seller)} and ${label(buyer)} will not trade ${what}: a relation blocks it`,
        });
      }
    }
    if (need >= 0) {
      if (needRecordOf(index, need).incumbent === seller) {
        violations.push({
          code: "incumbent",
          trade: position,
          firm: seller,
          message: `${label(seller)} already supplies ${label(buyer)} with ${product}`,
        });
      }
    }
    // Quantity: against the offer's capacity and the need, where known.
    const capacity = offer >= 0 ? index.offerCapacity[offer] : Number.POSITIVE_INFINITY;
    const needed = need >= 0 ? index.needQuantity[need] : Number.POSITIVE_INFINITY;
    const limit = Math.min(capacity, needed);
    let quantity: number | undefined =
      trade.quantity ?? (offer >= 0 && need >= 0 ? limit : undefined);
    if (trade.quantity !== undefined) {
      if (!(trade.quantity > 0)) {
        violations.push({
          code: "quantity",
          trade: position,
          firm: seller,
          message: `the quantity of ${product} must be more than 0, not ${trade.quantity}`,
        });
        quantity = undefined;
      } else if (trade.quantity > limit) {
        const why = [
          capacity < Number.POSITIVE_INFINITY ? `${label(seller)} can supply ${capacity}` : "",
          needed < Number.POSITIVE_INFINITY ? `${label(buyer)} needs ${needed}` : "",
        ];
        violations.push({
          code: "quantity",
          trade: position,
          firm: capacity < needed ? seller : buyer,
          message: `${trade.quantity} units of ${product} is more than can trade: ${why.filter((w) => w !== "").join(" and ")}`,
        });
        quantity = undefined;
      }
    }
    if (offer < 0 || need < 0 || quantity === undefined)
      return { ...base, offer, need, quantity, repeatOf: -1 };
    const tradeId = index.findTrade(s, b, p);
    const { margin, premium } = figuresAt(index, offer, need, quantity);
    return { ...base, offer, need, tradeId, quantity, margin, premium, repeatOf: -1 };
  });
}

/**
 * Executability (SPEC §4): trades that draw on one offer or fill one need must
 * fit it together. Walks the sound trades in order and blames each trade that
 * takes a running total over its limit.
 */
export function checkExecutable(
  network: Network,
  index: TradeIndex,
  resolved: readonly ResolvedTrade[],
): void {
  const offerUse = new Map<number, number[]>();
  const needUse = new Map<number, number[]>();
  const label = (id: string) => firmLabel(network, index, id);
  const over = (total: number, limit: number) => total > limit + limit * 1e-9;
  for (const r of resolved) {
    if (r.quantity === undefined || r.violations.length > 0 || r.offer < 0 || r.need < 0) continue;
    const offerTrades = offerUse.get(r.offer) ?? [];
    const needTrades = needUse.get(r.need) ?? [];
    const offerTotal = offerTrades.reduce((sum, t) => sum + resolved[t].quantity!, r.quantity);
    const needTotal = needTrades.reduce((sum, t) => sum + resolved[t].quantity!, r.quantity);
    const { seller, buyer, product } = r.trade;
    const capacity = index.offerCapacity[r.offer];
    const needed = index.needQuantity[r.need];
    if (over(offerTotal, capacity)) {
      r.violations.push({
        code: "quantity",
        trade: r.position,
        firm: seller,
        message: `${label(seller)} can supply ${capacity} ${product} in all, but trades ${[...offerTrades, r.position].join(", ")} together take ${offerTotal}`,
      });
    } else if (over(needTotal, needed)) {
      r.violations.push({
        code: "quantity",
        trade: r.position,
        firm: buyer,
        message: `${label(buyer)} needs ${needed} ${product} in all, but trades ${[...needTrades, r.position].join(", ")} together bring ${needTotal}`,
      });
    } else {
      offerTrades.push(r.position);
      needTrades.push(r.position);
      offerUse.set(r.offer, offerTrades);
      needUse.set(r.need, needTrades);
    }
  }
}

/** Checks each given discount: 0 ≤ discount ≤ margin, within `tolerance`. */
export function checkDiscounts(
  network: Network,
  index: TradeIndex,
  resolved: readonly ResolvedTrade[],
  tolerance: number,
): void {
  const label = (id: string) => firmLabel(network, index, id);
  for (const r of resolved) {
    const discount = r.trade.discount;
    if (discount === undefined || r.repeatOf >= 0 || r.margin === undefined) continue;
    if (discount < -tolerance || discount > r.margin + tolerance) {
      const { seller, buyer, product } = r.trade;
      r.violations.push({
        code: "discount",
        trade: r.position,
        firm: seller,
        message: `the discount ${label(seller)} gives ${label(buyer)} on ${product} must be between 0 and its margin ${r.margin}, not ${discount}`,
      });
    }
  }
}
