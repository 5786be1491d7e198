/**
 * `scoreDeal`: the economics of one deal given as trades of firm and product
 * ids (SPEC §5, §8). It resolves each trade to the trade index once and hands
 * the integers to `scoreTrades`, the one pricing path.
 */
import { UsageError } from "../model/errors.js";
import type { Network } from "../model/types.js";
import type { DealKind } from "../search/kinds.js";
import { type TradeIndex, tradeIndexOf } from "../trade-index/trade-index.js";
import type { Deal } from "./deal.js";
import { type PricingOptions, resolvePricing } from "./pricing-options.js";
import { scoreTrades } from "./score-trades.js";

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
  const pricing = resolvePricing(index, options);
  const ids = trades.map((spec, position) => resolveTrade(index, spec, position));
  return scoreTrades(index, ids, {
    ...pricing,
    ...(options.kind === undefined ? {} : { kind: options.kind }),
    quantities: trades.map((spec) => spec.quantity ?? Number.NaN),
    discounts: trades.map((spec) => spec.discount ?? Number.NaN),
  });
}
