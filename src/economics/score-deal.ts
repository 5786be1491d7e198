/**
 * `scoreDeal`: the economics of one deal given as trades (SPEC §5, §8), the
 * engine behind proposals. Quantities and discounts may be given per trade;
 * the policy chooses the discounts left open. Cycles, brokered triangles and
 * chains are priced by the exact fast path, any other set of trades by the LP.
 */

import { UsageError } from "../model/errors.js";
import type { Network } from "../model/types.js";
import { dealId } from "../search/deal-id.js";
import type { DealKind } from "../search/kinds.js";
import { type TradeIndex, tradeIndexOf } from "../trade-index/trade-index.js";
import { buildDeal } from "./build-deal.js";
import type { Deal } from "./deal.js";
import { DealEconomy, layoutOf } from "./deal-economy.js";
import { recognizeShape } from "./deal-shape.js";
import { priceFast } from "./price-fast.js";
import { priceByLp } from "./price-lp.js";
import { type PricingOptions, resolvePricing } from "./pricing-options.js";

/** One trade of the deal to score. */
export interface TradeSpec {
  readonly seller: string;
  readonly buyer: string;
  readonly product: string;
  /** Units, 0 < q ≤ min(capacity, need); sets the trade's margin and premium. @defaultValue min(capacity, need) */
  readonly quantity?: number;
  /**
   * Money the seller gives the buyer, 0 ≤ d ≤ margin, kept as given (a value
   * within 1e-9 · margin outside that range is clamped into it).
   * @defaultValue chosen by the policy
   */
  readonly discount?: number;
}

/**
 * Options of `scoreDeal` (defaults: `defaultPricingOptions`). The initiator
 * need not be a party: its figures are then all 0, and the `initiator` policy
 * prices as `minimal` (its first stage has nothing to maximize).
 */
export interface ScoreDealOptions extends PricingOptions {
  /** The shape the trades must have. @defaultValue recognized from the trades (`custom` when none) */
  readonly kind?: DealKind;
}

/** A given discount this far (relative to the margin) outside [0, margin] is rounding: clamped, not refused. */
const discountTolerance = 1e-9;

/** `seller>buyer:product` of a trade, as ids write it (SPEC §4). */
function tradeLabel(index: TradeIndex, t: number): string {
  return `${index.firmIds[index.tradeSeller(t)]}>${index.firmIds[index.tradeBuyer(t)]}:${index.productIds[index.tradeProduct(t)]}`;
}

/** Resolves a trade spec to the trade index, or throws a UsageError saying why not. */
function resolveTrade(index: TradeIndex, spec: TradeSpec, position: number): number {
  const where = `trades[${position}]`;
  const s = index.firmIndex(spec.seller);
  const b = index.firmIndex(spec.buyer);
  const p = index.productIndex(spec.product);
  if (s < 0) throw new UsageError(`${where}: unknown firm "${spec.seller}"`);
  if (b < 0) throw new UsageError(`${where}: unknown firm "${spec.buyer}"`);
  if (p < 0) throw new UsageError(`${where}: unknown product "${spec.product}"`);
  if (s === b) throw new UsageError(`${where}: "${spec.seller}" cannot sell to itself`);
  if (index.findOffer(s, p) < 0)
    throw new UsageError(`${where}: "${spec.seller}" does not offer "${spec.product}"`);
  if (index.findNeed(b, p) < 0)
    throw new UsageError(`${where}: "${spec.buyer}" does not need "${spec.product}"`);
  const t = index.findTrade(s, b, p);
  if (t < 0) {
    throw new UsageError(
      `${where}: not a potential trade (blocked, or "${spec.seller}" already supplies it)`,
    );
  }
  return t;
}

/** Sets trade j's figures at quantity q (SPEC §3 with q given). */
function setQuantity(
  economy: DealEconomy,
  index: TradeIndex,
  j: number,
  t: number,
  q: number,
  where: string,
): void {
  const limit = index.tradeQuantity(t);
  if (!(q > 0 && q <= limit))
    throw new UsageError(`${where}: quantity must be in (0, ${limit}]: ${q}`);
  if (q === limit) return;
  const offer = index.tradeOffer[t];
  const product = index.productIds[index.tradeProduct(t)];
  const buyer = index.network.firms[index.firmRecord[index.tradeBuyer(t)]];
  const record = buyer.needs!.find((n) => n.product === product)!;
  const price = index.offerPrice[offer];
  economy.quantity[j] = q;
  economy.margin[j] = index.offerUnitMargin[offer] * q;
  economy.premium[j] = (price - (record.referencePrice ?? price)) * q + (record.switchingCost ?? 0);
}

