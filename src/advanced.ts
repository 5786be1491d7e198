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
 * - Views from a buffer: the index and the search graph as typed arrays over
 *   one buffer plus a small header (`index.layout`, `layoutArrays`,
 *   `TradeIndex.fromArrays`; `graph.layout`, `searchGraphViews`,
 *   `SearchGraph.fromArrays`), to share them with worker threads
 *   (`{shared: true}` lays them out in a SharedArrayBuffer).
 * - `RootRanges`, `rootCosts`, `shardRoots`: the roots of a global search as
 *   units of work, their estimated cost, and a shard's slice of them (pass
 *   `roots` to `DealCursor` to search any slice).
 * - `listedDeals`: the deals of a parsed listing re-derived from a network.
 * @packageDocumentation
 */

export { type ListedDealJson, listedDeals } from "./economics/listed-deals.js";
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
export { rootCosts } from "./search/root-cost.js";
export { RootCursor, RootRanges } from "./search/root-ranges.js";
export {
  SearchGraph,
  type SearchGraphArrays,
  type SearchGraphBuildOptions,
  type SearchGraphHeader,
  type SearchOrder,
  searchGraphArrayNames,
  searchGraphOf,
  searchGraphViews,
} from "./search/search-graph.js";
export { chunksPerShard, shardRoots } from "./search/shard.js";
export type { BuildOptions, BuildProgress } from "./trade-index/build-index.js";
export {
  type IndexArrayName,
  type IndexArrayViews,
  type IndexHeader,
  indexArrayNames,
  layoutArrays,
  layoutBytes,
} from "./trade-index/index-layout.js";
export { type TradeFigures, tradeFiguresAt } from "./trade-index/trade-figures.js";
export { type IndexSource, TradeIndex, tradeIndexOf } from "./trade-index/trade-index.js";
