/**
 * `reciprocal-deals/advanced`: the low-level pieces under the main API, for
 * callers who run the search and the pricing themselves over dense integers.
 * They follow the main API's semantics (SPEC.md) but their shapes may change
 * between minor versions; the main entry is the stable surface.
 *
 * - `tradeIndexOf` / `TradeIndex`: the typed-array index of the potential
 *   trades (firms and products as integers in id order, CSR adjacency).
 * - `DealCursor`: the resumable deal search over the index.
 * - `dealId`: the canonical SPEC §4 id of a deal given as trade integers.
 * @packageDocumentation
 */
export { DealCursor, type SearchOptions } from "./search/deal-cursor.js";
export { dealId } from "./search/deal-id.js";
export { TradeIndex, tradeIndexOf } from "./trade-index/trade-index.js";