/**
 * The economics of one deal: its figures, the discounts the policy chooses for
 * the trades without one, feasibility, and the initiator's figures.
 *
 * @param trades the deal's trades, in any order; each a potential trade (SPEC §3)
 * @throws UsageError on an unknown firm, product or initiator, a trade that is
 *   not a potential trade, a repeated trade, a quantity or discount out of
 *   range, a `kind` the trades do not have, or an initiator policy or objective
 *   without an initiator
 * @example
 * scoreDeal(network, [
 *   { seller: "bank", buyer: "telecom", product: "business-banking" },
 *   { seller: "telecom", buyer: "bank", product: "telecom-services" },
 * ], { initiator: "bank" }).initiator?.net
 */
export function scoreDeal(
  network: Network,
  trades: readonly TradeSpec[],
  options: ScoreDealOptions = {},
): Deal {
  const index = tradeIndexOf(network);
  const { initiator, policy, objective } = resolvePricing(index, options);
  if (trades.length === 0) throw new UsageError("a deal needs at least one trade");
  const ids = trades.map((spec, position) => resolveTrade(index, spec, position));
  if (new Set(ids).size !== ids.length) throw new UsageError("a trade is repeated");
  const shape = recognizeShape(
    ids.map((t) => ({
      seller: index.tradeSeller(t),
      buyer: index.tradeBuyer(t),
      product: index.tradeProduct(t),
    })),
  );
  if (options.kind !== undefined && options.kind !== shape.kind) {
    throw new UsageError(`the trades do not form a ${options.kind} (they form: ${shape.kind})`);
  }
  const ordered = shape.order.map((position) => ids[position]);
  const economy = new DealEconomy(Math.max(3, 2 * trades.length));
  if (shape.kind === "custom") {
    loadCustom(economy, index, ordered, initiator);
  } else {
    economy.loadIndexDeal(index, shape.kind, ordered, ordered.length, initiator);
  }
  shape.order.forEach((position, j) => {
    const spec = trades[position];
    const where = `trades[${position}]`;
    if (spec.quantity !== undefined)
      setQuantity(economy, index, j, ordered[j], spec.quantity, where);
    if (spec.discount !== undefined) {
      const margin = economy.margin[j];
      const slack = discountTolerance * margin;
      if (!(spec.discount >= -slack && spec.discount <= margin + slack)) {
        throw new UsageError(`${where}: discount must be in [0, ${margin}]: ${spec.discount}`);
      }
      economy.fixedDiscount[j] = Math.min(Math.max(spec.discount, 0), margin);
    }
  });
  economy.derive();
  if (layoutOf(shape.kind) === "generic") {
    const status = priceByLp(economy, policy);
    if (status !== "optimal") throw new Error(`scoreDeal: the LP solver failed (${status})`);
  } else {
    priceFast(economy, policy);
  }
  const id =
    shape.kind === "custom"
      ? `custom:${ordered.map((t) => tradeLabel(index, t)).join("|")}`
      : dealId(index, shape.kind, ordered, ordered.length);
  return buildDeal(economy, index, id, objective, initiator);
}

/** Loads trades of no SPEC shape: parties in the order they first appear. */
function loadCustom(
  economy: DealEconomy,
  index: TradeIndex,
  ordered: readonly number[],
  initiator: number,
): void {
  economy.kind = "custom";
  economy.layout = "generic";
  economy.tradeCount = ordered.length;
  const party = new Map<number, number>();
  const partyOf = (firm: number): number => {
    let v = party.get(firm);
    if (v === undefined) {
      v = party.size;
      party.set(firm, v);
      economy.partyFirm[v] = firm;
    }
    return v;
  };
  ordered.forEach((t, j) => {
    economy.seller[j] = partyOf(index.tradeSeller(t));
    economy.buyer[j] = partyOf(index.tradeBuyer(t));
    economy.tradeId[j] = t;
    economy.quantity[j] = index.tradeQuantity(t);
    economy.unitPrice[j] = index.tradeUnitPrice(t);
    economy.margin[j] = index.tradeMargin(t);
    economy.premium[j] = index.tradePremium[t];
    economy.probability[j] = index.tradeProbability(t);
    economy.fixedDiscount[j] = Number.NaN;
  });
  economy.partyCount = party.size;
  economy.finishLoad(index, initiator);
}
