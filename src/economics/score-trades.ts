/**
 * `scoreTrades`: the one path from a set of trades of the index to a priced
 * `Deal` (SPEC §5, §8). `scoreDeal` resolves trade strings to index integers
 * and calls it; `checkProposal` resolves a proposal's trades once, checks
 * them, and hands the integers straight here.
 *
 * The trades' shape is recognized (cycle, brokered, chain, else `custom`) and
 * put in SPEC §4's order; quantities may be given per trade (the figures are
 * then those of `tradeFiguresAt`), and discounts may be given per trade (kept
 * as given, the others chosen by the policy). The three shapes are priced by
 * the exact fast path, any other set of trades by the LP.
 */
import { UsageError } from "../model/errors.js";
import { dealId } from "../search/deal-id.js";
import type { DealKind } from "../search/kinds.js";
import { incumbentFloors } from "../trade-index/incumbent-floors.js";
import { tradeFiguresAt } from "../trade-index/trade-figures.js";
import type { TradeIndex } from "../trade-index/trade-index.js";
import { buildDeal } from "./build-deal.js";
import type { Deal } from "./deal.js";
import { DealEconomy, layoutOf } from "./deal-economy.js";
import { recognizeShape } from "./deal-shape.js";
import { priceFast } from "./price-fast.js";
import { priceByLp } from "./price-lp.js";
import type { ResolvedPricing } from "./pricing-options.js";

/** What `scoreTrades` needs besides the trades: the resolved pricing options and the given terms. */
export interface ScoreTradesOptions extends ResolvedPricing {
  /** The shape the trades must have. @defaultValue recognized from the trades (`custom` when none) */
  readonly kind?: DealKind;
  /** Per trade (in the given order): its quantity, or NaN for min(capacity, need). @defaultValue all NaN */
  readonly quantities?: ArrayLike<number>;
  /** Per trade (in the given order): its discount, or NaN for the policy's choice. @defaultValue all NaN */
  readonly discounts?: ArrayLike<number>;
}

/** A given discount this far (relative to the margin) outside [0, margin] is rounding: clamped, not refused. */
export const discountTolerance = 1e-9;

/**
 * The economics of the deal made of `trades` (trade integers of `index`, in any order).
 *
 * @throws UsageError on an empty or repeated trade list, a quantity outside
 *   (0, min(capacity, need)], a discount outside [0, margin] (beyond the
 *   rounding tolerance), or a `kind` the trades do not have; positions in the
 *   messages (`trades[2]`) are those of the given order
 * @example
 * const { initiator, policy, objective } = resolvePricing(index, {});
 * scoreTrades(index, [index.findTrade(a, b, x), index.findTrade(b, a, y)], { initiator, policy, objective });
 */
export function scoreTrades(
  index: TradeIndex,
  trades: ArrayLike<number>,
  options: ScoreTradesOptions,
): Deal {
  const n = trades.length;
  if (n === 0) throw new UsageError("a deal needs at least one trade");
  const given = Array.from(trades);
  if (new Set(given).size !== n) throw new UsageError("a trade is repeated");
  const shape = recognizeShape(
    given.map((t) => ({
      seller: index.tradeSeller(t),
      buyer: index.tradeBuyer(t),
      product: index.tradeProduct(t),
    })),
  );
  if (options.kind !== undefined && options.kind !== shape.kind) {
    throw new UsageError(`the trades do not form a ${options.kind} (they form: ${shape.kind})`);
  }
  const ordered = shape.order.map((position) => given[position]);
  const economy = new DealEconomy(Math.max(3, 2 * n));
  economy.competition = options.competition;
  if (options.competition === "counter") economy.floors = incumbentFloors(index);
  if (shape.kind === "custom") economy.loadCustom(index, ordered, options.initiator);
  else economy.loadIndexDeal(index, shape.kind, ordered, n, options.initiator);
  shape.order.forEach((position, j) => {
    const where = `trades[${position}]`;
    const q = options.quantities?.[position] ?? Number.NaN;
    if (!Number.isNaN(q)) {
      const limit = index.tradeQuantity(ordered[j]);
      if (!(q > 0 && q <= limit))
        throw new UsageError(`${where}: quantity must be in (0, ${limit}]: ${q}`);
      const figures = tradeFiguresAt(index, ordered[j], q);
      economy.quantity[j] = figures.quantity;
      economy.margin[j] = figures.margin;
      economy.premium[j] = figures.premium;
    }
    const d = options.discounts?.[position] ?? Number.NaN;
    if (!Number.isNaN(d)) {
      const margin = economy.margin[j];
      const slack = discountTolerance * margin;
      if (!(d >= -slack && d <= margin + slack))
        throw new UsageError(`${where}: discount must be in [0, ${margin}]: ${d}`);
      economy.fixedDiscount[j] = Math.min(Math.max(d, 0), margin);
    }
  });
  economy.derive();
  if (layoutOf(shape.kind) === "generic") {
    const status = priceByLp(economy, options.policy);
    if (status !== "optimal") throw new Error(`scoreTrades: the LP solver failed (${status})`);
  } else {
    priceFast(economy, options.policy);
  }
  const id = dealId(index, shape.kind, ordered, n);
  return buildDeal(economy, index, id, options.objective, options.initiator, options);
}
