/**
 * A trade's figures at a given quantity (SPEC §3 with q given instead of
 * min(capacity, need)), and the need record behind a need of the index: the
 * one place that computes them, for scoring a deal with chosen quantities
 * (`scoreTrades`) and for checking a proposal.
 *
 *   m = (price − cost) · q
 *   c = (price − ref) · q + switchingCost,  ref = need.referencePrice ?? price
 *
 * At the trade's own quantity the index's stored figures are returned as they
 * are, so a deal scored at its default quantities has exactly the figures of
 * `potentialTrades`.
 */
import type { Need } from "../model/types.js";
import type { TradeIndex } from "./trade-index.js";

/** The need record (as the network states it) of need integer `n`. */
export function needRecordOf(index: TradeIndex, n: number): Need {
  const firm = index.network.firms[index.firmRecord[index.needFirm[n]]];
  // A need integer exists only for a firm with that need: `needs` is present.
  return (firm.needs as readonly Need[])[index.needRecord[n]];
}

/** The quantity-dependent figures of one trade. */
export interface TradeFigures {
  /** q, units traded. */
  readonly quantity: number;
  /** m = (price − cost) · q. */
  readonly margin: number;
  /** c = (price − ref) · q + switchingCost. */
  readonly premium: number;
}

/**
 * The figures of selling on offer `offer` to need `need` (integers of the
 * index) at quantity `q` — whether or not the pair is a potential trade (a
 * blocked pair still has a margin and a premium a proposal can be checked
 * against).
 */
export function figuresAt(index: TradeIndex, offer: number, need: number, q: number): TradeFigures {
  const price = index.offerPrice[offer];
  const record = needRecordOf(index, need);
  return {
    quantity: q,
    margin: index.offerUnitMargin[offer] * q,
    premium: (price - (record.referencePrice ?? price)) * q + (record.switchingCost ?? 0),
  };
}

/**
 * Trade `t`'s figures at quantity `q` (any q > 0; the caller checks it
 * against `index.tradeQuantity(t)`).
 *
 * @example
 * tradeFiguresAt(index, t, index.tradeQuantity(t)).premium === index.tradePremium[t] // true
 */
export function tradeFiguresAt(index: TradeIndex, t: number, q: number): TradeFigures {
  if (q === index.tradeQuantity(t)) {
    return { quantity: q, margin: index.tradeMargin(t), premium: index.tradePremium[t] };
  }
  return figuresAt(index, index.tradeOffer[t], index.tradeNeed[t], q);
}
