/**
 * `reciprocal-deals/advanced`: the low-level pieces under the main API, for
 * callers who run the search and the pricing themselves over dense integers.
 * They follow the main API's semantics (SPEC.md) but their shapes may change
 * between minor versions; the main entry is the stable surface.
 *
 * - `tradeIndexOf` / `TradeIndex`: the typed-array index of the potential
 *   trades (firms and products as integers in id order, CSR adjacency).
 * - `DealCursor`: the resumable deal search over the index.
 * - `dealId`: the canonical SPEC §4 id of a deal given as trade integers;
 *   `escapeIdPart`, how a firm id or product is written inside an id; and,
 *   as in the main entry, `formatDealId` and `parseDealId` over strings.
 * - `scoreTrades`: the one pricing path under `scoreDeal` and `checkProposal`,
 *   over trade integers (options resolved by `resolvePricing`).
 * - `tradeFiguresAt`: a trade's margin and premium at a given quantity.
 * @packageDocumentation
 */

export { type ResolvedPricing, resolvePricing } from "./economics/pricing-options.js";
export { type ScoreTradesOptions, scoreTrades } from "./economics/score-trades.js";
export { DealCursor, type SearchOptions } from "./search/deal-cursor.js";
export {
  type DealIdKind,
  type DealIdTrade,
  dealId,
  escapeIdPart,
  formatDealId,
  type ParsedDealId,
  parseDealId,
} from "./search/deal-id.js";
export { type TradeFigures, tradeFiguresAt } from "./trade-index/trade-figures.js";
export { TradeIndex, tradeIndexOf } from "./trade-index/trade-index.js";
