/**
 * Which limits a portfolio uses up (SPEC §6): the offers whose capacity its
 * trades sell out, the needs they fill to the last unit, and the firms in as
 * many chosen deals as their `maxDeals`. These are the firms a salesperson
 * cannot promise more to; `select`'s sheet lists them under its summary.
 */
import type { Deal } from "../economics/deal.js";
import type { Network } from "../model/types.js";
import { slackOf } from "../portfolio/packing-model.js";
import { tradeIndexOf } from "../trade-index/trade-index.js";
import { compareIds } from "../util/compare-ids.js";

/** The kinds of limit (SPEC §6's three constraints). */
export const limitKinds = ["capacity", "need", "maxDeals"] as const;
/** One of `limitKinds`. */
export type LimitKind = (typeof limitKinds)[number];

/** A limit the portfolio reaches. */
export interface BindingLimit {
  readonly firm: string;
  readonly kind: LimitKind;
  /** The offer's or need's product (none for `maxDeals`). */
  readonly product?: string;
  /** Units sold or bought, or deals joined. */
  readonly used: number;
  /** The offer's capacity, the need's quantity, or the firm's maxDeals. */
  readonly limit: number;
}

/** `used` reaches `limit`, within the solver's relative tolerance. */
const reaches = (used: number, limit: number) => used >= limit - slackOf(limit);

/**
 * The limits `deals` (a portfolio: deals that together respect every limit)
 * reach, by firm id, then kind, then product.
 */
export function bindingLimits(network: Network, deals: Iterable<Deal>): BindingLimit[] {
  const index = tradeIndexOf(network);
  const sold = new Map<number, number>();
  const bought = new Map<number, number>();
  const joined = new Map<number, number>();
  for (const deal of deals) {
    for (const t of deal.trades) {
      const product = index.productIndex(t.product);
      const offer = index.findOffer(index.firmIndex(t.seller), product);
      const need = index.findNeed(index.firmIndex(t.buyer), product);
      if (offer >= 0) sold.set(offer, (sold.get(offer) ?? 0) + t.quantity);
      if (need >= 0) bought.set(need, (bought.get(need) ?? 0) + t.quantity);
    }
    for (const p of deal.parties) {
      const f = index.firmIndex(p.firm);
      if (f >= 0) joined.set(f, (joined.get(f) ?? 0) + 1);
    }
  }
  const limits: BindingLimit[] = [];
  // Offers sold out and needs filled: an entry per offer or need, read through its columns.
  const filled = (
    kind: "capacity" | "need",
    usedBy: Map<number, number>,
    limitOf: ArrayLike<number>,
    firmOf: ArrayLike<number>,
    productOf: ArrayLike<number>,
  ) => {
    for (const [entry, used] of usedBy) {
      const limit = limitOf[entry];
      if (!reaches(used, limit)) continue;
      const firm = index.firmId(firmOf[entry]);
      limits.push({ firm, kind, product: index.productId(productOf[entry]), used, limit });
    }
  };
  filled("capacity", sold, index.offerCapacity, index.offerFirm, index.offerProduct);
  filled("need", bought, index.needQuantity, index.needFirm, index.needProduct);
  for (const [f, used] of joined) {
    const limit = index.firmMaxDeals[f];
    if (Number.isFinite(limit) && reaches(used, limit)) {
      limits.push({ firm: index.firmId(f), kind: "maxDeals", used, limit });
    }
  }
  const kindRank = (kind: LimitKind) => limitKinds.indexOf(kind);
  return limits.sort(
    (a, b) =>
      compareIds(a.firm, b.firm) ||
      kindRank(a.kind) - kindRank(b.kind) ||
      compareIds(a.product ?? "", b.product ?? ""),
  );
}
